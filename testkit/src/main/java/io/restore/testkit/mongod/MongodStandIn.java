package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.StandInLog.attr;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for MongoDB Enterprise {@code mongod}, for tests and demos only: same command line,
 * JSON log lines and exit codes as mongod where {@code restore} looks, fetches its master key over
 * KMIP exactly as mongod does, decrypts a sample snapshot's documents with it and serves them over
 * the wire protocol (mongo-java-server). It cannot read real WiredTiger files.
 */
public final class MongodStandIn {
  // mongod's exit codes (docs/design/atlas-snapshot.md)
  static final int EXIT_CLEAN = 0;
  static final int EXIT_BAD_OPTIONS = 2;
  static final int EXIT_ABRUPT = 14;
  static final int EXIT_PORT_IN_USE = 48;
  static final int EXIT_VERSION = 62;
  static final int EXIT_UNCAUGHT = 100;

  private final Map<String, String> env;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final StandInHost host;
  private StandInLog log;
  private volatile StandInShutdown shutdown;
  private volatile boolean abandoned;
  private StandInStartupErrors errors;

  MongodStandIn(Map<String, String> env, PrintStream stdout, PrintStream stderr, StandInHost host) {
    this.env = env;
    this.stdout = stdout;
    this.stderr = stderr;
    this.host = host;
  }

  public static void main(String[] args) {
    // mongo-java-server logs through slf4j-simple; mongod's own log is the JSON on stdout
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    System.exit(
        new MongodStandIn(System.getenv(), System.out, System.err, StandInHost.CHILD_PROCESS)
            .run(args));
  }

  /** Runs until shut down; returns mongod's exit code. */
  int run(String[] args) {
    StandInVersion version = StandInVersion.from(env);
    StandInOptions options;
    try {
      options = StandInOptions.parse(args, version.community());
    } catch (StandInOptions.UsageError e) {
      stderr.println(e.getMessage());
      stderr.println("try 'mongod --help' for more information");
      return EXIT_BAD_OPTIONS;
    }
    if (options.version()) {
      stdout.print(version.versionText());
      stdout.flush();
      return EXIT_CLEAN;
    }
    if (options.help()) {
      stdout.println(
          "mongod stand-in (testkit, not MongoDB). Options: --dbpath --port --bind_ip"
              + " --enableEncryption --kmip* --queryableBackupMode --setParameter --logpath"
              + " --nounixsocket --unixSocketPrefix --version");
      return EXIT_CLEAN;
    }
    try (PrintStream logOut = logStream(options)) {
      log = new StandInLog(logOut, Clock.systemUTC());
      shutdown = new StandInShutdown(log, host);
      if (abandoned) {
        shutdown.requestStop("halted");
      }
      errors = new StandInStartupErrors(log);
      return start(options, version, StandInFaults.from(env));
    } catch (IOException e) {
      stderr.println("cannot open --logpath " + options.logpath() + ": " + e.getMessage());
      return EXIT_UNCAUGHT;
    }
  }

  /**
   * A signal as the OS would deliver it (in-JVM only: a child gets real ones). Before the handlers
   * are in place the default action applies: the process ends at once (128 + the signal's number).
   */
  void signal(int number, String name) {
    StandInShutdown s = shutdown;
    if (s == null || !s.handlersInstalled()) {
      host.halt(128 + number);
      return;
    }
    s.onSignal(number, name);
  }

  /** After a halt in-JVM: wake the main thread so it closes the server and the dbpath lock. */
  void abandon() {
    abandoned = true;
    StandInShutdown s = shutdown;
    if (s != null) {
      s.requestStop("halted");
    }
  }

  /** The crash fault, now (in-JVM tests trigger it instead of waiting for a timer). */
  void crash() {
    StandInShutdown s = shutdown;
    if (s == null) {
      host.halt(EXIT_ABRUPT);
      return;
    }
    s.crash();
  }

  private PrintStream logStream(StandInOptions options) throws IOException {
    if (options.logpath() == null) {
      return new PrintStream(stdout, true, StandardCharsets.UTF_8) {
        @Override
        public void close() {
          flush(); // stdout stays open
        }
      };
    }
    return new PrintStream(
        new FileOutputStream(options.logpath().toFile(), true), true, StandardCharsets.UTF_8);
  }

