package io.restore.mongod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child started as the leader of its own session and process group ({@code setsid} execs in
 * place: a child of the JVM is never a group leader, so its pid is the group id), so that the child
 * and everything it started can be ended together. A wrapper script's {@code sleep} or a forked
 * helper holds the output pipe open after the wrapper itself is killed: killing only the wrapper
 * leaves the reader waiting for them.
 */
final class ProcessGroup {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ProcessGroup() {}

  /** {@code command} prefixed with setsid where it exists. */
  static List<String> ownGroup(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> all = new ArrayList<>();
    all.add(SETSID.toString());
    all.addAll(command);
    return all;
  }

  /**
   * SIGKILLs the group led by {@code leader} (when setsid made it one), then whatever is still
   * known as its descendant (no setsid, or a child that made a group of its own).
   */
  static void kill(Process leader) {
    List<ProcessHandle> tree = leader.descendants().toList();
    // Never "the group led by" this JVM: a launcher may hand back a child that runs inside it
    // (the tests' in-JVM mongod stand-in reports this JVM's pid), and that group would be ours.
    if (Files.isExecutable(SETSID) && leader.pid() != ProcessHandle.current().pid()) {
      signalGroup(leader.pid(), "KILL");
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    if (leader.isAlive()) {
      // Not after it exited: Process.destroy closes the output pipe under the thread reading it.
      leader.destroyForcibly();
    }
  }

  /** {@code kill -<signal> -<pgid>} (the JDK signals single processes only; dash has no "--"). */
  static void signalGroup(long pgid, String signal) {
    try {
      Process kill =
          new ProcessBuilder(
                  "/bin/sh",
                  "-c",
                  "kill -" + signal + " -\"$1\" 2>/dev/null",
                  "kill",
                  Long.toString(pgid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      // the builtin kill returns at once; the bound only guards against a wedged /bin/sh
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // no /bin/sh: the descendants are killed one by one by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
