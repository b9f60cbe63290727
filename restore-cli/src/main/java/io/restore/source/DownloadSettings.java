package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.time.Duration;
import java.util.Map;

/**
 * How patient a download is: {@code connect} to reach the server, {@code stall} for response
 * headers and between any two pieces of the body, and how many resumes in a row may fail to get any
 * data before giving up. {@value #TIMEOUT_ENV} (seconds) sets {@code connect} and {@code stall},
 * for slow links and for tests.
 */
record DownloadSettings(Duration connect, Duration stall, int maxResumes) {
  static final String TIMEOUT_ENV = "RESTORE_DOWNLOAD_TIMEOUT";

  static DownloadSettings defaults() {
    return new DownloadSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 5);
  }

  static DownloadSettings fromEnvironment(Map<String, String> env) {
    String v = env.get(TIMEOUT_ENV);
    if (v == null || v.isBlank()) {
      return defaults();
    }
    double seconds;
    try {
      seconds = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (!(seconds > 0)) {
      throw new RestoreException(
          ExitCode.USAGE,
          TIMEOUT_ENV + "=" + v + " is not a number of seconds",
          "set it to e.g. 120 for a slow link, or unset it for 60");
    }
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return new DownloadSettings(d, d, defaults().maxResumes());
  }
}
