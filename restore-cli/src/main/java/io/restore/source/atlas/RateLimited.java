package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends one request, waiting and sending it again on HTTP 429 (and 503) for as long as {@code
 * Retry-After} says (seconds or an HTTP date; without it 2 s, doubling), at most {@value #TRIES}
 * times. Network failures become exit 11 naming the host.
 */
final class RateLimited {
  static final int TRIES = 6;
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private RateLimited() {}

  static HttpResponse<String> send(
      HttpClient client, Supplier<HttpRequest> request, AtlasSettings settings) {
    Duration fallback = Duration.ofSeconds(2);
    HttpResponse<String> r = null;
    for (int i = 0; i < TRIES; i++) {
      HttpRequest req = request.get();
      try {
        r = client.send(req, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw AtlasErrors.unreachable(req.uri().getHost(), e);
      } catch (InterruptedException e) {
        throw interrupted();
      }
      if (r.statusCode() != 429 && r.statusCode() != 503) {
        return r;
      }
      Duration wait = retryAfter(r.headers().firstValue("Retry-After"), settings).orElse(fallback);
      fallback = fallback.multipliedBy(2);
      if (i + 1 < TRIES) {
        try {
          settings.sleeper().sleep(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
        } catch (InterruptedException e) {
          throw interrupted();
        }
      }
    }
    return r;
  }

  static Optional<Duration> retryAfter(Optional<String> header, AtlasSettings settings) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String v = header.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(settings.clock().instant(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  static RestoreException interrupted() {
    Thread.currentThread().interrupt();
    return new RestoreException(
        ExitCode.INTERRUPTED,
        "interrupted while talking to the Atlas API",
        "run the command again");
  }
}
