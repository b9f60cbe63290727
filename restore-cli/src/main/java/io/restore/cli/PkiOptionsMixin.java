package io.restore.cli;

import io.restore.tls.KeyAlgorithm;
import io.restore.tls.PkiOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The session-certificate flags shared by {@code open}, {@code dump} and {@code proxy}: {@code
 * --key-algorithm}, {@code --cert-validity} and {@code --client-key-password}. Mixed in with
 * {@code @Mixin PkiOptionsMixin pki;}.
 */
public final class PkiOptionsMixin {
  @Option(
      names = "--key-algorithm",
      paramLabel = "<algorithm>",
      defaultValue = "ecdsa",
      converter = KeyAlgorithmConverter.class,
      description =
          "Key algorithm of the session certificates: ecdsa (P-256, the default), rsa (RSA-2048)"
              + " or rsa-3072, for peers that cannot use ECDSA.")
  KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA_P256;

  @Option(
      names = "--cert-validity",
      paramLabel = "<duration>",
      defaultValue = "7d",
      converter = ValidityConverter.class,
      description =
          "How long the session certificates stay valid, e.g. 12h, 7d, 30d or P7D (default:"
              + " ${DEFAULT-VALUE}). mongod needs them for every new KMIP connection, so a"
              + " session must not outlive them.")
  Duration validity = PkiOptions.DEFAULT_VALIDITY;

  @Option(
      names = "--client-key-password",
      paramLabel = "<password>",
      arity = "0..1",
      interactive = true,
      description =
          "Encrypt the private key in kmipClient.pem with this password (give mongod the same"
              + " in --kmipClientCertificatePassword). Without a value, asks for it, which keeps"
              + " it out of the process list.")
  char[] clientKeyPassword;

  /** The options for {@link io.restore.tls.SessionPki#create}, with the system clock. */
  public PkiOptions toOptions() {
    return PkiOptions.defaults().withKeyAlgorithm(keyAlgorithm).withValidity(validity);
  }

  /**
   * The password for {@link io.restore.tls.SessionPki#writeClientFiles}, if one was given. The
   * array is the mixin's own: the caller may zero it once the files are written.
   */
  public Optional<char[]> clientKeyPassword() {
    return Optional.ofNullable(clientKeyPassword);
  }

  static final class KeyAlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
    @Override
    public KeyAlgorithm convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "ecdsa":
        case "ecdsa-p256":
        case "ec":
          return KeyAlgorithm.ECDSA_P256;
        case "rsa":
        case "rsa-2048":
          return KeyAlgorithm.RSA_2048;
        case "rsa-3072":
          return KeyAlgorithm.RSA_3072;
        default:
          throw new TypeConversionException(
              "'" + value + "' is not a key algorithm; use ecdsa, rsa (RSA-2048) or rsa-3072");
      }
    }
  }

  static final class ValidityConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhd])");

    @Override
    public Duration convert(String value) {
      Duration duration = parse(value.trim().toLowerCase(Locale.ROOT));
      if (duration.compareTo(PkiOptions.MIN_VALIDITY) < 0
          || duration.compareTo(PkiOptions.MAX_VALIDITY) > 0) {
        throw new TypeConversionException(
            "certificate validity '"
                + value
                + "' must be between 1 minute and "
                + PkiOptions.MAX_VALIDITY.toDays()
                + " days");
      }
      return duration;
    }

    private static Duration parse(String value) {
      Matcher m = SHORT.matcher(value);
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "m":
            return Duration.ofMinutes(amount);
          case "h":
            return Duration.ofHours(amount);
          default:
            return Duration.ofDays(amount);
        }
      }
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT)); // ISO-8601: P7D, PT12H
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write e.g. 90m, 12h, 7d or P7D");
      }
    }
  }
}
