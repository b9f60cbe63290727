package io.restore.dump;

/**
 * Whole BSON documents back to back, copied from the cursor: the unit readers hand to writers.
 * {@code data} is owned by whoever holds the chunk; it is never shared.
 */
public record Chunk(byte[] data, int length, int documents) {
  /**
   * Chunks are filled up to this size (a single larger document gets a chunk of its own). Under
   * half a G1 region even in a 32 MiB heap: a 1 MiB array is "humongous" there and takes two whole
   * 1 MiB regions, which with a batch's worth of chunks per reader ran -Xmx32m out of memory.
   */
  public static final int TARGET_BYTES = 256 << 10;
}
