package io.restore.mongod.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * This process's hold on one dbpath: the lock (held until {@link #close()}) and the record, written
 * once mongod's pid is known and updated when its port is. Close after mongod has stopped.
 */
public final class SessionClaim implements AutoCloseable {
  private final SessionRegistry registry;
  private final Path dbpath;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  SessionClaim(SessionRegistry registry, Path dbpath, FileChannel channel, FileLock lock) {
    this.registry = registry;
    this.dbpath = dbpath;
    this.channel = channel;
    this.lock = lock;
  }

  /** The canonical dbpath (symlinks resolved) this claim is for. */
  public Path dbpath() {
    return dbpath;
  }

  /** Writes (or replaces) the record atomically. */
  public synchronized void record(SessionRecord r) {
    if (closed) {
      throw new IllegalStateException("claim on " + dbpath + " already released");
    }
    registry.write(dbpath, r);
  }

  /** Removes the record and releases the lock. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    registry.delete(dbpath);
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock with the process anyway
    }
  }
}
