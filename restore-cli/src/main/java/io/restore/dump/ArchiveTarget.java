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
import java.util.zip.GZIPInputStream;

/** mongodump's archive, to a file (staged, re-read and checked before the rename) or stdout. */
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
      raw = Files.newOutputStream(staged.staging());
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

  @Override
  public String finish(List<CollectionResult> results) throws IOException, InterruptedException {
    Map<Namespace, Long> crcs = writer.finish();
    finished = true;
    if (staged == null && upload == null) {
      return "streamed to stdout: " + crcs.size() + " namespaces closed with CRC-64 (not re-read)";
    }
    ArchiveVerifier.Report report;
    if (upload != null) {
      report = upload.report();
    } else {
      try (InputStream in = reread(staged.staging())) {
        report = ArchiveVerifier.verify(in);
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
      if (s.documents() != r.documents() || s.bytes() != r.bytes() || s.crc() != crcs.get(data)) {
        throw new IOException(
            "re-reading the archive: "
                + data
                + " holds "
                + s.documents()
                + " documents / "
                + s.bytes()
                + " bytes, "
                + r.documents()
                + " / "
                + r.bytes()
                + " were written");
      }
    }
    return (upload != null ? "read back while uploading: " : "re-read: ")
        + report.namespaces().size()
        + " namespaces, every CRC-64 matches";
  }

  private InputStream reread(Path p) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 20);
    return request.gzip() ? new GZIPInputStream(in, 1 << 16) : in;
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
