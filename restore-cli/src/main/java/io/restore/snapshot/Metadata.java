package io.restore.snapshot;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.json.Json;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code cloudProviderCredentials/<keyId>.<provider>.metadata} file: its JSON object, in file
 * order, with every field kept (also those we do not know), read by {@link MetadataField}.
 * Immutable; {@link #with} returns a changed copy for {@link MetadataWriter}. Holds secrets: no
 * method prints a value.
 */
public final class Metadata {
  /** Metadata files are a few KiB; anything much larger is not one. */
  static final int MAX_BYTES = UntrustedFile.METADATA_MAX;

  private final Path file;
  private final Provider provider;
  private final boolean exists;
  private final Map<String, Object> fields;

  private Metadata(Path file, Provider provider, boolean exists, Map<String, Object> fields) {
    this.file = file;
    this.provider = provider;
    this.exists = exists;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * Reads and checks a metadata file: a regular file (after links) of at most 1 MiB, UTF-8 JSON,
   * each known field of the JSON type it takes (docs/metadata.md).
   */
  public static Metadata read(Path file, Provider provider) {
    byte[] bytes = UntrustedFile.read(file, "metadata file", MAX_BYTES);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid(file, "is not UTF-8 text");
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    Map<String, Object> map;
    try {
      map = Json.parseObject(text);
    } catch (Json.SyntaxException e) {
      throw invalid(file, "is not valid JSON: " + e.getMessage());
    }
    Metadata m = new Metadata(file, provider, true, map);
    m.checkNoDuplicateFields();
    m.checkTypes();
    return m;
  }

  /** A metadata file that does not exist (yet): no fields. */
  public static Metadata absent(Path file, Provider provider) {
    return new Metadata(file, provider, false, Map.of());
  }

  /** Metadata built in memory, e.g. by {@code restore metadata wrap} before it is written. */
  public static Metadata of(Path file, Provider provider, Map<String, Object> fields) {
    Metadata m = new Metadata(file, provider, false, fields);
    m.checkNoDuplicateFields();
    return m;
  }

  private static RestoreException invalid(Path file, String what) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "metadata file " + file + " " + what,
        "fix the file by hand (docs/metadata.md shows the format), or restore it from the snapshot"
            + " archive");
  }

  private void checkNoDuplicateFields() {
    for (MetadataField f : MetadataField.forProvider(provider)) {
      List<String> names = namesFor(f);
      if (names.size() > 1) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "metadata file " + file + " gives " + f + " twice, as " + String.join(" and ", names),
            "keep one of " + String.join(", ", names) + " in " + file);
      }
    }
  }

  /**
   * Refuses, by name, a known field whose JSON value has the wrong type (a number where a string
   * goes), instead of turning it into text or a path; path fields must be usable paths.
   */
  private void checkTypes() {
    for (MetadataField f : MetadataField.forProvider(provider)) {
      Optional<String> name = nameOf(f);
      if (name.isEmpty()) {
        continue;
      }
      Object v = fields.get(name.get());
      if (v == null || v instanceof String) {
        if (v instanceof String s && f.kind() == MetadataField.Kind.PATH && !s.isBlank()) {
          UntrustedFile.path(s, "field " + name.get() + " of " + UserText.cap(file.toString()));
        }
        continue;
      }
      if (v instanceof Map && f.kind() == MetadataField.Kind.TEXT_OR_OBJECT) {
        continue;
      }
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "field "
              + name.get()
              + " of metadata file "
              + UserText.cap(file.toString())
              + " is "
              + jsonType(v)
              + ", but must be a string"
              + (f.kind() == MetadataField.Kind.TEXT_OR_OBJECT ? " or an object" : ""),
          "fix the field (docs/metadata.md shows the format), e.g. with 'restore metadata set'"
              + " or by hand");
    }
  }

  private static String jsonType(Object v) {
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  /** A path field ({@link MetadataField.Kind#PATH}) as a path; checked when the file was read. */
  public Optional<Path> path(MetadataField f) {
    return text(f)
        .map(s -> UntrustedFile.path(s, "field " + f + " of " + UserText.cap(file.toString())));
  }

  private List<String> namesFor(MetadataField f) {
    List<String> names = new ArrayList<>();
    for (String k : fields.keySet()) {
      if (f.matches(k)) {
        names.add(k);
      }
    }
    return names;
  }

  public Path file() {
    return file;
  }

  public Provider provider() {
    return provider;
  }

  /** False when the snapshot has no metadata file for this key (a local key given by flag). */
  public boolean exists() {
    return exists;
  }

  /** The name the file uses for a field (e.g. {@code accessKeyID}), if present. */
  public Optional<String> nameOf(MetadataField f) {
    List<String> names = namesFor(f);
    return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
  }

  /** The raw JSON value of a field (string, number, object...), if present and not null. */
  public Optional<Object> raw(MetadataField f) {
    return nameOf(f).map(fields::get);
  }

  /**
   * A field as text: strings as they are, numbers and booleans as written, objects and arrays as
   * compact JSON (a {@code serviceAccountKey} may be given as an object). Blank strings count as
   * absent: Atlas writes {@code ""} for credentials it does not have (role-based access).
   */
  public Optional<String> text(MetadataField f) {
    Optional<Object> v = raw(f);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Object o = v.get();
    String s = o instanceof String str ? str : Json.writeCompact(o);
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  /** Whether a field is present with a non-blank value. */
  public boolean has(MetadataField f) {
    return text(f).isPresent();
  }

  /** The provider's fields that have a value, in documentation order. */
  public List<MetadataField> presentFields() {
    List<MetadataField> out = new ArrayList<>();
    for (MetadataField f : MetadataField.forProvider(provider)) {
      if (has(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Field names in the file that {@code restore} does not read (kept on rewrite). */
  public List<String> unknownFieldNames() {
    List<String> out = new ArrayList<>();
    for (String k : fields.keySet()) {
      if (MetadataField.lookup(provider, k).isEmpty()) {
        out.add(k);
      }
    }
    return out;
  }

  /** Every field name, as written in the file. */
  public List<String> fieldNames() {
    return List.copyOf(fields.keySet());
  }

  /** The whole object, in file order (read-only). Holds secrets. */
  public Map<String, Object> fields() {
    return fields;
  }

  /**
   * A copy with one field set. A known field replaces the entry that names it under whatever case
   * or alias the file uses, in place; an unknown name replaces a case-insensitive match or is
   * appended.
   */
  public Metadata with(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>();
    Optional<MetadataField> known = MetadataField.lookup(provider, name);
    boolean replaced = false;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String k = e.getKey();
      boolean same = known.isPresent() ? known.get().matches(k) : k.equalsIgnoreCase(name);
      if (same && !replaced) {
        copy.put(k, value);
        replaced = true;
      } else if (!same) {
        copy.put(k, e.getValue());
      }
    }
    if (!replaced) {
      copy.put(known.map(MetadataField::fieldName).orElse(name), value);
    }
    return new Metadata(file, provider, exists, copy);
  }

  /** The file's JSON as {@link MetadataWriter} writes it. */
  public String toJson() {
    return Json.write(fields);
  }

  @Override
  public String toString() {
    return "Metadata[" + file + ", fields=" + fields.keySet() + "]";
  }
}
