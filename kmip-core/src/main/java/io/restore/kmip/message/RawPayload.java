package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;

/**
 * The escape hatch: a payload kept as its items, for operations (or KMIP 2.x forms) without a typed
 * record. Re-encodes byte for byte.
 */
public record RawPayload(List<Item> items) implements RequestPayload, ResponsePayload {
  public RawPayload {
    items = List.copyOf(items);
  }

  public static RawPayload empty() {
    return new RawPayload(List.of());
  }

  @Override
  public void writeFields(TtlvWriter w) {
    for (Item i : items) w.item(i);
  }
}
