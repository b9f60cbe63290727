package io.restore.dump.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Google Cloud Storage for a dump destination, separate from the snapshot's Cloud KMS
 * settings (the bucket is often in another project). Credentials, first given wins: none at all
 * ({@code anonymous}: emulators and test doubles), a key file ({@code --gcs-credentials-file}),
 * else Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's login,
 * workload identity, the metadata server).
 *
 * @param endpoint JSON API root instead of https://storage.googleapis.com (emulators)
 * @param credentialsFile a service-account (or other) key file in Google's JSON format
 * @param project the project billed for requester-pays buckets, if any
 * @param anonymous send no credentials
 */
public record GcsSettings(
    Optional<URI> endpoint,
    Optional<Path> credentialsFile,
    Optional<String> project,
    boolean anonymous) {
  public GcsSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
    Objects.requireNonNull(project, "project");
    if (anonymous && credentialsFile.isPresent()) {
      throw new IllegalArgumentException("anonymous and a credentials file exclude each other");
    }
  }

  public static GcsSettings defaults() {
    return new GcsSettings(Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /** The JSON API root, without a trailing slash. */
  String root() {
    String r = endpoint.map(URI::toString).orElse("https://storage.googleapis.com");
    return r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
  }
}
