package io.restore.tls;

/** What {@link SessionPki#writeClientFiles} does when a file it would write already exists. */
public enum ExistingFiles {
  /** Stop with an error and write nothing (the default: the file may belong to another session). */
  REFUSE,
  /** Delete the old file and create a new one (never rewrites it in place: new permissions). */
  REPLACE
}
