package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 7616 §3.9.1's worked example, for both algorithms it shows. */
class DigestAuthTest {
  static final String CHALLENGE =
      "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=%s,"
          + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
          + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
  static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  static String answer(String algorithm) {
    DigestAuth.Challenge c = DigestAuth.parse(String.format(CHALLENGE, algorithm)).orElseThrow();
    return DigestAuth.response(
        c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", "00000001", CNONCE);
  }

  @Test
  void md5AsAtlasUsesIt() {
    assertThat(answer("MD5")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void sha256() {
    assertThat(answer("SHA-256"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void theHeaderCarriesEveryFieldTheServerNeeds() {
    DigestAuth.Challenge c = DigestAuth.parse(String.format(CHALLENGE, "MD5")).orElseThrow();
    String h =
        DigestAuth.header(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE);
    assertThat(h)
        .startsWith("Digest username=\"Mufasa\", realm=\"http-auth@example.org\"")
        .contains("uri=\"/dir/index.html\"", "nc=00000001", "qop=auth", "cnonce=\"" + CNONCE)
        .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"")
        .contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"")
        .doesNotContain("Circle of Life");
  }

  @Test
  void notADigestChallengeIsIgnored() {
    assertThat(DigestAuth.parse("Bearer realm=\"x\"")).isEqualTo(Optional.empty());
    assertThat(DigestAuth.parse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"))
        .isEmpty();
    assertThat(DigestAuth.parse("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"")).isEmpty();
  }
}
