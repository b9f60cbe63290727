package io.restore.mongod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as pid plus start time, so a reused pid is never mistaken for the process we started.
 * On Linux the start time is field 22 of {@code /proc/<pid>/stat} (clock ticks since boot,
 * proc(5)); elsewhere {@link ProcessHandle.Info#startInstant()} stands in (ticks then 0).
 */
public record ProcessIdentity(long pid, Instant startInstant, long startTicks) {

  public static Optional<ProcessIdentity> of(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    Instant start = h.get().info().startInstant().orElse(Instant.EPOCH);
    long ticks = procStat(pid).map(s -> Long.parseLong(s.fields[19])).orElse(0L);
    return Optional.of(new ProcessIdentity(pid, start, ticks));
  }

  /**
   * A child we just started: its identity, or, when it already exited (or its start time cannot be
   * read), the pid with an unknown start time, which {@link #isRunning()} then treats leniently.
   */
  public static ProcessIdentity ofChild(long pid) {
    return of(pid).orElse(new ProcessIdentity(pid, Instant.EPOCH, 0));
  }

  public static ProcessIdentity current() {
    return of(ProcessHandle.current().pid()).orElseThrow();
  }

  /** Still running (not a zombie) and still the same process, not a reused pid. */
  public boolean isRunning() {
    Optional<ProcStat> stat = procStat(pid);
    if (stat.isPresent()) {
      String state = stat.get().fields[0];
      if (state.equals("Z") || state.equals("X")) {
        return false; // exited, waiting to be reaped
      }
      return startTicks == 0 || Long.parseLong(stat.get().fields[19]) == startTicks;
    }
    if (Files.isDirectory(Path.of("/proc/self"))) {
      return false; // Linux and no /proc entry: gone
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(h -> h.info().startInstant())
        .map(s -> s.equals(startInstant) || startInstant.equals(Instant.EPOCH))
        .orElse(false);
  }

  /** The handle, only while it is still this very process. */
  public Optional<ProcessHandle> handle() {
    return isRunning() ? ProcessHandle.of(pid) : Optional.empty();
  }

  /** Fields of /proc/pid/stat after "pid (comm) ": fields[0] is the state (field 3 in proc(5)). */
  private record ProcStat(String[] fields) {}

  private static Optional<ProcStat> procStat(long pid) {
    try {
      String s =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      // comm may contain spaces and parentheses: everything after the LAST ')' is fixed fields
      String rest = s.substring(s.lastIndexOf(')') + 2).strip();
      String[] f = rest.split(" ");
      return f.length > 19 ? Optional.of(new ProcStat(f)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
