package io.restore.testkit.atlas;

import java.util.List;
import java.util.Map;

/**
 * Checks an exchange against the API description (the tests plug in an OpenAPI validator): the
 * double calls it for every request it receives and every response it sends, and keeps what it
 * returns as violations.
 */
public interface Contract {
  /** One HTTP message: for a request {@code status} is 0. */
  record Message(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> headers,
      int status,
      String body) {}

  List<String> checkRequest(Message request);

  List<String> checkResponse(Message request, Message response);

  /** No checks (a double used for something else than the API contract). */
  Contract NONE =
      new Contract() {
        @Override
        public List<String> checkRequest(Message request) {
          return List.of();
        }

        @Override
        public List<String> checkResponse(Message request, Message response) {
          return List.of();
        }
      };
}
