package io.restore.kmip.message;

import io.restore.kmip.ttlv.TtlvWriter;

/** The contents of a Request Payload or Response Payload structure. */
public interface Payload {
  /** Writes the payload's items, in the specification's order, inside the payload structure. */
  void writeFields(TtlvWriter w);
}
