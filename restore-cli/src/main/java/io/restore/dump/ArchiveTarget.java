package io.restore.dump;

import io.restore.dump.archive.ArchiveVerifier;
import io.restore.dump.archive.ArchiveWriter;
import io.restore.dump.storage.ObjectUpload;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * mongodump's archive, to a file or stdout. A file is staged, and read back from the disk by a
 * thread of its own while it is written ({@link ReadBack}); the rename waits until every namespace
 * read back matches what the writer wrote (counts, bytes, CRC-32C, the EOF block's CRC-64).
 */
final class ArchiveTarget implements DumpTarget {
  private final Optional<Path> file;
  private final OutputStream stdout;
  private final DumpRequest request;
  private final String id;
  private final Pools pools;
  private final DumpOutput.UploadedArchive remote;
  private StagedOutput staged;
  private ArchiveUpload upload;
  private ArchiveWriter writer;
  private ReadBack readBack;
  private Future<ArchiveVerifier.Report> check;
  private boolean finished;

  ArchiveTarget(
      Optional<Path> file, OutputStream stdout, DumpRequest request, String id, Pools pools) {
    this(file, null, stdout, request, id, pools);
  }

  private ArchiveTarget(
      Optional<Path> file,
      DumpOutput.UploadedArchive remote,
      OutputStream stdout,
      DumpRequest request,
      String id,
      Pools pools) {
    this.file = file;
    this.remote = remote;
    this.stdout = stdout;
    this.request = request;
    this.id = id;
    this.pools = pools;
  }

  /** An archive uploaded to an object store (ArchiveUpload), published once it verified. */
  static ArchiveTarget upload(
      DumpOutput.UploadedArchive remote, DumpRequest request, String id, Pools pools) {
    return new ArchiveTarget(Optional.empty(), remote, null, request, id, pools);
  }

  @Override
  public void begin(List<CollectionPlan> plans, String serverVersion) throws IOException {
    OutputStream raw;
    if (remote != null) {
      upload = ArchiveUpload.start(remote, request, pools);
      raw = upload.stream();
    } else if (file.isPresent()) {
      staged = StagedOutput.file(file.get(), request.overwrite(), id);
      readBack = new ReadBack(staged.staging());
      raw = readBack.track(Files.newOutputStream(staged.staging()));
      check = pools.writers().submit(this::checkWhatIsOnDisk);
    } else {
      raw =
          new FilterOutputStream(stdout) { // the caller owns stdout: flush it, never close it
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              out.flush();
            }
          };
    }
    OutputStream out = new BufferedOutputStream(raw, 1 << 20);
    if (request.gzip()) {
      out =
          new ParallelGzipOutputStream(
              out, request.compressionLevel(), pools.compressors(), pools.compressorThreads());
    }
    List<ArchiveWriter.Entry> entries = new ArrayList<>();
    for (CollectionPlan p : plans) {
      entries.add(
          new ArchiveWriter.Entry(
              p.ns(), dataNs(p), MetadataJson.render(p), p.type().archiveName()));
    }
    // each running collection may have a few segments waiting: memory stays bounded
    writer =
        ArchiveWriter.start(
            out,
            request.parallelCollections(),
            serverVersion,
            request.toolVersion(),
            entries,
            2 * request.parallelCollections() + 2);
  }

  @Override
  public CollectionSink sinkFor(CollectionPlan plan) {
    Namespace ns = dataNs(plan);
    return new CollectionSink() {
      @Override
      public void write(Chunk chunk) throws IOException, InterruptedException {
        writer.writeSegment(ns, chunk.data(), chunk.length());
      }

      @Override
      public void complete() throws IOException, InterruptedException {
        writer.closeNamespace(ns);
      }

      @Override
      public void abort() {
        // the whole archive is abandoned by close(): a namespace cannot be taken back
      }
    };
  }

  @Override
  public void metadataOnly(CollectionPlan plan) throws IOException, InterruptedException {
    writer.closeNamespace(dataNs(plan)); // an empty segment and its EOF block, like mongodump
  }

  private ArchiveVerifier.Report checkWhatIsOnDisk() throws IOException {
    InputStream in = new BufferedInputStream(readBack.input(), 1 << 20);
    try (InputStream archive = request.gzip() ? new GZIPInputStream(in, 1 << 16) : in) {
      return ArchiveVerifier.readBack(archive);
    }
  }

  @Override
  public String finish(List<CollectionResult> results) throws IOException, InterruptedException {
    Map<Namespace, ArchiveWriter.Sums> sums = writer.finish();
    finished = true;
    if (staged == null && upload == null) {
      return "streamed to stdout: " + sums.size() + " namespaces closed with CRC-64 (not re-read)";
    }
    ArchiveVerifier.Report report;
    if (upload != null) {
      report = upload.report();
    } else {
      try {
        report = check.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw new IOException("re-reading the archive: " + io.getMessage(), io);
        }
        throw new IOException("re-reading the archive failed", e.getCause());
      }
    }
    for (CollectionResult r : results) {
      Namespace ns = r.ns();
      Namespace data =
          r.type() == CollectionType.TIMESERIES
              ? new Namespace(ns.db(), "system.buckets." + ns.collection())
              : ns;
      ArchiveVerifier.NamespaceStats s = report.namespaces().get(data);
      if (s == null) {
        throw new IOException("re-reading the archive: " + data + " is missing");
      }
      ArchiveWriter.Sums w = sums.get(data);
      if (s.documents() != r.documents()
          || s.bytes() != r.bytes()
          || s.crc() != w.crc64()
          || s.crc32c() != w.crc32c()) {
        throw new IOException(
            "re-reading the archive: "
                + data
                + " holds "
                + s.documents()
                + " documents / "
                + s.bytes()
                + " bytes (checksums "
                + (s.crc() == w.crc64() && s.crc32c() == w.crc32c() ? "match" : "differ")
                + "), "
                + r.documents()
                + " / "
                + r.bytes()
                + " were written");
      }
    }
    return (upload != null ? "read back while uploading: " : "re-read from disk while writing: ")
        + report.namespaces().size()
        + " namespaces, every CRC-32C of their bytes and every CRC-64 matches";
  }

  @Override
  public void commit() throws IOException {
    if (upload != null) {
      upload.commit();
    }
    if (staged != null) {
      staged.commit();
    }
  }

  @Override
  public String location() {
    if (remote != null) {
      return remote.destination().display();
    }
    return file.map(Path::toString).orElse("stdout");
  }

  @Override
  public ObjectUpload.Stats upload() {
    return upload == null ? null : upload.stats();
  }

  @Override
  public void close() {
    if (writer != null && !finished) {
      writer.abort();
    }
    if (readBack != null) {
      readBack.abandon(new IOException("the dump stopped"));
      check.cancel(true);
    }
    if (staged != null) {
      staged.close();
    }
    if (upload != null) {
      upload.close(); // aborts the upload unless committed
    }
  }

  private static Namespace dataNs(CollectionPlan p) {
    return new Namespace(p.ns().db(), p.dataCollection());
  }
}
