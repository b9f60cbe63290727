package io.restore.mongod;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * mongod's output, followed from the first byte (docs/design/style.md 3.2): every line goes to the
 * session log file, a bounded tail (for error messages) and a small index of the first line per log
 * id, so a wait that starts late still sees a line that came early without keeping the whole log in
 * memory.
 *
 * <p>Known secrets (e.g. a certificate password that is on mongod's command line) are masked before
 * a line is stored anywhere.
 */
public final class MongodLog implements AutoCloseable {
  public static final int DEFAULT_TAIL = 200;

  private final Path file;
  private final BufferedWriter writer;
  private final int tailSize;
  private final List<String> secrets;
  private final ArrayDeque<LogLine> tail = new ArrayDeque<>();
  private final Map<Integer, LogLine> firstById = new HashMap<>();
  private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();
  private LogLine firstFatal;
  private long lines;
  private boolean closed;

  private MongodLog(Path file, int tailSize, List<String> secrets) {
    this.file = file;
    this.tailSize = tailSize;
    this.secrets = List.copyOf(secrets);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mongod log " + file, e);
    }
  }

  /**
   * A log that appends to {@code file}, keeps the last {@code tailSize} lines and masks secrets.
   */
  public static MongodLog to(Path file, int tailSize, List<String> secrets) {
    return new MongodLog(file, tailSize, secrets);
  }

  public Path file() {
    return file;
  }

  /** Called for every line, on the pump thread, after the line is stored. Keep it quick. */
  public void addListener(Consumer<LogLine> listener) {
    listeners.add(listener);
  }

  /** Takes one raw output line (without its line terminator). Thread-safe. */
  public void accept(String rawLine) {
    String masked = mask(rawLine);
    LogLine line = LogLine.parse(masked);
    synchronized (this) {
      if (!closed) {
        try {
          writer.write(masked);
          writer.newLine();
          writer.flush();
        } catch (IOException e) {
          // The file is a convenience for people; the in-memory tail still explains failures.
        }
      }
      tail.addLast(line);
      while (tail.size() > tailSize) {
        tail.removeFirst();
      }
      if (line.id() != LogLine.NO_ID) {
        firstById.putIfAbsent(line.id(), line);
      }
      if (line.isFatal() && firstFatal == null) {
        firstFatal = line;
      }
      lines++;
      notifyAll();
    }
    for (Consumer<LogLine> l : listeners) {
      l.accept(line);
    }
  }

  private String mask(String raw) {
    String out = raw;
    for (String s : secrets) {
      if (!s.isEmpty()) {
        out = out.replace(s, "<redacted>");
      }
    }
    return out;
  }

  public synchronized Optional<LogLine> first(int id) {
    return Optional.ofNullable(firstById.get(id));
  }

  public synchronized boolean contains(int id) {
    return firstById.containsKey(id);
  }

  public synchronized Optional<LogLine> firstFatal() {
    return Optional.ofNullable(firstFatal);
  }

  /** The last {@code n} lines (or fewer), oldest first. */
  public synchronized List<LogLine> last(int n) {
    List<LogLine> all = new ArrayList<>(tail);
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  public synchronized long lineCount() {
    return lines;
  }

  /**
   * Waits until {@code id} has been logged, something else ends the wait ({@code stop} returns
   * true, checked on every new line and at least every {@code pollMillis}), or the deadline passes.
   */
  public synchronized Optional<LogLine> await(
      int id, Deadline deadline, java.util.function.BooleanSupplier stop, long pollMillis)
      throws InterruptedException {
    while (true) {
      LogLine hit = firstById.get(id);
      if (hit != null) {
        return Optional.of(hit);
      }
      if (stop.getAsBoolean() || deadline.isExpired()) {
        return Optional.empty();
      }
      wait(Math.max(1, Math.min(pollMillis, deadline.remainingMillis())));
    }
  }

  /** Lines formatted for a person: one per line, indented. */
  public static String format(List<LogLine> lines) {
    StringBuilder b = new StringBuilder();
    for (LogLine l : lines) {
      b.append("    ").append(l.display()).append(System.lineSeparator());
    }
    return b.toString();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        writer.close();
      } catch (IOException e) {
        // nothing useful to do: the tail is still in memory
      }
    }
  }
}
