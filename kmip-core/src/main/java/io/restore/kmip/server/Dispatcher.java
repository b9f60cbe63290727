package io.restore.kmip.server;

import io.restore.kmip.object.ObjectStore;
import java.time.Clock;

/** Decodes a request, runs one handler per batch item, encodes the response. */
final class Dispatcher implements RequestHandler {
  private final ObjectStore store;
  private final Clock clock;

  Dispatcher(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public byte[] handle(byte[] request, ClientIdentity client) {
    throw new UnsupportedOperationException("waiting for the codec " + store + clock);
  }
}
