package io.restore.source.atlas;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restore.testkit.atlas.Contract;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Atlas Admin API contract for {@code AtlasApiDouble}: each request our client sends and each
 * response the double returns is validated against the extract of MongoDB's OpenAPI description
 * (src/test/resources/atlas/, origin in its README) with Atlassian's swagger-request-validator.
 */
public final class AtlasContract implements Contract {
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(
              AtlasContract.class.getResource("/atlas/openapi-2023-01-01-subset.json").toString())
          .withLevelResolver(
              LevelResolver.create()
                  // A Digest client's first request carries no Authorization header on purpose:
                  // the 401 brings the challenge (RFC 7616 §3.3). The double enforces the auth.
                  .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                  .build())
          .build();

  @Override
  public List<String> checkRequest(Message m) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(m.method(), m.path());
    headers(m.headers()).forEach(b::withHeader);
    if (m.rawQuery() != null && !m.rawQuery().isEmpty()) {
      for (String kv : m.rawQuery().split("&")) {
        int eq = kv.indexOf('=');
        b.withQueryParam(
            decode(eq < 0 ? kv : kv.substring(0, eq)), decode(eq < 0 ? "" : kv.substring(eq + 1)));
      }
    }
    if (!m.body().isEmpty()) {
      b.withBody(m.body());
    }
    return messages(VALIDATOR.validateRequest(b.build()));
  }

  @Override
  public List<String> checkResponse(Message req, Message res) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(res.status());
    headers(res.headers()).forEach(b::withHeader);
    if (!res.body().isEmpty()) {
      b.withBody(res.body());
    }
    List<String> found =
        messages(
            VALIDATOR.validateResponse(
                req.path(), Request.Method.valueOf(req.method()), b.build()));
    if (res.status() == 204) {
      // The description names a media type for cancelBackupRestoreJob's 204, which the validator
      // reads as a body to expect; a 204 has none by definition (RFC 9110, section 15.3.5).
      return found.stream().filter(v -> !v.startsWith("validation.response.body.missing")).toList();
    }
    return found;
  }

  private static Map<String, List<String>> headers(Map<String, List<String>> h) {
    return h;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static List<String> messages(ValidationReport r) {
    return r.getMessages().stream()
        .filter(x -> x.getLevel() == ValidationReport.Level.ERROR)
        .map(x -> x.getKey() + ": " + x.getMessage())
        .toList();
  }
}
