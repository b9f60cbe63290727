package io.restore.dump;

/** listCollections {@code type}, with the names mongodump writes for it. */
public enum CollectionType {
  COLLECTION("collection", ""),
  VIEW("view", "view"),
  TIMESERIES("timeseries", "timeseries");

  private final String metadataName;
  private final String archiveName;

  CollectionType(String metadataName, String archiveName) {
    this.metadataName = metadataName;
    this.archiveName = archiveName;
  }

  /** {@code type} in {@code <coll>.metadata.json} (mongodump/metadata_dump.go). */
  public String metadataName() {
    return metadataName;
  }

  /** {@code type} in the archive's collection-metadata document (docs/design/dump-format.md). */
  public String archiveName() {
    return archiveName;
  }

  static CollectionType fromListCollections(String type) {
    if (type == null) {
      return COLLECTION;
    }
    return switch (type) {
      case "view" -> VIEW;
      case "timeseries" -> TIMESERIES;
      default -> COLLECTION;
    };
  }
}
