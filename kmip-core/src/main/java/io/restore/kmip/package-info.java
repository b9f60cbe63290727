/**
 * KMIP for restore: {@code ttlv} (the binary codec), {@code message} (requests, responses,
 * payloads), {@code object} (managed objects and their store), {@code server} (the TLS listener and
 * handlers) and {@code client} (a small blocking client). Depends on the JDK only: audit events go
 * to a listener the application supplies.
 */
package io.restore.kmip;
