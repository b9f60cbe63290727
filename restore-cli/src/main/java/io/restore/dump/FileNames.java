package io.restore.dump;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * File names mongodump gives collections. mongo-tools common/util/file.go EscapeCollectionName is
 * Go's {@code url.PathEscape}; mongodump/prepare.go outputPath shortens escaped names longer than
 * 238 bytes to the first 208 bytes + {@code %24} + base64url(sha1(name)) without padding, so that
 * the longest file ({@code .metadata.json.gz}) stays within 255 bytes.
 */
public final class FileNames {
  static final int MAX_ESCAPED = 238;
  static final int TRUNCATED = 208;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FileNames() {}

  /** The base name (without extension) for a collection, as mongodump writes it. */
  public static String baseName(String collection) {
    String escaped = pathEscape(collection);
    if (escaped.length() <= MAX_ESCAPED) {
      return escaped;
    }
    // escaped is pure ASCII, so characters are bytes; Go slices bytes the same way.
    return escaped.substring(0, TRUNCATED)
        + "%24"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(sha1(collection));
  }

  /** Go's url.PathEscape: encodePathSegment mode of net/url shouldEscape. */
  public static String pathEscape(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (unescaped(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean unescaped(int c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    switch (c) {
      case '-', '_', '.', '~' -> {
        return true;
      }
      // reserved characters a path segment may keep (net/url shouldEscape, encodePathSegment)
      case '$', '&', '+', ':', '=', '@' -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static byte[] sha1(String s) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
