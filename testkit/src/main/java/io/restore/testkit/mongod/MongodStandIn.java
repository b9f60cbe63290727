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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for MongoDB Enterprise {@code mongod}, for tests and demos only: same command line,
 * JSON log lines and exit codes as mongod where {@code restore} looks, fetches its master key over
 * KMIP exactly as mongod does, decrypts a sample snapshot's documents with it and serves them over
 * the wire protocol (mongo-java-server). It cannot read real WiredTiger files.
 */
public final class MongodStandIn {
  // mongod's exit codes (atlas-snapshot.md)
  static final int EXIT_CLEAN = 0;
  static final int EXIT_BAD_OPTIONS = 2;
  static final int EXIT_ABRUPT = 14;
  static final int EXIT_PORT_IN_USE = 48;
  static final int EXIT_VERSION = 62;
  static final int EXIT_UNCAUGHT = 100;

  private final Map<String, String> env;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private StandInLog log;

  MongodStandIn(Map<String, String> env, PrintStream stdout, PrintStream stderr) {
    this.env = env;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    // mongo-java-server logs through slf4j-simple; mongod's own log is the JSON on stdout
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    System.exit(new MongodStandIn(System.getenv(), System.out, System.err).run(args));
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
      return start(options, version, StandInFaults.from(env));
    } catch (IOException e) {
      stderr.println("cannot open --logpath " + options.logpath() + ": " + e.getMessage());
      return EXIT_UNCAUGHT;
    }
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
    installSignalHandlers(faults.ignoreSigterm());