  private int start(StandInOptions options, StandInVersion version, StandInFaults faults) {
    Path dbpath = options.dbpath().toAbsolutePath();
    // Before the first log line: a SIGTERM that follows any logged line is then always handled
    // (a test that waits for a line and signals must not race the handler's installation).
    shutdown.installSignalHandlers(faults.ignoreSigterm());
    log.info(
        "CONTROL",
        4615611,
        "initandlisten",
        "MongoDB starting",
        attr(
            "pid",
            ProcessHandle.current().pid(),
            "port",
            options.port(),
            "dbPath",
            dbpath.toString(),
            "architecture",
            "64-bit",
            "host",
            hostName()));
    log.info(
        "CONTROL", 23403, "initandlisten", "Build Info", attr("buildInfo", version.buildInfo()));
    log.info(
        "CONTROL",
        21951,
        "initandlisten",
        "Options set by command line",
        attr("options", options.forLog()));

    if (faults.exitOnStart() >= 0) {
      return errors.injectedExit(faults.exitOnStart(), dbpath);
    }
    if (!Files.isDirectory(dbpath)) {
      return errors.missingDbPath(dbpath);
    }
    Optional<DbPathLock> lock;
    try {
      lock = DbPathLock.tryAcquire(dbpath);
    } catch (IOException e) {
      return errors.lockFailed(dbpath, e.getMessage());
    }
    if (lock.isEmpty()) {
      return errors.lockFailed(dbpath, "Resource temporarily unavailable");
    }
    try (DbPathLock held = lock.get()) {
      return startLocked(options, version, faults, dbpath);
    } catch (RuntimeException e) {
      // mongod aborts on an unexpected error: exit 14
      return errors.fatal(23091, "Fatal assertion", String.valueOf(e));
    } catch (IOException e) {
      return errors.lockReleaseFailed(e.getMessage());
    }
  }

  private int startLocked(
      StandInOptions options, StandInVersion version, StandInFaults faults, Path dbpath) {
    boolean encrypted = KeyStoreDir.present(dbpath) || StandInData.present(dbpath);
    String keyId = null;
    byte[] key = null;
    StandInData.Dataset data = null;
    try {
      if (encrypted && !options.enableEncryption()) {
        return errors.fatal(
            28595,
            "Terminating.",
            "the data files are encrypted (key.store/ is present): start with --enableEncryption"
                + " and the --kmip* options");
      }
      if (options.enableEncryption()) {
        Optional<String> id = KeyStoreDir.keyId(dbpath);
        if (id.isEmpty()) {
          return errors.fatal(
              24241,
              "Unable to retrieve the master key",
              "no key id in "
                  + dbpath.resolve("key.store")
                  + " (a first start, which creates a"
                  + " key over KMIP, is not supported by the stand-in)");
        }
        keyId = id.get();
        if (options.kmipKeyIdentifier() != null && !options.kmipKeyIdentifier().equals(keyId)) {
          return errors.fatal(
              24241,
              "Unable to retrieve the master key",
              "--kmipKeyIdentifier "
                  + options.kmipKeyIdentifier()
                  + " does not match the key id "
                  + keyId
                  + " of the data files");
        }
        key = StandInKeyFetch.fetch(options, keyId, log, errors);
        if (key == null) {
          return EXIT_ABRUPT;
        }
        log.info(
            "STORAGE",
            24199,
            "initandlisten",
            "Retrieved the master key from the KMIP server",
            attr("keyId", keyId));
      }
      if (StandInData.present(dbpath)) {
        data = StandInData.read(dbpath, key);
      }
    } catch (StandInData.WrongKeyException e) {
      return errors.fatal(28595, "Unable to open the encrypted data files", e.getMessage());
    } catch (Exception e) {
      return errors.fatal(28595, "Terminating.", String.valueOf(e));
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
    if (data != null && data.replicaSet() != null) {
      // mongod log id 20547: a replica-set member's files started as a standalone
      log.warning(
          "REPL",
          20547,
          "initandlisten",
          "Document(s) exist in 'system.replset', but started without --replSet. Database contents"
              + " may appear inconsistent with the writes that were visible when this node was"
              + " running as part of a replica set. Restart with --replSet unless you are doing"
              + " maintenance and no other clients are connected. The TTL collection monitor will"
              + " not start because of this. For more info see"
              + " http://dochub.mongodb.org/core/ttlcollections",
          attr());
    }
    if (faults.startupDelayMs() > 0 && shutdown.awaitStop(faults.startupDelayMs())) {
      return shutdown.shutDown(null);
    }
    StandInBackend backend =
        new StandInBackend(
            version,
            keyId,
            options.queryableBackupMode(),
            () -> shutdown.onShutdownCommand(faults.ignoreShutdownCommand()),
            // a delayed reply ends early when the stand-in is asked to stop, as mongod's would
            () -> shutdown.awaitStop(faults.findDelayMs()));
    backend.version(ServerVersion.MONGO_5_0);
    if (data != null) {
      backend.load(data);
    }
    MongoServer server = new MongoServer(backend);
    int port;
    try {
      server.bind(options.bindIp(), options.port());
      port = server.getLocalAddress().getPort();
    } catch (Exception e) { // netty rethrows java.net.BindException unchecked (sneaky throw)
      return errors.portInUse(rootMessage(e));
    }
    log.info(
        "NETWORK", 23016, "listener", "Waiting for connections", attr("port", port, "ssl", "off"));
    if (faults.crashAfterSeconds() >= 0) {
      shutdown.scheduleCrash(faults.crashAfterSeconds());
    }
    shutdown.awaitStop(Long.MAX_VALUE);
    return shutdown.shutDown(server);
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return String.valueOf(e.getMessage());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
