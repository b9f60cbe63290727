package io.restore.testkit.storage;

import com.sun.net.httpserver.HttpExchange;
import io.restore.testkit.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The Cloud Storage JSON API's wire details for {@link GcsJsonApiDouble}: answers, URLs, hashes.
 */
final class GcsWire {
  private GcsWire() {}

  static void json(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  /** The JSON API's error document, with the reason the client libraries look at. */
  static void error(HttpExchange x, int status, String message) throws IOException {
    json(
        x,
        status,
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":"
            + Json.quote(message)
            + ",\"errors\":[{\"message\":"
            + Json.quote(message)
            + ",\"domain\":\"global\",\"reason\":\""
            + (status == 412 ? "conditionNotMet" : status == 404 ? "notFound" : "invalid")
            + "\"}]}}");
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          m.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
        }
      }
    }
    return m;
  }

  /** {@code bucket/o[/object]} after {@code prefix}, decoded. */
  static List<String> segments(String path, String prefix) {
    List<String> out = new ArrayList<>();
    for (String s : path.substring(prefix.length()).split("/", 3)) {
      out.add(decode(s));
    }
    return out;
  }

  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Base64 of the big-endian CRC32C, as the JSON API reports it. */
  static String crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
  }

  static String md5(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
