package io.restore.cli;

import io.restore.kms.KeySourceFlags;
import io.restore.process.Launcher;
import io.restore.session.StopSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Key-source flags for tests, made the way the product makes them: parsed by the real {@link
 * KeySourceOptions} (so a test cannot build a combination the command line cannot).
 */
public final class Flags {
  private Flags() {}

  /** {@code restore inspect db <args>}'s key-source flags, with no environment. */
  public static KeySourceFlags parse(String... args) {
    return parse(Map.of(), args);
  }

  /** The same with {@code RESTORE_*} environment variables. */
  public static KeySourceFlags parse(Map<String, String> env, String... args) {
    InspectCommand cmd = new InspectCommand(Wiring.of(env, Launcher.system(), StopSignals::manual));
    List<String> all = new ArrayList<>(List.of("db"));
    all.addAll(List.of(args));
    // A test adds to a fixture's flags; the last value wins, as on most command lines.
    new CommandLine(cmd).setOverwrittenOptionsAllowed(true).parseArgs(all.toArray(String[]::new));
    return cmd.keys.toFlags(env);
  }
}
