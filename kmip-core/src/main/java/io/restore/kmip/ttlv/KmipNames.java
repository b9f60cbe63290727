package io.restore.kmip.ttlv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The names in the committed tables ({@code tags.tsv}, {@code enumerations.tsv}): for printing, for
 * the KMIP XML encoding, and for KMIP 1.x attribute names ("Cryptographic Algorithm").
 */
public final class KmipNames {
  private static final Map<Integer, String> TAG_XML = new HashMap<>();
  private static final Map<String, Integer> TAG_BY_XML = new HashMap<>();
  private static final Map<Integer, String> TAG_SPEC = new HashMap<>();
  private static final Map<String, Integer> TAG_BY_SPEC = new HashMap<>();
  private static final Map<String, Map<Integer, String>> ENUM_NAMES = new HashMap<>();
  private static final Map<String, Map<String, Integer>> ENUM_CODES = new HashMap<>();
  private static final Map<String, Boolean> IS_MASK = new HashMap<>();

  /** Tags whose enumeration table has another tag's name. */
  private static final Map<String, String> ENUM_ALIASES =
      Map.of(
          "MaskGeneratorHashingAlgorithm", "HashingAlgorithm",
          "Certificate Type", "CertificateType");

  static {
    for (String line : resource("tags.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      int code = Integer.decode(f[0]);
      TAG_XML.put(code, f[2]);
      TAG_BY_XML.put(f[2], code);
      TAG_SPEC.put(code, f[3]);
      TAG_BY_SPEC.put(f[3], code);
    }
    for (String line : resource("enumerations.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      int code = Integer.parseUnsignedInt(f[4].substring(2), 16);
      ENUM_NAMES.computeIfAbsent(f[0], k -> new HashMap<>()).putIfAbsent(code, f[3]);
      ENUM_CODES.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[3], code);
      IS_MASK.put(f[0], f[1].equals("mask"));
    }
  }

  private KmipNames() {}

  /** The KMIP XML name of a tag ("UniqueIdentifier"). */
  public static Optional<String> tagName(int code) {
    return Optional.ofNullable(TAG_XML.get(code));
  }

  /** The tag with this KMIP XML name. */
  public static Optional<Tag> tagNamed(String xmlName) {
    Integer code = TAG_BY_XML.get(xmlName);
    return code == null ? Optional.empty() : Optional.of(new Tag(code));
  }

  /** The specification's spaced name of a tag, as KMIP 1.x attribute names use it. */
  public static Optional<String> specName(Tag tag) {
    return Optional.ofNullable(TAG_SPEC.get(tag.code()));
  }

  /** The tag whose spaced name is this KMIP 1.x attribute name ("Cryptographic Length"). */
  public static Optional<Tag> tagForAttributeName(String attributeName) {
    Integer code = TAG_BY_SPEC.get(attributeName);
    return code == null ? Optional.empty() : Optional.of(new Tag(code));
  }

  /** The enumeration (or mask) table that values of this tag use, by table name. */
  public static Optional<String> enumTableOf(Tag tag) {
    String name = TAG_XML.get(tag.code());
    if (name == null) return Optional.empty();
    name = ENUM_ALIASES.getOrDefault(name, name);
    return ENUM_NAMES.containsKey(name) ? Optional.of(name) : Optional.empty();
  }

  /** Whether the table is a bit mask (Cryptographic Usage Mask, Storage Status Mask...). */
  public static boolean isMask(String table) {
    return IS_MASK.getOrDefault(table, false);
  }

  /** The XML name of a value in an enumeration table. */
  public static Optional<String> enumName(String table, int code) {
    Map<Integer, String> names = ENUM_NAMES.get(table);
    return names == null ? Optional.empty() : Optional.ofNullable(names.get(code));
  }

  /** The code of a named value in an enumeration table. */
  public static OptionalInt enumCode(String table, String xmlName) {
    Map<String, Integer> codes = ENUM_CODES.get(table);
    Integer code = codes == null ? null : codes.get(xmlName);
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  private static String resource(String name) {
    try (InputStream in = KmipNames.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
