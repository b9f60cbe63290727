package io.restore.dump.storage;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.snapshot.UntrustedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The destination's own Google credentials and clients: the real {@code google-cloud-storage}
 * client for object metadata, listing and deletion, and a JDK HTTP client for the resumable upload
 * session, which that library cannot keep open until a dump verified nor cancel (see {@link
 * GcsStore}). Never the snapshot's Cloud KMS credentials.
 */
final class GcsClient implements AutoCloseable {
  static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";

  final GcsSettings settings;
  final Storage storage;
  final HttpClient http;
  private final Credentials credentials;

  private GcsClient(GcsSettings settings, Credentials credentials, Storage storage) {
    this.settings = settings;
    this.credentials = credentials;
    this.storage = storage;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  }

  static GcsClient open(GcsSettings s) {
    Credentials c = credentials(s);
    StorageOptions.Builder b =
        StorageOptions.http()
            .setHost(s.root())
            .setCredentials(c)
            // without a project the library would probe the metadata server; objects need none
            .setProjectId(s.project().orElse("restore-dump-destination"))
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(3)
                    .setTotalTimeoutDuration(Duration.ofSeconds(60))
                    .build());
    return new GcsClient(s, c, b.build().getService());
  }

  private static Credentials credentials(GcsSettings s) {
    if (s.anonymous()) {
      return NoCredentials.getInstance();
    }
    try {
      GoogleCredentials c;
      if (s.credentialsFile().isPresent()) {
        byte[] json =
            UntrustedFile.read(
                s.credentialsFile().get(),
                "credentials file (from --gcs-credentials-file)",
                UntrustedFile.KEY_MAX,
                ExitCode.USAGE);
        try (InputStream in = new ByteArrayInputStream(json)) {
          c = GoogleCredentials.fromStream(in);
        } finally {
          Arrays.fill(json, (byte) 0);
        }
      } else {
        c = GoogleCredentials.getApplicationDefault();
      }
      return c.createScopedRequired() ? c.createScoped(List.of(SCOPE)) : c;
    } catch (IOException | RuntimeException e) {
      if (e instanceof RestoreException r) {
        throw r;
      }
      return fail(s, e);
    }
  }

  private static Credentials fail(GcsSettings s, Exception e) {
    if (s.credentialsFile().isPresent()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--gcs-credentials-file "
              + s.credentialsFile().get()
              + " is not a Google credentials file (or a damaged one)",
          "give the JSON key of the service account that writes the dumps",
          e);
    }
    throw new RestoreException(
        ExitCode.DUMP_FAILED,
        "no Google credentials were found for the gs:// destination",
        "set GOOGLE_APPLICATION_CREDENTIALS, run 'gcloud auth application-default login', or"
            + " pass --gcs-credentials-file; the snapshot's KMS credentials are not used for it",
        e);
  }

  /** A request to the JSON API with the destination's credentials. */
  HttpRequest.Builder request(URI uri) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5));
    if (credentials instanceof NoCredentials) {
      return b;
    }
    Map<String, List<String>> headers = credentials.getRequestMetadata(uri);
    if (headers != null) {
      headers.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
    }
    return b;
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception ignored) {
      // nothing is pending once an upload committed or aborted
    }
  }
}
