package io.restore.mongod.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Live restore sessions, one record file per dbpath in a per-user state directory ({@code
 * $RESTORE_STATE_DIR}, else {@code $XDG_STATE_HOME/restore/sessions}, else {@code
 * ~/.local/state/restore/sessions}), plus a lock file per dbpath that the owning restore holds for
 * the whole session. The OS drops the lock when restore dies, so "lock taken" means "another
 * restore is running" and "lock free but a live mongod in the record" means "a leftover from a
 * killed restore". Records whose mongod is gone (or whose pid now belongs to another process) are
 * stale and removed whenever the registry is read.
 */
public final class SessionRegistry {
  public static final String ENV = "RESTORE_STATE_DIR";
  private static final String RECORD = ".session";
  private static final String LOCK = ".lock";

  private final Path dir;

  public SessionRegistry(Path dir) {
    this.dir = dir;
  }

  public static SessionRegistry fromEnvironment(Map<String, String> env) {
    return new SessionRegistry(defaultDir(env));
  }

  static Path defaultDir(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("restore").resolve("sessions");
  }

  public Path dir() {
    return dir;
  }

  /**
   * Claims {@code dbpath} for this process: takes its lock and cleans a stale record.
   *
   * @throws RestoreException {@link ExitCode#SESSION_CONFLICT} when another restore holds it or a
   *     leftover mongod from an earlier session still runs on it
   */
  public SessionClaim claim(Path dbpath) {
    Path key = canonical(dbpath);
    ensureDir();
    Path lockFile = dir.resolve(keyOf(key) + LOCK);
    FileChannel channel = null;
    FileLock lock = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very JVM: still a second session
      }
      if (lock == null) {
        channel.close();
        Optional<SessionRecord> other = read(recordFile(key));
        throw new RestoreException(
            ExitCode.SESSION_CONFLICT,
            "another restore session is using "
                + key
                + other.map(SessionRegistry::describe).orElse(""),
            "use that session, or end it with: restore stop " + key);
      }
      Optional<SessionRecord> previous = read(recordFile(key));
      if (previous.isPresent()) {
        if (previous.get().mongod().isRunning()) {
          lock.release();
          channel.close();
          SessionRecord r = previous.get();
          throw new RestoreException(
              ExitCode.SESSION_CONFLICT,
              "a mongod from an earlier restore session is still running on "
                  + key
                  + " (pid "
                  + r.mongod().pid()
                  + ", "
                  + r.uri()
                  + ", started "
                  + r.mongod().startInstant()
                  + "); its restore (pid "
                  + r.restore().pid()
                  + ") is gone",
              "stop it cleanly with: restore stop " + key);
        }
        Files.deleteIfExists(recordFile(key)); // stale: its mongod is gone
      }
      return new SessionClaim(this, key, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot use the session state directory " + dir, e);
    } catch (RuntimeException e) {
      if (lock != null && lock.isValid()) {
        closeQuietly(channel);
      }
      throw e;
    }
  }

  /** " (restore pid R, mongod pid M, URI, since T)", or the proxy's pid and KMIP port. */
  static String describe(SessionRecord r) {
    if (r.isProxy()) {
      return " (restore proxy pid "
          + r.restore().pid()
          + ", KMIP port "
          + r.kmipPort()
          + ", since "
          + r.created()
          + ")";
    }
    return " (restore pid "
        + r.restore().pid()
        + ", mongod pid "
        + r.mongod().pid()
        + ", "
        + r.uri()
        + ", since "
        + r.created()
        + ")";
  }

  /** Live sessions, oldest first; stale records are removed on the way. */
  public List<SessionRecord> list() {
    List<SessionRecord> live = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return live;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(RECORD)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    for (Path f : files) {
      Optional<SessionRecord> r = read(f);
      if (r.isEmpty()) {
        continue;
      }
      if (isStale(r.get())) {
        deleteIfUnlocked(r.get());
      } else {
        live.add(r.get());
      }
    }
    live.sort(java.util.Comparator.comparing(SessionRecord::created));
    return live;
  }

  /** The live session on {@code dbpath}, if any (stale records are removed). */
  public Optional<SessionRecord> find(Path dbpath) {
    Path key = canonical(dbpath);
    Optional<SessionRecord> r = read(recordFile(key));
    if (r.isPresent() && isStale(r.get())) {
      deleteIfUnlocked(r.get());
      return Optional.empty();
    }
    return r;
  }

  /** Stale = neither its mongod nor its restore runs any more (pid gone or reused). */
  static boolean isStale(SessionRecord r) {
    return !r.mongod().isRunning() && !r.restore().isRunning();
  }

  /** Removes a record whose restore is gone (after {@code restore stop}); keeps a live owner's. */
  public void forget(SessionRecord r) {
    deleteIfUnlocked(r);
  }

  private void deleteIfUnlocked(SessionRecord r) {
    Path key = r.dbpath();
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve(keyOf(key) + LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        return;
      }
      if (l != null) {
        try {
          Files.deleteIfExists(recordFile(key));
        } finally {
          l.release();
        }
      }
    } catch (IOException e) {
      // best effort: the next reader tries again
    }
  }

  void write(Path key, SessionRecord r) {
    Path target = recordFile(key);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, r.toText(), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the session record " + target, e);
    }
  }

  void delete(Path key) {
    try {
      Files.deleteIfExists(recordFile(key));
    } catch (IOException e) {
      // a leftover record is cleaned as stale by the next run
    }
  }

  Path recordFile(Path key) {
    return dir.resolve(keyOf(key) + RECORD);
  }

  private static Optional<SessionRecord> read(Path f) {
    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      return Optional.of(SessionRecord.read(in));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable or foreign: ignored, never deleted
    }
  }

  private void ensureDir() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the session state directory " + dir, e);
    }
  }

  /** The same dbpath always maps to the same record, however it was spelled. */
  public static Path canonical(Path dbpath) {
    Path abs = dbpath.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  private static String keyOf(Path key) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      String name = key.getFileName() == null ? "root" : key.getFileName().toString();
      return name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }
}