    if (faults.exitOnStart() >= 0) {
      return injectedExit(faults.exitOnStart(), dbpath);
    }
    if (!Files.isDirectory(dbpath)) {
      log.fatal(
          "STORAGE",
          20557,
          "initandlisten",
          "DBException in initAndListen, terminating",
          attr("error", "NonExistentPath: Data directory " + dbpath + " not found."));
      return EXIT_UNCAUGHT;
    }
    Optional<DbPathLock> lock;
    try {
      lock = DbPathLock.tryAcquire(dbpath);
    } catch (IOException e) {
      return lockFailed(dbpath, e.getMessage());
    }
    if (lock.isEmpty()) {
      return lockFailed(dbpath, "Resource temporarily unavailable");
    }
    try (DbPathLock held = lock.get()) {
      return startLocked(options, version, faults, dbpath);
    } catch (RuntimeException e) {
      // mongod aborts on an unexpected error: exit 14
      return fatal(23091, "Fatal assertion", String.valueOf(e));
    } catch (IOException e) {
      log.error(
          "STORAGE",
          22347,
          "initandlisten",
          "Failed to release the lock",
          attr("error", e.getMessage()));
      return EXIT_ABRUPT;
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
        return fatal(
            28595,
            "Terminating.",
            "the data files are encrypted (key.store/ is present): start with --enableEncryption"
                + " and the --kmip* options");
      }
      if (options.enableEncryption()) {
        Optional<String> id = KeyStoreDir.keyId(dbpath);
        if (id.isEmpty()) {
          return fatal(
              24241,
              "Unable to retrieve the master key",
              "no key id in "
                  + dbpath.resolve("key.store")
                  + " (a first start, which creates a"
                  + " key over KMIP, is not supported by the stand-in)");
        }
        keyId = id.get();
        if (options.kmipKeyIdentifier() != null && !options.kmipKeyIdentifier().equals(keyId)) {
          return fatal(
              24241,
              "Unable to retrieve the master key",
              "--kmipKeyIdentifier "
                  + options.kmipKeyIdentifier()
                  + " does not match the key id "
                  + keyId
                  + " of the data files");
        }
        key = fetchKey(options, keyId);
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
      return fatal(28595, "Unable to open the encrypted data files", e.getMessage());
    } catch (Exception e) {
      return fatal(28595, "Terminating.", String.valueOf(e));
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
    if (faults.startupDelayMs() > 0 && awaitStop(faults.startupDelayMs())) {
      return shutDown(null);
    }
    StandInBackend backend =
        new StandInBackend(
            version, keyId, options.queryableBackupMode(), () -> requestStop("shutdown command"));
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
      log.error(
          "NETWORK",
          22856,
          "listener",
          "Error setting up listener",
          attr(
              "error",
              attr("code", 9001, "codeName", "SocketException", "errmsg", rootMessage(e))));
      return EXIT_PORT_IN_USE;
    }
    log.info(
        "NETWORK", 23016, "listener", "Waiting for connections", attr("port", port, "ssl", "off"));
    if (faults.crashAfterSeconds() >= 0) {
      scheduleCrash(faults.crashAfterSeconds());
    }
    awaitStop(Long.MAX_VALUE);
    return shutDown(server);
  }

  private byte[] fetchKey(StandInOptions options, String keyId) {
    if (options.kmipServerNames().isEmpty()
        || options.kmipServerCAFile() == null
        || options.kmipClientCertificateFile() == null) {
      fatal(
          24241,
          "Unable to retrieve the master key",
          "--enableEncryption needs --kmipServerName, --kmipServerCAFile and"
              + " --kmipClientCertificateFile");
      return null;
    }
    MongodKmipClient client =
        new MongodKmipClient(
            new MongodKmipClient.Settings(
                options.kmipServerNames(),
                options.kmipPort(),
                options.kmipServerCAFile(),
                options.kmipClientCertificateFile(),
                options.kmipClientCertificatePassword(),
                options.kmipActivateKeys(),
                options.kmipUseLegacyProtocol(),
                options.kmipConnectTimeoutMs()));
    try {
      return client.fetchKey(
          keyId,
          failure ->
              log.error(
                  "STORAGE",
                  24240,
                  "initandlisten",
                  "Unable to connect to KMIP server",
                  attr("kmipServer", failure.server, "error", failure.getMessage())));
    } catch (Exception e) {
      fatal(24241, "Unable to retrieve the master key from the KMIP server", e.getMessage());
      return null;
    }
  }

  private int injectedExit(int code, Path dbpath) {
    switch (code) {
      case EXIT_PORT_IN_USE ->
          log.error(
              "NETWORK",
              22856,
              "listener",
              "Error setting up listener",
              attr(
                  "error",
                  attr(
                      "code",
                      9001,
                      "codeName",
                      "SocketException",
                      "errmsg",
                      "Address already in use")));
      case EXIT_VERSION ->
          log.fatal(
              "CONTROL",
              20573,
              "initandlisten",
              "Wrong mongod version",
              attr(
                  "error",
                  "UPGRADE PROBLEM: Found an invalid featureCompatibilityVersion document (the data"
                      + " files need a different major version of mongod)"));
      case EXIT_UNCAUGHT ->
          log.fatal(
              "STORAGE",
              20557,
              "initandlisten",
              "DBException in initAndListen, terminating",
              attr(
                  "error",
                  "DBPathInUse: Unable to lock the lock file: " + dbpath.resolve("mongod.lock")));
      default ->
          log.fatal("ASSERT", 23091, "initandlisten", "Fatal assertion", attr("msgid", code));
    }
    return code;
  }

  private int lockFailed(Path dbpath, String why) {
    log.fatal(
        "STORAGE",
        20557,
        "initandlisten",
        "DBException in initAndListen, terminating",
        attr(
            "error",
            "DBPathInUse: Unable to lock the lock file: "
                + dbpath.resolve("mongod.lock")
                + " ("
                + why
                + "). Another mongod instance is already running on the "
                + dbpath
                + " directory"));
    return EXIT_UNCAUGHT;
  }

  private int fatal(int id, String msg, String error) {
    log.fatal("STORAGE", id, "initandlisten", msg, attr("error", error));
    return EXIT_ABRUPT;
  }

  private void installSignalHandlers(boolean ignoreSigterm) {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("TERM"), s -> onSignal(15, "Terminated", ignoreSigterm));
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> onSignal(2, "Interrupt", false));
    } catch (IllegalArgumentException e) {
      // signal not available on this platform: the JVM's default handling remains
    }
  }

  private void onSignal(int number, String name, boolean ignore) {
    log.info(
        "CONTROL",
        23377,
        "SignalHandler",
        "Received signal",
        attr("signal", number, "error", name));
    if (ignore) {
      return; // fault switch STANDIN_IGNORE_SIGTERM
    }
    log.info("CONTROL", 23381, "SignalHandler", "will terminate after current cmd ends", attr());
    requestStop("signal " + number);
  }

  private void requestStop(String reason) {
    if (stopReason.compareAndSet(null, reason)) {
      if (reason.startsWith("shutdown")) {
        log.info(
            "COMMAND", 20541, "conn", "Terminating via shutdown command", attr("force", false));
      }
      stop.countDown();
    }
  }

  private boolean awaitStop(long millis) {
    try {
      return stop.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private int shutDown(MongoServer server) {
    log.info(
        "CONTROL",
        4784900,
        "initandlisten",
        "Stepping down the ReplicationCoordinator for shutdown",
        attr());
    if (server != null) {
      server.shutdownNow();
      log.info(
          "NETWORK",
          4784923,
          "initandlisten",
          "Shutting down the ASIO transport SessionManager",
          attr());
    }
    log.info("STORAGE", 4784929, "initandlisten", "Acquiring the global lock for shutdown", attr());
    log.info("CONTROL", 23138, "initandlisten", "Shutting down", attr("exitCode", EXIT_CLEAN));
    return EXIT_CLEAN;
  }

  private void scheduleCrash(double seconds) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep((long) (seconds * 1000));
              } catch (InterruptedException e) {
                return;
              }
              log.fatal(
                  "CONTROL",
                  23089,
                  "standin-crash",
                  "Fatal assertion",
                  attr("msgid", 0, "note", "STANDIN_CRASH_AFTER_SECONDS"));
              Runtime.getRuntime().halt(EXIT_ABRUPT); // like a crash: no cleanup, lock file kept
            },
            "standin-crash");
    t.setDaemon(true);
    t.start();
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
