package io.restore.dump;

import io.restore.dump.archive.ArchiveVerifier;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.ObjectUpload;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * An archive uploaded to an object store while it is written, and checked on the way: the bytes
 * sent are read back from memory ({@link TeeReadBack}) by a thread of their own, so {@link
 * ArchiveTarget} compares counts and checksums exactly as for a staged file before {@link
 * #commit()} publishes the object. Closing without a commit aborts the upload.
 */
final class ArchiveUpload implements AutoCloseable {
  /** How far the check may lag behind the upload: a few parts' worth of memory at most. */
  private static final long READ_BACK_LAG = 16L << 20;

  private final ObjectUpload upload;
  private final TeeReadBack tee = new TeeReadBack(READ_BACK_LAG);
  private final Future<ArchiveVerifier.Report> check;
  private final OutputStream stream;

  private ArchiveUpload(ObjectUpload upload, boolean gzip, Pools pools) {
    this.upload = upload;
    this.stream = tee.track(upload.stream());
    this.check = pools.writers().submit(() -> check(gzip));
  }

  /** Starts the upload; refuses an existing object unless the request says overwrite. */
  static ArchiveUpload start(DumpOutput.UploadedArchive out, DumpRequest request, Pools pools)
      throws IOException {
    ObjectUpload u = ObjectStores.open(out.destination(), out.settings(), request.overwrite());
    return new ArchiveUpload(u, request.gzip(), pools);
  }

  private ArchiveVerifier.Report check(boolean gzip) throws IOException {
    try {
      InputStream in = new BufferedInputStream(tee.input(), 1 << 20);
      try (InputStream archive = gzip ? new GZIPInputStream(in, 1 << 16) : in) {
        ArchiveVerifier.Report r = ArchiveVerifier.readBack(archive); // CRC-32C, as for a file
        archive.transferTo(OutputStream.nullOutputStream()); // the writer must never wait on us
        return r;
      }
    } catch (IOException | RuntimeException e) {
      tee.abandon(new IOException("the check failed: " + e.getMessage(), e)); // unblock the writer
      throw e;
    }
  }

  /** Where the archive's bytes go; closing it sends the last part (nothing is published). */
  OutputStream stream() {
    return stream;
  }

  /** What reading the uploaded bytes back found; after {@link #stream()} was closed. */
  ArchiveVerifier.Report report() throws IOException, InterruptedException {
    try {
      return check.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new IOException("reading the uploaded archive back: " + c.getMessage(), c);
    }
  }

  void commit() throws IOException {
    upload.commit();
  }

  ObjectUpload.Stats stats() {
    return upload.stats();
  }

  @Override
  public void close() {
    tee.abandon(new IOException("the dump stopped"));
    check.cancel(true);
    upload.close(); // aborts unless committed
  }
}
