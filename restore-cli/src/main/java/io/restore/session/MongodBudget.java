package io.restore.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many of a cluster's mongods start at once (docs/design/sharding.md, "One session for a
 * cluster"). A starting mongod runs WiredTiger recovery, which reads through its cache; starting
 * every component at once on a small machine can run it out of memory. Without {@code
 * --max-parallel-mongods} the default is
 *
 * <pre>
 *   per start = 512 MiB + (largest snapshot's size on disk) / 10
 *   parallel  = clamp(floor(MemAvailable / 2 / per start), 1, components)
 * </pre>
 *
 * MemAvailable from /proc/meminfo; where it cannot be read, 2 at a time.
 */
final class MongodBudget {
  static final long BASE = 512L << 20;
  static final int UNKNOWN_MEMORY_DEFAULT = 2;

  private MongodBudget() {}

  /**
   * @param flag {@code --max-parallel-mongods}, when given
   * @param sizes each component's snapshot size on disk, in bytes
   * @param available the memory available for new processes, when known
   */
  static int parallel(OptionalInt flag, List<Long> sizes, OptionalLong available) {
    int n = Math.max(1, sizes.size());
    if (flag.isPresent()) {
      return Math.max(1, Math.min(flag.getAsInt(), n));
    }
    if (available.isEmpty()) {
      return Math.min(UNKNOWN_MEMORY_DEFAULT, n);
    }
    long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
    long perStart = BASE + largest / 10;
    long fits = available.getAsLong() / 2 / perStart;
    return (int) Math.max(1, Math.min(fits, n));
  }

  /** MemAvailable from /proc/meminfo, in bytes. */
  static OptionalLong availableMemory() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemAvailable:"))
          .map(l -> l.replaceAll("[^0-9]", ""))
          .filter(s -> !s.isEmpty())
          .mapToLong(s -> Long.parseLong(s) * 1024)
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The bytes of the regular files under {@code dbpath}; 0 when it cannot be walked. */
  static long sizeOnDisk(Path dbpath) {
    try (Stream<Path> files = Files.walk(dbpath)) {
      return files
          .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
