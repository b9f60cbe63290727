package io.restore.dump;

import java.util.Objects;

/** A database and collection name, printed {@code db.collection}. */
public record Namespace(String db, String collection) {
  public Namespace {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(collection, "collection");
  }

  @Override
  public String toString() {
    return db + "." + collection;
  }
}
