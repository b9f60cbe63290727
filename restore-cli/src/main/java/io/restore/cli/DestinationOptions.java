package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.storage.AzureSettings;
import io.restore.dump.storage.GcsSettings;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.S3Settings;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How to reach an object store given as {@code --archive s3://…} or {@code az://…}: endpoints,
 * region, profile and upload sizing. Credentials are the destination's own (each SDK's default
 * chain, an AWS profile, Azure's environment variables), never the snapshot's KMS credentials.
 */
final class DestinationOptions {
  @Option(
      names = "--s3-endpoint",
      paramLabel = "<url>",
      description = "S3-compatible endpoint for s3:// outputs (default: AWS_ENDPOINT_URL_S3, AWS).")
  String s3Endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "<region>",
      description = "Region of the s3:// bucket (default: the AWS region chain).")
  String s3Region;

  @Option(
      names = "--s3-profile",
      paramLabel = "<name>",
      description = "AWS profile for s3:// outputs (default: the AWS credentials chain).")
  String s3Profile;

  @Option(
      names = "--azure-blob-endpoint",
      paramLabel = "<url>",
      description =
          "Blob endpoint for az:// outputs, account included for emulators"
              + " (default: https://ACCOUNT.blob.core.windows.net).")
  String azureBlobEndpoint;

  @Option(
      names = "--gcs-endpoint",
      paramLabel = "<url>",
      description = "Cloud Storage JSON API root for gs:// outputs (default: Google's).")
  String gcsEndpoint;

  @Option(
      names = "--gcs-credentials-file",
      paramLabel = "<file>",
      description = "Google key file for gs:// outputs (default: Application Default Credentials).")
  java.nio.file.Path gcsCredentialsFile;

  @Option(
      names = "--gcs-project",
      paramLabel = "<id>",
      description = "Project billed for a requester-pays gs:// bucket.")
  String gcsProject;

  @Option(
      names = "--gcs-anonymous",
      description = "Send no Google credentials (emulators, test doubles).")
  boolean gcsAnonymous;

  @Option(
      names = "--upload-part-size",
      paramLabel = "<MiB>",
      converter = OptionValues.PartSizeMiB.class,
      defaultValue = "8",
      description = "Part size for object-store uploads, 5 to 512 (default: ${DEFAULT-VALUE}).")
  int partSizeMiB;

  @Option(
      names = "--upload-parallel",
      paramLabel = "<n>",
      converter = OptionValues.PartsInFlight.class,
      defaultValue = "4",
      description = "Parts uploaded at the same time, 1 to 16 (default: ${DEFAULT-VALUE}).")
  int parallel;

  ObjectStores.Settings settings() {
    // --upload-part-size and --upload-parallel were range-checked while parsing (OptionValues)
    S3Settings s3 =
        new S3Settings(
            url("--s3-endpoint", s3Endpoint),
            Optional.ofNullable(s3Region),
            Optional.ofNullable(s3Profile),
            Optional.empty());
    AzureSettings azure =
        AzureSettings.fromEnvironment(url("--azure-blob-endpoint", azureBlobEndpoint));
    if (gcsAnonymous && gcsCredentialsFile != null) {
      throw usage(
          "--gcs-anonymous and --gcs-credentials-file cannot be combined", "give one of them");
    }
    GcsSettings gcs =
        new GcsSettings(
            url("--gcs-endpoint", gcsEndpoint),
            Optional.ofNullable(gcsCredentialsFile),
            Optional.ofNullable(gcsProject),
            gcsAnonymous);
    return new ObjectStores.Settings(s3, azure, gcs, partSizeMiB << 20, parallel);
  }

  private static Optional<URI> url(String flag, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI u = new URI(value);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null
          || u.getUserInfo() != null
          || u.getQuery() != null) {
        throw usage(
            flag + " must be an http(s) URL without credentials",
            "e.g. " + flag + " http://127.0.0.1:9000");
      }
      return Optional.of(u);
    } catch (java.net.URISyntaxException e) {
      throw usage(flag + " is not a valid URL", "e.g. " + flag + " http://127.0.0.1:9000");
    }
  }

  private static RestoreException usage(String message, String next) {
    return new RestoreException(ExitCode.USAGE, message, next);
  }
}
