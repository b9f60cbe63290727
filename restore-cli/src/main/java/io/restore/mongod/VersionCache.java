package io.restore.mongod;

import io.restore.process.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Remembers what {@code mongod --version} said about one binary, so only the first session with it
 * pays for the probe (a process start; docs/benchmarks.md, "restore open overhead"). An entry is
 * used only while the binary is the very same file: its real path, size, modification time, change
 * time, inode and device all match (docs/design/atlas-snapshot.md, "The version cache"). The cache
 * is an optimisation only: any problem reading or writing it means "probe as before", never an
 * error.
 */
public final class VersionCache {
  /** Set to any non-empty value other than {@code 0}: no cache read or written. */
  public static final String BYPASS_ENV = "RESTORE_NO_PROBE_CACHE";

  private static final int MAX_FILE = 4096;

  private final Optional<Path> dir;

  private VersionCache(Optional<Path> dir) {
    this.dir = dir;
  }

  /**
   * The cache of this environment: {@code $XDG_CACHE_HOME/restore/mongod-version}, else {@code
   * ~/.cache/restore/mongod-version} ({@code HOME}); none when bypassed or neither is an absolute
   * path.
   */
  public static VersionCache of(Map<String, String> env) {
    String bypass = env.getOrDefault(BYPASS_ENV, "");
    if (!bypass.isEmpty() && !bypass.equals("0")) {
      return new VersionCache(Optional.empty());
    }
    return new VersionCache(
        absolute(env.get("XDG_CACHE_HOME"))
            .or(() -> absolute(env.get("HOME")).map(h -> h.resolve(".cache")))
            .map(c -> c.resolve("restore").resolve("mongod-version")));
  }

  private static Optional<Path> absolute(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() ? Optional.of(p) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Where entries go, when there is a cache at all. */
  public Optional<Path> dir() {
    return dir;
  }

  /**
   * The cached answer for this binary, else {@link MongodVersion#probe(Launcher, Map, MongodBinary,
   * Duration, CompletableFuture)} (stored when the binary did not change while it ran). Only a
   * parsed version is stored; a failed probe is never remembered.
   */
  public MongodVersion probe(
      Launcher launcher,
      Map<String, String> env,
      MongodBinary binary,
      Duration timeout,
      CompletableFuture<?> stop) {
    Optional<BinaryIdentity> before = dir.isEmpty() ? Optional.empty() : identify(binary.path());
    if (before.isPresent()) {
      Optional<MongodVersion> hit = read(before.get());
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    MongodVersion v = MongodVersion.probe(launcher, env, binary, timeout, stop);
    if (before.isPresent() && before.equals(identify(binary.path()))) {
      write(before.get(), v);
    }
    return v;
  }

  /** Who the binary is, or empty when the file system cannot say (not Linux: no cache). */
  static Optional<BinaryIdentity> identify(Path binary) {
    try {
      Path real = binary.toRealPath();
      Map<String, Object> a = Files.readAttributes(real, "unix:*");
      String path = real.toString();
      if (path.chars().anyMatch(c -> c < 0x20)) {
        return Optional.empty(); // one line per field in the file
      }
      return Optional.of(
          new BinaryIdentity(
              path,
              ((Number) a.get("size")).longValue(),
              nanos(a.get("lastModifiedTime")),
              nanos(a.get("ctime")),
              ((Number) a.get("ino")).longValue(),
              ((Number) a.get("dev")).longValue()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // UnsupportedOperationException: no "unix" view here
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  private Optional<MongodVersion> read(BinaryIdentity id) {
    Path file = fileFor(id);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_FILE + 1);
      if (bytes.length > MAX_FILE) {
        return Optional.empty();
      }
      return VersionCacheEntry.parse(new String(bytes, StandardCharsets.UTF_8), id);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // missing, unreadable or a symbolic link: probe (and rewrite)
    }
  }

  private void write(BinaryIdentity id, MongodVersion v) {
    Path file = fileFor(id);
    Path tmp = null;
    try {
      Files.createDirectories(
          file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      tmp =
          Files.createTempFile(
              file.getParent(),
              ".entry-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, VersionCacheEntry.format(id, v));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | RuntimeException e) {
      // not writable, full, not POSIX: the next session probes again
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // left behind in the cache folder: harmless, never read
        }
      }
    }
  }

  /** One file per binary path, named by the path's SHA-256 so any path makes a safe name. */
  private Path fileFor(BinaryIdentity id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.path().getBytes(StandardCharsets.UTF_8));
      return dir.orElseThrow().resolve(HexFormat.of().formatHex(digest) + ".txt");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The key of an entry: the binary's real path and what changes when the file does. */
  record BinaryIdentity(
      String path, long size, long mtimeNanos, long ctimeNanos, long inode, long dev) {}
}
