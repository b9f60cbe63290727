package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.cli.Main;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A running {@code restore proxy} is a session (issue 12 §7): {@code restore ps} lists it with its
 * kind, dbpath, KMIP port, pid and age, and {@code restore stop <dbpath>} stops it cleanly. The
 * proxy is a real child process; ps and stop run in this JVM against the same state folder.
 */
class ProxyIsASessionTest {
  private static final Pattern LISTENING =
      Pattern.compile(Pattern.quote(ProxySession.READY_PREFIX) + "127\\.0\\.0\\.1:(\\d+)");

  @TempDir static Path shared;
  static Sample sample;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path certs;

  @BeforeAll
  static void generate() throws Exception {
    sample = SampleSnapshotGenerator.smallLocal(shared, 84);
  }

  /** {@code restore <args> --state-dir <state>} in this JVM: exit code, stdout, stderr. */
  private record Cli(int exit, String out, String err) {}

  private Cli restore(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--state-dir=" + state;
    return new Cli(cmd.execute(all), out.toString(), err.toString());
  }

  @Test
  void psListsARunningProxyAndStopEndsItCleanly() throws Exception {
    try (RestoreProcess proxy =
        RestoreProcess.start(
            RestoreProcess.baseEnv(state, runtime),
            "proxy",
            sample.dbpath().toString(),
            "--cert-dir",
            certs.toString())) {
      Matcher m = LISTENING.matcher(proxy.awaitStdout(l -> LISTENING.matcher(l).find()));
      m.find();
      String kmipPort = m.group(1);
      String dbpath = sample.dbpath().toRealPath().toString();

      Cli ps = restore("ps");

      assertThat(ps.exit()).as(ps.err()).isZero();
      assertThat(ps.out()).contains("KIND", "KMIP", "AGE", "DBPATH");
      String line =
          ps.out()
              .lines()
              .filter(l -> l.endsWith(dbpath))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no line for " + dbpath + " in:\n" + ps.out()));
      assertThat(line.split("\\s+"))
          .startsWith("proxy", Long.toString(proxy.process.pid()), "-", "-", kmipPort);

      Cli stop = restore("stop", sample.dbpath().toString());

      assertThat(stop.exit()).as(stop.out() + stop.err()).isZero();
      assertThat(stop.out()).contains(dbpath + ": its restore ended the session");
      assertThat(proxy.awaitExit()).as(proxy.transcript()).isZero();
      assertThat(proxy.stderr()).contains("SIGTERM received: stopping the KMIP server");
      try (var files = Files.list(certs)) {
        assertThat(files).as("certificate files after the proxy stopped").isEmpty();
      }
      Leftovers.assertNotListening(Integer.parseInt(kmipPort));
      assertThat(restore("ps").out()).contains("no restore sessions running");
    }
  }
}
