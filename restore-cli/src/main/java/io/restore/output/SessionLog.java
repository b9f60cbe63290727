package io.restore.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The whole story of one run, kept after it ends: every status line whatever the level, the KMIP
 * audit lines (docs/design/reliability.md row 8) and the libraries' warnings, each with a UTC
 * timestamp. One file per run under {@code <state dir>/logs/}, owner-only; the newest {@value
 * #KEEP} are kept.
 */
public final class SessionLog implements AutoCloseable {
  static final int KEEP = 20;
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final Path file;
  private final BufferedWriter writer;
  private final Clock clock;
  private boolean broken;

  private SessionLog(Path file, BufferedWriter writer, Clock clock) {
    this.file = file;
    this.writer = writer;
    this.clock = clock;
  }

  /** A new log under {@code stateDir/logs}; empty when that folder cannot be written. */
  public static Optional<SessionLog> create(Path stateDir, Clock clock) {
    Path dir = stateDir.resolve("logs");
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      prune(dir);
      Path file =
          dir.resolve(NAME.format(clock.instant()) + "-" + ProcessHandle.current().pid() + ".log");
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      BufferedWriter w =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return Optional.of(new SessionLog(file, w, clock));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one line (or several, each stamped); a full disk silently stops the log. */
  public synchronized void append(String text) {
    if (broken) {
      return;
    }
    String stamp = STAMP.format(clock.instant());
    try {
      for (String part : text.split("\n", -1)) {
        writer.write(stamp);
        writer.write(' ');
        writer.write(part);
        writer.newLine();
      }
      writer.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      // the log is best effort
    }
  }

  private static void prune(Path dir) throws IOException {
    List<Path> logs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.log")) {
      s.forEach(logs::add);
    }
    if (logs.size() < KEEP) {
      return;
    }
    logs.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path old : logs.subList(0, logs.size() - KEEP + 1)) {
      Files.deleteIfExists(old);
    }
  }
}
