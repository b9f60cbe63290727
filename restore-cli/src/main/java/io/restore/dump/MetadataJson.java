package io.restore.dump;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * {@code <coll>.metadata.json}: canonical Extended JSON, fields in mongodump's order options,
 * indexes, uuid, collectionName, type (docs/design/dump-format.md; mongodump/metadata_dump.go).
 */
public final class MetadataJson {
  private MetadataJson() {}

  public static BsonDocument document(CollectionPlan plan) {
    BsonDocument d = new BsonDocument();
    if (!plan.options().isEmpty()) {
      d.append("options", plan.options());
    }
    d.append("indexes", new BsonArray(plan.indexes())); // always an array, [] not null
    if (plan.uuid() != null) {
      d.append("uuid", new BsonString(plan.uuid()));
    }
    d.append("collectionName", new BsonString(plan.ns().collection()));
    d.append("type", new BsonString(plan.type().metadataName()));
    return d;
  }

  public static String render(CollectionPlan plan) {
    return CompactJson.canonical(document(plan));
  }
}
