/**
 * The KMIP server: {@link io.restore.kmip.server.KmipServer#start} binds a JSSE TLS listener (TLS
 * 1.2/1.3, client certificate required and chained to the caller's trust, clientAuth extended key
 * usage required; loopback and any free port by default, see {@link
 * io.restore.kmip.server.KmipServer#endpoint}) configured by {@link
 * io.restore.kmip.server.KmipServerConfig}. Each connection reads 8-byte-framed messages (tag and
 * length checked, length capped before allocation) one after another; the dispatcher decodes them
 * with the codec, runs one handler per operation, and answers item by item with the request's
 * protocol version, a Time Stamp, and Result Reason plus Result Message on failure. Only broken
 * framing closes a connection. One audit event per operation goes to the configured {@link
 * io.restore.kmip.server.KmipAuditListener}: time, client certificate SHA-256, operation, UID,
 * result, microseconds; never payloads or keys.
 */
package io.restore.kmip.server;
