package io.restore.dump.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Azure block blob: each part staged as a block with its Content-MD5 (the service rejects a
 * block whose bytes do not match), the block list committed only by {@link #commit}. There is no
 * abort call in the Blob API: uncommitted blocks are never visible and the service discards them
 * after a week, so {@link #abort} has nothing to send.
 */
final class AzureStore implements PartStore {
  private final BlockBlobClient blob;
  private final Destination.AzureBlob target;
  // block ids are per upload so a concurrent writer's blocks of the same number never mix in
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private boolean overwrite;

  AzureStore(BlockBlobClient blob, Destination.AzureBlob target) {
    this.blob = blob;
    this.target = target;
  }

  static BlockBlobClient client(AzureSettings s, Destination.AzureBlob d) {
    return container(s, d).getBlobClient(d.blob()).getBlockBlobClient();
  }

  /** The container {@code d} is in, with the destination's credentials. */
  static BlobContainerClient container(AzureSettings s, Destination.AzureBlob d) {
    HttpClient http = new JdkHttpClientBuilder().build();
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().httpClient(http);
    if (s.connectionString().isPresent()) {
      b.connectionString(s.connectionString().get());
    }
    String endpoint =
        s.endpoint()
            .map(java.net.URI::toString)
            .orElse("https://" + d.account() + ".blob.core.windows.net");
    if (s.endpoint().isPresent() || s.connectionString().isEmpty()) {
      b.endpoint(endpoint);
    }
    if (s.connectionString().isEmpty()) {
      if (s.accountKey().isPresent()) {
        b.credential(new StorageSharedKeyCredential(d.account(), s.accountKey().get()));
      } else {
        b.credential(new DefaultAzureCredentialBuilder().httpClient(http).build());
      }
    }
    return b.buildClient().getBlobContainerClient(d.container());
  }

  @Override
  public void begin(boolean overwrite) throws IOException {
    this.overwrite = overwrite;
    boolean exists;
    try {
      exists = !overwrite && blob.exists();
    } catch (RuntimeException e) { // the SDK's network errors are not all AzureExceptions
      throw AzureErrors.describe(target, "checking for an existing blob", e);
    }
    if (exists && !overwrite) {
      throw new RestoreException(
          ExitCode.USAGE,
          "output " + target.display() + " already exists",
          "choose another blob name, delete it, or pass --overwrite to replace it once the new"
              + " dump has verified");
    }
  }

  private String blockId(int number) {
    String raw = String.format("restore-%s-%08d", session, number); // all ids the same length
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public Checksum partChecksum() {
    return Checksum.MD5;
  }

  @Override
  public String uploadPart(int number, Part part) throws IOException {
    String id = blockId(number);
    try {
      blob.stageBlockWithResponse(
          id,
          new ByteArrayInputStream(part.data(), 0, part.length()),
          part.length(),
          part.checksum(),
          null,
          null,
          Context.NONE);
      return id;
    } catch (RuntimeException e) { // the SDK's network errors are not all AzureExceptions
      throw new IOException(
          AzureErrors.describe(target, "staging block " + number, e).getMessage());
    }
  }

  @Override
  public void commit(List<String> parts, String sha256Hex) throws IOException {
    BlobRequestConditions when = new BlobRequestConditions();
    if (!overwrite) {
      when.setIfNoneMatch("*"); // another writer won the race: fail rather than replace it
    }
    try {
      blob.commitBlockListWithResponse(
          new BlockBlobCommitBlockListOptions(parts)
              .setMetadata(Map.of("restoresha256", sha256Hex))
              .setRequestConditions(when),
          null,
          Context.NONE);
    } catch (RuntimeException e) { // the SDK's network errors are not all AzureExceptions
      throw AzureErrors.describe(target, "committing the block list", e);
    }
  }

  @Override
  public void abort() {
    // nothing to send: uncommitted blocks are invisible and expire (see the class comment)
  }

  @Override
  public void close() {}
}
