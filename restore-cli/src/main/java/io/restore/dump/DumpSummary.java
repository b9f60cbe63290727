package io.restore.dump;

import io.restore.dump.storage.ObjectUpload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The outcome of a dump, for people and for {@code --summary-json} (cron jobs).
 *
 * @param output where the dump is (or would have been) — a path, or "stdout"
 * @param archiveCheck what re-reading the archive found; null for directory outputs
 * @param error why the dump failed; null when {@code ok}
 * @param upload for an object-store output: size, whole-object SHA-256, parts, upload time; null
 *     otherwise
 * @param sharded for a sharded cluster's dump: per namespace and shard, owned documents and orphans
 *     (docs/design/sharding.md); null for a single server
 */
public record DumpSummary(
    boolean ok,
    String format,
    String output,
    Instant started,
    Duration duration,
    List<CollectionResult> collections,
    String archiveCheck,
    String error,
    ObjectUpload.Stats upload,
    ShardedCounts sharded) {

  public DumpSummary {
    collections = List.copyOf(collections);
  }

  /** A single server's summary. */
  public DumpSummary(
      boolean ok,
      String format,
      String output,
      Instant started,
      Duration duration,
      List<CollectionResult> collections,
      String archiveCheck,
      String error,
      ObjectUpload.Stats upload) {
    this(ok, format, output, started, duration, collections, archiveCheck, error, upload, null);
  }

  /** A summary without an upload (local outputs). */
  public DumpSummary(
      boolean ok,
      String format,
      String output,
      Instant started,
      Duration duration,
      List<CollectionResult> collections,
      String archiveCheck,
      String error) {
    this(ok, format, output, started, duration, collections, archiveCheck, error, null, null);
  }

  public long documents() {
    return collections.stream().mapToLong(CollectionResult::documents).sum();
  }

  public long bytes() {
    return collections.stream().mapToLong(CollectionResult::bytes).sum();
  }

  /** Relaxed JSON with a stable field order; counts are plain numbers. */
  public String toJson() {
    BsonArray colls = new BsonArray();
    for (CollectionResult c : collections) {
      colls.add(
          new BsonDocument("db", new BsonString(c.ns().db()))
              .append("collection", new BsonString(c.ns().collection()))
              .append("type", new BsonString(c.type().metadataName()))
              .append(
                  "status", new BsonString(c.status().name().toLowerCase(java.util.Locale.ROOT)))
              .append("documents", new BsonInt64(c.documents()))
              .append("bytes", new BsonInt64(c.bytes()))
              .append("serverCount", new BsonInt64(c.serverCount()))
              .append("seconds", seconds(c.duration()))
              .append("error", stringOrNull(c.error())));
    }
    BsonDocument d =
        new BsonDocument("ok", BsonBoolean.valueOf(ok))
            .append("format", new BsonString(format))
            .append("output", new BsonString(output))
            .append("started", new BsonString(started.toString()))
            .append("seconds", seconds(duration))
            .append("collectionCount", new BsonInt64(collections.size()))
            .append("documents", new BsonInt64(documents()))
            .append("bytes", new BsonInt64(bytes()))
            .append("archiveCheck", stringOrNull(archiveCheck))
            .append("error", stringOrNull(error))
            .append("upload", upload == null ? BsonNull.VALUE : upload(upload))
            .append("collections", colls);
    if (sharded != null) {
      d.append("sharded", sharded.toBson());
    }
    return d.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
  }

  private static BsonDocument upload(ObjectUpload.Stats u) {
    return new BsonDocument("bytes", new BsonInt64(u.bytes()))
        .append("sha256", stringOrNull(u.sha256()))
        .append("parts", new BsonInt64(u.parts()))
        .append("seconds", seconds(Duration.ofMillis(u.millis())));
  }

  private static BsonValue seconds(Duration d) {
    return new BsonDouble(Math.round(d.toNanos() / 1e6) / 1e3);
  }

  private static BsonValue stringOrNull(String s) {
    return s == null ? BsonNull.VALUE : new BsonString(s);
  }
}
