package io.restore.dump.storage;

import software.amazon.awssdk.services.s3.S3Client;

/** The production S3 client construction, for tests outside this package. */
public final class TestClients {
  private TestClients() {}

  public static S3Client s3(S3Settings s) {
    return S3Store.client(s);
  }
}
