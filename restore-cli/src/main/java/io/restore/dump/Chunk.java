package io.restore.dump;

/**
 * Whole BSON documents back to back, copied from the cursor: the unit readers hand to writers.
 * {@code data} is owned by whoever holds the chunk; it is never shared.
 */
public record Chunk(byte[] data, int length, int documents) {
  /** Chunks are filled up to this size (a single larger document gets a chunk of its own). */
  public static final int TARGET_BYTES = 1 << 20;
}
