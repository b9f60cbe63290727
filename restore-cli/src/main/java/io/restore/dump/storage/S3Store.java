package io.restore.dump.storage;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 multipart upload: created by {@link #begin}, each part sent with its {@code
 * x-amz-checksum-crc32c} (the service rejects a part whose bytes do not match; CRC-32C rather than
 * Content-MD5 or SHA-256 because the JDK computes it in hardware at a small fraction of their cost,
 * and the whole object's SHA-256 is recorded anyway), completed only by {@link #commit}, and
 * aborted ({@code AbortMultipartUpload}) otherwise, so no orphaned parts are billed.
 */
final class S3Store implements PartStore, AutoCloseable {
  private final S3Client s3;
  private final Destination.S3Object target;
  private final Map<Integer, CompletedPart> done = new ConcurrentHashMap<>();
  private final boolean ownsClient;
  private String uploadId;
  private boolean overwrite;

  S3Store(S3Client s3, Destination.S3Object target) {
    this(s3, target, true);
  }

  /** With {@code ownsClient} false the client is shared (a directory's objects) and kept open. */
  S3Store(S3Client s3, Destination.S3Object target, boolean ownsClient) {
    this.s3 = s3;
    this.target = target;
    this.ownsClient = ownsClient;
  }

  /** A client for the destination: its own credentials, never the KMS ones. */
  static S3Client client(S3Settings s) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            // no aws-chunked framing: over https (AWS) the checksum header already makes the
            // payload unsigned; over http (emulators, S3-compatible stores) the SDK then hashes
            // the part once instead of signing 128 KiB chunks the server must unframe
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .credentialsProvider(credentials(s));
    s.endpoint()
        .ifPresent(
            e -> b.endpointOverride(e).forcePathStyle(true)); // emulators: no bucket subdomains
    if (s.region().isPresent()) {
      b.region(Region.of(s.region().get()));
    } else if (s.endpoint().isPresent() || System.getenv("AWS_ENDPOINT_URL_S3") != null) {
      b.region(Region.US_EAST_1); // an S3-compatible store mostly ignores the region
    } else {
      b.crossRegionAccessEnabled(true); // finds the bucket's region when none is configured
      b.region(regionOrDefault());
    }
    return b.build();
  }

  private static Region regionOrDefault() {
    try {
      return new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain()
          .getRegion();
    } catch (SdkClientException e) {
      return Region.US_EAST_1;
    }
  }

  private static AwsCredentialsProvider credentials(S3Settings s) {
    if (s.keys().isPresent()) {
      S3Settings.StaticKeys k = s.keys().get();
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
    }
    if (s.profile().isPresent()) {
      return ProfileCredentialsProvider.create(s.profile().get());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public void begin(boolean overwrite) throws IOException {
    this.overwrite = overwrite;
    try {
      if (!overwrite && exists()) {
        throw new RestoreException(
            ExitCode.USAGE,
            "output " + target.display() + " already exists",
            "choose another key, delete it, or pass --overwrite to replace it once the new dump"
                + " has verified");
      }
      uploadId =
          s3.createMultipartUpload(
                  r ->
                      r.bucket(target.bucket())
                          .key(target.key())
                          .contentType("application/octet-stream")
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32_C))
              .uploadId();
    } catch (SdkException e) {
      throw S3Errors.describe(target, "starting the upload", e);
    }
  }

  private boolean exists() {
    try {
      s3.headObject(r -> r.bucket(target.bucket()).key(target.key()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
        return false;
      }
      throw e;
    }
  }

  static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  @Override
  public Checksum partChecksum() {
    return Checksum.CRC32C;
  }

  @Override
  public String uploadPart(int number, Part part) throws IOException {
    String crc = Base64.getEncoder().encodeToString(part.checksum());
    try {
      UploadPartResponse r =
          s3.uploadPart(
              q ->
                  q.bucket(target.bucket())
                      .key(target.key())
                      .uploadId(uploadId)
                      .partNumber(number)
                      .contentLength((long) part.length())
                      .checksumCRC32C(crc),
              RequestBody.fromContentProvider(
                  () -> new ByteArrayInputStream(part.data(), 0, part.length()),
                  part.length(),
                  "application/octet-stream"));
      done.put(
          number,
          CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32C(crc).build());
      return r.eTag();
    } catch (SdkException e) {
      throw new IOException(S3Errors.describe(target, "uploading part " + number, e).getMessage());
    }
  }

  @Override
  public void commit(List<String> parts, String sha256Hex) throws IOException {
    List<CompletedPart> ordered =
        done.values().stream().sorted(Comparator.comparingInt(CompletedPart::partNumber)).toList();
    if (ordered.size() != parts.size()) {
      throw new IOException("only " + ordered.size() + " of " + parts.size() + " parts were sent");
    }
    try {
      s3.completeMultipartUpload(
          r -> {
            r.bucket(target.bucket())
                .key(target.key())
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(ordered).build());
            if (!overwrite) {
              r.ifNoneMatch("*"); // another writer won the race: fail rather than replace it
            }
          });
      uploadId = null;
    } catch (SdkException e) {
      throw S3Errors.describe(target, "completing the upload", e);
    }
  }

  @Override
  public void abort() {
    if (uploadId == null) {
      return;
    }
    String id = uploadId;
    uploadId = null;
    try {
      s3.abortMultipartUpload(r -> r.bucket(target.bucket()).key(target.key()).uploadId(id));
    } catch (SdkException e) {
      // best effort: a bucket lifecycle rule for incomplete uploads is the backstop
      // (docs/troubleshooting.md); the object itself was never published
      System.err.println(
          "restore: could not abort the multipart upload to "
              + target.display()
              + " ("
              + S3Errors.describe(target, "aborting", e).getMessage()
              + "); delete it with: aws s3api abort-multipart-upload --bucket "
              + target.bucket()
              + " --key "
              + target.key()
              + " --upload-id "
              + id);
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      s3.close();
    }
  }
}
