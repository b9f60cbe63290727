package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.output.Console;
import io.restore.output.LogLevel;
import io.restore.output.Terminal;
import io.restore.output.log.LogRoutes;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How much a command says on stderr ({@code --quiet}, {@code -v}, {@code --log-level}), shared by
 * every command (a picocli mixin), and the {@link Console} that says it.
 */
public final class OutputOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--quiet",
      description =
          "Errors only: print nothing on success but the output asked for (--json,"
              + " --summary-json); a mongod that had to be killed is still reported.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "More detail (repeatable): -v adds the KMIP audit lines and library messages, -vv all.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = "--log-level",
      paramLabel = "<level>",
      description = "error, warn, info (default), debug or trace; --quiet is error, -v is debug.")
  String logLevel;

  private Console console;

  /** The level these options ask for; --log-level wins over --quiet and -v. */
  public LogLevel level() {
    if (logLevel != null) {
      LogLevel named = LogLevel.named(logLevel);
      if (named == null) {
        throw new RestoreException(
            ExitCode.USAGE,
            "--log-level " + logLevel + " is unknown",
            "use error, warn, info, debug or trace");
      }
      return named;
    }
    if (quiet && verbose.length > 0) {
      throw new RestoreException(
          ExitCode.USAGE, "--quiet and --verbose cannot be combined", "choose one");
    }
    if (quiet) {
      return LogLevel.ERROR;
    }
    return switch (verbose.length) {
      case 0 -> LogLevel.INFO;
      case 1 -> LogLevel.DEBUG;
      default -> LogLevel.TRACE;
    };
  }

  /** This run's console on the command's stderr; also where SLF4J lines are routed from now on. */
  public Console console() {
    if (console == null) {
      console =
          new Console(
              mixee.commandLine().getErr(), terminals().stderr(), level(), Clock.systemUTC());
      LogRoutes.install(console);
    }
    return console;
  }

  /**
   * Starts this run's session log under {@code stateDir}/logs (audit lines, every status line); its
   * path is shown with -v. Without a writable folder the run goes on without one.
   */
  public void sessionLog(java.nio.file.Path stateDir) {
    Console c = console();
    io.restore.output.SessionLog.create(stateDir, Clock.systemUTC())
        .ifPresent(
            log -> {
              c.attach(log);
              c.debug("session log: " + log.file());
            });
  }

  /** What stdout and stderr are connected to (detected once by {@link Main#main}). */
  public Terminals terminals() {
    Object root = mixee.root().userObject();
    return root instanceof RestoreCommand r ? r.terminals : Terminals.NONE;
  }

  /** What each standard stream is connected to. */
  public record Terminals(Terminal stdout, Terminal stderr) {
    public static final Terminals NONE = new Terminals(Terminal.NONE, Terminal.NONE);
  }
}
