package io.restore.source.atlas;

import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What an atlas:// source resolved to: one download link for a replica set, or, for a sharded
 * cluster, one per component. Sharded snapshots are not opened yet ({@code Sources} stops with the
 * list); the components stay data so that support for them can build on this.
 */
public sealed interface AtlasDelivery {
  String jobId();

  /** A replica set's snapshot: one {@code .tar.gz} behind {@code url}. */
  record Single(String jobId, SnapshotInfo snapshot, URI url, SSLContext tls)
      implements AtlasDelivery {}

  /** A sharded cluster's snapshot: one archive per shard and config server. */
  record Sharded(String jobId, SnapshotInfo snapshot, List<RestoreJob.Component> components)
      implements AtlasDelivery {}
}
