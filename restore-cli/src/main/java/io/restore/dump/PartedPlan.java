package io.restore.dump;

import java.util.List;
import java.util.Objects;

/**
 * One namespace of a dump read from several servers: its plan (metadata and indexes, taken once,
 * from {@code metadataSource}) and the servers that hold its documents.
 */
public record PartedPlan(CollectionPlan plan, String metadataSource, List<ReadPart> parts) {
  public PartedPlan {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(metadataSource, "metadataSource");
    parts = List.copyOf(parts);
  }
}
