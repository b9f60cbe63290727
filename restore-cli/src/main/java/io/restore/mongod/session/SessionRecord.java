package io.restore.mongod.session;

import io.restore.mongod.ProcessIdentity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * One live restore session as written to the per-user state directory (reliability.md row 11):
 * enough to find its mongod again after restore was killed, and to tell a reused pid from it.
 *
 * @param mongod the session's mongod; for a {@link Kind#PROXY} session, which starts no mongod, the
 *     proxy's own process (what keeps the session alive and what {@code restore stop} ends)
 * @param mongodPort empty until mongod announced it (log id 23016); always empty for a proxy
 * @param kmipPort 0 when not known
 * @param sessionDir the session folder; for a proxy, its certificate folder
 */
public record SessionRecord(
    Path dbpath,
    ProcessIdentity mongod,
    OptionalInt mongodPort,
    int kmipPort,
    Path sessionDir,
    ProcessIdentity restore,
    Instant created,
    Kind kind) {

  /** {@code restore open}/{@code dump} (a mongod of ours) or {@code restore proxy} (KMIP only). */
  public enum Kind {
    OPEN,
    PROXY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An {@link Kind#OPEN} session's record. */
  public SessionRecord(
      Path dbpath,
      ProcessIdentity mongod,
      OptionalInt mongodPort,
      int kmipPort,
      Path sessionDir,
      ProcessIdentity restore,
      Instant created) {
    this(dbpath, mongod, mongodPort, kmipPort, sessionDir, restore, created, Kind.OPEN);
  }

  public SessionRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dbpath, "dbpath");
    Objects.requireNonNull(mongod, "mongod");
    Objects.requireNonNull(mongodPort, "mongodPort");
    Objects.requireNonNull(sessionDir, "sessionDir");
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(created, "created");
  }

  /** A record for this JVM as the restore process. */
  public static SessionRecord of(
      Path dbpath, ProcessIdentity mongod, OptionalInt mongodPort, int kmipPort, Path sessionDir) {
    return new SessionRecord(
        dbpath, mongod, mongodPort, kmipPort, sessionDir, ProcessIdentity.current(), Instant.now());
  }

  /** A {@code restore proxy} run by this JVM: no mongod, the proxy itself is what runs. */
  public static SessionRecord proxy(Path dbpath, int kmipPort, Path certDir) {
    ProcessIdentity me = ProcessIdentity.current();
    return new SessionRecord(
        dbpath, me, OptionalInt.empty(), kmipPort, certDir, me, Instant.now(), Kind.PROXY);
  }

  public boolean isProxy() {
    return kind == Kind.PROXY;
  }

  public SessionRecord withMongodPort(int port) {
    return new SessionRecord(
        dbpath, mongod, OptionalInt.of(port), kmipPort, sessionDir, restore, created, kind);
  }

  /** The URI, when the port is known. */
  public String uri() {
    return mongodPort.isPresent()
        ? "mongodb://127.0.0.1:" + mongodPort.getAsInt() + "/?directConnection=true"
        : "(port not known yet)";
  }

  /** Plain key=value text (java.util.Properties), no serialization framework. */
  String toText() {
    Properties p = new Properties();
    p.setProperty("dbpath", dbpath.toString());
    p.setProperty("mongod.pid", Long.toString(mongod.pid()));
    p.setProperty("mongod.start", mongod.startInstant().toString());
    p.setProperty("mongod.startTicks", Long.toString(mongod.startTicks()));
    if (mongodPort.isPresent()) {
      p.setProperty("mongod.port", Integer.toString(mongodPort.getAsInt()));
    }
    p.setProperty("kmip.port", Integer.toString(kmipPort));
    p.setProperty("sessionDir", sessionDir.toString());
    p.setProperty("restore.pid", Long.toString(restore.pid()));
    p.setProperty("restore.start", restore.startInstant().toString());
    p.setProperty("restore.startTicks", Long.toString(restore.startTicks()));
    p.setProperty("created", created.toString());
    p.setProperty("kind", kind.label());
    StringWriter w = new StringWriter();
    try {
      p.store(w, "restore session; written by restore, removed when the session ends");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  static SessionRecord read(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    try {
      String port = p.getProperty("mongod.port");
      return new SessionRecord(
          Path.of(required(p, "dbpath")),
          new ProcessIdentity(
              Long.parseLong(required(p, "mongod.pid")),
              Instant.parse(required(p, "mongod.start")),
              Long.parseLong(required(p, "mongod.startTicks"))),
          port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)),
          Integer.parseInt(p.getProperty("kmip.port", "0")),
          Path.of(required(p, "sessionDir")),
          new ProcessIdentity(
              Long.parseLong(required(p, "restore.pid")),
              Instant.parse(required(p, "restore.start")),
              Long.parseLong(required(p, "restore.startTicks"))),
          Instant.parse(required(p, "created")),
          Kind.valueOf(p.getProperty("kind", "open").toUpperCase(java.util.Locale.ROOT)));
    } catch (RuntimeException e) {
      throw new IOException("not a restore session record: " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }
}
