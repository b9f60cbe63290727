package io.restore.cluster.dump;

import io.restore.kms.MasterKey;
import io.restore.session.ServedKey;
import io.restore.testkit.mongod.StandInRun;
import io.restore.testkit.sample.ShardedSnapshots;
import io.restore.tls.ClientFiles;
import io.restore.tls.PkiOptions;
import io.restore.tls.SessionPki;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sharded snapshot set opened for tests: per component, a KMIP server of restore's serving its
 * master key and the mongod stand-in (in this JVM) on its dbpath, fetching the key over KMIP as
 * mongod does. What a multi-source session gives the cluster dump, without the CLI.
 */
final class StandInCluster implements AutoCloseable {
  final ShardedSnapshots snapshots;
  private final SessionPki pki = SessionPki.create(PkiOptions.defaults());
  private final List<ServedKey> keys = new ArrayList<>();
  private final List<StandInRun> mongods = new ArrayList<>();
  private final Map<String, String> uris = new LinkedHashMap<>();

  StandInCluster(ShardedSnapshots snapshots, Path certs) throws Exception {
    this.snapshots = snapshots;
    try {
      ClientFiles files = pki.writeClientFiles(certs, Optional.empty());
      for (ShardedSnapshots.Component c : snapshots.components().values()) {
        byte[] key = c.masterKey();
        ServedKey served =
            ServedKey.start(
                c.keyId(),
                MasterKey.takeFrom(key),
                pki.serverContext(),
                InetAddress.getLoopbackAddress(),
                0,
                "--kmip-port");
        keys.add(served);
        mongods.add(
            StandInRun.inThisJvm(
                Map.of(),
                "--dbpath",
                c.dbpath().toString(),
                "--port",
                "0",
                "--bind_ip",
                "127.0.0.1",
                "--enableEncryption",
                "--kmipServerName",
                "127.0.0.1",
                "--kmipPort",
                Integer.toString(served.endpoint().port()),
                "--kmipServerCAFile",
                files.caFile().toString(),
                "--kmipClientCertificateFile",
                files.clientFile().toString(),
                "--kmipActivateKeys",
                "false",
                "--queryableBackupMode"));
      }
      int i = 0;
      for (ShardedSnapshots.Component c : snapshots.components().values()) {
        uris.put(
            c.name(),
            "mongodb://127.0.0.1:"
                + mongods.get(i++).port()
                + "/?serverSelectionTimeoutMS=5000&connectTimeoutMS=5000");
      }
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  ClusterConnections connections() {
    Map<String, String> shards = new LinkedHashMap<>(uris);
    String config = shards.remove(ShardedSnapshots.CONFIG);
    return new ClusterConnections(config, shards);
  }

  String uri(String component) {
    return uris.get(component);
  }

  @Override
  public void close() {
    mongods.forEach(StandInRun::close);
    keys.forEach(ServedKey::close);
    pki.close();
  }
}
