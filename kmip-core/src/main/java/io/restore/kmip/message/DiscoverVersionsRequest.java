package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;

/** Discover Versions request (KMIP 1.4 §4.26): Protocol Version*, most preferred first. */
public record DiscoverVersionsRequest(List<ProtocolVersion> versions) implements RequestPayload {
  public DiscoverVersionsRequest {
    versions = List.copyOf(versions);
  }

  static DiscoverVersionsRequest read(Fields in) throws KmipException {
    var out = new ArrayList<ProtocolVersion>();
    for (Item.Structure s : in.repeatedStructure(Tag.PROTOCOL_VERSION)) {
      out.add(ProtocolVersion.read(s));
    }
    return new DiscoverVersionsRequest(out);
  }

  @Override
  public void writeFields(TtlvWriter w) {
    for (ProtocolVersion v : versions) v.write(w);
  }
}
