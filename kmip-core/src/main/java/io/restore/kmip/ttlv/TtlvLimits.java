package io.restore.kmip.ttlv;

/**
 * Bounds the reader enforces before it allocates (docs/design/reliability.md rows 1-2).
 *
 * @param maxMessageBytes largest accepted message, header included
 * @param maxDepth deepest accepted structure nesting (the message itself is depth 1)
 */
public record TtlvLimits(int maxMessageBytes, int maxDepth) {
  /** 1 MiB and depth 64: mongod's messages are under 1 KiB, real KMIP nests about 8 deep. */
  public static final TtlvLimits DEFAULT = new TtlvLimits(1 << 20, 64);

  public TtlvLimits {
    if (maxMessageBytes < 8 || maxDepth < 1) {
      throw new IllegalArgumentException("limits too small: " + maxMessageBytes + ", " + maxDepth);
    }
  }
}
