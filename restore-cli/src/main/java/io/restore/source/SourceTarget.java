package io.restore.source;

import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A SOURCE argument made ready to open ({@link Sources#resolve}): a folder, archive or link as
 * given, or a link an atlas:// source resolved to. One atlas:// source of a sharded cluster becomes
 * one target per component.
 *
 * @param shown how messages name it (a link as host and path only)
 * @param tls the TLS context of an Atlas link (--atlas-ca-file); empty: the system's trust
 * @param component the Atlas job's name for this component (a sharded cluster's replica set), for
 *     messages only: which component is which is read from the running mongods
 */
public record SourceTarget(
    Source source, String shown, Optional<SSLContext> tls, Optional<String> component) {

  /** A SOURCE argument as given (not atlas://). */
  static SourceTarget of(Source source) {
    return new SourceTarget(source, source.describe(), Optional.empty(), Optional.empty());
  }
}
