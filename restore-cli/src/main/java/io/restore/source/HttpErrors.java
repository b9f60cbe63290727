package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Download failures for people: what happened to which host/path and what to do (exit 3). */
final class HttpErrors {
  static final String NEW_LINK =
      "Atlas download links expire within hours and may be used once: request a new download of"
          + " the snapshot in Atlas (Backup > Snapshots > Download) and pass the new link, quoted";

  private HttpErrors() {}

  static RestoreException status(int code, String shown) {
    if (code == 401 || code == 403 || code == 404 || code == 410) {
      String meaning =
          switch (code) {
            case 410 -> "Gone";
            case 404 -> "Not Found";
            case 401 -> "Unauthorized";
            default -> "Forbidden";
          };
      return new RestoreException(
          ExitCode.SNAPSHOT,
          "the server refused the snapshot download "
              + shown
              + " (HTTP "
              + code
              + " "
              + meaning
              + "): the link has expired or was already used",
          NEW_LINK);
    }
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "the snapshot download " + shown + " failed with HTTP " + code,
        code >= 500
            ? "the server had a problem: try again in a few minutes; if it persists, " + NEW_LINK
            : "check the link; " + NEW_LINK);
  }

  static RestoreException unreachable(String shown, IOException e, DownloadSettings settings) {
    String what;
    if (e instanceof HttpConnectTimeoutException) {
      what = "no connection within " + seconds(settings.connect());
    } else if (e instanceof HttpTimeoutException) {
      what = "no answer within " + seconds(settings.stall());
    } else if (e instanceof ConnectException) {
      what = "connection refused";
    } else if (e.getCause() instanceof UnknownHostException) {
      what = "unknown host";
    } else {
      what = describe(e);
    }
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "cannot download the snapshot from " + shown + ": " + what,
        "check the network and the link; a slow link may need a longer $"
            + DownloadSettings.TIMEOUT_ENV
            + " (seconds)");
  }

  static RestoreException notResumable(String shown, long at, long length, String why) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "the download of "
            + shown
            + " stopped at "
            + of(at, length)
            + " ("
            + why
            + ") and the server does not offer resuming (no Accept-Ranges: bytes)",
        "the link may be one-time: " + NEW_LINK);
  }

  static RestoreException gaveUp(String shown, long at, long length, String why, int tries) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "the download of "
            + shown
            + " stopped at "
            + of(at, length)
            + " and "
            + tries
            + " attempts to resume it got no data (last: "
            + why
            + ")",
        "check the network and run again; a slow link may need a longer $"
            + DownloadSettings.TIMEOUT_ENV
            + " (seconds); if the link has expired, "
            + NEW_LINK);
  }

  static String seconds(java.time.Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? (ms / 1000) + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String of(long at, long length) {
    return Bytes.human(at) + (length >= 0 ? " of " + Bytes.human(length) : "");
  }

  /** An I/O failure in words, without the exception's class name. */
  static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "the connection failed" : m;
  }
}
