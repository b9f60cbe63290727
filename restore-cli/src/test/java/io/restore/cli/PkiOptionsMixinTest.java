package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.tls.KeyAlgorithm;
import io.restore.tls.PkiOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PkiOptionsMixinTest {
  @Command(name = "host", mixinStandardHelpOptions = true)
  static final class Host implements Runnable {
    @Mixin PkiOptionsMixin pki;

    @Override
    public void run() {}
  }

  private final StringWriter err = new StringWriter();

  private PkiOptionsMixin parse(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.pki;
  }

  private int execute(String... args) {
    return new CommandLine(new Host()).setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void defaultsAreEcdsaForSevenDaysWithoutPassword() {
    PkiOptionsMixin mixin = parse();
    PkiOptions options = mixin.toOptions();
    assertThat(options.keyAlgorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
    assertThat(options.validity()).isEqualTo(Duration.ofDays(7));
    assertThat(options.backdate()).isEqualTo(Duration.ofMinutes(5));
    assertThat(mixin.clientKeyPassword()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "ecdsa, ECDSA_P256",
    "ECDSA, ECDSA_P256",
    "ecdsa-p256, ECDSA_P256",
    "rsa, RSA_2048",
    "rsa-2048, RSA_2048",
    "rsa-3072, RSA_3072"
  })
  void keyAlgorithmNames(String flag, KeyAlgorithm expected) {
    assertThat(parse("--key-algorithm", flag).toOptions().keyAlgorithm()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"90m, PT90M", "12h, PT12H", "30d, P30D", "P2D, PT48H", "pt36h, PT36H"})
  void validityInShortOrIsoForm(String flag, Duration expected) {
    assertThat(parse("--cert-validity", flag).toOptions().validity()).isEqualTo(expected);
  }

  @Test
  void unknownKeyAlgorithmIsAUsageErrorListingTheChoices() {
    assertThat(execute("--key-algorithm", "dsa")).isEqualTo(2);
    assertThat(err.toString()).contains("'dsa' is not a key algorithm", "ecdsa", "rsa-3072");
  }

  @Test
  void validityOutsideTheRangeIsAUsageError() {
    assertThat(execute("--cert-validity", "0d")).isEqualTo(2);
    assertThat(err.toString()).contains("between 1 minute and 3650 days");
    assertThat(execute("--cert-validity", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void passwordGivenInlineIsKept() {
    assertThat(parse("--client-key-password", "pw").clientKeyPassword())
        .hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("pw"));
  }

  @Test
  void helpDescribesTheFlags() {
    StringWriter out = new StringWriter();
    new CommandLine(new Host()).setOut(new PrintWriter(out, true)).execute("--help");
    assertThat(out.toString())
        .contains("--key-algorithm", "--cert-validity", "--client-key-password", "default: 7d");
  }
}
