package io.restore.kms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * mongod's 32-byte master key (AES-256), decrypted. The bytes live only here, in a {@code byte[]}
 * that {@link #close()} zeroes; {@link #toString()} never shows them. Callers that need the bytes
 * take a {@link #copyBytes() copy} and zero it when done.
 */
public final class MasterKey implements AutoCloseable {
  /** mongod's master key is an AES-256 key. */
  public static final int LENGTH = 32;

  private final byte[] bytes;
  private volatile boolean closed;

  private MasterKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A key holding a copy of {@code bytes} (the caller zeroes its array).
   *
   * @throws IllegalArgumentException unless {@code bytes} has exactly {@value #LENGTH} bytes
   */
  public static MasterKey copyOf(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a master key has " + LENGTH + " bytes, not " + bytes.length);
    }
    return new MasterKey(bytes.clone());
  }

  /** Like {@link #copyOf} but zeroes {@code bytes} afterwards, also when it has the wrong size. */
  public static MasterKey takeFrom(byte[] bytes) {
    try {
      return copyOf(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A copy of the key bytes; the caller zeroes it when done. */
  public byte[] copyBytes() {
    checkOpen();
    return bytes.clone();
  }

  /**
   * SHA-256 of the key, lower-case hex: lets people compare keys without seeing them. It reveals
   * nothing usable about a random 256-bit key.
   */
  public String fingerprint() {
    checkOpen();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Zeroes the key; idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the master key was closed (and zeroed)");
    }
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }

  /** For tests of zeroing only: whether every byte of the held array is zero. */
  boolean allZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
