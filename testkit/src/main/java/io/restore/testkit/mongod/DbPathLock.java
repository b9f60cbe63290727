package io.restore.testkit.mongod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code <dbpath>/mongod.lock} as mongod keeps it: locked and holding the pid while running,
 * emptied on a clean shutdown, left with the pid after a crash.
 */
final class DbPathLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DbPathLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or empty when another process (or this one) holds it. */
  static java.util.Optional<DbPathLock> tryAcquire(Path dbpath) throws IOException {
    FileChannel ch =
        FileChannel.open(
            dbpath.resolve("mongod.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      return java.util.Optional.empty();
    }
    ch.truncate(0);
    ch.write(
        ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    ch.force(false);
    return java.util.Optional.of(new DbPathLock(ch, lock));
  }

  /** Clean shutdown: empty the file and unlock it. */
  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.truncate(0);
      lock.release();
      channel.close();
    }
  }
}
