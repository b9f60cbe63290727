package io.restore.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.cli.Flags;
import io.restore.testkit.net.SilentServer;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every key source promises, run by each provider's test against its real SDK and its local
 * double (issue 13 §4): the master key decrypts; wrong credentials, a wrong key, a KMS that does
 * not answer, and a plaintext that is not 32 bytes are each a {@link ExitCode#KMS} error that names
 * the metadata fields or flags involved; a credential with a line break is refused by name before
 * any call; and no secret value ever appears in a message, a next step or a description.
 *
 * <p>A provider without a notion (a local key has no credentials and no network) returns empty and
 * the test is skipped for it.
 */
public abstract class KeySourceContract {
  /** The master key every provider's ciphertext holds. */
  protected static final byte[] MASTER = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (i * 7 + 1);
    }
  }

  @TempDir protected Path db;

  /** {@code aws}, {@code azure}, {@code gcp} or {@code local}. */
  protected abstract String provider();

  /** Metadata fields with working credentials whose encrypted key holds {@code plaintext}. */
  protected abstract Map<String, String> fields(byte[] plaintext) throws Exception;

  /** Flags every call needs (the double's endpoint and CA, one attempt). */
  protected abstract List<String> flags();

  /** Fields with credentials the KMS refuses (well formed, just wrong). */
  protected abstract Optional<Map<String, String>> wrongCredentials() throws Exception;

  /** Fields naming a key that does not exist or did not encrypt this ciphertext. */
  protected abstract Optional<Map<String, String>> wrongKey() throws Exception;

  /** Flags that point the calls at {@code silent}, a server that never answers. */
  protected abstract Optional<List<String>> unansweredFlags(SilentServer silent);

  /** Fields with a credential that holds a line break, and how the message names it. */
  protected abstract Optional<Map.Entry<Map<String, String>, String>> lineBreakCredential()
      throws Exception;

  /** Every secret value the fixtures use: none may appear in any text restore shows. */
  protected abstract List<String> secrets();

  protected MasterKeySource source(Map<String, String> fields, List<String> flags)
      throws Exception {
    SnapshotLayout.write(db, "key-1", provider(), fields);
    return KeySources.plan(db, Flags.parse(flags.toArray(String[]::new))).source();
  }

  protected static String fingerprint(byte[] key) {
    try (MasterKey k = MasterKey.copyOf(key)) {
      return k.fingerprint();
    }
  }

  /** Decrypting fails with exit 4, and no secret is in the message or the next step. */
  protected AbstractThrowableAssert<?, ? extends Throwable> kmsError(
      ThrowingSupplier<MasterKeySource> source) {
    return assertThatThrownBy(() -> source.get().decrypt())
        .isInstanceOf(RestoreException.class)
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS))
        .satisfies(e -> assertNoSecret(e.getMessage() + " " + ((RestoreException) e).nextStep()));
  }

  /** A supplier that may throw (fixtures write files and call doubles). */
  @FunctionalInterface
  protected interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  protected void assertNoSecret(String text) {
    for (String s : secrets()) {
      assertThat(text).doesNotContain(s);
    }
  }

  @Test
  void decryptsTheMasterKeyAndDescribesItWithoutSecrets() throws Exception {
    MasterKeySource s = source(fields(MASTER), flags());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    assertNoSecret(s.description());
  }

  @Test
  void wrongCredentialsNameTheFieldsOrFlagsNeverTheValues() throws Exception {
    Optional<Map<String, String>> f = wrongCredentials();
    assumeThat(f).as(provider() + " has credentials").isPresent();
    kmsError(() -> source(f.get(), flags()))
        .hasMessageContaining("refused the credentials")
        .hasMessageContaining("key-1." + provider() + ".metadata")
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("--"));
  }

  @Test
  void aWrongKeyNamesTheKeyFields() throws Exception {
    Optional<Map<String, String>> f = wrongKey();
    assumeThat(f).as(provider() + " names a key").isPresent();
    kmsError(() -> source(f.get(), flags()))
        .hasMessageContaining("key-1." + provider() + ".metadata");
  }

  @Test
  void aKmsThatDoesNotAnswerIsReportedAfterTheTimeout() throws Exception {
    try (SilentServer silent = SilentServer.start()) {
      Optional<List<String>> extra = unansweredFlags(silent);
      assumeThat(extra).as(provider() + " calls a service").isPresent();
      List<String> all = new ArrayList<>(flags());
      all.addAll(extra.get());
      all.addAll(List.of("--kms-timeout", "1", "--kms-attempts", "1"));
      kmsError(() -> source(fields(MASTER), all)).hasMessageContaining("could not be reached");
    }
  }

  @Test
  void aPlaintextThatIsNot32BytesIsRefused() throws Exception {
    kmsError(() -> source(fields(new byte[16]), flags()))
        .hasMessageContaining("32")
        .hasMessageContaining("16 bytes");
  }

  @Test
  void aCredentialWithALineBreakIsRefusedByNameBeforeAnyCall() throws Exception {
    Optional<Map.Entry<Map<String, String>, String>> c = lineBreakCredential();
    assumeThat(c).as(provider() + " has credentials").isPresent();
    SnapshotLayout.write(db, "key-1", provider(), c.get().getKey());
    assertThatThrownBy(() -> KeySources.plan(db, Flags.parse(flags().toArray(String[]::new))))
        .isInstanceOf(RestoreException.class)
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS))
        .hasMessageStartingWith(c.get().getValue() + " of ")
        .hasMessageContaining(" contains a control character")
        .satisfies(e -> assertNoSecret(e.getMessage() + ((RestoreException) e).nextStep()));
  }
}
