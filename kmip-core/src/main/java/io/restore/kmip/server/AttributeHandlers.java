package io.restore.kmip.server;

import io.restore.kmip.message.AddAttributeRequest;
import io.restore.kmip.message.AddAttributeResponse;
import io.restore.kmip.message.Attribute;
import io.restore.kmip.message.DeleteAttributeRequest;
import io.restore.kmip.message.DeleteAttributeResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ModifyAttributeRequest;
import io.restore.kmip.message.ModifyAttributeResponse;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.object.AttributeValue;
import io.restore.kmip.object.ObjectException;
import io.restore.kmip.object.ObjectStore;
import io.restore.kmip.ttlv.ResultReason;

/** Add, Modify and Delete Attribute in their KMIP 1.x forms (KMIP 1.4 §4.13–4.15). */
final class AttributeHandlers {
  private final ObjectStore store;

  AttributeHandlers(ObjectStore store) {
    this.store = store;
  }

  ResponsePayload add(RequestPayload payload, RequestContext ctx) throws KmipException {
    AddAttributeRequest req = cast(payload, AddAttributeRequest.class);
    String uid = ctx.uid(req.uniqueIdentifier());
    Attribute a = req.attribute();
    try {
      int index = store.get(uid).addAttribute(a.name(), Conversions.toValue(a.value()), ctx.now());
      ctx.produced(uid);
      return AddAttributeResponse.of(
          uid, Conversions.toMessage(a.name(), index, Conversions.toValue(a.value())));
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }

  ResponsePayload modify(RequestPayload payload, RequestContext ctx) throws KmipException {
    ModifyAttributeRequest req = cast(payload, ModifyAttributeRequest.class);
    String uid = ctx.uid(req.uniqueIdentifier());
    Attribute a = req.attribute();
    int index = a.index().orElse(0);
    try {
      AttributeValue value = Conversions.toValue(a.value());
      store.get(uid).modifyAttribute(a.name(), index, value, ctx.now());
      ctx.produced(uid);
      return ModifyAttributeResponse.of(uid, Conversions.toMessage(a.name(), index, value));
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }

  ResponsePayload delete(RequestPayload payload, RequestContext ctx) throws KmipException {
    DeleteAttributeRequest req = cast(payload, DeleteAttributeRequest.class);
    String uid = ctx.uid(req.uniqueIdentifier());
    int index = req.attributeIndex().orElse(0);
    try {
      AttributeValue removed =
          store.get(uid).deleteAttribute(req.attributeName(), index, ctx.now());
      ctx.produced(uid);
      return DeleteAttributeResponse.of(
          uid, Conversions.toMessage(req.attributeName(), index, removed));
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }

  private static <T> T cast(RequestPayload payload, Class<T> type) throws KmipException {
    if (!type.isInstance(payload)) {
      // KMIP 2.0 changed these payloads; only the 1.x forms are served.
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED,
          "attribute editing is supported in KMIP 1.x messages only");
    }
    return type.cast(payload);
  }
}
