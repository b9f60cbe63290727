package io.restore.source;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A source resolved to its dbpath, plus the cleanup the session owns: closing it removes the work
 * folder an archive was extracted into (or, with --keep-extracted, keeps it and says where). A
 * folder source needs no cleanup.
 */
public final class OpenedSource implements AutoCloseable {
  private final Path dbpath;
  private final Optional<WorkDir> work;
  private final boolean keep;
  private final PrintWriter err;

  OpenedSource(Path dbpath, Optional<WorkDir> work, boolean keep, PrintWriter err) {
    this.dbpath = dbpath;
    this.work = work;
    this.keep = keep;
    this.err = err;
  }

  public Path dbpath() {
    return dbpath;
  }

  /** The work folder an archive went into, if any. */
  public Optional<Path> workDir() {
    return work.map(WorkDir::path);
  }

  @Override
  public void close() {
    if (work.isEmpty()) {
      return;
    }
    if (keep) {
      work.get().keep(err, dbpath);
    } else {
      work.get().close();
    }
  }
}
