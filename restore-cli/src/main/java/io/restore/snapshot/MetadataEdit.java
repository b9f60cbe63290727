package io.restore.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore metadata set}: sets fields of a snapshot's metadata file in place (atomic, owner
 * only, other fields kept), creating the file when the snapshot has none for the provider.
 */
public final class MetadataEdit {
  private MetadataEdit() {}

  /**
   * @param created true when the file did not exist before
   * @param unknownFields fields restore does not read for this provider (written anyway)
   */
  public record Result(
      Path file, boolean created, Provider provider, List<String> set, List<String> unknownFields) {
    public Result {
      set = List.copyOf(set);
      unknownFields = List.copyOf(unknownFields);
    }
  }

  /**
   * @param keyId {@code --key-id}, when the snapshot has several keys
   * @param provider {@code --provider}: which metadata file (created when missing)
   * @param providerFlag the flag the user typed for {@code provider}, for messages
   * @param fields name → value, in the order given
   */
  public static Result set(
      Path dbpath,
      Optional<String> keyId,
      Optional<Provider> provider,
      String providerFlag,
      Map<String, String> fields) {
    Snapshot s = Snapshot.open(dbpath, keyId, provider, providerFlag);
    Metadata md = s.metadata();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      md = md.with(e.getKey(), e.getValue());
      if (MetadataField.lookup(s.provider(), e.getKey()).isEmpty()) {
        unknown.add(e.getKey());
      }
    }
    MetadataWriter.write(md);
    return new Result(
        md.file(), !s.metadata().exists(), s.provider(), List.copyOf(fields.keySet()), unknown);
  }
}
