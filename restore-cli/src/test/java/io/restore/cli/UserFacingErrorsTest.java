package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The error path itself never shows a secret or an exception (issue 12, defect 2). */
class UserFacingErrorsTest {
  private final StringWriter err = new StringWriter();

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    final RuntimeException toThrow;

    Boom(RuntimeException toThrow) {
      this.toThrow = toThrow;
    }

    @Override
    public Integer call() {
      throw toThrow;
    }
  }

  private int run(RuntimeException e) {
    CommandLine cmd = new CommandLine(new Boom(e));
    cmd.setExecutionExceptionHandler(new UserFacingErrors());
    cmd.setExitCodeExceptionMapper(UserFacingErrors::exitCodeOf);
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute();
  }

  @Test
  void aBugShowsNoExceptionMessageAndTheReportIsScrubbed() throws Exception {
    String token = "IQoJb3JpZ2luX2VjEJr//first\nsecond-part-of-token";
    Secrets.register(token);
    int code =
        run(new IllegalArgumentException("Illegal character(s) in message header value: " + token));
    assertThat(code).isEqualTo(ExitCode.INTERNAL.value());
    assertThat(err.toString())
        .startsWith("restore: internal error (a bug in restore)")
        .doesNotContain("first", "second-part", "IllegalArgument", "\tat ");
    Matcher m = Pattern.compile("details in (\\S+) ").matcher(err.toString());
    assertThat(m.find()).as(err.toString()).isTrue();
    Path report = Path.of(m.group(1));
    try {
      String text = Files.readString(report);
      assertThat(text)
          .contains("IllegalArgumentException", "<redacted>", "\tat ")
          .doesNotContain("first", "second-part-of-token");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
          .isEqualTo("rw-------");
    } finally {
      Files.deleteIfExists(report);
    }
  }

  @Test
  void userErrorsAreScrubbedAndLongValuesCapped() {
    Secrets.register("sekrit-value-1234");
    int code =
        run(
            new RestoreException(
                ExitCode.KMS,
                "the KMS said: bad token sekrit-value-1234 for " + "/p".repeat(1000),
                "retry"));
    assertThat(code).isEqualTo(ExitCode.KMS.value());
    assertThat(err.toString())
        .doesNotContain("sekrit-value-1234")
        .contains("<redacted>", "/p/p…")
        .hasSizeLessThan(400);
  }
}
