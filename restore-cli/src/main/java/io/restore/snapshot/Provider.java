package io.restore.snapshot;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a snapshot's master key is kept. The name in metadata file names ({@code
 * <keyId>.<name>.metadata}) and in {@code -cloudProvider} is {@link #id()}.
 */
public enum Provider {
  AWS("aws", "AWS KMS"),
  AZURE("azure", "Azure Key Vault"),
  GCP("gcp", "Google Cloud KMS"),
  /** A master key held in a local file: self-managed keys, the demo, or a key already decrypted. */
  LOCAL("local", "local key file");

  private final String id;
  private final String displayName;

  Provider(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** The lower-case name used in file names and on the command line. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** {@code aws}, {@code AWS}, {@code azure}, {@code gcp}, {@code google}, {@code local}. */
  public static Optional<Provider> fromId(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("google")) {
      return Optional.of(GCP);
    }
    for (Provider p : values()) {
      if (p.id.equals(n)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
