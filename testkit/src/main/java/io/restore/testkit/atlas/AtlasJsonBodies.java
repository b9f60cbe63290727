package io.restore.testkit.atlas;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;

/** The double's response bodies, shaped as the Admin API's schemas (checked by the contract). */
final class AtlasJsonBodies {
  private AtlasJsonBodies() {}

  static JsonObject snapshot(Snapshot s, String self) {
    JsonObject o = new JsonObject();
    o.addProperty("cloudProvider", "AWS");
    o.add("copyRegions", new JsonArray());
    o.addProperty("createdAt", s.createdAt().toString());
    o.addProperty("expiresAt", s.createdAt().plus(Duration.ofDays(7)).toString());
    o.addProperty("frequencyType", "daily");
    o.addProperty("id", s.id());
    o.add("links", links(self + "/" + s.id()));
    o.addProperty("masterKeyUUID", AtlasApiDouble.MASTER_KEY_UUID);
    o.addProperty("mongodVersion", "8.0.4");
    o.add("policyItems", new JsonArray());
    o.addProperty("replicaSetName", "atlas-q1w2e3-shard-0");
    o.addProperty("snapshotType", "scheduled");
    o.addProperty("status", s.status());
    o.addProperty("storageSizeBytes", s.storageSizeBytes());
    o.addProperty("type", "replicaSet");
    return o;
  }

  static JsonObject page(List<Snapshot> all, int pageNum, int perPage, boolean count, String self) {
    return page(all, pageNum, perPage, count, self, s -> snapshot(s, self));
  }

  static <T> JsonObject page(
      List<T> all,
      int pageNum,
      int perPage,
      boolean count,
      String self,
      java.util.function.Function<T, JsonObject> body) {
    JsonObject o = new JsonObject();
    o.add("links", links(self + "?pageNum=" + pageNum + "&itemsPerPage=" + perPage));
    JsonArray results = new JsonArray();
    int from = Math.min(all.size(), (pageNum - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    for (T s : all.subList(from, to)) {
      results.add(body.apply(s));
    }
    o.add("results", results);
    if (count) {
      o.addProperty("totalCount", all.size());
    }
    return o;
  }

  /** What a job body shows; {@code expiresAt} null until the job has its link. */
  record JobState(
      String id,
      Snapshot snapshot,
      String deliveryType,
      List<String> urls,
      List<String> components,
      boolean cancelled,
      boolean expired,
      java.time.Instant expiresAt) {}

  static JsonObject job(JobState j, String self) {
    String id = j.id();
    Snapshot s = j.snapshot();
    List<String> urls = j.urls();
    List<String> components = j.components();
    JsonObject o = new JsonObject();
    o.addProperty("cancelled", j.cancelled());
    o.addProperty("deliveryType", j.deliveryType());
    o.addProperty("expired", j.expired());
    o.addProperty("failed", false);
    o.addProperty("id", id);
    o.add("links", links(self + "/" + id));
    o.addProperty("snapshotId", s.id());
    o.addProperty("timestamp", s.createdAt().toString());
    if (!urls.isEmpty()) {
      JsonArray a = new JsonArray();
      urls.forEach(a::add);
      o.add("deliveryUrl", a);
      o.addProperty("expiresAt", j.expiresAt().toString());
      o.addProperty("finishedAt", s.createdAt().plus(Duration.ofMinutes(3)).toString());
      if (!components.isEmpty()) {
        JsonArray c = new JsonArray();
        for (int i = 0; i < components.size(); i++) {
          JsonObject m = new JsonObject();
          m.addProperty("downloadUrl", urls.get(i));
          m.addProperty("replicaSetName", components.get(i));
          c.add(m);
        }
        o.add("components", c);
      }
    }
    return o;
  }

  static JsonObject error(int status, String code, String reason, String detail) {
    JsonObject o = new JsonObject();
    o.addProperty("detail", detail);
    o.addProperty("error", status);
    o.addProperty("errorCode", code);
    o.add("parameters", new JsonArray());
    o.addProperty("reason", reason);
    return o;
  }

  private static JsonArray links(String href) {
    JsonArray a = new JsonArray();
    JsonObject l = new JsonObject();
    l.addProperty("href", href);
    l.addProperty("rel", "self");
    a.add(l);
    return a;
  }
}
