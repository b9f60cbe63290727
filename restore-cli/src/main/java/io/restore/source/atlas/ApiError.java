package io.restore.source.atlas;

import io.restore.json.Json;
import java.util.Map;
import java.util.Optional;

/**
 * The Admin API's error body ({@code ApiError}: {@code error} (the HTTP status), {@code errorCode},
 * {@code reason}, {@code detail}). Bodies that are not one (a proxy's HTML page) give an empty
 * result: the status alone then speaks.
 */
public record ApiError(int error, String errorCode, String reason, String detail) {

  static Optional<ApiError> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      Map<String, Object> m = Json.parseObject(body);
      Object code = m.get("errorCode");
      if (!(code instanceof String c)) {
        return Optional.empty();
      }
      int status = m.get("error") instanceof Json.Number n ? intOf(n) : 0;
      return Optional.of(new ApiError(status, c, text(m.get("reason")), text(m.get("detail"))));
    } catch (Json.SyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int intOf(Json.Number n) {
    try {
      return Integer.parseInt(n.text());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(Object o) {
    return o instanceof String s ? s : "";
  }
}
