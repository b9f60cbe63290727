package io.restore.mongod;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a restore JVM in {@link WatchdogTest}: launches a scripted mongod with a watchdog,
 * prints its pid, then blocks until the test kills this JVM with SIGKILL.
 */
public final class WatchdogChild {
  private WatchdogChild() {}

  public static void main(String[] args) throws Exception {
    Path binary = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    Duration grace = Duration.ofMillis(Long.parseLong(args[2]));
    MongodLaunch launch =
        MongodLaunch.of(Scripted.command(binary, dir.resolve("db"), 0), dir.resolve("mongod.log"))
            .withWatchdog(
                Optional.of(grace),
                args.length > 3 && args[3].equals("inherit")
                    ? ProcessBuilder.Redirect.INHERIT // this JVM's stderr, as restore's terminal
                    : ProcessBuilder.Redirect.appendTo(dir.resolve("watchdog.log").toFile()));
    MongodProcess mongod = MongodProcess.launch(launch);
    System.out.println("READY " + mongod.pid() + " " + mongod.watchdog().orElseThrow().pid());
    System.out.flush();
    new CountDownLatch(1).await(); // until SIGKILL; `mongod` stays reachable, so does the pipe
    mongod.close();
  }
}
