package io.restore.dump;

import java.io.IOException;
import java.util.List;

/** One output format's side of a dump: directory, JSON lines or archive. */
interface DumpTarget extends AutoCloseable {
  /** Opens the staged output and writes what comes before any data (prelude, metadata). */
  void begin(List<CollectionPlan> plans, String serverVersion) throws IOException;

  /** Where one collection's documents go. */
  CollectionSink sinkFor(CollectionPlan plan) throws IOException;

  /** A view: no documents, only what {@link #begin} wrote (and, in an archive, its EOF block). */
  void metadataOnly(CollectionPlan plan) throws IOException, InterruptedException;

  /**
   * Every collection was dumped: flush, close and check the output. Returns what the check found,
   * for the summary; throws when the output is not what was written.
   */
  String finish(List<CollectionResult> results) throws IOException, InterruptedException;

  /** Puts the checked output in place under its final name. */
  void commit() throws IOException;

  /** The final location, for messages ("stdout" for a streamed archive). */
  String location();

  /** For an object-store output, what was uploaded (after {@link #finish}); else null. */
  default io.restore.dump.storage.ObjectUpload.Stats upload() {
    return null;
  }

  /** Without a commit: stops writers and removes the partial output. Never throws. */
  @Override
  void close();
}
