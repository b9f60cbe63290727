package io.restore.testkit.storage;

import static io.restore.testkit.storage.GcsWire.crc32c;
import static io.restore.testkit.storage.GcsWire.error;
import static io.restore.testkit.storage.GcsWire.json;
import static io.restore.testkit.storage.GcsWire.md5;

import com.sun.net.httpserver.HttpExchange;
import io.restore.testkit.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects {@link GcsJsonApiDouble} holds, and the JSON API's object endpoints over them: get
 * (metadata or {@code alt=media}), list by prefix, delete.
 */
final class GcsBuckets {
  record Stored(byte[] data, long generation, Instant updated) {}

  private final Set<String> buckets = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Stored>> objects = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);

  void create(String bucket) {
    buckets.add(bucket);
    objects.putIfAbsent(bucket, new ConcurrentHashMap<>());
  }

  boolean exists(String bucket) {
    return buckets.contains(bucket);
  }

  boolean exists(String bucket, String name) {
    return objects.get(bucket).containsKey(name);
  }

  /** Stores {@code data} under the name, a new generation. */
  void put(String bucket, String name, byte[] data) {
    objects.get(bucket).put(name, stored(data));
  }

  /**
   * Stores a finalized upload: null, and nothing stored, when {@code mustNotExist} and the name is
   * taken (the session's {@code ifGenerationMatch=0}).
   */
  Stored create(String bucket, String name, byte[] data, boolean mustNotExist) {
    Map<String, Stored> in = objects.get(bucket);
    synchronized (in) {
      if (mustNotExist && in.containsKey(name)) {
        return null;
      }
      Stored st = stored(data);
      in.put(name, st);
      return st;
    }
  }

  private Stored stored(byte[] data) {
    return new Stored(data, generations.incrementAndGet(), Instant.now());
  }

  /** The names in {@code bucket}, sorted. */
  List<String> names(String bucket) {
    return new ArrayList<>(new TreeMap<>(objects.get(bucket)).keySet());
  }

  /** {@code /storage/v1/b/BUCKET/o[/OBJECT]} and {@code /download/...}: {@code seg} decoded. */
  void handle(HttpExchange x, List<String> seg, Map<String, String> q) throws IOException {
    x.getRequestBody().readAllBytes();
    String bucket = seg.get(0);
    if (!buckets.contains(bucket)) {
      error(x, 404, "The specified bucket does not exist.");
      return;
    }
    if (seg.size() < 2 || !seg.get(1).equals("o")) {
      error(x, 501, "the double implements objects only");
      return;
    }
    Map<String, Stored> in = objects.get(bucket);
    String method = x.getRequestMethod();
    if (seg.size() == 2) {
      if (!method.equals("GET")) {
        error(x, 501, "the double does not implement " + method + " on a bucket's objects");
        return;
      }
      String prefix = q.getOrDefault("prefix", "");
      StringBuilder items = new StringBuilder();
      for (Map.Entry<String, Stored> e : new TreeMap<>(in).entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          items
              .append(items.length() == 0 ? "" : ",")
              .append(resource(bucket, e.getKey(), e.getValue()));
        }
      }
      json(x, 200, "{\"kind\":\"storage#objects\",\"items\":[" + items + "]}");
      return;
    }
    String name = seg.get(2);
    Stored st = in.get(name);
    switch (method) {
      case "GET" -> {
        if (st == null) {
          error(x, 404, "No such object: " + bucket + "/" + name);
        } else if ("media".equals(q.get("alt"))) {
          x.getResponseHeaders().add("Content-Type", "application/octet-stream");
          x.getResponseHeaders()
              .add("X-Goog-Hash", "crc32c=" + crc32c(st.data()) + ",md5=" + md5(st.data()));
          x.getResponseHeaders().add("X-Goog-Generation", Long.toString(st.generation()));
          x.sendResponseHeaders(200, st.data().length == 0 ? -1 : st.data().length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(st.data());
          }
        } else {
          json(x, 200, resource(bucket, name, st));
        }
      }
      case "DELETE" -> {
        if (in.remove(name) == null) {
          error(x, 404, "No such object: " + bucket + "/" + name);
        } else {
          x.sendResponseHeaders(204, -1);
        }
      }
      default -> error(x, 501, "the double does not implement " + method + " on an object");
    }
  }

  /** An object's JSON resource, as the API answers it. */
  static String resource(String bucket, String name, Stored s) {
    return "{\"kind\":\"storage#object\",\"id\":"
        + Json.quote(bucket + "/" + name + "/" + s.generation())
        + ",\"name\":"
        + Json.quote(name)
        + ",\"bucket\":"
        + Json.quote(bucket)
        + ",\"generation\":\""
        + s.generation()
        + "\",\"metageneration\":\"1\",\"contentType\":\"application/octet-stream\",\"size\":\""
        + s.data().length
        + "\",\"crc32c\":\""
        + crc32c(s.data())
        + "\",\"md5Hash\":\""
        + md5(s.data())
        + "\",\"timeCreated\":\""
        + s.updated()
        + "\",\"updated\":\""
        + s.updated()
        + "\"}";
  }
}
