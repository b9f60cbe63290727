package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.RevocationReasonCode;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Revocation Reason (KMIP 1.4 §3.31): a code and an optional message. */
public record RevocationReason(RevocationReasonCode code, Optional<String> message) {
  static RevocationReason read(Item.Structure s) throws KmipException {
    Fields in = Fields.of(s, "Revocation Reason");
    var r =
        new RevocationReason(
            in.requiredEnum(Tag.REVOCATION_REASON_CODE, RevocationReasonCode::fromCode),
            in.optionalText(Tag.REVOCATION_MESSAGE));
    in.end();
    return r;
  }

  void write(TtlvWriter w) {
    int m = w.begin(Tag.REVOCATION_REASON);
    w.enumeration(Tag.REVOCATION_REASON_CODE, code);
    message.ifPresent(t -> w.text(Tag.REVOCATION_MESSAGE, t));
    w.end(m);
  }
}
