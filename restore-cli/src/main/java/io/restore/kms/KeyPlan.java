package io.restore.kms;

import io.restore.snapshot.FilePermissions;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot and how its master key will be obtained, settled before any work: the settings are
 * built and validated once, and everything worth a warning is known.
 *
 * @param warnings the snapshot's (file permissions) and the command line's (credential flags for a
 *     provider the snapshot does not use)
 */
public record KeyPlan(Snapshot snapshot, KeySettings settings, List<String> warnings) {
  public KeyPlan {
    warnings = List.copyOf(warnings);
  }

  /** Resolves the settings for an opened snapshot. */
  public static KeyPlan of(Snapshot snapshot, KeySourceFlags flags) {
    KeySettings settings = KeySettings.resolve(snapshot, flags);
    List<String> warnings = new ArrayList<>(snapshot.warnings());
    warnings.addAll(unusedFlags(settings, flags));
    if (settings instanceof LocalSettings l
        && l.origin().equals("--key-file")
        && FilePermissions.groupOrOtherReadable(l.keyFile())) {
      warnings.add(FilePermissions.warning(l.keyFile()));
    }
    return new KeyPlan(snapshot, settings, warnings);
  }

  /** The key source these settings make. */
  public MasterKeySource source() {
    return KeySources.forSettings(settings);
  }

  /** Credential flags typed for another provider are ignored: say so, naming them. */
  static List<String> unusedFlags(KeySettings settings, KeySourceFlags flags) {
    Provider used = provider(settings);
    List<String> out = new ArrayList<>();
    for (Provider p : List.of(Provider.AWS, Provider.AZURE, Provider.GCP)) {
      if (p == used) {
        continue;
      }
      List<String> typed = flags.typedFlagsFor(p);
      if (!typed.isEmpty()) {
        out.add(
            String.join(", ", typed)
                + (typed.size() == 1 ? " is" : " are")
                + " ignored: "
                + (used == Provider.LOCAL
                    ? "the master key comes from a local key file ("
                        + ((LocalSettings) settings).origin()
                        + ")"
                    : "this snapshot's key is in " + used.displayName())
                + ", not "
                + p.displayName());
      }
    }
    return out;
  }

  private static Provider provider(KeySettings s) {
    if (s instanceof LocalSettings) {
      return Provider.LOCAL; // --key-file wins over the snapshot's provider
    }
    return s.ctx().provider();
  }
}
