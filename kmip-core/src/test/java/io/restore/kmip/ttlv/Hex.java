package io.restore.kmip.ttlv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex in the spec's notation: every non-hex character is dropped (docs/design/style.md 1.5). */
public final class Hex {
  private Hex() {}

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[^0-9A-Fa-f]", ""));
  }

  /** A golden file under src/test/resources/golden/. */
  public static byte[] golden(String name) {
    try (InputStream in = Hex.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + name);
      return hex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
