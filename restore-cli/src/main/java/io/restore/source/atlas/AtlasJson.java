package io.restore.source.atlas;

import io.restore.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the Admin API's snapshot and restore-job bodies into records, tolerating extra fields. */
final class AtlasJson {
  private AtlasJson() {}

  static Map<String, Object> object(String body, String doing) {
    try {
      return Json.parseObject(body);
    } catch (Json.SyntaxException e) {
      throw AtlasErrors.badAnswer(doing, "not JSON (" + e.getMessage() + ")");
    }
  }

  static List<Map<String, Object>> results(Map<String, Object> page, String doing) {
    if (!(page.get("results") instanceof List<?> l)) {
      throw AtlasErrors.badAnswer(doing, "no results list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : l) {
      out.add(map(o, doing));
    }
    return out;
  }

  static SnapshotInfo snapshot(Map<String, Object> m, String doing) {
    String id =
        string(m, "id").orElseThrow(() -> AtlasErrors.badAnswer(doing, "a snapshot without id"));
    Instant created;
    try {
      created = string(m, "createdAt").map(Instant::parse).orElse(Instant.EPOCH);
    } catch (DateTimeParseException e) {
      throw AtlasErrors.badAnswer(doing, "snapshot " + id + " has an unreadable createdAt");
    }
    long size = m.get("storageSizeBytes") instanceof Json.Number n ? parseLong(n) : -1;
    return new SnapshotInfo(
        id,
        created,
        string(m, "status").orElse("unknown"),
        size,
        string(m, "type").orElse("replicaSet"),
        string(m, "masterKeyUUID"));
  }

  static RestoreJob job(Map<String, Object> m, String doing) {
    String id = string(m, "id").orElseThrow(() -> AtlasErrors.badAnswer(doing, "a job without id"));
    List<String> urls = new ArrayList<>();
    if (m.get("deliveryUrl") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s && !s.isBlank()) {
          urls.add(s);
        }
      }
    }
    List<RestoreJob.Component> components = new ArrayList<>();
    if (m.get("components") instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> c = map(o, doing);
        components.add(
            new RestoreJob.Component(
                string(c, "replicaSetName").orElse("?"), string(c, "downloadUrl")));
      }
    }
    return new RestoreJob(
        id,
        List.copyOf(urls),
        List.copyOf(components),
        bool(m, "failed"),
        bool(m, "expired"),
        bool(m, "cancelled"),
        string(m, "finishedAt"),
        string(m, "deliveryType"),
        string(m, "snapshotId"),
        instant(m, "expiresAt"));
  }

  /** An unreadable time counts as absent: a job whose link validity is unknown is not reused. */
  private static Optional<Instant> instant(Map<String, Object> m, String key) {
    try {
      return string(m, key).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String doing) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw AtlasErrors.badAnswer(doing, "a list item is not an object");
  }

  static Optional<String> string(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static boolean bool(Map<String, Object> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }

  /** A whole number of at most 18 digits, else -1: a crafted exponent must not cost time. */
  static long parseLong(Json.Number n) {
    String t = n.text();
    return t.matches("-?\\d{1,18}") ? Long.parseLong(t) : -1;
  }
}
