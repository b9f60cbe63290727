package io.restore.dump;

import java.util.List;
import java.util.Objects;
import org.bson.BsonDocument;

/**
 * One namespace to dump, with what listCollections and listIndexes said about it.
 *
 * @param uuid 32 lower-case hex characters, or null when the server reports none
 * @param estimatedCount for scheduling and progress only; 0 for views
 * @param averageDocumentBytes collStats avgObjSize, 0 when unknown: sizes cursor batches
 */
public record CollectionPlan(
    Namespace ns,
    CollectionType type,
    BsonDocument options,
    String uuid,
    List<BsonDocument> indexes,
    long estimatedCount,
    long averageDocumentBytes) {

  public CollectionPlan {
    Objects.requireNonNull(ns, "ns");
    Objects.requireNonNull(type, "type");
    options = Objects.requireNonNullElseGet(options, BsonDocument::new);
    indexes = List.copyOf(indexes);
  }

  /** Views have metadata only. */
  public boolean hasData() {
    return type != CollectionType.VIEW;
  }

  /**
   * The collection the documents are read from and stored under: a time-series collection's buckets
   * (mongodump/prepare.go writes {@code system.buckets.<name>.bson}).
   */
  public String dataCollection() {
    return type == CollectionType.TIMESERIES
        ? "system.buckets." + ns.collection()
        : ns.collection();
  }
}
