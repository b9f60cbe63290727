package io.restore.mongod;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Launch settings for tests: short timeouts, progress captured, scripted mongod as binary. */
final class Scripted {
  final List<String> progress = new ArrayList<>();

  static MongodCommand command(Path binary, Path dbpath, int port) {
    return new MongodCommand(
        binary,
        dbpath,
        port,
        "127.0.0.1",
        MongodCommand.Kmip.loopback(5696, dbpath.resolve("ca.pem"), dbpath.resolve("client.pem")),
        false,
        false,
        List.of());
  }

  MongodLaunch launch(Path binary, Path dir) {
    return MongodLaunch.of(command(binary, dir.resolve("db"), 0), dir.resolve("mongod.log"))
        .withStartupTimeout(Duration.ofSeconds(20))
        .withShutdown(
            new ShutdownPolicy(
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                true))
        .withWatchdog(Optional.empty(), ProcessBuilder.Redirect.INHERIT)
        .withProgress(
            line -> {
              synchronized (progress) {
                progress.add(line);
              }
            });
  }

  static ShutdownPolicy quickKill() {
    return new ShutdownPolicy(
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        true);
  }
}
