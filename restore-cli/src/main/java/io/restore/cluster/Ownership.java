package io.restore.cluster;

/** What one shard's copy of a document is. */
public enum Ownership {
  /** The shard owns it: a dump through mongos would return it from this shard. */
  OWNED,
  /** Another shard owns its key range (or, unsharded, the primary is another shard). */
  ORPHAN,
  /** The config server does not route the database (admin, config, local, or a leftover). */
  NOT_ROUTED
}
