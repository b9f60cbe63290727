package io.restore.dump;

import java.util.Set;

/**
 * Which namespaces mongodump dumps when nothing narrower is asked for (docs/design/dump-format.md
 * "What is dumped"; mongodump/prepare.go shouldSkipSystemNamespace).
 */
public final class SystemNamespaces {
  private static final Set<String> CONFIG_KEPT =
      Set.of("chunks", "collections", "databases", "settings", "shards", "tags", "version");

  private SystemNamespaces() {}

  /** Whether a database is dumped without being named: never local, never __mdb_internal*. */
  public static boolean databaseDumpedByDefault(String db) {
    return !db.equals("local") && !databaseNeverDumped(db);
  }

  /** Databases not dumped even when named. */
  public static boolean databaseNeverDumped(String db) {
    return db.startsWith("__mdb_internal");
  }

  /** Whether a collection of a database is dumped. */
  public static boolean collectionDumped(String db, String collection) {
    // index namespaces listed by pre-3.0 servers contain '$' (prepare.go)
    if (collection.contains("$") && !collection.contains(".oplog.$")) {
      return false;
    }
    switch (db) {
      case "admin" -> {
        return !collection.equals("system.keys");
      }
      case "config" -> {
        return CONFIG_KEPT.contains(collection);
      }
      default -> {
        return collection.equals("system.js") || !collection.startsWith("system.");
      }
    }
  }
}
