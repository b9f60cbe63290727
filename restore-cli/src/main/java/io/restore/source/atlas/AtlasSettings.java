package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where and how patiently the Atlas Administration API is called: the base URL ({@code
 * --atlas-base-url}, else {@value #BASE_URL_ENV} as the Atlas CLI reads it, else Atlas itself), the
 * TLS trust, how long a restore job may take ({@code --atlas-timeout}, 2 h), the first poll
 * interval ({@value #POLL_ENV} seconds, 5), and the clock and sleeper (tests).
 */
public record AtlasSettings(
    URI baseUri,
    SSLContext tls,
    Duration jobTimeout,
    Duration firstPoll,
    Duration requestTimeout,
    Clock clock,
    Sleeper sleeper) {
  public static final String BASE_URL_ENV = "MONGODB_ATLAS_OPS_MANAGER_URL";
  public static final String POLL_ENV = "RESTORE_ATLAS_POLL_INTERVAL";
  public static final URI ATLAS = URI.create("https://cloud.mongodb.com/");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

  public static AtlasSettings of(AtlasFlags flags, Map<String, String> env) {
    String base =
        flags
            .baseUrl()
            .or(() -> Optional.ofNullable(env.get(BASE_URL_ENV)).filter(s -> !s.isBlank()))
            .orElse(ATLAS.toString());
    return new AtlasSettings(
        baseUri(base, flags.baseUrl().isPresent() ? "--atlas-base-url" : "$" + BASE_URL_ENV),
        AtlasTls.context(flags.caFile()),
        flags.timeout().orElse(DEFAULT_TIMEOUT),
        poll(env),
        Duration.ofSeconds(60),
        Clock.systemUTC(),
        Sleeper.system());
  }

  public AtlasSettings with(Clock c, Sleeper s) {
    return new AtlasSettings(baseUri, tls, jobTimeout, firstPoll, requestTimeout, c, s);
  }

  static URI baseUri(String text, String from) {
    try {
      URI u = new URI(text.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return new URI(
          u.getScheme(),
          null,
          u.getHost(),
          u.getPort(),
          path.endsWith("/") ? path : path + "/",
          null,
          null);
    } catch (URISyntaxException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          from + " is not a valid base URL (" + e.getReason() + ")",
          "pass e.g. https://cloud.mongodb.com (Atlas for Government: https://cloud.mongodbgov.com)");
    }
  }

  private static Duration poll(Map<String, String> env) {
    String v = env.get(POLL_ENV);
    if (v == null || v.isBlank()) {
      return Duration.ofSeconds(5);
    }
    try {
      double s = Double.parseDouble(v.strip());
      if (s > 0) {
        return Duration.ofMillis((long) (s * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RestoreException(
        ExitCode.USAGE,
        POLL_ENV + "=" + v + " is not a number of seconds",
        "unset it (5 s) or set e.g. 10");
  }

  /** {@code 2h}, {@code 90m}, {@code 45s}, {@code 1h30m}, or plain seconds. */
  public static Duration parseTimeout(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.matches("\\d+")) {
      return positive(Duration.ofSeconds(Long.parseLong(t)), text);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--atlas-timeout " + text + " is not a duration",
          "write e.g. 2h, 90m, 1h30m or 600 (seconds)");
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    return positive(d, text);
  }

  private static Duration positive(Duration d, String text) {
    if (d.isZero()) {
      throw new RestoreException(
          ExitCode.USAGE, "--atlas-timeout " + text + " is zero", "give e.g. 2h");
    }
    return d;
  }
}
