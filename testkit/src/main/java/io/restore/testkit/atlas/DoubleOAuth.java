package io.restore.testkit.atlas;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The double's service-account side: the OAuth token endpoint (client credentials, HTTP Basic, form
 * body) and the bearer tokens it issued.
 */
final class DoubleOAuth {
  static final String PATH = "/api/oauth/token";

  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();

  int requests() {
    return requests.get();
  }

  /** Whether an {@code Authorization} header carries a token this endpoint issued. */
  boolean accepts(String authorization) {
    return authorization != null
        && authorization.startsWith("Bearer ")
        && tokens.contains(authorization.substring(7));
  }

  void serve(HttpExchange ex, String body) throws IOException {
    requests.incrementAndGet();
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (AtlasApiDouble.CLIENT_ID + ":" + AtlasApiDouble.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
    boolean form =
        String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"))
            .startsWith("application/x-www-form-urlencoded");
    if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))
        || !form
        || !body.strip().equals("grant_type=client_credentials")) {
      DoubleDownloads.reply(
          ex,
          401,
          "application/json",
          "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials.\"}");
      return;
    }
    String t = "atlas-token-" + UUID.randomUUID();
    tokens.add(t);
    DoubleDownloads.reply(
        ex,
        200,
        "application/json",
        "{\"access_token\":\"" + t + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
  }
}
