package io.restore.dump;

import io.restore.dump.storage.ObjectUpload;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@code restore-manifest.json}, written last under a store prefix: its presence says the dump is
 * complete, and it lists every object with its size and SHA-256 so a reader can check what it
 * downloads (format in docs/design/object-storage.md).
 */
final class StoreManifest {
  static final int VERSION = 1;

  private StoreManifest() {}

  static String render(
      DumpRequest request,
      String format,
      String serverVersion,
      java.util.List<CollectionResult> results,
      Map<Namespace, String> dataObjects,
      Map<String, ObjectUpload.Stats> objects) {
    BsonArray colls = new BsonArray();
    for (CollectionResult r : results) {
      String name = dataObjects.get(r.ns());
      colls.add(
          new BsonDocument("db", new BsonString(r.ns().db()))
              .append("collection", new BsonString(r.ns().collection()))
              .append("type", new BsonString(r.type().metadataName()))
              .append("documents", new BsonInt64(r.documents()))
              .append("bytes", new BsonInt64(r.bytes()))
              .append("object", name == null ? org.bson.BsonNull.VALUE : new BsonString(name)));
    }
    BsonArray list = new BsonArray();
    for (Map.Entry<String, ObjectUpload.Stats> e : new TreeMap<>(objects).entrySet()) {
      list.add(
          new BsonDocument("name", new BsonString(e.getKey()))
              .append("size", new BsonInt64(e.getValue().bytes()))
              .append("sha256", new BsonString(e.getValue().sha256())));
    }
    BsonDocument d =
        new BsonDocument("manifestVersion", new BsonInt32(VERSION))
            .append("complete", org.bson.BsonBoolean.TRUE)
            .append("tool", new BsonString(request.toolVersion()))
            .append("serverVersion", new BsonString(serverVersion))
            .append(
                "snapshot",
                request
                    .snapshot()
                    .<org.bson.BsonValue>map(DumpSnapshot::toBson)
                    .orElse(org.bson.BsonNull.VALUE))
            .append("written", new BsonString(Instant.now().toString()))
            .append("format", new BsonString(format))
            .append("collections", colls)
            .append("objectCount", new BsonInt64(objects.size()))
            .append("objects", list);
    return d.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
  }
}
