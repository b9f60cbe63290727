package io.restore.dump.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Azure Blob Storage for a dump destination, separate from the snapshot's Key Vault
 * settings. Credentials, first found wins: a connection string ({@code
 * AZURE_STORAGE_CONNECTION_STRING}), an account key ({@code AZURE_STORAGE_KEY}), else
 * DefaultAzureCredential (environment, workload and managed identity, Azure CLI). Secrets come from
 * the environment, never from the command line.
 */
public record AzureSettings(
    Optional<URI> endpoint, Optional<String> connectionString, Optional<String> accountKey) {
  public AzureSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(connectionString, "connectionString");
    Objects.requireNonNull(accountKey, "accountKey");
  }

  public static AzureSettings fromEnvironment(Optional<URI> endpoint) {
    return new AzureSettings(
        endpoint,
        Optional.ofNullable(System.getenv("AZURE_STORAGE_CONNECTION_STRING"))
            .filter(v -> !v.isBlank()),
        Optional.ofNullable(System.getenv("AZURE_STORAGE_KEY")).filter(v -> !v.isBlank()));
  }

  @Override
  public String toString() {
    return "AzureSettings[endpoint="
        + endpoint
        + ", connectionString="
        + (connectionString.isPresent() ? "hidden" : "none")
        + ", accountKey="
        + (accountKey.isPresent() ? "hidden" : "none")
        + "]";
  }
}
