package io.restore.cluster;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/** A mongo-java-server (test double) holding a config server's {@code config} collections. */
final class ConfigServerStandIn implements AutoCloseable {
  private final MongoServer server = new MongoServer(new MemoryBackend());
  final MongoClient client;

  ConfigServerStandIn(Map<String, List<BsonDocument>> config) {
    InetSocketAddress a = server.bind();
    client =
        MongoClients.create(
            "mongodb://127.0.0.1:" + a.getPort() + "/?serverSelectionTimeoutMS=5000");
    config.forEach(
        (name, docs) -> {
          if (!docs.isEmpty()) {
            client.getDatabase("config").getCollection(name, BsonDocument.class).insertMany(docs);
          }
        });
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
