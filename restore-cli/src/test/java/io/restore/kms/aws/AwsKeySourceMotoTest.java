package io.restore.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.cli.Flags;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.testkit.kms.MotoServer;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AwsKeySource against moto (a third-party AWS emulator) with SigV4 and IAM checks on: the real
 * signature check and a real STS session token. Few tests: moto starts once for the class.
 */
class AwsKeySourceMotoTest {
  static MotoServer moto;
  static byte[] ciphertext;
  static final byte[] MASTER = new byte[32];

  @TempDir Path db;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> python = MotoServer.findPython();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(python).as("moto (pyenv python with moto 5.2.1 and boto3) on CI").isPresent();
    }
    assumeThat(python).as("moto is installed").isPresent();
    moto = MotoServer.start(python.get());
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (255 - i);
    }
    ciphertext = moto.encrypt(MASTER);
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.close();
    }
  }

  private MasterKeySource source(String secret, List<String> flags) throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyId", moto.account().accessKeyId());
    f.put("secretAccessKey", secret);
    f.put("customerMasterKeyId", moto.account().keyArn());
    f.put("region", "us-east-1");
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ciphertext));
    SnapshotLayout.write(db, "moto-key", "aws", f);
    return KeySources.plan(db, Flags.parse(flags.toArray(String[]::new))).source();
  }

  private static List<String> settings() {
    return List.of(
        "--kms-endpoint", moto.endpoint().toString(), "--kms-timeout", "20", "--kms-attempts", "1");
  }

  private static String fingerprint() {
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      return k.fingerprint();
    }
  }

  private static List<String> withRole() {
    List<String> all = new ArrayList<>(settings());
    all.addAll(
        List.of(
            "--aws-role-arn",
            moto.account().roleArn(),
            "--aws-sts-endpoint",
            moto.endpoint().toString()));
    return all;
  }

  @Test
  void theUserAloneMayNotDecrypt() throws Exception {
    // moto's IAM layer answers 403 in XML, so the SDK sees no error code; the message says both.
    MasterKeySource s = source(moto.account().secretAccessKey(), settings());
    assertThatThrownBy(s::decrypt)
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("no decrypt permission");
  }

  @Test
  void aWrongSecretIsRefusedAsACredentialError() throws Exception {
    MasterKeySource s = source("not-the-secret", withRole());
    assertThatThrownBy(s::decrypt)
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("refused the credentials")
        .hasMessageNotContaining("not-the-secret")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS));
  }

  @Test
  void assumesARoleThroughStsAndUsesItsSessionToken() throws Exception {
    MasterKeySource s = source(moto.account().secretAccessKey(), withRole());
    assertThat(s.description()).contains("STS AssumeRole " + moto.account().roleArn());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }
}
