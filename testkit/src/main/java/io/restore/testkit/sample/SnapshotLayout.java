package io.restore.testkit.sample;

import static io.restore.testkit.Json.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the parts of an Atlas snapshot's dbpath that {@code restore} reads
 * (docs/design/atlas-snapshot.md): {@code key.store/keystore.metadata}, {@code key.store/<keyId>/}
 * and {@code cloudProviderCredentials/<keyId>.<provider>.metadata}. A test double: real snapshots
 * come from Atlas; the data files are written by whoever builds the sample (e.g. the mongod
 * stand-in's sample generator).
 */
public final class SnapshotLayout {
  private SnapshotLayout() {}

  /**
   * Writes the key store and the metadata file; returns the metadata file.
   *
   * @param provider {@code aws}, {@code azure}, {@code gcp} or {@code local}
   * @param metadataFields the metadata JSON's fields, all string-valued, written in map order
   */
  public static Path write(
      Path dbpath, String keyId, String provider, Map<String, String> metadataFields)
      throws IOException {
    writeKeyStore(dbpath, keyId);
    Path dir = Files.createDirectories(dbpath.resolve("cloudProviderCredentials"));
    Path metadata = dir.resolve(keyId + "." + provider + ".metadata");
    Files.writeString(metadata, toJson(metadataFields), StandardCharsets.UTF_8);
    return metadata;
  }

  /** Writes {@code key.store/keystore.metadata} and the key's directory, as mongod leaves them. */
  public static void writeKeyStore(Path dbpath, String keyId) throws IOException {
    Path keyStore = Files.createDirectories(dbpath.resolve("key.store"));
    Files.write(keyStore.resolve("keystore.metadata"), new byte[] {0, 0, 0, 1});
    Path keyDir = Files.createDirectories(keyStore.resolve(keyId));
    // mongod keeps one encrypted key file per database under the master key's directory.
    Files.write(keyDir.resolve("keystore.wt"), new byte[0]);
  }

  /** A flat JSON object of string fields, in the map's order. */
  public static String toJson(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      json.append("  ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
      json.append(++i < fields.size() ? ",\n" : "\n");
    }
    return json.append("}\n").toString();
  }
}
