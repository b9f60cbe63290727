package io.restore.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedTablesTest {
  private static Path module() {
    Path root = Path.of(System.getProperty("restore.projectRoot", "."));
    Path m = root.resolve("kmip-core");
    return Files.isDirectory(m) ? m : Path.of(".");
  }

  @Test
  void committedJavaMatchesTheTables() throws Exception {
    // Whitespace and javadoc stars are ignored: the formatter re-wraps generated lines.
    for (Map.Entry<String, String> e : KmipTablesRenderer.render(module()).entrySet()) {
      String committed = Files.readString(Path.of(e.getKey()));
      assertThat(normalized(committed))
          .as(
              "%s is stale: run KmipTablesRenderer.main(kmip-core), then spotless:apply",
              e.getKey())
          .isEqualTo(normalized(e.getValue()));
    }
  }

  /**
   * Whitespace and stars dropped, then one statement or brace per line, so that a failure shows a
   * readable line diff.
   */
  private static String normalized(String java) {
    return java.replaceAll("[\\s*]+", "").replaceAll("([;{}])", "$1\n");
  }

  @Test
  void tagsPrintTheirXmlNameAndUnknownTagsPrintHex() {
    assertThat(Tag.UNIQUE_IDENTIFIER).hasToString("UniqueIdentifier");
    assertThat(Tag.UNIQUE_IDENTIFIER.code()).isEqualTo(0x420094);
    assertThat(new Tag(0x54FFFF)).hasToString("0x54FFFF");
  }

  @Test
  void enumerationsCarryTheirSpecCodes() {
    assertThat(ObjectType.SYMMETRIC_KEY.code()).isEqualTo(2);
    assertThat(Operation.GET.code()).isEqualTo(0x0A);
    assertThat(Operation.fromCode(0x1F)).contains(Operation.ENCRYPT);
    assertThat(State.ACTIVE.code()).isEqualTo(2);
    assertThat(CryptographicAlgorithm.AES.code()).isEqualTo(3);
    assertThat(ResultReason.INVALID_MESSAGE.code()).isEqualTo(4);
    assertThat(
            CryptographicUsageMask.maskOf(
                CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT))
        .isEqualTo(12);
    assertThat(CryptographicUsageMask.fromMask(12))
        .containsExactlyInAnyOrder(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
    assertThat(KmipNames.tagForAttributeName("Cryptographic Usage Mask"))
        .contains(Tag.CRYPTOGRAPHIC_USAGE_MASK);
  }
}
