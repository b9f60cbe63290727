package io.restore.testkit.sample;

import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small sample snapshots whose master key is wrapped by one of the testkit's KMS doubles, with the
 * metadata fields Atlas writes for that provider (made with the double's own encrypt call, as Atlas
 * would). The master key is {@link SampleSnapshotGenerator#masterKeyFor(long)}.
 */
public final class CloudKmsSamples {
  private CloudKmsSamples() {}

  public static Sample aws(FakeAwsKms aws, Path folder, long seed) throws IOException {
    String keyArn = aws.createKey();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyID", FakeAwsKms.ACCESS_KEY_ID);
    f.put("secretAccessKey", FakeAwsKms.SECRET_ACCESS_KEY);
    f.put("customerMasterKeyID", keyArn);
    f.put("region", FakeAwsKms.REGION);
    f.put("roleId", "");
    f.put("encryptedKey", base64(aws.encrypt(keyArn, master(seed), Map.of())));
    return sample(folder, seed, "aws", f);
  }

  public static Sample azure(FakeAzureKeyVault azure, Path folder, long seed) throws IOException {
    String keyId = azure.createKey("atlas-key");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("azureEnvironment", "AZURE");
    f.put("clientID", FakeAzureKeyVault.CLIENT_ID);
    f.put("tenantID", FakeAzureKeyVault.TENANT_ID);
    f.put("secret", FakeAzureKeyVault.CLIENT_SECRET);
    f.put("subscriptionID", "sub");
    f.put("resourceGroupName", "rg");
    f.put("keyVaultName", "atlas-vault");
    // the key's URL as Atlas writes it; the tests point the SDK at the double with --kms-endpoint
    f.put("keyIdentifier", "https://atlas-vault.vault.azure.net" + URI.create(keyId).getPath());
    f.put("encryptedKey", base64(azure.encrypt(keyId, "RSA-OAEP-256", master(seed))));
    return sample(folder, seed, "azure", f);
  }

  public static Sample gcp(FakeGoogleKms gcp, Path folder, long seed) throws IOException {
    String keyVersion = gcp.createKey("atlas");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("serviceAccountKey", gcp.serviceAccountKeyJson());
    f.put("keyVersionResourceID", keyVersion);
    f.put("encryptedKey", base64(gcp.encrypt(keyVersion, master(seed), new byte[0])));
    return sample(folder, seed, "gcp", f);
  }

  private static Sample sample(Path folder, long seed, String provider, Map<String, String> fields)
      throws IOException {
    return SampleSnapshotGenerator.generate(
        folder,
        SampleSnapshotGenerator.keyIdFor(seed),
        master(seed),
        SampleSnapshotGenerator.Spec.small(seed),
        provider,
        fields);
  }

  private static byte[] master(long seed) {
    return SampleSnapshotGenerator.masterKeyFor(seed);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
