package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The job of {@link ClusterSession}, once every component is identified: wait for Ctrl-C, run the
 * {@code --exec} command with every component's URI, or dump the cluster. Any mongod exiting ends
 * the job (exit 6 naming it), as Ctrl-C does (exit 130).
 */
final class ClusterJobRunner {
  private final SessionContext context;
  private final Map<String, String> env;
  private final SessionOutput output;
  private final Optional<Consumer<ClusterReady>> onReady;

  ClusterJobRunner(
      SessionContext context, SessionOutput output, Optional<Consumer<ClusterReady>> onReady) {
    this.context = context;
    this.env = context.environment();
    this.output = output;
    this.onReady = onReady;
  }

  /** Step 6: wait, run the command, or dump the cluster. */
  int run(
      ClusterJob job,
      ClusterReady ready,
      ComponentMongods mongods,
      SessionDirectory dir,
      ServedKey kmip,
      StopSignals signals)
      throws InterruptedException {
    onReady.ifPresent(l -> l.accept(ready));
    if (job instanceof ClusterJob.Wait) {
      signals.onStop(() -> {});
      if (onReady.isEmpty()) {
        printLines(ready);
      }
      output.status("press Ctrl-C to stop every mongod and the KMIP server");
      CompletableFuture.anyOf(signals.requested(), mongods.anyExit()).join();
      if (signals.isRequested()) {
        output.status(signals.reason().orElse("stop") + " received: tearing down");
        return ExitCode.OK.value();
      }
      mongods.failIfAnyDied(signals);
      return ExitCode.OK.value();
    }
    if (job instanceof ClusterJob.Exec exec) {
      Map<String, String> environment = new HashMap<>(env);
      environment.putAll(ready.uriVariables());
      if (!ready.clashingShards().isEmpty()) {
        output.warning(
            "shards "
                + String.join(", ", ready.clashingShards())
                + " give the same variable name: read their URIs from $"
                + ClusterReady.COMPONENTS_ENV);
      }
      environment.put(ClusterReady.COMPONENTS_ENV, componentsFile(dir, ready).toString());
      environment.put("RESTORE_KMIP_PORT", Integer.toString(kmip.endpoint().port()));
      int code =
          new ExecJob(exec.command(), environment, output, context.launcher())
              .run(mongods.all(), signals);
      mongods.failIfAnyDied(signals);
      return signals.isRequested() ? ExitCode.INTERRUPTED.value() : code;
    }
    ClusterJob.DumpJob dump = ((ClusterJob.Dump) job).dump();
    // Ctrl-C mid-dump, or any mongod exiting under it: cancel at once (RestoreSession's rule).
    signals.onStop(dump::cancel);
    mongods.anyExit().thenRun(dump::cancel);
    try {
      int code = dump.run(ready.configServerUri(), ready.shardUris());
      mongods.failIfAnyDied(signals);
      return code;
    } catch (RestoreException e) {
      if (signals.isRequested()) {
        throw SessionSteps.interrupted(
            "the dump was interrupted (" + signals.reason().orElse("stop") + ")");
      }
      mongods.failIfAnyDied(signals);
      throw e;
    }
  }

  /** Without --json: one line per component on stdout, "<config|shard id> <uri>". */
  private void printLines(ClusterReady ready) {
    for (ClusterReady.Component c : ready.components()) {
      output.result(c.name() + " " + c.uri());
    }
  }

  /** The JSON object of {@code open --json}, as a 0600 file in the session folder (for --exec). */
  private static Path componentsFile(SessionDirectory dir, ClusterReady ready) {
    Path file = dir.resolve("components.json");
    try {
      Files.writeString(
          file,
          ready.json() + "\n",
          java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write the components file " + file + ": " + e.getMessage(),
          "free space in that folder, or set XDG_RUNTIME_DIR / TMPDIR to another one",
          e);
    }
  }
}
