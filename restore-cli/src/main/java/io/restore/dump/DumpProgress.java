package io.restore.dump;

import java.util.List;

/**
 * What a dump reports while it runs. Calls come from several reader threads at once;
 * implementations must be thread-safe and quick.
 */
public interface DumpProgress {
  /** Does nothing: for callers that only want the summary. */
  DumpProgress SILENT = new DumpProgress() {};

  /** Everything that will be dumped, largest first. */
  default void planned(List<CollectionPlan> plans) {}

  default void started(CollectionPlan plan) {}

  /** More documents of a running collection were handed to its writer. */
  default void advanced(Namespace ns, long documents, long bytes) {}

  default void finished(CollectionResult result) {}

  /** The dump ended, well or not; the last call. */
  default void done(DumpSummary summary) {}
}
