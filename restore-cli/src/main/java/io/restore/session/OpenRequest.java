package io.restore.session;

import io.restore.kms.KeySourceFlags;
import io.restore.tls.PkiOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code restore open} (and {@code restore dump <dbpath>}) was asked to do.
 *
 * @param certDir where the client certificate files go; empty = the private session folder
 */
public record OpenRequest(
    Path dbpath,
    KeySourceFlags keys,
    PkiOptions pki,
    Optional<char[]> clientKeyPassword,
    Optional<Path> certDir,
    boolean keepCerts,
    MongodPlan mongod) {
  public OpenRequest {
    Objects.requireNonNull(dbpath, "dbpath");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(pki, "pki");
    Objects.requireNonNull(mongod, "mongod");
  }

  /**
   * How to run mongod (docs/design/atlas-snapshot.md, "Command line for a restore session").
   *
   * @param binaryFlag {@code --mongod}; else {@code $RESTORE_MONGOD}, else PATH
   * @param port 0 = any free port, read back from log id 23016
   */
  public record MongodPlan(
      Optional<Path> binaryFlag,
      int port,
      String bindIp,
      boolean readOnly,
      boolean shard,
      List<String> extraArgs,
      Duration startupTimeout) {
    public MongodPlan {
      extraArgs = List.copyOf(extraArgs);
    }
  }
}
