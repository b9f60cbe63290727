package io.restore.source.atlas;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Authenticated calls to the Admin API with its versioned media type: a service account's bearer
 * token, or an API key's Digest answer (the first request is sent bare to get the challenge; later
 * ones answer the cached challenge, and a stale nonce is answered once more). Failures become
 * {@link AtlasErrors}.
 */
final class AtlasHttp {
  static final String MEDIA = "application/vnd.atlas.2023-01-01+json";

  private final AtlasSettings settings;
  private final Credentials credentials;
  private final HttpClient client;
  private final Optional<OAuthToken> oauth;
  private final Optional<DigestAuth> digest;

  AtlasHttp(AtlasSettings settings, Credentials credentials) {
    this.settings = settings;
    this.credentials = credentials;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(settings.tls())
            .connectTimeout(java.time.Duration.ofSeconds(30))
            .build();
    if (credentials instanceof Credentials.ServiceAccount sa) {
      oauth = Optional.of(new OAuthToken(client, settings, sa));
      digest = Optional.empty();
    } else {
      Credentials.ApiKey k = (Credentials.ApiKey) credentials;
      oauth = Optional.empty();
      digest = Optional.of(new DigestAuth(k.publicKey(), k.privateKey()));
    }
  }

  Credentials credentials() {
    return credentials;
  }

  /** GET {@code path} (relative to the base URL, with its query); the body of a 2xx answer. */
  String get(String path, String doing) {
    return call("GET", path, null, doing);
  }

  String post(String path, String json, String doing) {
    return call("POST", path, json, doing);
  }

  /** DELETE {@code path}; Atlas answers 204 without a body. */
  void delete(String path, String doing) {
    call("DELETE", path, null, doing);
  }

  private String call(String method, String path, String json, String doing) {
    URI uri = settings.baseUri().resolve(path);
    HttpResponse<String> r = send(method, uri, json);
    if (r.statusCode() == 401) {
      boolean again = false;
      if (digest.isPresent()) {
        again = r.headers().allValues("WWW-Authenticate").stream().anyMatch(digest.get()::accept);
      } else if (oauth.isPresent()) {
        oauth.get().invalidate();
        again = true;
      }
      if (again) {
        r = send(method, uri, json);
      }
    }
    if (r.statusCode() / 100 != 2) {
      throw AtlasErrors.of(doing, r.statusCode(), ApiError.parse(r.body()), credentials);
    }
    return r.body();
  }

  private HttpResponse<String> send(String method, URI uri, String json) {
    return RateLimited.send(client, () -> request(method, uri, json), settings);
  }

  private HttpRequest request(String method, URI uri, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", MEDIA);
    if (json != null) {
      b.header("Content-Type", MEDIA).POST(HttpRequest.BodyPublishers.ofString(json));
    } else if (method.equals("DELETE")) {
      b.DELETE();
    } else {
      b.GET();
    }
    if (oauth.isPresent()) {
      b.header("Authorization", "Bearer " + oauth.get().get());
    } else if (digest.get().ready()) {
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      b.header("Authorization", digest.get().authorization(method, target));
    }
    return b.build();
  }
}
