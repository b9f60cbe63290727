package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.session.ProxyRequest;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore proxy}: a drop-in for Atlas's kmipProxyStandalone. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a snapshot's master key over KMIP for a mongod you start yourself.",
      "Reads the snapshot, decrypts its master key, writes kmipCA.pem and kmipClient.pem, starts a"
          + " KMIP server and prints the mongod command line; stops on Ctrl-C or SIGTERM and"
          + " removes the certificate files.",
      "Atlas kmipProxyStandalone's flags (-dbpath, -cloudProvider, -kmipPort, -mongodPort,"
          + " -awsAccessKey, -awsSecretAccessKey, -awsSessionToken, -awsRegion) are accepted."
    })
final class ProxyCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  ProxyCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(
      paramLabel = "<dbpath>",
      arity = "0..*",
      description = SourceOptions.SOURCE_HELP + " (or -dbpath); one replica set's snapshot")
  List<String> dbpathArgs = new ArrayList<>();

  @Option(names = "-dbpath", paramLabel = "<dbpath>", hidden = true)
  String dbpathAlias;

  @Option(
      names = {"--kmip-port", "-kmipPort"},
      paramLabel = "<port>",
      defaultValue = "0",
      converter = OptionValues.Port.class,
      description = "KMIP port (default: 0, any free port; the bound port is printed)")
  int kmipPort;

  @Option(
      names = "--bind-ip",
      paramLabel = "<address>",
      defaultValue = "127.0.0.1",
      description =
          "address the KMIP server listens on (default: ${DEFAULT-VALUE}; others need"
              + " --allow-remote)")
  String bind;

  /** The old spelling of --bind-ip (hidden; a field of its own, see MongodOptions#portAlias). */
  @Option(names = "--bind", paramLabel = "<address>", hidden = true)
  String bindAlias;

  @Option(
      names = "--allow-remote",
      description =
          "allow --bind-ip to a non-loopback address (the key is then reachable remotely)")
  boolean allowRemote;

  @Option(
      names = "--cert-dir",
      paramLabel = "<dir>",
      description =
          "where kmipCA.pem and kmipClient.pem are written (default: the dbpath, like Atlas's"
              + " tool; choose another folder to keep the snapshot untouched)")
  Path certDir;

  @Option(names = "--keep-certs", description = "keep the certificate files after stopping")
  boolean keepCerts;

  @Option(
      names = "--mongod-port",
      paramLabel = "<port>",
      defaultValue = "27017",
      converter = OptionValues.Port.class,
      description = "port shown in the printed mongod command line (default: ${DEFAULT-VALUE})")
  int mongodPort;

  /** Atlas's spelling of --mongod-port (hidden). */
  @Option(
      names = "-mongodPort",
      paramLabel = "<port>",
      converter = OptionValues.Port.class,
      hidden = true)
  Integer mongodPortAlias;

  @Mixin KeySourceOptions keys;
  @Mixin PkiOptionsMixin pki;
  @Mixin SourceOptions sources;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    String source = dbpath();
    InetAddress address = bindAddress();
    try (OpenedSource snapshot =
        sources.open(source, Sources.Need.SNAPSHOT, spec, wiring.environment())) {
      return run(snapshot.dbpath(), address);
    }
  }

  private Integer run(Path dbpath, InetAddress address) {
    ProxyRequest request =
        new ProxyRequest(
            dbpath,
            keys.toFlags(wiring.environment()),
            pki.toOptions(),
            pki.clientKeyPassword(),
            Optional.ofNullable(certDir),
            keepCerts,
            address,
            kmipPort,
            mongodPortAlias != null ? mongodPortAlias : mongodPort);
    output.sessionLog(wiring.stateDir());
    return wiring.proxySession(spec.commandLine().getOut(), output.console()).run(request);
  }

  private String dbpath() {
    if (dbpathArgs.size() > 1) {
      // One KMIP server for every component is what 'open' does, with the mongods it starts.
      throw new RestoreException(
          ExitCode.USAGE,
          "restore proxy serves one replica set's snapshot, and "
              + dbpathArgs.size()
              + " sources were given",
          "for a sharded cluster run 'restore open SOURCE…' (one KMIP server serving every"
              + " component's key, one mongod per component), or one 'restore proxy' per"
              + " component, each with its own --kmip-port");
    }
    String dbpathArg = dbpathArgs.isEmpty() ? null : dbpathArgs.get(0);
    if (dbpathArg != null && dbpathAlias != null && !dbpathArg.equals(dbpathAlias)) {
      throw new RestoreException(
          ExitCode.USAGE,
          "two different dbpaths were given: " + dbpathArg + " and -dbpath " + dbpathAlias,
          "give the snapshot folder once");
    }
    String p = dbpathArg != null ? dbpathArg : dbpathAlias;
    if (p == null) {
      throw new RestoreException(
          ExitCode.USAGE,
          "no snapshot folder given",
          "run 'restore proxy <dbpath>' with the extracted snapshot folder");
    }
    return p;
  }

  private InetAddress bindAddress() {
    String bind = bindAlias != null ? bindAlias : this.bind;
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--bind-ip " + bind + " is not an address of this machine",
          "use an IP address such as 127.0.0.1",
          e);
    }
    if (!address.isLoopbackAddress()) {
      if (!allowRemote) {
        throw new RestoreException(
            ExitCode.USAGE,
            "--bind-ip " + bind + " would make the master key reachable from other machines",
            "add --allow-remote if that is what you want, or keep the default 127.0.0.1");
      }
      output
          .console()
          .warn(
              "the KMIP server listens on "
                  + bind
                  + "; anyone with the client certificate can fetch the master key");
    }
    return address;
  }
}
