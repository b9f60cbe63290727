package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;

/** Discover Versions response (KMIP 1.4 §4.26): Protocol Version*, most preferred first. */
public record DiscoverVersionsResponse(List<ProtocolVersion> versions) implements ResponsePayload {
  public DiscoverVersionsResponse {
    versions = List.copyOf(versions);
  }

  static DiscoverVersionsResponse read(Fields in) throws KmipException {
    var out = new ArrayList<ProtocolVersion>();
    for (Item.Structure s : in.repeatedStructure(Tag.PROTOCOL_VERSION)) {
      out.add(ProtocolVersion.read(s));
    }
    return new DiscoverVersionsResponse(out);
  }

  @Override
  public void writeFields(TtlvWriter w) {
    for (ProtocolVersion v : versions) v.write(w);
  }
}
