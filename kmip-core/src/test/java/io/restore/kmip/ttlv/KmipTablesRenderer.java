package io.restore.kmip.ttlv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code Tag.java} and the typed enumerations from the committed tables ({@code tags.tsv},
 * {@code enumerations.tsv}). Run {@code main} with the module directory to regenerate; {@link
 * GeneratedTablesTest} checks the committed Java still matches (docs/design/style.md 1.2).
 */
public final class KmipTablesRenderer {
  /** The enumerations the message model uses as Java enums; the rest stay data (KmipNames). */
  static final List<String> TYPED =
      List.of(
          "ObjectType",
          "Operation",
          "ResultStatus",
          "ResultReason",
          "State",
          "CryptographicAlgorithm",
          "BlockCipherMode",
          "PaddingMethod",
          "HashingAlgorithm",
          "KeyFormatType",
          "KeyCompressionType",
          "NameType",
          "QueryFunction",
          "RevocationReasonCode",
          "SecretDataType",
          "CryptographicUsageMask",
          "StorageStatusMask");

  static final String HEADER = "// GENERATED from %s by KmipTablesRenderer: do not edit.%n";

  record TagRow(int code, String java, String xml, String spec) {}

  record EnumRow(String type, String kind, String java, String xml, int code) {}

  private KmipTablesRenderer() {}

  static List<TagRow> tags(String tsv) {
    var rows = new ArrayList<TagRow>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      rows.add(new TagRow(Integer.decode(f[0]), f[1], f[2], f[3]));
    }
    return rows;
  }

  static Map<String, List<EnumRow>> enums(String tsv) {
    var byType = new LinkedHashMap<String, List<EnumRow>>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t");
      var row =
          new EnumRow(f[0], f[1], f[2], f[3], Integer.parseUnsignedInt(f[4].substring(2), 16));
      byType.computeIfAbsent(row.type(), k -> new ArrayList<>()).add(row);
    }
    return byType;
  }

  static String renderTag(List<TagRow> rows) {
    var s = new StringBuilder();
    s.append(String.format(HEADER, "tags.tsv"));
    s.append("package io.restore.kmip.ttlv;\n\n");
    s.append(
        "/**\n * A TTLV tag: an open 3-byte number (KMIP 1.4 §9.1.1.1). Unknown tags are legal and print as\n");
    s.append(
        " * hex; the constants are the KMIP 1.0-2.0 tags of KMIP 1.4 §9.1.3.1 and KMIP 2.0 §11.1.\n */\n");
    s.append("public record Tag(int code) {\n");
    for (TagRow r : rows) {
      s.append(
          String.format("  public static final Tag %s = new Tag(0x%06X);%n", r.java(), r.code()));
    }
    s.append("\n  /** Checks the code fits in three bytes. */\n");
    s.append("  public Tag {\n    if ((code & ~0xFFFFFF) != 0) {\n");
    s.append(
        "      throw new IllegalArgumentException(String.format(\"tag 0x%X does not fit in 3 bytes\", code));\n");
    s.append("    }\n  }\n\n");
    s.append("  /** The KMIP XML name (\"UniqueIdentifier\"), or hex for unknown tags. */\n");
    s.append("  @Override\n  public String toString() {\n");
    s.append(
        "    return KmipNames.tagName(code).orElse(String.format(\"0x%06X\", code));\n  }\n}\n");
    return s.toString();
  }

  static String renderEnum(String type, List<EnumRow> rows) {
    boolean mask = rows.get(0).kind().equals("mask");
    var s = new StringBuilder();
    s.append(String.format(HEADER, "enumerations.tsv"));
    s.append("package io.restore.kmip.ttlv;\n\n");
    if (mask) s.append("import java.util.EnumSet;\n");
    s.append("import java.util.Optional;\n");
    if (mask) s.append("import java.util.Set;\n");
    s.append("\n");
    s.append(
        String.format(
            "/** KMIP %s %s values (KMIP 1.4 §9.1.3.2; 2.0 §11). */%n",
            type, mask ? "mask" : "enumeration"));
    s.append(String.format("public enum %s implements KmipEnum {%n", type));
    for (int i = 0; i < rows.size(); i++) {
      EnumRow r = rows.get(i);
      s.append(
          String.format(
              "  %s(0x%08X, \"%s\")%s%n",
              r.java(), r.code(), r.xml(), i == rows.size() - 1 ? ";" : ","));
    }
    s.append("\n  private final int code;\n  private final String xmlName;\n\n");
    s.append(
        String.format(
            "  %s(int code, String xmlName) {%n    this.code = code;%n    this.xmlName = xmlName;%n  }%n%n",
            type));
    s.append("  @Override\n  public int code() {\n    return code;\n  }\n\n");
    s.append("  @Override\n  public String xmlName() {\n    return xmlName;\n  }\n\n");
    s.append("  /** The value with this code, if the table has one. */\n");
    s.append(
        String.format(
            "  public static Optional<%s> fromCode(int code) {%n    switch (code) {%n", type));
    for (EnumRow r : rows) {
      s.append(
          String.format(
              "      case 0x%08X:%n        return Optional.of(%s);%n", r.code(), r.java()));
    }
    s.append("      default:\n        return Optional.empty();\n    }\n  }\n");
    if (mask) {
      s.append("\n  /** The bits of these values, or-ed. */\n");
      s.append(
          String.format(
              "  public static int maskOf(%s... values) {%n    int m = 0;%n    for (%s v : values) {%n      m |= v.code;%n    }%n    return m;%n  }%n%n",
              type, type));
      s.append(
          "  /** The values whose bits are set in {@code mask}; unknown bits are ignored. */\n");
      s.append(
          String.format(
              "  public static Set<%s> fromMask(int mask) {%n    EnumSet<%s> set = EnumSet.noneOf(%s.class);%n",
              type, type, type));
      s.append(
          String.format(
              "    for (%s v : values()) {%n      if ((mask & v.code) == v.code) {%n        set.add(v);%n      }%n    }%n    return set;%n  }%n",
              type));
    }
    s.append("}\n");
    return s.toString();
  }

  /** Every generated file, by path relative to the module directory. */
  static Map<String, String> render(Path module) throws IOException {
    Path res = module.resolve("src/main/resources/io/restore/kmip/ttlv");
    Path src = module.resolve("src/main/java/io/restore/kmip/ttlv");
    var files = new LinkedHashMap<String, String>();
    files.put(src.resolve("Tag.java").toString(), renderTag(tags(read(res.resolve("tags.tsv")))));
    Map<String, List<EnumRow>> enums = enums(read(res.resolve("enumerations.tsv")));
    for (String type : TYPED) {
      files.put(src.resolve(type + ".java").toString(), renderEnum(type, enums.get(type)));
    }
    return files;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Regenerates the Java files; the argument is the kmip-core directory. */
  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, String> e : render(Path.of(args[0])).entrySet()) {
      Files.writeString(Path.of(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
