package io.restore.kmip.server;

/**
 * Turns one framed request (the whole TTLV RequestMessage, header included) into the bytes of the
 * response. Never throws for bad content: a malformed request gets a KMIP error response.
 */
@FunctionalInterface
interface RequestHandler {
  byte[] handle(byte[] request, ClientIdentity client);
}
