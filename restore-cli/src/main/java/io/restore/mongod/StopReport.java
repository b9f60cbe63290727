package io.restore.mongod;

import java.time.Duration;
import java.util.OptionalInt;

/** How a mongod was stopped: which rung of the ladder ended it, and its exit code when known. */
public record StopReport(Rung rung, OptionalInt exitCode, Duration took) {

  public enum Rung {
    /** It had already exited before anyone asked. */
    ALREADY_EXITED(true),
    /** The {@code shutdown} admin command: the cleanest way. */
    SHUTDOWN_COMMAND(true),
    /** SIGTERM: mongod shuts down cleanly on it too. */
    SIGTERM(true),
    /** SIGKILL: the last resort; data files may need recovery or be damaged. */
    SIGKILL(false),
    /** Still running (SIGKILL not allowed, or even SIGKILL did not end it). */
    STILL_RUNNING(false);

    private final boolean clean;

    Rung(boolean clean) {
      this.clean = clean;
    }

    public boolean clean() {
      return clean;
    }
  }

  public boolean clean() {
    return rung.clean();
  }

  public String describe() {
    String code = exitCode.isPresent() ? " (exit code " + exitCode.getAsInt() + ")" : "";
    return switch (rung) {
      case ALREADY_EXITED -> "mongod had already exited" + code;
      case SHUTDOWN_COMMAND -> "mongod shut down cleanly on the shutdown command" + code;
      case SIGTERM -> "mongod shut down cleanly on SIGTERM" + code;
      case SIGKILL ->
          "mongod did not stop on the shutdown command or SIGTERM and was KILLED (SIGKILL)"
              + code
              + ": its data files may be damaged; open the snapshot again to let it recover, and"
              + " keep the original download";
      case STILL_RUNNING -> "mongod is STILL RUNNING: it ignored the shutdown command and SIGTERM";
    };
  }
}
