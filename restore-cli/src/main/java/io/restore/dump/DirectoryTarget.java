package io.restore.dump;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.RawBsonDocument;

/**
 * mongodump's directory layout (docs/design/dump-format.md), or JSON lines in the same tree: one
 * file per collection, each written by its own thread, gzipped per file when asked.
 */
final class DirectoryTarget implements DumpTarget {
  private final Path out;
  private final DumpRequest request;
  private final DumpOutput.JsonFormat jsonFormat; // null: BSON
  private final String id;
  private final Pools pools;
  private final Map<Namespace, Path> dataFiles = new ConcurrentHashMap<>();
  private final List<AsyncFileSink> open = new ArrayList<>();
  private StagedOutput staged;

  DirectoryTarget(
      Path out, DumpRequest request, DumpOutput.JsonFormat jsonFormat, String id, Pools pools) {
    this.out = out;
    this.request = request;
    this.jsonFormat = jsonFormat;
    this.id = id;
    this.pools = pools;
  }

  @Override
  public void begin(List<CollectionPlan> plans, String serverVersion) throws IOException {
    staged = StagedOutput.directory(out, request.overwrite(), id);
    Path root = staged.staging();
    if (jsonFormat == null) {
      Files.writeString(
          root.resolve("prelude.json"),
          CompactJson.canonical(
              new org.bson.BsonDocument("ServerVersion", new org.bson.BsonString(serverVersion))
                  .append("ToolVersion", new org.bson.BsonString(request.toolVersion()))));
    }
    for (CollectionPlan p : plans) {
      Path dbDir = root.resolve(p.ns().db());
      Files.createDirectories(dbDir);
      if (jsonFormat == null) {
        Path meta = dbDir.resolve(gz(FileNames.baseName(p.ns().collection()) + ".metadata.json"));
        try (OutputStream o = open(meta)) {
          o.write(MetadataJson.render(p).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Override
  public CollectionSink sinkFor(CollectionPlan plan) throws IOException {
    String ext = jsonFormat == null ? ".bson" : ".json";
    Path file =
        staged
            .staging()
            .resolve(plan.ns().db())
            .resolve(gz(FileNames.baseName(plan.dataCollection()) + ext));
    dataFiles.put(plan.ns(), file);
    AsyncFileSink sink =
        new AsyncFileSink(
            pools.writers(),
            open(file),
            jsonFormat == null ? DirectoryTarget::copy : this::jsonLines);
    synchronized (open) {
      open.add(sink);
    }
    return sink;
  }

  @Override
  public void metadataOnly(CollectionPlan plan) {}

  @Override
  public String finish(List<CollectionResult> results) throws IOException {
    if (request.gzip() || jsonFormat != null) {
      return null;
    }
    for (CollectionResult r : results) {
      Path f = dataFiles.get(r.ns());
      if (f != null && Files.size(f) != r.bytes()) {
        throw new IOException(
            f.getFileName() + " holds " + Files.size(f) + " bytes, " + r.bytes() + " were written");
      }
    }
    return null;
  }

  @Override
  public void commit() throws IOException {
    staged.commit();
  }

  @Override
  public String location() {
    return out.toString();
  }

  @Override
  public void close() {
    synchronized (open) {
      open.forEach(AsyncFileSink::abort);
    }
    if (staged != null) {
      staged.close();
    }
  }

  private String gz(String name) {
    return request.gzip() ? name + ".gz" : name;
  }

  private OutputStream open(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    if (request.gzip()) {
      return new ParallelGzipOutputStream(
          new BufferedOutputStream(raw, 1 << 16),
          request.compressionLevel(),
          pools.compressors(),
          pools.compressorThreads());
    }
    return new BufferedOutputStream(raw, 1 << 16);
  }

  private static void copy(Chunk c, OutputStream o) throws IOException {
    o.write(c.data(), 0, c.length());
  }

  private void jsonLines(Chunk c, OutputStream o) throws IOException {
    jsonLines(c, o, jsonFormat == DumpOutput.JsonFormat.CANONICAL);
  }

  /** One Extended JSON line per document of the chunk (also for StoreDirectoryTarget). */
  static void jsonLines(Chunk c, OutputStream o, boolean canonical) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
    int at = 0;
    while (at < c.length()) {
      int size =
          (c.data()[at] & 0xFF)
              | (c.data()[at + 1] & 0xFF) << 8
              | (c.data()[at + 2] & 0xFF) << 16
              | (c.data()[at + 3] & 0xFF) << 24;
      CompactJson.write(new RawBsonDocument(c.data(), at, size), canonical, w);
      w.write('\n');
      at += size;
    }
    w.flush();
  }
}
