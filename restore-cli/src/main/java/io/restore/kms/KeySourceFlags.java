package io.restore.kms;

import io.restore.snapshot.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line (and its {@code RESTORE_*} environment variables) says about the key
 * source, before the snapshot is read. {@link KeySettings#resolve} combines it with the snapshot's
 * metadata into one provider's settings. Each value keeps the flag it was typed with ({@link
 * Given}). {@link #toString()} shows which are set, never a value.
 *
 * @param keyId {@code --key-id}: which key.store entry, when there are several
 * @param cloudProvider {@code --cloud-provider}, {@code --provider} or {@code -cloudProvider}
 * @param encryptedKeyFile {@code --encrypted-key-file}: the KMS ciphertext of the master key
 * @param keyFile {@code --key-file}: the master key itself (raw 32 bytes or base64); skips the KMS
 */
public record KeySourceFlags(
    Optional<String> keyId,
    Optional<ProviderFlag> cloudProvider,
    Optional<Path> encryptedKeyFile,
    Optional<Path> keyFile,
    KmsCall call,
    Aws aws,
    Azure azure,
    Gcp gcp) {

  public KeySourceFlags {
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(cloudProvider);
    Objects.requireNonNull(encryptedKeyFile);
    Objects.requireNonNull(keyFile);
    Objects.requireNonNull(call);
    Objects.requireNonNull(aws);
    Objects.requireNonNull(azure);
    Objects.requireNonNull(gcp);
  }

  /** The provider the user named, and the flag they named it with (for messages). */
  public record ProviderFlag(Provider provider, String flag) {}

  /** AWS: {@code --aws-*} and kmipProxyStandalone's {@code -aws*}. */
  public record Aws(
      Optional<Given> accessKeyId,
      Optional<Given> secretAccessKey,
      Optional<Given> sessionToken,
      Optional<Given> region,
      Optional<Given> profile,
      Optional<Given> roleArn,
      Optional<URI> stsEndpoint) {
    public static Aws none() {
      return new Aws(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    List<Optional<Given>> all() {
      return List.of(accessKeyId, secretAccessKey, sessionToken, region, profile, roleArn);
    }
  }

  /** Azure: {@code --azure-*}. */
  public record Azure(
      Optional<Given> clientId,
      Optional<Given> tenantId,
      Optional<Given> clientSecret,
      Optional<URI> authorityHost) {
    public static Azure none() {
      return new Azure(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    List<Optional<Given>> all() {
      return List.of(clientId, tenantId, clientSecret);
    }
  }

  /** Google Cloud: {@code --gcp-*}. */
  public record Gcp(Optional<Path> credentialsFile) {
    public static Gcp none() {
      return new Gcp(Optional.empty());
    }
  }

  /** No flags: everything from the metadata file and the SDKs' default chains. */
  public static KeySourceFlags none() {
    return new KeySourceFlags(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        KmsCall.defaults(),
        Aws.none(),
        Azure.none(),
        Gcp.none());
  }

  /**
   * The credential flags typed for {@code provider} (not those from the environment: a variable set
   * for other work is no mistake); used to warn when the snapshot uses another provider.
   */
  public List<String> typedFlagsFor(Provider provider) {
    List<String> out = new ArrayList<>();
    List<Optional<Given>> given =
        switch (provider) {
          case AWS -> aws.all();
          case AZURE -> azure.all();
          default -> List.of();
        };
    for (Optional<Given> g : given) {
      g.filter(v -> v.source().startsWith("-")).ifPresent(v -> out.add(v.source()));
    }
    if (provider == Provider.AWS && aws.stsEndpoint.isPresent()) {
      out.add("--aws-sts-endpoint");
    }
    if (provider == Provider.AZURE && azure.authorityHost.isPresent()) {
      out.add("--azure-authority-host");
    }
    if (provider == Provider.GCP && gcp.credentialsFile.isPresent()) {
      out.add("--gcp-credentials-file");
    }
    return out;
  }

  /** A copy without {@code --key-file} (for {@code metadata wrap}'s check decrypt). */
  public KeySourceFlags withoutKeyFiles() {
    return new KeySourceFlags(
        keyId, cloudProvider, Optional.empty(), Optional.empty(), call, aws, azure, gcp);
  }
}
