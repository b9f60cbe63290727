package io.restore.dump;

import java.io.IOException;

/**
 * One server's reader of a namespace: keeps the documents that server owns (and, with {@code
 * --include-orphans}, the others too), counting both. A chunk is compacted in place, documents
 * moved down over dropped ones, so a chunk without orphans passes through untouched and no document
 * is ever copied twice.
 */
final class FilteringSink implements CollectionSink {
  private final CollectionSink inner;
  private final ReadPart.PartOwnership ownership;
  private final boolean keepOrphans;
  private final Written progress;
  long owned;
  long orphans;
  long writtenDocuments;
  long writtenBytes;

  /** Called with what went to the writer. */
  @FunctionalInterface
  interface Written {
    void advanced(long documents, long bytes);
  }

  FilteringSink(
      CollectionSink inner,
      ReadPart.PartOwnership ownership,
      boolean keepOrphans,
      Written progress) {
    this.inner = inner;
    this.ownership = ownership;
    this.keepOrphans = keepOrphans;
    this.progress = progress;
  }

  @Override
  public void write(Chunk chunk) throws IOException, InterruptedException {
    Chunk kept;
    if (ownership instanceof ReadPart.PartOwnership.PerDocument p) {
      kept = filter(chunk, p.test());
    } else if (ownership instanceof ReadPart.PartOwnership.AllOwned) {
      owned += chunk.documents();
      kept = chunk;
    } else {
      orphans += chunk.documents();
      kept = keepOrphans ? chunk : null;
    }
    if (kept != null && kept.documents() > 0) {
      inner.write(kept);
      writtenDocuments += kept.documents();
      writtenBytes += kept.length();
      progress.advanced(kept.documents(), kept.length());
    }
  }

  private Chunk filter(Chunk c, ReadPart.DocumentOwnership test) {
    byte[] data = c.data();
    int at = 0;
    int out = 0;
    int docs = 0;
    while (at < c.length()) {
      int size =
          (data[at] & 0xFF)
              | (data[at + 1] & 0xFF) << 8
              | (data[at + 2] & 0xFF) << 16
              | (data[at + 3] & 0xFF) << 24;
      boolean mine = test.owned(data, at, size);
      if (mine) {
        owned++;
      } else {
        orphans++;
      }
      if (mine || keepOrphans) {
        if (out != at) {
          System.arraycopy(data, at, data, out, size);
        }
        out += size;
        docs++;
      }
      at += size;
    }
    return docs == c.documents() ? c : new Chunk(data, out, docs);
  }

  @Override
  public void complete() throws IOException, InterruptedException {
    inner.complete();
  }

  @Override
  public void abort() {
    inner.abort();
  }
}
