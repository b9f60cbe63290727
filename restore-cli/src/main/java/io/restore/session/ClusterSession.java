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
import io.restore.kms.KeyPlan;
import io.restore.kms.KeySources;
import io.restore.mongod.MongodBinary;
import io.restore.mongod.MongodProcess;
import io.restore.mongod.MongodVersion;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.session.SessionRegistry;
import io.restore.snapshot.Snapshot;
import io.restore.tls.SessionPki;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code restore open|dump SOURCE…} for a sharded cluster's snapshot set: the flow of {@link
 * RestoreSession} for N components (docs/design/sharding.md, "One session for a cluster"). Each
 * resource of the try-with-resources is one step for every component; closing them in reverse order
 * is the teardown: every mongod's shutdown ladder (in parallel), then the one KMIP server, the
 * certificate files, the session folder, the keys (zeroed), the claims on the dbpaths.
 */
public final class ClusterSession {
  private static final String CLIENT_OPTIONS =
      "directConnection=true&serverSelectionTimeoutMS=10000&connectTimeoutMS=5000";

  private final SessionContext context;
  private final SessionRegistry registry;
  private final Map<String, String> env;
  private final SessionOutput output;
  private final SessionSteps steps;
  private final Optional<java.util.function.Consumer<ClusterReady>> onReady;

  /**
   * @param onReady called once every component is ready and identified ({@code open --json} prints
   *     its object); without one, the components' lines are printed on stdout
   */
  public ClusterSession(
      SessionContext context,
      SessionOutput output,
      Optional<java.util.function.Consumer<ClusterReady>> onReady) {
    this.context = context;
    this.registry = context.registry();
    this.env = context.environment();
    this.output = output;
    this.steps = new SessionSteps(context, output);
    this.onReady = onReady;
  }

  /** Runs the session and returns restore's exit code. */
  public int open(ClusterRequest r, ClusterJob job) {
    try (StopSignals signals = context.signals().get()) {
      return open(r, job, signals);
    }
  }

