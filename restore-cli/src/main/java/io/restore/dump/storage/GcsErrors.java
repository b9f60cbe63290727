package io.restore.dump.storage;

import com.google.cloud.storage.StorageException;
import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;

/** Cloud Storage failures as a person reads them: what failed, on which object, what to check. */
final class GcsErrors {
  private GcsErrors() {}

  /** A failure reported by the {@code google-cloud-storage} library. */
  static RestoreException describe(Destination.GcsObject t, String doing, RuntimeException e) {
    if (e instanceof RestoreException r) {
      return r;
    }
    if (e instanceof StorageException s && s.getCode() > 0) {
      return status(t, doing, s.getCode(), s.getReason());
    }
    return fail(
        doing + " for " + t.display() + ": cannot reach Cloud Storage (" + words(e) + ")",
        "check the network, proxy and --gcs-endpoint, and the destination credentials");
  }

  /** An HTTP answer of the JSON API that is not the expected one. */
  static RestoreException status(Destination.GcsObject t, String doing, int status, String body) {
    String where = doing + " for " + t.display();
    if (status == 401 || status == 403) {
      return fail(
          where + " was refused (" + status + ")",
          "the destination credentials need roles/storage.objectUser (storage.objects.create,"
              + " .get, .list and .delete) on the bucket; they come from Application Default"
              + " Credentials or --gcs-credentials-file, not from the snapshot's KMS settings");
    }
    if (status == 404) {
      return fail(
          where + ": the bucket " + t.bucket() + " does not exist (404)",
          "create the bucket, or check its name and --gcs-endpoint");
    }
    if (status == 412) {
      return new RestoreException(
          ExitCode.DUMP_FAILED,
          where + ": another writer created the object while the dump ran",
          "choose another object name, or pass --overwrite to replace it");
    }
    if (status == 400
        && body != null
        && body.toLowerCase(java.util.Locale.ROOT).contains("crc32c")) {
      return fail(
          where + ": the service found the object's CRC32C wrong and did not create it",
          "the bytes were damaged on the way; run the dump again");
    }
    return fail(
        where + " failed (HTTP " + status + ")",
        "check the bucket, the destination credentials and --gcs-endpoint");
  }

  static RestoreException unreachable(
      Destination.GcsObject t, String doing, GcsSettings s, IOException e) {
    return fail(
        doing
            + " for "
            + t.display()
            + ": cannot reach Cloud Storage at "
            + s.root()
            + " ("
            + words(e)
            + ")",
        "check the network, proxy and --gcs-endpoint; then run the dump again");
  }

  private static String words(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "no answer";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static RestoreException fail(String message, String next) {
    return new RestoreException(ExitCode.DUMP_FAILED, message, next);
  }
}
