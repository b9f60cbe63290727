package io.restore.cluster;

import com.mongodb.client.MongoClient;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What a running component's mongod says about itself: its replica set name (the {@code _id} of
 * {@code local.system.replset}, which every replica-set member's dbpath holds) and, for a config
 * server, the shards its {@code config.shards} lists (docs/design/sharding.md).
 */
public final class ComponentProbe {
  private ComponentProbe() {}

  /**
   * @param source how messages name the snapshot (a path, or a link as host and path)
   */
  public static ComponentSnapshot read(String source, MongoClient client) {
    BsonDocument replset =
        client
            .getDatabase("local")
            .getCollection("system.replset", BsonDocument.class)
            .find()
            .first();
    BsonValue name = replset == null ? null : replset.get("_id");
    if (name == null || !name.isString() || name.asString().getValue().isEmpty()) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          UserText.cap(source)
              + " is not a snapshot of a replica set member (it has no local.system.replset), so it"
              + " is not a component of a sharded cluster",
          "give one snapshot per component of the same sharded cluster: the config server and"
              + " every shard; a snapshot of a standalone server opens on its own");
    }
    return new ComponentSnapshot(
        source, name.asString().getValue(), ConfigServerReader.listedShards(client));
  }
}
