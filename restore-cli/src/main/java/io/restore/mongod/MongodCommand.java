package io.restore.mongod;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything on mongod's command line for a restore session, turned into the exact argv of
 * atlas-snapshot.md ("Command line for a restore session"). No {@code --kmipKeyIdentifier}: mongod
 * reads the key id from its keystore and asks our KMIP server for it.
 *
 * @param port 0 lets mongod pick a free port and announce it in log id 23016 (no port race)
 * @param readOnly adds {@code --queryableBackupMode}
 * @param shard adds {@code --setParameter skipShardingConfigurationChecks=true} (shard or config
 *     server snapshot)
 * @param extraArgs passed through verbatim after ours ({@code --mongod-arg})
 */
public record MongodCommand(
    Path binary,
    Path dbpath,
    int port,
    String bindIp,
    Kmip kmip,
    boolean readOnly,
    boolean shard,
    List<String> extraArgs) {

  /**
   * How mongod reaches our KMIP server.
   *
   * @param clientCertificatePassword only when the client PEM's key is encrypted
   * @param configFile a 0600 mongod config file holding that password ({@link MongodConfigFile}):
   *     then mongod gets {@code --config <file>} instead of {@code --kmipClientCertificatePassword}
   *     on its command line, where every local user could read it
   */
  public record Kmip(
      String serverName,
      int port,
      Path serverCaFile,
      Path clientCertificateFile,
      Optional<String> clientCertificatePassword,
      Optional<Path> configFile) {
    public Kmip(
        String serverName,
        int port,
        Path serverCaFile,
        Path clientCertificateFile,
        Optional<String> clientCertificatePassword) {
      this(
          serverName,
          port,
          serverCaFile,
          clientCertificateFile,
          clientCertificatePassword,
          Optional.empty());
    }

    public Kmip {
      configFile = Objects.requireNonNullElse(configFile, Optional.empty());
      Objects.requireNonNull(serverName, "serverName");
      Objects.requireNonNull(serverCaFile, "serverCaFile");
      Objects.requireNonNull(clientCertificateFile, "clientCertificateFile");
      clientCertificatePassword =
          Objects.requireNonNullElse(clientCertificatePassword, Optional.empty());
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("KMIP port " + port + " is not a TCP port");
      }
    }

    /** Our KMIP server on loopback (the session's usual case). */
    public static Kmip loopback(int port, Path serverCaFile, Path clientCertificateFile) {
      return new Kmip("127.0.0.1", port, serverCaFile, clientCertificateFile, Optional.empty());
    }
  }

  public MongodCommand {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(dbpath, "dbpath");
    Objects.requireNonNull(kmip, "kmip");
    bindIp = bindIp == null || bindIp.isBlank() ? "127.0.0.1" : bindIp;
    extraArgs = List.copyOf(extraArgs == null ? List.of() : extraArgs);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port (0 = any free port)");
    }
  }

  /** The arguments after the binary, in the documented order. */
  public List<String> args() {
    List<String> a = new ArrayList<>();
    a.add("--dbpath");
    a.add(dbpath.toString());
    a.add("--port");
    a.add(Integer.toString(port));
    a.add("--bind_ip");
    a.add(bindIp);
    a.add("--enableEncryption");
    a.add("--kmipServerName");
    a.add(kmip.serverName());
    a.add("--kmipPort");
    a.add(Integer.toString(kmip.port()));
    a.add("--kmipServerCAFile");
    a.add(kmip.serverCaFile().toString());
    a.add("--kmipClientCertificateFile");
    a.add(kmip.clientCertificateFile().toString());
    if (kmip.clientCertificatePassword().isPresent() && kmip.configFile().isPresent()) {
      a.add("--config");
      a.add(kmip.configFile().get().toString());
    } else {
      kmip.clientCertificatePassword()
          .ifPresent(
              p -> {
                a.add("--kmipClientCertificatePassword");
                a.add(p);
              });
    }
    // Keys stay as they are: activating would need a KMIP operation our server does not offer.
    a.add("--kmipActivateKeys");
    a.add("false");
    // A standalone on a replica-set member's files would otherwise keep refreshing sessions.
    a.add("--setParameter");
    a.add("disableLogicalSessionCacheRefresh=true");
    if (shard) {
      a.add("--setParameter");
      a.add("skipShardingConfigurationChecks=true");
    }
    if (readOnly) {
      a.add("--queryableBackupMode");
    }
    // No socket file in /tmp that could outlive a killed session or clash with another mongod.
    a.add("--nounixsocket");
    a.addAll(extraArgs);
    return List.copyOf(a);
  }

  /** Binary plus arguments. */
  public List<String> argv() {
    List<String> all = new ArrayList<>();
    all.add(binary.toString());
    all.addAll(args());
    return List.copyOf(all);
  }

  /** Values that must never appear in logs or messages. */
  public List<String> secrets() {
    return kmip.clientCertificatePassword().map(List::of).orElse(List.of());
  }

  /** The command line for a person, the password masked. */
  public String display() {
    String shown = String.join(" ", argv());
    for (String s : secrets()) {
      shown = shown.replace(s, "<redacted>");
    }
    return shown;
  }
}
