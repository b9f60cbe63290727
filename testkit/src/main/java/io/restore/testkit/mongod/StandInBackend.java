package io.restore.testkit.mongod;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * mongo-java-server's memory backend dressed as an Enterprise mongod: buildInfo and serverStatus
 * say so, {@code shutdown} stops the process, views are served, and {@code --queryableBackupMode}
 * refuses writes.
 */
final class StandInBackend extends MemoryBackend {
  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "create",
          "drop",
          "dropdatabase",
          "createindexes",
          "dropindexes",
          "renamecollection",
          "collmod");

  private final StandInVersion version;
  private final String keyId;
  private final boolean readOnly;
  private final Runnable onShutdownCommand;
  private final Runnable findDelay;
  private final Map<String, ViewDef> views = new HashMap<>(); // "db.name" → view

  private final Map<String, List<Object>> indexSpecs = new HashMap<>(); // "db.coll" → specs

  private record ViewDef(String viewOn, List<Object> pipeline, BsonDocument options) {}

  StandInBackend(
      StandInVersion version,
      String keyId,
      boolean readOnly,
      Runnable onShutdownCommand,
      Runnable findDelay) {
    this.findDelay = findDelay;
    this.version = version;
    this.keyId = keyId;
    this.readOnly = readOnly;
    this.onShutdownCommand = onShutdownCommand;
  }

  /** Loads a sample's collections, indexes and views (before the port opens). */
  void load(StandInData.Dataset data) {
    // mongo-java-server keeps per-connection state; loading gets a connection of its own
    io.netty.channel.embedded.EmbeddedChannel loader =
        new io.netty.channel.embedded.EmbeddedChannel();
    for (StandInData.StoredCollection c : data.collections()) {
      super.handleCommand(loader, c.db(), "create", new Document("create", c.name()));
      List<Object> specs = new ArrayList<>();
      specs.add(new Document("v", 2).append("key", new Document("_id", 1)).append("name", "_id_"));
      indexSpecs.put(c.db() + "." + c.name(), specs);
      if (!c.indexes().isEmpty()) {
        for (StandInData.Index i : c.indexes()) {
          Document spec = new Document("key", toServer(i.key())).append("name", i.name());
          if (i.unique()) {
            spec.append("unique", true);
          }
          specs.add(new Document("v", 2).appendAll(spec));
          if (i.unique()) {
            // mongo-java-server enforces unique indexes only; the others live in indexSpecs
            super.handleCommand(
                loader,
                c.db(),
                "createIndexes",
                new Document("createIndexes", c.name()).append("indexes", List.of(spec)));
          }
        }
      }
      List<Object> docs = new ArrayList<>();
      for (byte[] raw : c.documents()) {
        docs.add(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(raw)));
        if (docs.size() == 1000) {
          insert(loader, c, docs);
          docs = new ArrayList<>();
        }
      }
      if (!docs.isEmpty()) {
        insert(loader, c, docs);
      }
    }
    if (data.replicaSet() != null
        && data.collections().stream()
            .noneMatch(c -> c.db().equals("local") && c.name().equals("system.replset"))) {
      // A replica-set member's dbpath holds its set's config in local.system.replset: restore
      // reads the set's name there to tell a sharded cluster's components apart (sharding.md).
      super.handleCommand(loader, "local", "create", new Document("create", "system.replset"));
      resolveDatabase("local")
          .resolveCollection("system.replset", true)
          .addDocument(
              new Document("_id", data.replicaSet())
                  .append("version", 1)
                  .append(
                      "members",
                      List.of(
                          new Document("_id", 0)
                              .append("host", data.replicaSet() + "-00-00:27017"))));
    }
    handleClose(loader);
    loader.close();
    for (StandInData.View v : data.views()) {
      openOrCreateDatabase(v.db());
      Object pipeline = toServer(new BsonDocument("p", v.pipeline())).get("p");
      @SuppressWarnings("unchecked")
      List<Object> stages = (List<Object>) pipeline;
      views.put(
          v.db() + "." + v.name(),
          new ViewDef(
              v.viewOn(),
              stages,
              new BsonDocument("viewOn", new org.bson.BsonString(v.viewOn()))
                  .append("pipeline", v.pipeline())));
    }
  }

  private void insert(Channel loader, StandInData.StoredCollection c, List<Object> docs) {
    if (c.name().startsWith("system.")) {
      // mongo-java-server refuses inserts into system namespaces; a snapshot holds them (e.g. a
      // replica-set member's local.system.replset), so they are loaded around the check
      de.bwaldvogel.mongo.MongoCollection<?> coll =
          resolveDatabase(c.db()).resolveCollection(c.name(), true);
      docs.forEach(d -> coll.addDocument((Document) d));
      return;
    }
    Document reply =
        super.handleCommand(
            loader, c.db(), "insert", new Document("insert", c.name()).append("documents", docs));
    if (reply.get("writeErrors") != null) {
      throw new IllegalStateException(
          "loading " + c.db() + "." + c.name() + ": " + reply.get("writeErrors"));
    }
  }

  static Document toServer(BsonDocument doc) {
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(StandInData.bson(doc)));
  }

  @Override
  public Document handleCommand(Channel channel, String db, String command, Document query) {
    String cmd = command.toLowerCase(Locale.ROOT);
    switch (cmd) {
      case "shutdown":
        onShutdownCommand.run();
        // mongod closes the connection without replying
        if (channel != null) {
          channel.close();
        }
        return new Document("ok", 1.0);
      case "buildinfo":
        return buildInfo(super.handleCommand(channel, db, command, query));
      case "serverstatus":
        return serverStatus(super.handleCommand(channel, db, command, query));
      case "listcollections":
        return withViews(db, super.handleCommand(channel, db, command, query));
      case "find", "getmore":
        findDelay.run(); // fault STANDIN_FIND_DELAY_MS
        break;
      case "listindexes":
        if (query.get(command) instanceof String coll && indexSpecs.containsKey(db + "." + coll)) {
          // mongo-java-server ignores secondary indexes; answer with the snapshot's own list
          return new Document(
                  "cursor",
                  new Document("id", 0L)
                      .append("ns", db + "." + coll)
                      .append("firstBatch", new ArrayList<>(indexSpecs.get(db + "." + coll))))
              .append("ok", 1.0);
        }
        break;
      default:
        break;
    }
    Object target = query.get(command);
    ViewDef view = target instanceof String name ? views.get(db + "." + name) : null;
    if (view != null) {
      return onView(channel, db, cmd, (String) target, view, query);
    }
    if (readOnly && WRITES.contains(cmd)) {
      // mongod --queryableBackupMode
      throw new MongoServerError(
          20, "IllegalOperation", "Cannot execute a write operation in read-only mode");
    }
    return super.handleCommand(channel, db, command, query);
  }

  private Document onView(
      Channel channel, String db, String cmd, String name, ViewDef view, Document query) {
    List<Object> pipeline = new ArrayList<>(view.pipeline());
    switch (cmd) {
      case "find" -> {
        addStage(pipeline, "$match", query.get("filter"));
        addStage(pipeline, "$sort", query.get("sort"));
        if (query.get("skip") instanceof Number n && n.longValue() > 0) {
          pipeline.add(new Document("$skip", n));
        }
        if (query.get("limit") instanceof Number n && n.longValue() > 0) {
          pipeline.add(new Document("$limit", n));
        }
        addStage(pipeline, "$project", query.get("projection"));
      }
      case "aggregate" -> {
        @SuppressWarnings("unchecked")
        List<Object> more = (List<Object>) query.get("pipeline");
        pipeline.addAll(more);
      }
      case "count" -> {
        addStage(pipeline, "$match", query.get("query"));
        pipeline.add(new Document("$count", "n"));
        Document r = aggregate(channel, db, view, pipeline, query);
        @SuppressWarnings("unchecked")
        List<Document> batch = (List<Document>) ((Document) r.get("cursor")).get("firstBatch");
        Object n = batch.isEmpty() ? 0 : batch.get(0).get("n");
        return new Document("n", n).append("ok", 1.0);
      }
      default ->
          throw new MongoServerError(
              166,
              "CommandNotSupportedOnView",
              "Namespace " + db + "." + name + " is a view, not a collection");
    }
    return aggregate(channel, db, view, pipeline, query);
  }

  private Document aggregate(
      Channel channel, String db, ViewDef view, List<Object> pipeline, Document query) {
    Document cursor = new Document();
    if (query.get("batchSize") instanceof Number n) {
      cursor.append("batchSize", n);
    } else if (query.get("cursor") instanceof Document c) {
      cursor = c;
    }
    return super.handleCommand(
        channel,
        db,
        "aggregate",
        new Document("aggregate", view.viewOn())
            .append("pipeline", pipeline)
            .append("cursor", cursor)
            .append("$db", db));
  }

  private static void addStage(List<Object> pipeline, String stage, Object arg) {
    if (arg instanceof Document d && !d.isEmpty()) {
      pipeline.add(new Document(stage, d));
    }
  }

  private Document withViews(String db, Document reply) {
    if (reply.get("cursor") instanceof Document cursor
        && cursor.get("firstBatch") instanceof List<?> batch) {
      @SuppressWarnings("unchecked")
      List<Object> out = (List<Object>) batch;
      views.forEach(
          (ns, v) -> {
            if (ns.startsWith(db + ".")) {
              out.add(
                  new Document("name", ns.substring(db.length() + 1))
                      .append("type", "view")
                      .append("options", toServer(v.options()))
                      .append("info", new Document("readOnly", true)));
            }
          });
    }
    return reply;
  }

  private Document buildInfo(Document reply) {
    reply.put("version", version.version());
    reply.put("gitVersion", StandInVersion.GIT_VERSION);
    reply.put("versionArray", version.versionArray());
    reply.put("modules", version.modules());
    reply.put("allocator", "tcmalloc-google");
    return reply;
  }

  private Document serverStatus(Document reply) {
    reply.put("version", version.version());
    reply.put("process", "mongod");
    if (keyId != null) {
      reply.put(
          "encryptionAtRest",
          new Document("encryptionEnabled", true)
              .append("encryptionCipherMode", "AES256-CBC")
              .append("encryptionKeyId", keyId));
    }
    return reply;
  }

  /** Pipeline helper for callers building views from JSON. */
  static BsonArray pipeline(String json) {
    return BsonDocument.parse("{\"p\": " + json + "}").getArray("p");
  }
}