  int open(ClusterRequest r, ClusterJob job, StopSignals signals) {
    // 1. Every component's snapshot: key id, provider, metadata (fails before anything starts).
    List<Component> components = plan(r);
    if (job instanceof ClusterJob.Dump dump) {
      dump.dump().preflight();
    }
    // 2. One usable mongod binary (Enterprise), probed once, before any KMS call.
    OpenRequest shared = r.shared();
    MongodBinary binary = MongodBinary.find(shared.mongod().binaryFlag(), env);
    MongodVersion version = steps.probe(binary, signals);
    output.facts().mongodVersion(version.version());
    output.status("mongod " + version.version() + " (Enterprise) at " + binary.path());
    version.tooOldWarning().ifPresent(w -> output.status("warning: " + w));
    ShutdownPolicy shutdown = steps.shutdownPolicy();
    int parallel =
        MongodBudget.parallel(
            r.maxParallelMongods(),
            components.stream().map(c -> MongodBudget.sizeOnDisk(c.dbpath())).toList(),
            MongodBudget.availableMemory());
    try (ComponentClaims claims = ComponentClaims.claim(registry, components);
        ComponentKeys keys = decrypt(components, signals);
        SessionPki pki = SessionPki.create(shared.pki());
        SessionDirectory dir = SessionDirectory.create(env);
        WrittenCerts certs =
            WrittenCerts.write(
                pki,
                shared.certDir().orElse(dir.path()),
                shared.clientKeyPassword(),
                shared.keepCerts());
        ServedKey kmip =
            ServedKey.start(
                keys.byKeyId(),
                pki.serverContext(),
                InetAddress.getLoopbackAddress(),
                0,
                "--kmip-port")) {
      // 3. One KMIP server serves every component's key; each mongod asks for its own.
      output.facts().kmipPort(kmip.endpoint().port());
      output.facts().sessionId(dir.path().getFileName().toString());
      output.status(
          "KMIP server on "
              + kmip.endpoint().host()
              + ":"
              + kmip.endpoint().port()
              + " serving "
              + keys.byKeyId().size()
              + " keys");
      SessionSteps.checkNotStopped(signals);
      // 4. One mongod per component, `parallel` starting at a time; Ctrl-C stops them all.
      output.status("starting " + components.size() + " mongods, " + parallel + " at a time");
      // A shard's or config server's files start as a standalone only without the sharding
      // checks (docs/design/atlas-snapshot.md, --shard).
      OpenRequest.MongodPlan plan = shardPlan(shared.mongod());
      try (ComponentMongods mongods =
          ComponentMongods.start(
              components,
              parallel,
              c ->
                  new SessionSteps.Launch(
                      plan,
                      binary,
                      shutdown,
                      dir,
                      certs,
                      kmip,
                      shared.clientKeyPassword(),
                      "mongod for " + c.shown(),
                      "mongod-" + (c.index() + 1) + ".log"),
              claims,
              steps,
              signals)) {
        // 5. Which component is which, from what the running mongods say.
        ClusterReady ready = identify(components, mongods, kmip, dir, version.version(), signals);
        // 6. The job; the teardown (try-with-resources) then stops every mongod.
        return runJob(job, ready, mongods, dir, kmip, signals);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SessionSteps.interrupted("the session was interrupted");
    }
  }

  private static OpenRequest.MongodPlan shardPlan(OpenRequest.MongodPlan p) {
    return new OpenRequest.MongodPlan(
        p.binaryFlag(),
        p.port(),
        p.bindIp(),
        p.readOnly(),
        true,
        p.extraArgs(),
        p.startupTimeout());
  }

  /** One component of the set as the session knows it before it runs. */
  record Component(int index, String shown, Path dbpath, KeyPlan keys) {}

  /**
   * Reads every snapshot and settles its key settings; refuses the same dbpath given twice and a
   * fixed mongod port (N mongods cannot share one).
   */
  private List<Component> plan(ClusterRequest r) {
    if (r.shared().mongod().port() != 0) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--mongod-port " + r.shared().mongod().port() + " cannot be used with several sources",
          "leave it out: each component's mongod gets a free port, printed when it is ready");
    }
    List<Component> out = new ArrayList<>();
    Map<Path, String> seen = new HashMap<>();
    for (ClusterRequest.Source s : r.components()) {
      Path canonical = SessionRegistry.canonical(s.dbpath());
      String before = seen.putIfAbsent(canonical, s.shown());
      if (before != null) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "the same snapshot is given twice: " + before + " and " + s.shown(),
            "give one snapshot per component of the cluster: the config server and every shard");
      }
      KeyPlan plan;
      try {
        plan = KeySources.plan(s.dbpath(), r.shared().keys());
      } catch (RestoreException e) {
        throw naming(s.shown(), e);
      }
      Snapshot snapshot = plan.snapshot();
      plan.warnings().forEach(w -> output.status("warning: " + s.shown() + ": " + w));
      out.add(new Component(out.size(), s.shown(), snapshot.dbpath(), plan));
    }
    output.status(out.size() + " snapshots read");
    return out;
  }

  /** Every component's master key, each with its own metadata and credentials. */
  private ComponentKeys decrypt(List<Component> components, StopSignals signals) {
    ComponentKeys keys = new ComponentKeys();
    try {
      for (Component c : components) {
        try {
          keys.add(c, steps.decrypt(c.keys(), signals));
        } catch (RestoreException e) {
          throw e.exitCode() == ExitCode.INTERRUPTED ? e : naming(c.shown(), e);
        }
      }
      return keys;
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    }
  }

  /** The same error, saying which component it is about. */
  static RestoreException naming(String shown, RestoreException e) {
    return new RestoreException(
        e.exitCode(), "component " + shown + ": " + e.getMessage(), e.nextStep(), e);
  }

  /**
   * Asks each running mongod for its replica set and (config server) its shards, then matches them
   * (ComponentIdentifier); an incomplete or mixed set is refused here, before any job runs.
   */
  private ClusterReady identify(
      List<Component> components,
      ComponentMongods mongods,
      ServedKey kmip,
      SessionDirectory dir,
      String mongodVersion,
      StopSignals signals) {
    List<ComponentSnapshot> snapshots = new ArrayList<>();
    Map<ComponentSnapshot, Component> byComponent = new IdentityHashMap<>();
    Map<String, Optional<java.time.Instant>> times = new java.util.LinkedHashMap<>();
    for (Component c : components) {
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
      Map<ComponentSnapshot, Component> byComponent,
      ComponentMongods mongods) {
    Component c = byComponent.get(s);
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

  /** Step 6: wait, run the command, or dump the cluster. */
  private int runJob(
      ClusterJob job,
      ClusterReady ready,
      ComponentMongods mongods,
      SessionDirectory dir,
      ServedKey kmip,
      StopSignals signals)
      throws InterruptedException {
    onReady.ifPresent(l -> l.accept(ready));
    if (job instanceof ClusterJob.Wait) {
      signals.onStop(() -> {});
      if (onReady.isEmpty()) {
        printLines(ready);
      }
      output.status("press Ctrl-C to stop every mongod and the KMIP server");
      CompletableFuture.anyOf(signals.requested(), mongods.anyExit()).join();
      if (signals.isRequested()) {
        output.status(signals.reason().orElse("stop") + " received: tearing down");
        return ExitCode.OK.value();
      }
      mongods.failIfAnyDied(signals);
      return ExitCode.OK.value();
    }
    if (job instanceof ClusterJob.Exec exec) {
      Map<String, String> environment = new HashMap<>(env);
      environment.putAll(ready.uriVariables());
      if (!ready.clashingShards().isEmpty()) {
        output.warning(
            "shards "
                + String.join(", ", ready.clashingShards())
                + " give the same variable name: read their URIs from $"
                + ClusterReady.COMPONENTS_ENV);
      }
      environment.put(ClusterReady.COMPONENTS_ENV, componentsFile(dir, ready).toString());
      environment.put("RESTORE_KMIP_PORT", Integer.toString(kmip.endpoint().port()));
      int code =
          new ExecJob(exec.command(), environment, output, context.launcher())
              .run(mongods.all(), signals);
      mongods.failIfAnyDied(signals);
      return signals.isRequested() ? ExitCode.INTERRUPTED.value() : code;
    }
    ClusterJob.DumpJob dump = ((ClusterJob.Dump) job).dump();
    // Ctrl-C mid-dump, or any mongod exiting under it: cancel at once (RestoreSession's rule).
    signals.onStop(dump::cancel);
    mongods.anyExit().thenRun(dump::cancel);
    try {
      int code = dump.run(ready.configServerUri(), ready.shardUris());
      mongods.failIfAnyDied(signals);
      return code;
    } catch (RestoreException e) {
      if (signals.isRequested()) {
        throw SessionSteps.interrupted(
            "the dump was interrupted (" + signals.reason().orElse("stop") + ")");
      }
      mongods.failIfAnyDied(signals);
      throw e;
    }
  }

  /** Without --json: one line per component on stdout, "<config|shard id> <uri>". */
  private void printLines(ClusterReady ready) {
    for (ClusterReady.Component c : ready.components()) {
      output.result(c.name() + " " + c.uri());
    }
  }

  /** The JSON object of {@code open --json}, as a 0600 file in the session folder (for --exec). */
  private static Path componentsFile(SessionDirectory dir, ClusterReady ready) {
    Path file = dir.resolve("components.json");
    try {
      Files.writeString(
          file,
          ready.json() + "\n",
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write the components file " + file + ": " + e.getMessage(),
          "free space in that folder, or set XDG_RUNTIME_DIR / TMPDIR to another one",
          e);
    }
  }
}
