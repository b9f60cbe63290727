package io.restore.testkit.mongod;

/** A KMIP reply mongod would not accept, or a failure result; the message says which. */
final class KmipReplyException extends Exception {
  private static final long serialVersionUID = 1L;

  KmipReplyException(String message) {
    super(message);
  }
}
