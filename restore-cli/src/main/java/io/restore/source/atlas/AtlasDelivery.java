package io.restore.source.atlas;

import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What an atlas:// source resolved to: one download link for a replica set, or, for a sharded
 * cluster, one per component (docs/design/sources.md, atlas://). Either way the links are read as
 * any link is, with {@code tls} (--atlas-ca-file) for the download as for the API.
 */
public sealed interface AtlasDelivery {
  String jobId();

  SnapshotInfo snapshot();

  SSLContext tls();

  /** A replica set's snapshot: one {@code .tar.gz} behind {@code url}. */
  record Single(String jobId, SnapshotInfo snapshot, URI url, SSLContext tls)
      implements AtlasDelivery {}

  /** A sharded cluster's snapshot: one archive per shard and config server, in the job's order. */
  record Sharded(String jobId, SnapshotInfo snapshot, List<Component> components, SSLContext tls)
      implements AtlasDelivery {
    public Sharded {
      components = List.copyOf(components);
    }
  }

  /**
   * One component of a sharded cluster's job. Its name helps messages only: which component is the
   * config server and which shard is read from the running mongods (docs/design/sharding.md).
   */
  record Component(String replicaSetName, URI url) {}
}
