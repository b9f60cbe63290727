package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Admin API failures in words: what was being done, the HTTP status and {@code errorCode}, the
 * server's detail (capped, scrubbed of known secrets) and a next step that fits the code: the
 * credentials and role for UNAUTHORIZED/403, the API access list for an address refusal, the
 * project id and cluster name for 404. Exit 11 ({@link ExitCode#ATLAS}).
 */
final class AtlasErrors {
  static final String ROLES =
      "it needs Project Read Only (to list snapshots) and Project Backup Manager (to create the"
          + " download restore job) on the project; see docs/atlas-api.md";

  private AtlasErrors() {}

  static RestoreException of(
      String doing, int status, Optional<ApiError> error, Credentials credentials) {
    String code = error.map(ApiError::errorCode).orElse("");
    String upper = code.toUpperCase(Locale.ROOT);
    String what =
        "the Atlas API refused to "
            + doing
            + ": HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + error.map(AtlasErrors::detail).orElse("");
    String next;
    if (upper.contains("ACCESS_LIST") || upper.contains("WHITELIST")) {
      next =
          "the address this machine calls from must be on the API access list of the "
              + credentials.describe()
              + ": add it in Atlas (Organization Access Manager > Applications > edit the"
              + " service account or API key > Access List), then run again";
    } else if (status == 401 || upper.equals("UNAUTHORIZED")) {
      next =
          "check the "
              + credentials.describe()
              + ": the id and secret must match and the key must not be revoked; "
              + ROLES;
    } else if (status == 403) {
      next = "the " + credentials.describe() + " lacks a role: " + ROLES;
    } else if (status == 404) {
      next =
          "check the project id and the cluster name (case matters): restore atlas snapshots"
              + " <projectId>/<clusterName> lists what the credentials can see";
    } else if (status == 409 && upper.contains("SNAPSHOT")) {
      next = "the snapshot cannot be downloaded now: pick another one (restore atlas snapshots)";
    } else if (status == 429) {
      next = "Atlas limits the rate of API calls: wait a few minutes and run again";
    } else if (status >= 500) {
      next = "Atlas had a problem: try again in a few minutes";
    } else {
      next = "check the request in the Atlas UI; the error code is explained in the Admin API docs";
    }
    return new RestoreException(ExitCode.ATLAS, what, next);
  }

  private static String detail(ApiError e) {
    String d = !e.detail().isBlank() ? e.detail() : e.reason();
    return d.isBlank() ? "" : " (" + UserText.cap(Secrets.scrub(d.strip())) + ")";
  }

  static RestoreException unreachable(String host, IOException e) {
    String m = e.getMessage();
    return new RestoreException(
        ExitCode.ATLAS,
        "cannot reach the Atlas API at "
            + host
            + ": "
            + (m == null || m.isBlank() ? "the connection failed" : UserText.cap(Secrets.scrub(m))),
        "check the network (and a proxy), and --atlas-base-url if given");
  }

  static RestoreException badAnswer(String doing, String why) {
    return new RestoreException(
        ExitCode.ATLAS,
        "the Atlas API's answer to " + doing + " cannot be read: " + why,
        "run again; if it persists, check --atlas-base-url points at the Atlas Administration API");
  }
}
