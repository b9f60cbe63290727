package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.ObjectUpload;
import io.restore.dump.storage.StoreFolder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A directory output under a store prefix (docs/design/object-storage.md): every file of the layout
 * is uploaded as its own object and published as soon as it is complete; {@code
 * restore-manifest.json}, listing every object with its size and SHA-256, is written last by {@link
 * #commit}, so the dump is complete if and only if the manifest exists. Without a commit, {@link
 * #close} deletes every object this dump published and aborts the ones still uploading.
 */
final class StoreDirectoryTarget implements DumpTarget {
  private final DumpOutput.UploadedDirectory out;
  private final DumpRequest request;
  private final Pools pools;
  private final boolean jsonl;
  private final boolean canonical;
  private final Map<String, ObjectUpload.Stats> published = new ConcurrentHashMap<>();
  private final Set<ObjectUpload> uploading = ConcurrentHashMap.newKeySet();
  private final Map<Namespace, String> dataObjects = new ConcurrentHashMap<>();
  private final List<AsyncFileSink> sinks = new ArrayList<>();
  // publishing holds the read lock, close() the write lock: nothing is published behind its back
  private final ReadWriteLock publishing = new ReentrantReadWriteLock();
  private final long started = System.nanoTime();
  private volatile boolean closing;
  private StoreFolder folder;
  private List<String> previous = List.of();
  private String serverVersion;
  private ObjectUpload.Stats manifest;
  private List<CollectionResult> results = List.of();
  private boolean committed;

  StoreDirectoryTarget(DumpOutput.UploadedDirectory out, DumpRequest request, Pools pools) {
    this.out = out;
    this.request = request;
    this.pools = pools;
    this.jsonl = out.jsonFormat().isPresent();
    this.canonical = out.jsonFormat().orElse(null) == DumpOutput.JsonFormat.CANONICAL;
  }

  @Override
  public void begin(List<CollectionPlan> plans, String serverVersion) throws IOException {
    this.serverVersion = serverVersion;
    folder = StoreFolder.open(out.prefix(), out.settings());
    List<String> existing = folder.list();
    if (!existing.isEmpty()) {
      if (!request.overwrite()) {
        throw new RestoreException(
            ExitCode.USAGE,
            "output " + folder.display() + " is not empty (" + existing.size() + " objects)",
            "choose another prefix, delete those objects, or pass --overwrite to replace them");
      }
      // the old dump stops looking complete before the first of its objects is replaced
      folder.delete(Destination.MANIFEST);
      previous = existing;
    }
    if (!jsonl) {
      put(
          "prelude.json",
          CompactJson.canonical(
                  new org.bson.BsonDocument("ServerVersion", new org.bson.BsonString(serverVersion))
                      .append("ToolVersion", new org.bson.BsonString(request.toolVersion())))
              .getBytes(StandardCharsets.UTF_8));
      for (CollectionPlan p : plans) {
        put(
            p.ns().db() + "/" + gz(FileNames.baseName(p.ns().collection()) + ".metadata.json"),
            MetadataJson.render(p).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void put(String name, byte[] bytes) throws IOException {
    try (OutputStream o = open(name)) {
      o.write(bytes);
    }
  }

  @Override
  public CollectionSink sinkFor(CollectionPlan plan) throws IOException {
    String name =
        plan.ns().db()
            + "/"
            + gz(FileNames.baseName(plan.dataCollection()) + (jsonl ? ".json" : ".bson"));
    dataObjects.put(plan.ns(), name);
    AsyncFileSink sink =
        new AsyncFileSink(
            pools.writers(),
            open(name),
            jsonl
                ? (c, o) -> DirectoryTarget.jsonLines(c, o, canonical)
                : (c, o) -> o.write(c.data(), 0, c.length()));
    synchronized (sinks) {
      sinks.add(sink);
    }
    return sink;
  }

  @Override
  public void metadataOnly(CollectionPlan plan) {}

  @Override
  public String finish(List<CollectionResult> results) throws IOException {
    this.results = results;
    for (CollectionResult r : results) {
      String name = dataObjects.get(r.ns());
      if (name == null) {
        continue; // a view: metadata only
      }
      ObjectUpload.Stats s = published.get(name);
      if (s == null) {
        throw new IOException(folder.display(name) + " was not uploaded");
      }
      if (!request.gzip() && !jsonl && s.bytes() != r.bytes()) {
        throw new IOException(
            folder.display(name)
                + " holds "
                + s.bytes()
                + " bytes, "
                + r.bytes()
                + " were written");
      }
    }
    return "uploaded "
        + published.size()
        + " objects under "
        + folder.display()
        + ", each checked by the store on receipt; sizes and SHA-256 in "
        + Destination.MANIFEST;
  }

  @Override
  public void commit() throws IOException {
    for (String old : previous) { // --overwrite: what the new dump did not replace goes
      if (!published.containsKey(old) && !old.equals(Destination.MANIFEST)) {
        folder.delete(old);
      }
    }
    byte[] json =
        StoreManifest.render(
                request, Dumper.formatName(request), serverVersion, results, dataObjects, published)
            .getBytes(StandardCharsets.UTF_8);
    try (ObjectUpload up = folder.upload(Destination.MANIFEST, 1)) {
      up.stream().write(json);
      up.stream().close();
      up.commit();
      manifest = up.stats();
    }
    committed = true;
  }

  @Override
  public String location() {
    return folder != null ? folder.display() : out.prefix().display();
  }

  @Override
  public ObjectUpload.Stats upload() {
    long bytes = published.values().stream().mapToLong(ObjectUpload.Stats::bytes).sum();
    return new ObjectUpload.Stats(
        bytes + (manifest == null ? 0 : manifest.bytes()),
        manifest == null ? null : manifest.sha256(), // the manifest holds every object's SHA-256
        published.size() + (manifest == null ? 0 : 1),
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void close() {
    if (committed || folder == null) {
      if (folder != null) {
        folder.close();
      }
      return;
    }
    closing = true;
    synchronized (sinks) {
      sinks.forEach(AsyncFileSink::abort);
    }
    publishing.writeLock().lock();
    try {
      uploading.forEach(ObjectUpload::close); // aborts what was not published
      for (String name : published.keySet()) {
        try {
          folder.delete(name);
        } catch (IOException | RuntimeException e) {
          System.err.println(
              "restore: could not delete "
                  + folder.display(name)
                  + " after the failed dump ("
                  + e.getMessage()
                  + "); the prefix has no "
                  + Destination.MANIFEST
                  + ", so it does not look complete");
        }
      }
    } finally {
      publishing.writeLock().unlock();
      folder.close();
    }
  }

  private String gz(String name) {
    return request.gzip() ? name + ".gz" : name;
  }

  /** Per object: a fair share of the parts in flight, the collections upload side by side. */
  private int inFlight() {
    return Math.max(1, out.settings().inFlight() / Math.max(1, request.parallelCollections()));
  }

  private OutputStream open(String name) throws IOException {
    ObjectUpload up = folder.upload(name, inFlight());
    uploading.add(up);
    OutputStream raw = new Publishing(name, up);
    if (request.gzip()) {
      return new ParallelGzipOutputStream(
          new BufferedOutputStream(raw, 1 << 16),
          request.compressionLevel(),
          pools.compressors(),
          pools.compressorThreads());
    }
    return new BufferedOutputStream(raw, 1 << 16);
  }

  /** One object's bytes; closing it publishes the object unless a write failed or we stop. */
  private final class Publishing extends OutputStream {
    private final String name;
    private final ObjectUpload up;
    private boolean failed;
    private boolean closed;

    Publishing(String name, ObjectUpload up) {
      this.name = name;
      this.up = up;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        up.stream().write(b, off, len);
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      publishing.readLock().lock();
      try {
        if (failed || closing) {
          return; // close() aborts it
        }
        up.stream().close();
        up.commit();
        published.put(name, up.stats());
        uploading.remove(up);
        up.close();
      } catch (RuntimeException e) { // the stores' RestoreExceptions: keep their words
        throw new IOException(e.getMessage(), e);
      } finally {
        publishing.readLock().unlock();
      }
    }
  }
}
