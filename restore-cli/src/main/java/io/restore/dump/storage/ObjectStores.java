package io.restore.dump.storage;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** Opens an upload to the store a {@link Destination} names. */
public final class ObjectStores {
  /** S3's smallest part (except the last); the other stores accept it too. */
  public static final int MIN_PART_SIZE = 5 << 20;

  private ObjectStores() {}

  /**
   * How uploads run: part size and parts in flight bound the memory ({@code (inFlight + 1) *
   * partSize}); the store settings are the destination's own, separate from the KMS ones.
   */
  public record Settings(
      S3Settings s3, AzureSettings azure, GcsSettings gcs, int partSize, int inFlight) {
    public Settings {
      Objects.requireNonNull(s3, "s3");
      Objects.requireNonNull(azure, "azure");
      Objects.requireNonNull(gcs, "gcs");
      if (partSize <= 0 || inFlight <= 0) {
        throw new IllegalArgumentException("partSize and inFlight must be positive");
      }
    }

    /** Without a gs:// destination in mind: Cloud Storage gets its defaults. */
    public Settings(S3Settings s3, AzureSettings azure, int partSize, int inFlight) {
      this(s3, azure, GcsSettings.defaults(), partSize, inFlight);
    }

    public Settings withGcs(GcsSettings g) {
      return new Settings(s3, azure, g, partSize, inFlight);
    }

    public static Settings defaults() {
      return new Settings(
          S3Settings.defaults(),
          AzureSettings.fromEnvironment(Optional.empty()),
          GcsSettings.defaults(),
          8 << 20,
          4);
    }
  }

  /**
   * Starts an upload to {@code d} (not a local file): refuses an existing object unless {@code
   * overwrite}. The caller writes, verifies, then commits; closing without a commit aborts.
   */
  public static ObjectUpload open(Destination d, Settings s, boolean overwrite) throws IOException {
    PartStore store;
    if (d instanceof Destination.S3Object o) {
      store = new S3Store(S3Store.client(s.s3()), o);
    } else if (d instanceof Destination.AzureBlob a) {
      store = new AzureStore(AzureStore.client(s.azure(), a), a);
    } else if (d instanceof Destination.GcsObject g) {
      GcsStore.checkPartSize(s.partSize());
      store = new GcsStore(GcsClient.open(s.gcs()), g);
    } else {
      throw new IllegalArgumentException("a local file is staged by StagedOutput");
    }
    return PartedUpload.start(store, overwrite, s.partSize(), s.inFlight());
  }
}
