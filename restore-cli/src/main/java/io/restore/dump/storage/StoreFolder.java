package io.restore.dump.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A prefix in a store that a directory output goes under ({@code s3://bucket/dumps/nightly/}): one
 * client for all its objects, each uploaded like an archive ({@link ObjectUpload}), listed and
 * deleted by name relative to the prefix.
 */
public final class StoreFolder implements AutoCloseable {
  private final Destination prefix;
  private final ObjectStores.Settings settings;
  private final S3Client s3;
  private final BlobContainerClient azure;
  private final GcsClient gcs;

  private StoreFolder(
      Destination prefix,
      ObjectStores.Settings settings,
      S3Client s3,
      BlobContainerClient azure,
      GcsClient gcs) {
    this.prefix = prefix;
    this.settings = settings;
    this.s3 = s3;
    this.azure = azure;
    this.gcs = gcs;
  }

  /** Opens the store a prefix from {@link Destination#parsePrefix} is in. */
  public static StoreFolder open(Destination prefix, ObjectStores.Settings s) {
    if (prefix instanceof Destination.S3Object) {
      return new StoreFolder(prefix, s, S3Store.client(s.s3()), null, null);
    }
    if (prefix instanceof Destination.AzureBlob a) {
      return new StoreFolder(prefix, s, null, AzureStore.container(s.azure(), a), null);
    }
    if (prefix instanceof Destination.GcsObject) {
      GcsStore.checkPartSize(s.partSize());
      return new StoreFolder(prefix, s, null, null, GcsClient.open(s.gcs()));
    }
    throw new IllegalArgumentException("a local folder is staged by StagedOutput");
  }

  /** The prefix as the user wrote it. */
  public String display() {
    return prefix.display();
  }

  /** Where {@code name} is, for messages. */
  public String display(String name) {
    return Destination.child(prefix, name).display();
  }

  /**
   * Starts the upload of {@code name}, replacing an object of that name (the folder was checked as
   * a whole); {@code inFlight} parts at most are buffered for it.
   */
  public ObjectUpload upload(String name, int inFlight) throws IOException {
    Destination d = Destination.child(prefix, name);
    PartStore store;
    if (d instanceof Destination.S3Object o) {
      store = new S3Store(s3, o, false);
    } else if (d instanceof Destination.AzureBlob a) {
      store = new AzureStore(azure.getBlobClient(a.blob()).getBlockBlobClient(), a);
    } else {
      store = new GcsStore(gcs, (Destination.GcsObject) d, false);
    }
    return PartedUpload.start(store, true, settings.partSize(), inFlight);
  }

  /** The names under the prefix, relative to it. */
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try {
      if (prefix instanceof Destination.S3Object o) {
        for (S3Object x :
            s3.listObjectsV2Paginator(r -> r.bucket(o.bucket()).prefix(o.key())).contents()) {
          names.add(x.key().substring(o.key().length()));
        }
      } else if (prefix instanceof Destination.AzureBlob a) {
        for (BlobItem b : azure.listBlobs(new ListBlobsOptions().setPrefix(a.blob()), null)) {
          names.add(b.getName().substring(a.blob().length()));
        }
      } else {
        Destination.GcsObject g = (Destination.GcsObject) prefix;
        for (Blob b :
            gcs.storage.list(g.bucket(), Storage.BlobListOption.prefix(g.object())).iterateAll()) {
          names.add(b.getName().substring(g.object().length()));
        }
      }
    } catch (SdkException e) {
      throw S3Errors.describe((Destination.S3Object) prefix, "listing", e);
    } catch (RuntimeException e) {
      throw describe("listing", e);
    }
    return names;
  }

  /** Deletes {@code name} under the prefix; an absent object is not an error. */
  public void delete(String name) throws IOException {
    Destination d = Destination.child(prefix, name);
    try {
      if (d instanceof Destination.S3Object o) {
        s3.deleteObject(r -> r.bucket(o.bucket()).key(o.key()));
      } else if (d instanceof Destination.AzureBlob a) {
        azure.getBlobClient(a.blob()).deleteIfExists();
      } else {
        Destination.GcsObject g = (Destination.GcsObject) d;
        gcs.storage.delete(BlobId.of(g.bucket(), g.object()));
      }
    } catch (SdkException e) {
      throw S3Errors.describe((Destination.S3Object) d, "deleting", e);
    } catch (RuntimeException e) {
      throw describe("deleting " + name, e);
    }
  }

  private RuntimeException describe(String doing, RuntimeException e) {
    if (prefix instanceof Destination.AzureBlob a) {
      return AzureErrors.describe(a, doing, e);
    }
    if (prefix instanceof Destination.GcsObject g) {
      return GcsErrors.describe(g, doing, e);
    }
    return e;
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
    if (gcs != null) {
      gcs.close();
    }
  }
}
