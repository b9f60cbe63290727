package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.json.Json;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.MetadataField;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import io.restore.snapshot.UntrustedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code restore inspect} reports about a snapshot: names, sizes and sources, never a value.
 * {@link #problem()} is the first thing that stops the key from being decrypted.
 */
public record Inspection(
    Snapshot snapshot,
    List<MetadataField> fieldsPresent,
    List<MetadataField> fieldsAbsent,
    List<String> unknownFields,
    Optional<String> encryptedKeySource,
    int encryptedKeyBytes,
    Optional<String> keySource,
    List<String> warnings,
    Optional<String> fingerprint,
    Optional<RestoreException> problem) {

  /**
   * Looks at everything; with {@code decrypt}, asks the KMS too. Without it, every file the
   * settings name (a key file, a credentials file) must still exist and be a readable regular file:
   * "ok" means a decrypt could start.
   */
  public static Inspection of(Snapshot s, KeySourceFlags flags, boolean decrypt) {
    Metadata md = s.metadata();
    List<MetadataField> absent = new ArrayList<>();
    for (MetadataField f : MetadataField.forProvider(s.provider())) {
      if (!md.has(f)) {
        absent.add(f);
      }
    }
    List<String> warnings = new ArrayList<>(s.warnings());
    Optional<String> encSource = Optional.empty();
    int encBytes = 0;
    Optional<String> source = Optional.empty();
    Optional<String> fingerprint = Optional.empty();
    Optional<RestoreException> problem = Optional.empty();
    try {
      // The snapshot's own gaps first (exit 3), then the key settings (exit 4 or 2).
      if (s.provider() != Provider.LOCAL && flags.keyFile().isEmpty()) {
        s.encryptedKey(flags.encryptedKeyFile());
      }
      KeyPlan plan = KeyPlan.of(s, flags);
      warnings = new ArrayList<>(plan.warnings());
      MasterKeySource ks = plan.source();
      if (!(plan.settings() instanceof LocalSettings)) {
        EncryptedKey ek = plan.settings().ctx().encryptedKey().get();
        encSource = Optional.of(ek.source());
        encBytes = ek.length();
      }
      source = Optional.of(ks.description());
      namedFiles(plan.settings());
      if (decrypt) {
        try (MasterKey key = ks.decrypt()) {
          fingerprint = Optional.of(key.fingerprint());
        }
      }
    } catch (RestoreException e) {
      problem = Optional.of(e);
    }
    return new Inspection(
        s,
        md.presentFields(),
        absent,
        md.unknownFieldNames(),
        encSource,
        encBytes,
        source,
        warnings,
        fingerprint,
        problem);
  }

  /** Checks the files the settings name: there, readable, regular (exit 3 otherwise). */
  private static void namedFiles(KeySettings settings) {
    if (settings instanceof LocalSettings l) {
      UntrustedFile.requireRegular(l.keyFile(), "key file (from " + l.origin() + ")", ExitCode.KMS);
    }
    if (settings instanceof GcpSettings g && g.credentials() instanceof GcpSettings.File f) {
      UntrustedFile.requireRegular(
          f.path(), "credentials file (from --gcp-credentials-file)", ExitCode.KMS);
    }
  }

  /** Aligned lines for people. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    line(b, "dbpath", absolute(snapshot.dbpath()));
    line(b, "key id", snapshot.keyId());
    line(b, "provider", snapshot.provider().id() + " (" + snapshot.provider().displayName() + ")");
    line(
        b,
        "metadata file",
        absolute(snapshot.metadataFile()) + (snapshot.metadata().exists() ? "" : " (absent)"));
    line(b, "fields present", describe(fieldsPresent));
    line(b, "fields absent", names(fieldsAbsent));
    if (!unknownFields.isEmpty()) {
      line(b, "other fields", String.join(", ", unknownFields) + " (kept, not read)");
    }
    encryptedKeySource.ifPresent(
        s -> line(b, "encrypted key", encryptedKeyBytes + " bytes from " + s));
    keySource.ifPresent(s -> line(b, "key source", s));
    fingerprint.ifPresent(f -> line(b, "decrypted", "yes, 32-byte key, SHA-256 fingerprint " + f));
    for (String w : warnings) {
      line(b, "warning", w);
    }
    return b.toString();
  }

  /** One JSON object with the same facts. */
  public String toJson() {
    return Json.write(toMap());
  }

  /** The facts of {@link #toJson}, as the members of a JSON object (for a list of several). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dbpath", absolute(snapshot.dbpath()));
    m.put("keyId", snapshot.keyId());
    m.put("provider", snapshot.provider().id());
    m.put("metadataFile", absolute(snapshot.metadataFile()));
    m.put("metadataExists", snapshot.metadata().exists());
    m.put("fieldsPresent", new ArrayList<Object>(fieldNames(fieldsPresent)));
    m.put("fieldsAbsent", new ArrayList<Object>(fieldNames(fieldsAbsent)));
    m.put("otherFields", List.copyOf(unknownFields));
    if (encryptedKeySource.isPresent()) {
      Map<String, Object> ek = new LinkedHashMap<>();
      ek.put("source", encryptedKeySource.get());
      ek.put("bytes", new Json.Number(Integer.toString(encryptedKeyBytes)));
      m.put("encryptedKey", ek);
    }
    keySource.ifPresent(s -> m.put("keySource", s));
    fingerprint.ifPresent(f -> m.put("fingerprint", f));
    m.put("warnings", List.copyOf(warnings));
    m.put("ok", problem.isEmpty());
    problem.ifPresent(
        p -> {
          m.put("problem", UserText.capLongRuns(Secrets.scrub(p.getMessage())));
          m.put("nextStep", UserText.capLongRuns(Secrets.scrub(p.nextStep())));
        });
    return m;
  }

  /** Paths as the user can use them from anywhere: relative ones resolved. */
  private static String absolute(java.nio.file.Path p) {
    return UserText.cap(p.toAbsolutePath().normalize().toString());
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format("%-15s %s%n", label + ":", value));
  }

  private static String describe(List<MetadataField> fields) {
    List<String> n = new ArrayList<>();
    for (MetadataField f : fields) {
      n.add(f.fieldName() + (f.secret() ? " (secret)" : ""));
    }
    return n.isEmpty() ? "none" : String.join(", ", n);
  }

  private static String names(List<MetadataField> fields) {
    return fields.isEmpty() ? "none" : String.join(", ", fieldNames(fields));
  }

  private static List<String> fieldNames(List<MetadataField> fields) {
    List<String> n = new ArrayList<>();
    for (MetadataField f : fields) {
      n.add(f.fieldName());
    }
    return n;
  }
}
