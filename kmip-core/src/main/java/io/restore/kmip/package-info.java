/**
 * KMIP for restore: {@code ttlv} (the binary codec), {@code message} (requests, responses,
 * payloads), {@code object} (managed objects and their store), {@code server} (the TLS listener and
 * handlers) and {@code client} (a small blocking client). Depends on the JDK only (plus SLF4J for
 * audit lines).
 */
package io.restore.kmip;
