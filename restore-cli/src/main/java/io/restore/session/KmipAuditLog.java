package io.restore.session;

import io.restore.kmip.server.KmipAuditListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where restore decides where the KMIP server's audit lines go: the SLF4J logger
 * {@value #LOGGER}, one line per operation and per connection-level event (time, client certificate
 * fingerprint, operation, UID, result, microseconds; never payloads or key bytes).
 * io.restore.output.log.LogRoutes sends it to the session log (and stderr with -v).
 */
public final class KmipAuditLog implements KmipAuditListener {
  /** The logger name, kept from when kmip-core logged these lines itself. */
  public static final String LOGGER = "io.restore.kmip.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
  private static final Logger ERRORS = LoggerFactory.getLogger("io.restore.kmip.server.Dispatcher");

  @Override
  public void operation(OperationEvent event) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info(event.line());
    }
  }

  @Override
  public void connection(ConnectionEvent event) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info(event.line());
    }
  }

  @Override
  public void internalError(String operation, RuntimeException error) {
    ERRORS.error("bug while handling {}", operation, error);
  }
}
