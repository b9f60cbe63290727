package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Launcher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Stops mongod when restore dies without doing so itself (docs/design/reliability.md row 11; the
 * idea of testcontainers' Ryuk): a tiny {@code sh} child reads a pipe whose write end only this JVM
 * holds. A normal teardown writes "disarm" and the watchdog exits quietly; if the JVM dies, even by
 * SIGKILL, the kernel closes the pipe, the watchdog reads end-of-file and sends mongod SIGTERM (a
 * clean shutdown), and SIGKILL only after a grace period, saying so on stderr.
 *
 * <p>Why not {@code setpriv --pdeathsig}: the "parent death" it watches is the death of the
 * spawning <em>thread</em>, not the JVM, so a JVM thread that ends early would SIGTERM a healthy
 * mongod; it also cannot escalate. Why ProcessBuilder, not Commons Exec: the watchdog needs its
 * stdin pipe held open for the whole session, which Commons Exec's stream handlers do not offer.
 *
 * <p>It can also end the session's {@code --exec} command ({@link #watchJob}) once mongod is safe,
 * so a killed restore strands no process at all.
 *
 * <p>The watchdog checks the target's start time in {@code /proc/<pid>/stat} before each signal, so
 * a reused pid is never signalled. It ignores SIGINT/SIGHUP: Ctrl-C in a terminal reaches the whole
 * process group, and the watchdog must outlive restore's own orderly teardown. It ignores SIGPIPE:
 * its stderr is restore's, and when that is a pipe whose reader went away with restore, writing a
 * message would otherwise kill it before it signals mongod.
 */
public final class Watchdog implements AutoCloseable {
  static final String SCRIPT =
      String.join(
          "\n",
          // PIPE: its messages go to restore's stderr; if nobody reads that any more (restore
          // died, and with it a pipe's reader), a message must fail quietly, not kill the watchdog
          "trap '' INT HUP PIPE",
          "pid=$1; ticks=$2; grace_ms=$3; job=; job_ticks=0",
          // alive PID TICKS: running, not a zombie, and not a reused pid
          "alive() {",
          "  s=$(sed 's/^.*) //' /proc/$1/stat 2>/dev/null) || { kill -0 \"$1\" 2>/dev/null; return; }",
          "  [ -n \"$s\" ] || return 1",
          "  t=$2",
          "  set -- $s",
          "  case \"$1\" in Z|X) return 1;; esac",
          "  [ \"$t\" = 0 ] || [ \"${20}\" = \"$t\" ]",
          "}",
          // children PID: 'pid:ticks' of each child, from /proc/*/stat (ppid is field 4)
          "children() {",
          "  parent=$1",
          "  for f in /proc/[0-9]*/stat; do",
          "    IFS= read -r line < \"$f\" 2>/dev/null || continue",
          "    set -- ${line##*) }",
          "    if [ \"$2\" = \"$parent\" ]; then c=${f#/proc/}; echo \"${c%/stat}:${20}\"; fi",
          "  done",
          "}",
          "tree() { echo \"$1:$2\"; for c in $(children \"$1\"); do tree \"${c%:*}\" \"${c#*:}\"; done; }",
          // the --exec command and everything it started, once mongod is safe
          "stop_job() {",
          "  [ -n \"$job\" ] && alive \"$job\" \"$job_ticks\" || return 0",
          "  echo \"restore watchdog: ending the --exec command (pid $job) and its children\" >&2",
          "  pids=$(tree \"$job\" \"$job_ticks\")",
          "  for e in $pids; do alive \"${e%:*}\" \"${e#*:}\" && kill -TERM \"${e%:*}\" 2>/dev/null; done",
          "  waited=0",
          "  while alive \"$job\" \"$job_ticks\" && [ \"$waited\" -lt 5000 ]; do",
          "    sleep 0.1; waited=$((waited + 100))",
          "  done",
          "  for e in $pids; do alive \"${e%:*}\" \"${e#*:}\" && kill -KILL \"${e%:*}\" 2>/dev/null; done",
          "  return 0",
          "}",
          "finish() { stop_job; exit \"$1\"; }",
          "while IFS= read -r cmd; do",
          "  case \"$cmd\" in",
          "    disarm) exit 0;;",
          "    job\\ *) set -- $cmd; job=$2; job_ticks=$3;;",
          "  esac",
          "done",
          "alive \"$pid\" \"$ticks\" || finish 0",
          "echo \"restore watchdog: restore ended without stopping mongod (pid $pid); sending"
              + " SIGTERM\" >&2",
          "kill -TERM \"$pid\" 2>/dev/null || finish 0",
          "waited=0",
          "while alive \"$pid\" \"$ticks\"; do",
          "  if [ \"$waited\" -ge \"$grace_ms\" ]; then",
          "    echo \"restore watchdog: WARNING: mongod (pid $pid) ignored SIGTERM for"
              + " ${grace_ms} ms; sending SIGKILL, its data files may be damaged\" >&2",
          "    kill -KILL \"$pid\" 2>/dev/null",
          "    finish 1",
          "  fi",
          "  sleep 0.1",
          "  waited=$((waited + 100))",
          "done",
          "echo \"restore watchdog: mongod (pid $pid) stopped cleanly after SIGTERM\" >&2",
          "finish 0",
          "");

  private final Process process;
  private final OutputStream pipe;
  private boolean done;

  private Watchdog(Process process) {
    this.process = process;
    this.pipe = process.getOutputStream();
  }

  /**
   * Starts a watchdog for {@code target}.
   *
   * @param grace how long mongod may take after SIGTERM before the watchdog sends SIGKILL
   * @param stderr where the watchdog's few lines go (INHERIT = restore's terminal)
   */
  public static Watchdog guard(
      ProcessIdentity target, Duration grace, ProcessBuilder.Redirect stderr) {
    return guard(Launcher.system(), target, grace, stderr);
  }

  /**
   * {@link #guard(ProcessIdentity, Duration, ProcessBuilder.Redirect)} through {@code launcher}.
   */
  public static Watchdog guard(
      Launcher launcher, ProcessIdentity target, Duration grace, ProcessBuilder.Redirect stderr) {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                "/bin/sh",
                "-c",
                SCRIPT,
                "restore-watchdog",
                Long.toString(target.pid()),
                Long.toString(target.startTicks()),
                Long.toString(grace.toMillis())));
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(stderr);
    try {
      return new Watchdog(launcher.start(pb));
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.MONGOD_FAILED,
          "cannot start the watchdog (/bin/sh) that stops mongod if restore dies: "
              + e.getMessage(),
          "check that /bin/sh exists",
          e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Also end {@code job} (the {@code --exec} command) and everything it started if restore dies:
   * after mongod is stopped, SIGTERM to the job's process tree, SIGKILL 5 s later to what is left.
   * A reused pid is never signalled (start times are checked as for mongod).
   */
  public synchronized void watchJob(ProcessIdentity job) {
    if (done) {
      return;
    }
    try {
      pipe.write(
          ("job " + job.pid() + " " + job.startTicks() + "\n").getBytes(StandardCharsets.US_ASCII));
      pipe.flush();
    } catch (IOException e) {
      // the watchdog is gone; nothing more can be done from here
    }
  }

  /** Tells the watchdog that mongod was stopped in order: it exits without signalling anything. */
  public synchronized void disarm() {
    if (done) {
      return;
    }
    done = true;
    try {
      pipe.write("disarm\n".getBytes(StandardCharsets.US_ASCII));
      pipe.close();
    } catch (IOException e) {
      // the watchdog is already gone; nothing to disarm
    }
  }

  /** Closes the pipe as a dying restore would (for tests of the watchdog's own checks). */
  synchronized void abandon() throws IOException {
    done = true;
    pipe.close();
  }

  @Override
  public void close() {
    disarm();
  }
}
