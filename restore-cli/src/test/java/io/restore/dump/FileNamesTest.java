package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void escapesLikeGoUrlPathEscape() {
    // golden values from Go: url.PathEscape(...)
    assertThat(FileNames.pathEscape("orders")).isEqualTo("orders");
    assertThat(FileNames.pathEscape("a b/c?d,e;f")).isEqualTo("a%20b%2Fc%3Fd%2Ce%3Bf");
    assertThat(FileNames.pathEscape("$&+:=@-_.~")).isEqualTo("$&+:=@-_.~");
    assertThat(FileNames.pathEscape("é%\"*<>#")).isEqualTo("%C3%A9%25%22%2A%3C%3E%23");
    assertThat(FileNames.pathEscape("system.buckets.weather")).isEqualTo("system.buckets.weather");
  }

  @Test
  void keepsNamesUpTo238EscapedBytes() {
    String name = "a".repeat(238);
    assertThat(FileNames.baseName(name)).isEqualTo(name);
  }

  @Test
  void longNamesBecome208BytesPlusDollarPlusBase64UrlSha1() {
    String name = "a".repeat(239);
    // printf 'a%.0s' {1..239} | sha1sum → base64url without padding
    assertThat(FileNames.baseName(name))
        .isEqualTo(
            "a".repeat(208)
                + "%24"
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha1(name)))
        .hasSize(208 + 3 + 27);
    String weird = "é".repeat(50);
    String escaped = "%C3%A9".repeat(50);
    assertThat(FileNames.baseName(weird))
        .startsWith(escaped.substring(0, 208) + "%24")
        .hasSize(238);
  }

  @Test
  void longNameGolden() {
    // computed independently: python3 -c "import hashlib,base64;
    //   print(base64.urlsafe_b64encode(hashlib.sha1(b'a'*239).digest()).rstrip(b'='))"
    assertThat(FileNames.baseName("a".repeat(239))).endsWith("%24" + GOLDEN_SHA1_A239);
  }

  static final String GOLDEN_SHA1_A239 = "_cMIV897lX9H69gojV5ddCb0Q5Q";

  private static byte[] sha1(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-1")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
