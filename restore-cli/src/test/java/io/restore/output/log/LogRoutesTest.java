package io.restore.output.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.output.Console;
import io.restore.output.LogLevel;
import io.restore.output.SessionLog;
import io.restore.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogRoutesTest {
  private static final String GET = "time={} client=sha256:{} op={} uid={} result={} us={}";

  @TempDir Path state;
  private final StringWriter err = new StringWriter();

  @AfterEach
  void reset() {
    LogRoutes.reset();
  }

  private Console install(LogLevel level) {
    Console c = new Console(new PrintWriter(err, true), Terminal.NONE, level, Clock.systemUTC());
    LogRoutes.install(c);
    return c;
  }

  private static void auditGet(String logger) {
    LoggerFactory.getLogger(logger)
        .info(GET, "2026-12-03T07:00:00Z", "ab".repeat(32), "Get", "uid-1", "Success", 12);
  }

  @Test
  void restoreIsTheSlf4jProvider() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith(RoutingServiceProvider.class.getName());
  }

  @Test
  void auditLinesGoToTheSessionLogAndTheUserSeesOneStatusLine() throws Exception {
    Console c = install(LogLevel.INFO);
    SessionLog log = SessionLog.create(state, Clock.systemUTC()).orElseThrow();
    c.attach(log);
    auditGet("io.restore.kmip.audit");
    auditGet("io.restore.kmip.audit"); // mongod fetches the key again on every restart
    assertThat(err.toString())
        .doesNotContain("op=Get")
        .containsOnlyOnce("restore: mongod fetched the master key");
    assertThat(Files.readString(log.file()))
        .contains("restore: audit: time=2026-12-03T07:00:00Z client=sha256:abab")
        .contains("op=Get uid=uid-1 result=Success");
  }

  @Test
  void verboseShowsAuditLinesOnStderrWhateverTheLoggerIsCalled() {
    install(LogLevel.DEBUG);
    auditGet("audit"); // the audit listener's logger (kmip-core without SLF4J)
    assertThat(err.toString()).contains("restore: audit: ").contains("op=Get");
  }

  @Test
  void quietHidesTheKeyFetchedLineAndFailuresAreNotAFetch() {
    install(LogLevel.WARN);
    LoggerFactory.getLogger("io.restore.kmip.audit")
        .info(GET, "t", "ab", "Get", "uid-1", "OperationFailed/ItemNotFound", 3);
    auditGet("io.restore.kmip.audit");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void quietHidesLibraryWarnings() {
    install(LogLevel.ERROR);
    LoggerFactory.getLogger("com.example.Sdk").warn("retrying {}", "call");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void libraryWarningsAreShownAndTheirInfoOnlyWithVerbose() {
    install(LogLevel.INFO);
    LoggerFactory.getLogger("com.example.Sdk").info("chatty");
    LoggerFactory.getLogger("com.example.Sdk").warn("retrying {}", "call");
    assertThat(err.toString()).doesNotContain("chatty").contains("WARN Sdk - retrying call");
  }

  // Before: every staged block of an az:// upload printed this warning on stderr.
  @Test
  void azureJdkHttpClientContentLengthWarningIsOnlyShownWithDebug() {
    String warning =
        "{\"az.sdk.message\":\"The header is restricted by 'java.net.http.HttpClient' and will be"
            + " ignored. To allow this header to be set on the request, configure"
            + " 'jdk.httpclient.allowRestrictedHeaders' with the header added in the"
            + " comma-separated list.\",\"headerName\":\"content-length\"}";
    install(LogLevel.DEBUG); // -v
    LoggerFactory.getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient").warn(warning);
    assertThat(err.toString()).isEmpty();
    install(LogLevel.TRACE); // -vv
    LoggerFactory.getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient").warn(warning);
    assertThat(err.toString()).contains("restricted by");
    LogRoutes.reset(); // and before a console exists (plain stderr): not shown either
    java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(plain, true));
    try {
      LoggerFactory.getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient").warn(warning);
    } finally {
      System.setErr(old);
    }
    assertThat(plain.toString()).isEmpty();
  }
}
