package io.restore.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Base64 as people paste it: standard or URL-safe alphabet, padding optional, whitespace ignored.
 */
public final class Base64Text {
  private Base64Text() {}

  /** Decodes base64 text; empty when it is not base64. */
  public static Optional<byte[]> decode(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        b.append(c == '-' ? '+' : c == '_' ? '/' : c);
      }
    }
    String s = b.toString();
    int pad = s.length() % 4;
    if (pad == 1) {
      return Optional.empty();
    }
    if (pad != 0 && !s.endsWith("=")) {
      s = s + "==".substring(0, 4 - pad);
    }
    try {
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Decodes file content that is base64 text (ASCII only); empty when it is raw bytes. */
  public static Optional<byte[]> decodeIfText(byte[] content) {
    for (byte c : content) {
      if (c < 0x09 || c > 0x7e) {
        return Optional.empty();
      }
    }
    char[] chars = new String(content, StandardCharsets.US_ASCII).toCharArray();
    try {
      return decode(new String(chars));
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
