package io.restore.dump.storage;

import io.restore.ExitCode;
import io.restore.RestoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 failures as a person reads them: what failed, on which object, and what to check. */
final class S3Errors {
  private S3Errors() {}

  static RestoreException describe(Destination.S3Object t, String doing, SdkException e) {
    String where = doing + " to " + t.display();
    if (e instanceof S3Exception s) {
      String code = S3Store.code(s);
      int status = s.statusCode();
      if (status == 403 || "AccessDenied".equals(code)) {
        return fail(
            where + " was refused (403 " + code + ")",
            "the destination credentials need s3:PutObject, s3:GetObject (to check for an"
                + " existing object) and s3:AbortMultipartUpload on the bucket; they come from the"
                + " default AWS chain or --s3-profile, not from the snapshot's KMS settings");
      }
      if ("NoSuchBucket".equals(code)) {
        return fail(
            where + ": the bucket " + t.bucket() + " does not exist",
            "create the bucket, or check its name and --s3-endpoint");
      }
      if (status == 412 || "PreconditionFailed".equals(code)) {
        return new RestoreException(
            ExitCode.DUMP_FAILED,
            where + ": another writer created the object while the dump ran",
            "choose another key, or pass --overwrite to replace it");
      }
      if ("BadDigest".equals(code)
          || "InvalidDigest".equals(code)
          || "XAmzContentChecksumMismatch"
              .equals(code)) { // a wrong x-amz-checksum-* may answer this
        return fail(
            where + ": the service found a part's checksum wrong (" + code + ")",
            "the bytes were damaged on the way; run the dump again");
      }
      return fail(
          where + " failed (HTTP " + status + (code == null ? "" : " " + code) + ")",
          "check the bucket, the destination credentials and --s3-endpoint");
    }
    if (e instanceof SdkClientException) {
      return fail(
          where + ": cannot reach S3 or no credentials (" + firstLine(e.getMessage()) + ")",
          "check the network, proxy and --s3-endpoint / AWS_ENDPOINT_URL_S3, and that the"
              + " default AWS chain or --s3-profile provides credentials");
    }
    return fail(
        where + " failed: " + firstLine(e.getMessage()),
        "run it again; docs/troubleshooting.md lists the S3 errors");
  }

  private static RestoreException fail(String message, String next) {
    return new RestoreException(ExitCode.DUMP_FAILED, message, next);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
