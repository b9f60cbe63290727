package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.List;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.json.JsonParseException;

/**
 * What to dump: mongodump's --db, --collection, --excludeCollection, --excludeDb and --query rules,
 * and its namespace patterns (--nsInclude, --nsExclude, --excludeCollectionsWithPrefix). {@code
 * db}, {@code collection} and {@code query} are null when not given.
 */
public record NamespaceFilter(
    String db,
    String collection,
    List<String> excludeCollections,
    List<String> excludeDbs,
    String query,
    NamespacePatterns patterns) {

  public static final NamespaceFilter ALL =
      new NamespaceFilter(null, null, List.of(), List.of(), null);

  /** Without namespace patterns. */
  public NamespaceFilter(
      String db,
      String collection,
      List<String> excludeCollections,
      List<String> excludeDbs,
      String query) {
    this(db, collection, excludeCollections, excludeDbs, query, NamespacePatterns.NONE);
  }

  public NamespaceFilter {
    patterns = Objects.requireNonNullElse(patterns, NamespacePatterns.NONE);
    excludeCollections = List.copyOf(Objects.requireNonNullElse(excludeCollections, List.of()));
    excludeDbs = List.copyOf(Objects.requireNonNullElse(excludeDbs, List.of()));
    if (collection != null && db == null) {
      throw usage("--collection needs --db", "name the database too: --db <db> --collection <c>");
    }
    if (query != null && collection == null) {
      throw usage(
          "--query applies to one collection", "add --db <db> --collection <c> with --query");
    }
    if (collection != null && !excludeCollections.isEmpty()) {
      throw usage(
          "--collection and --exclude-collection cannot be combined",
          "use one of them (mongodump has the same rule)");
    }
    if (db != null && !excludeDbs.isEmpty()) {
      throw usage("--db and --exclude-db cannot be combined", "use one of them");
    }
    if (db != null && (db.isEmpty() || db.contains(".") || db.contains("/"))) {
      throw usage("--db '" + db + "' is not a valid database name", "check the spelling");
    }
    if (collection != null && collection.isEmpty()) {
      throw usage("--collection is empty", "give a collection name");
    }
    if (query != null) {
      parsedQuery(query);
    }
  }

  public static NamespaceFilter database(String db) {
    return new NamespaceFilter(db, null, List.of(), List.of(), null);
  }

  public static NamespaceFilter collection(String db, String collection) {
    return new NamespaceFilter(db, collection, List.of(), List.of(), null);
  }

  public NamespaceFilter withQuery(String json) {
    return new NamespaceFilter(db, collection, excludeCollections, excludeDbs, json, patterns);
  }

  /** The query as a document; an empty one when no --query was given. */
  public BsonDocument queryDocument() {
    return query == null ? new BsonDocument() : parsedQuery(query);
  }

  /** Whether this database is selected (before the system rules). */
  boolean selectsDatabase(String name) {
    if (SystemNamespaces.databaseNeverDumped(name)) {
      return false;
    }
    if (db != null) {
      return db.equals(name);
    }
    return !excludeDbs.contains(name) && SystemNamespaces.databaseDumpedByDefault(name);
  }

  /** Whether this collection of a selected database is dumped. */
  boolean selectsCollection(String dbName, String name) {
    if (collection != null) {
      // an explicitly named collection is dumped even if it is a system one (mongodump does too)
      return collection.equals(name) && patterns.selects(dbName, name);
    }
    return !excludeCollections.contains(name)
        && patterns.selects(dbName, name)
        && SystemNamespaces.collectionDumped(dbName, name);
  }

  private static BsonDocument parsedQuery(String json) {
    try {
      return BsonDocument.parse(json);
    } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
      throw usage(
          "--query is not a JSON document: " + e.getMessage(),
          "quote it for the shell, e.g. --query '{\"status\": \"A\"}'");
    }
  }

  private static RestoreException usage(String message, String next) {
    return new RestoreException(ExitCode.USAGE, message, next);
  }
}
