package io.restore.session;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.cluster.ClusterComponents;
import io.restore.cluster.ComponentIdentifier;
import io.restore.cluster.ComponentProbe;
import io.restore.cluster.ComponentSnapshot;
import io.restore.cluster.SnapshotTimes;
import io.restore.mongod.MongodProcess;
import io.restore.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identification in {@link ClusterSession}: which component is which, from what the running mongods
 * say (docs/design/sharding.md, "Which snapshot is which"). Names the components from Atlas or the
 * command line are for messages only.
 */
final class ClusterIdentification {
  private static final String CLIENT_OPTIONS =
      "directConnection=true&serverSelectionTimeoutMS=10000&connectTimeoutMS=5000";

  private ClusterIdentification() {}

  /**
   * Asks each running mongod for its replica set and (config server) its shards, then matches them
   * (ComponentIdentifier); an incomplete or mixed set is refused here, before any job runs.
   */
  static ClusterReady identify(
      List<ClusterComponent> components,
      ComponentMongods mongods,
      ServedKey kmip,
      SessionDirectory dir,
      String mongodVersion,
      StopSignals signals,
      SessionOutput output) {
    List<ComponentSnapshot> snapshots = new ArrayList<>();
    Map<ComponentSnapshot, ClusterComponent> byComponent = new IdentityHashMap<>();
    Map<String, Optional<java.time.Instant>> times = new java.util.LinkedHashMap<>();
    for (ClusterComponent c : components) {
      SessionSteps.checkNotStopped(signals);
      MongodProcess m = mongods.get(c.index());
      ComponentSnapshot s;
      try (MongoClient client = MongoClients.create(m.uri() + "&" + CLIENT_OPTIONS)) {
        s = ComponentProbe.read(c.shown(), client);
        times.put(c.shown(), SnapshotTimes.newestOplogEntry(client));
      } catch (RestoreException e) {
        throw e;
      } catch (RuntimeException e) {
        SessionSteps.checkNotStopped(signals);
        throw new RestoreException(
            ExitCode.MONGOD_FAILED,
            "cannot read the replica set name from the mongod for "
                + c.shown()
                + " ("
                + io.restore.UserText.cap(String.valueOf(e.getMessage()))
                + ")",
            "see its log in the lines above; run again, or open that snapshot on its own",
            e);
      }
      snapshots.add(s);
      byComponent.put(s, c);
    }
    ClusterComponents set = ComponentIdentifier.identify(snapshots);
    SnapshotTimes.check(times);
    List<ClusterReady.Component> ready = new ArrayList<>();
    ready.add(running(Optional.empty(), set.configServer(), byComponent, mongods));
    for (Map.Entry<String, ComponentSnapshot> e : orderedShards(set)) {
      ready.add(running(Optional.of(e.getKey()), e.getValue(), byComponent, mongods));
    }
    ready.forEach(
        c ->
            output.status(
                (c.shard().isEmpty() ? "config server" : "shard " + c.shard().get())
                    + " (replica set "
                    + c.replicaSet()
                    + "): "
                    + c.source()));
    return new ClusterReady(
        ready, kmip.endpoint().port(), dir.path().getFileName().toString(), mongodVersion);
  }

  /** The shards in the config server's config.shards order. */
  private static List<Map.Entry<String, ComponentSnapshot>> orderedShards(ClusterComponents set) {
    List<Map.Entry<String, ComponentSnapshot>> out = new ArrayList<>();
    for (io.restore.cluster.Shard s : set.configServer().listedShards()) {
      ComponentSnapshot c = set.shards().get(s.id());
      if (c != null) {
        out.add(Map.entry(s.id(), c));
      }
    }
    return out;
  }

  private static ClusterReady.Component running(
      Optional<String> shard,
      ComponentSnapshot s,
      Map<ComponentSnapshot, ClusterComponent> byComponent,
      ComponentMongods mongods) {
    ClusterComponent c = byComponent.get(s);
    MongodProcess m = mongods.get(c.index());
    Snapshot snapshot = c.keys().snapshot();
    return new ClusterReady.Component(
        shard,
        s.replicaSet(),
        c.shown(),
        snapshot.dbpath(),
        snapshot.keyId(),
        snapshot.provider().id(),
        m.uri(),
        m.port().orElseThrow(),
        m.pid());
  }
}
