package io.restore.source.atlas;

import io.restore.Secrets;
import io.restore.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A service account's access token (OAuth 2.0 client credentials, {@code POST
 * {base}/api/oauth/token}): fetched on first use, kept in memory only, fetched again a minute
 * before it expires or when the API answers 401.
 */
final class OAuthToken {
  private final HttpClient client;
  private final AtlasSettings settings;
  private final Credentials.ServiceAccount account;
  private String token;
  private Instant renewAt = Instant.MIN;

  OAuthToken(HttpClient client, AtlasSettings settings, Credentials.ServiceAccount account) {
    this.client = client;
    this.settings = settings;
    this.account = account;
  }

  synchronized String get() {
    if (token == null || !settings.clock().instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  synchronized void invalidate() {
    token = null;
  }

  private void fetch() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (account.clientId() + ":" + account.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        RateLimited.send(
            client,
            () ->
                HttpRequest.newBuilder(settings.baseUri().resolve("api/oauth/token"))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(),
            settings);
    String doing = "issue an access token for the " + account.describe();
    if (r.statusCode() != 200) {
      throw AtlasErrors.of(doing, r.statusCode(), ApiError.parse(r.body()), account);
    }
    try {
      Map<String, Object> m = Json.parseObject(r.body());
      if (!(m.get("access_token") instanceof String t) || t.isBlank()) {
        throw AtlasErrors.badAnswer(doing, "no access_token");
      }
      long seconds = m.get("expires_in") instanceof Json.Number n ? Long.parseLong(n.text()) : 3600;
      Secrets.register(t);
      token = t;
      renewAt = settings.clock().instant().plus(Duration.ofSeconds(Math.max(0, seconds - 60)));
    } catch (Json.SyntaxException | NumberFormatException e) {
      throw AtlasErrors.badAnswer(doing, "not the JSON of a token");
    }
  }
}
