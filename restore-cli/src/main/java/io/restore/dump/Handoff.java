package io.restore.dump;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue from readers to one writer that cannot deadlock: a producer waiting for room
 * notices when the writer has failed and gets the writer's error instead of waiting forever.
 */
final class Handoff<T> {
  private final BlockingQueue<T> queue;
  private volatile IOException writerFailure;

  Handoff(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void put(T item) throws IOException, InterruptedException {
    while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
      throwIfFailed();
    }
    throwIfFailed();
  }

  T take() throws InterruptedException {
    return queue.take();
  }

  /** Called by the writer when it gives up; wakes and fails every producer. */
  void fail(IOException e) {
    writerFailure = e;
    queue.clear();
  }

  void throwIfFailed() throws IOException {
    IOException e = writerFailure;
    if (e != null) {
      throw new IOException(e.getMessage(), e);
    }
  }

  boolean failed() {
    return writerFailure != null;
  }
}
