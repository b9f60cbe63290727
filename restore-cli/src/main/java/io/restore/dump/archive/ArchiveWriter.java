package io.restore.dump.archive;

import io.restore.dump.Namespace;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The one owner of an archive stream. Collection readers on other threads hand it segments; a
 * single writer thread interleaves them, keeps a CRC-64 per namespace and closes each with an EOF
 * block, the way mongo-tools' Multiplexer does (common/archive/multiplexer.go).
 *
 * <p>State per namespace: declared (in the prelude) → open → closed. Data for an undeclared or
 * closed namespace, or {@link #finish()} with a namespace still open, are errors: never a silent
 * half archive.
 */
public final class ArchiveWriter {
  /**
   * A namespace announced in the prelude; {@code dataNs} names its blocks (buckets for time
   * series).
   */
  public record Entry(Namespace ns, Namespace dataNs, String metadataJson, String type) {}

  /**
   * What was written for one namespace: the CRC-64 its EOF block carries, and a CRC-32C of the same
   * bytes (hardware-accelerated, so reading the archive back can check the bytes on disk against
   * what was written at a fraction of a second CRC-64's cost).
   */
  public record Sums(long crc64, long crc32c) {}

  private sealed interface Message {}

  private record Segment(Namespace ns, byte[] data, int length) implements Message {}

  private record Close(Namespace ns) implements Message {}

  private record End() implements Message {}

  private enum State {
    DECLARED,
    OPEN,
    CLOSED
  }

  private static final byte[] TERMINATOR = {-1, -1, -1, -1};

  private final OutputStream out;
  private final BlockingQueue<Message> queue;
  private final Map<Namespace, State> states = new LinkedHashMap<>();
  private final Map<Namespace, Crc64> crcs = new LinkedHashMap<>();
  private final Map<Namespace, CRC32C> fast = new LinkedHashMap<>();
  private final Thread thread;
  private volatile IOException failure;
  private Namespace current;
  private long currentSegmentBytes;

  private ArchiveWriter(OutputStream out, List<Entry> entries, int queueCapacity) {
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    for (Entry e : entries) {
      if (states.put(e.dataNs(), State.DECLARED) != null) {
        throw new IllegalArgumentException("namespace declared twice: " + e.dataNs());
      }
      crcs.put(e.dataNs(), new Crc64());
      fast.put(e.dataNs(), new CRC32C());
    }
    this.thread = new Thread(this::run, "archive-writer");
    thread.setDaemon(true);
  }

  /**
   * Writes magic and prelude, then starts the writer thread. {@code queueCapacity} segments may
   * wait: together with the segment size this bounds memory.
   */
  public static ArchiveWriter start(
      OutputStream out,
      int concurrentCollections,
      String serverVersion,
      String toolVersion,
      List<Entry> entries,
      int queueCapacity)
      throws IOException {
    ArchiveWriter w = new ArchiveWriter(out, entries, queueCapacity);
    out.write(new byte[] {0x6D, (byte) 0xE2, (byte) 0x99, (byte) 0x81});
    out.write(ArchiveFormat.header(concurrentCollections, serverVersion, toolVersion));
    for (Entry e : entries) {
      out.write(ArchiveFormat.collectionMetadata(e.ns(), e.metadataJson(), e.type()));
    }
    out.write(TERMINATOR);
    w.thread.start();
    return w;
  }

  /** Documents of one namespace, back to back. The array is the writer's from now on. */
  public void writeSegment(Namespace dataNs, byte[] docs, int length)
      throws IOException, InterruptedException {
    put(new Segment(dataNs, docs, length));
  }

  /** Every document of this namespace was handed over: the writer appends its EOF block. */
  public void closeNamespace(Namespace dataNs) throws IOException, InterruptedException {
    put(new Close(dataNs));
  }

  /** Waits until everything is written, checks every namespace was closed, closes the stream. */
  public Map<Namespace, Sums> finish() throws IOException, InterruptedException {
    put(new End());
    thread.join();
    throwIfFailed();
    List<Namespace> unfinished = new ArrayList<>();
    states.forEach(
        (ns, s) -> {
          if (s != State.CLOSED) {
            unfinished.add(ns);
          }
        });
    if (!unfinished.isEmpty()) {
      out.close();
      throw new IOException("archive would be incomplete: never closed " + unfinished);
    }
    out.close();
    Map<Namespace, Sums> result = new LinkedHashMap<>();
    crcs.forEach((ns, crc) -> result.put(ns, new Sums(crc.value(), fast.get(ns).getValue())));
    return result;
  }

  /** Stops writing at once; the stream is left without its EOF blocks, so it reads as truncated. */
  public void abort() {
    if (failure == null) {
      failure = new IOException("archive aborted");
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // aborting anyway; the first error is what gets reported
    }
  }

  private void put(Message m) throws IOException, InterruptedException {
    while (!queue.offer(m, 50, TimeUnit.MILLISECONDS)) {
      throwIfFailed();
    }
    throwIfFailed();
  }

  private void throwIfFailed() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private void run() {
    try {
      while (true) {
        Message m = queue.take();
        if (m instanceof End) {
          if (current != null) {
            throw new IOException("internal: segment of " + current + " still open at the end");
          }
          out.flush();
          return;
        }
        if (m instanceof Segment s) {
          segment(s);
        } else if (m instanceof Close c) {
          close(c.ns());
        }
      }
    } catch (IOException e) {
      failure = e;
      queue.clear();
    } catch (InterruptedException e) {
      if (failure == null) {
        failure = new InterruptedIOException("archive writer interrupted");
      }
      queue.clear();
    } catch (RuntimeException e) {
      failure = new IOException("archive writer failed: " + e, e);
      queue.clear();
    } catch (OutOfMemoryError e) {
      // without this the thread died silently and every producer waited forever on a full queue
      failure =
          new IOException(
              "the archive writer ran out of memory; give the JVM more heap (-Xmx) or lower"
                  + " --upload-parallel / --upload-part-size",
              e);
      queue.clear();
    } catch (Error e) {
      failure = new IOException("the archive writer stopped: " + e.getMessage(), e);
      queue.clear();
      throw e;
    }
  }

  private void segment(Segment s) throws IOException {
    State st = states.get(s.ns());
    if (st == null || st == State.CLOSED) {
      throw new IOException(
          "internal: data for " + (st == null ? "undeclared" : "closed") + " namespace " + s.ns());
    }
    states.put(s.ns(), State.OPEN);
    if (!s.ns().equals(current)
        || currentSegmentBytes + s.length() > ArchiveFormat.MAX_SEGMENT_BYTES) {
      openSegment(s.ns());
    }
    out.write(s.data(), 0, s.length());
    crcs.get(s.ns()).update(s.data(), 0, s.length());
    fast.get(s.ns()).update(s.data(), 0, s.length());
    currentSegmentBytes += s.length();
  }

  private void close(Namespace ns) throws IOException {
    State st = states.get(ns);
    if (st == null || st == State.CLOSED) {
      throw new IOException(
          "internal: closing " + (st == null ? "undeclared" : "closed") + " namespace " + ns);
    }
    // like mongodump, a namespace's last (possibly empty) segment comes right before its EOF block
    if (!ns.equals(current)) {
      openSegment(ns);
    }
    out.write(TERMINATOR);
    out.write(ArchiveFormat.namespaceHeader(ns, true, crcs.get(ns).value()));
    out.write(TERMINATOR);
    states.put(ns, State.CLOSED);
    current = null;
    currentSegmentBytes = 0;
  }

  private void openSegment(Namespace ns) throws IOException {
    if (current != null) {
      out.write(TERMINATOR);
    }
    out.write(ArchiveFormat.namespaceHeader(ns, false, 0));
    current = ns;
    currentSegmentBytes = 0;
  }
}
