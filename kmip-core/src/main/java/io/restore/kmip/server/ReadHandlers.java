package io.restore.kmip.server;

import io.restore.kmip.message.Attribute;
import io.restore.kmip.message.Attributes;
import io.restore.kmip.message.GetAttributeListRequest;
import io.restore.kmip.message.GetAttributeListResponse;
import io.restore.kmip.message.GetAttributesRequest;
import io.restore.kmip.message.GetAttributesResponse;
import io.restore.kmip.message.GetRequest;
import io.restore.kmip.message.GetResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.LocateRequest;
import io.restore.kmip.message.LocateResponse;
import io.restore.kmip.message.ManagedObject;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.object.AttributeValue;
import io.restore.kmip.object.ObjectException;
import io.restore.kmip.object.ObjectStore;
import io.restore.kmip.object.StoredAttribute;
import io.restore.kmip.object.StoredObject;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KeyFormatType;
import io.restore.kmip.ttlv.KmipNames;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.SecretDataType;
import io.restore.kmip.ttlv.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Get, Get Attributes, Get Attribute List, Locate (KMIP 1.4 §4.9–4.12). */
final class ReadHandlers {
  /** Key Wrap Type "Not Wrapped", KMIP 1.4 §9.1.3.2.45. */
  private static final int NOT_WRAPPED = 0x01;

  /**
   * KMIP 1.3/1.4 attributes sent only when asked for by name: PyKMIP 0.10 fails to parse a reply
   * holding them (ValueError "Unrecognized attribute type"), so an all-attributes reply leaves them
   * out. Get Attribute List still names them.
   */
  static final Set<String> NAMED_ONLY =
      Set.of(
          StoredAttribute.ORIGINAL_CREATION_DATE,
          "Always Sensitive",
          StoredAttribute.EXTRACTABLE,
          "Never Extractable",
          "Random Number Generator");

  private final ObjectStore store;

  ReadHandlers(ObjectStore store) {
    this.store = store;
  }

  /**
   * Get: symmetric keys as SymmetricKey{KeyBlock{Raw, KeyValue{KeyMaterial}, algorithm, length}},
   * the shape mongod reads; secret data in the format it was registered in. Works on Pre-Active
   * keys (mongod's first start). The UID in the reply is exactly the one requested.
   */
  ResponsePayload get(RequestPayload payload, RequestContext ctx) throws KmipException {
    GetRequest req = (GetRequest) payload;
    String uid = ctx.uid(req.uniqueIdentifier());
    if (req.keyWrappingSpecification().isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED,
          "key wrapping is not supported: ask for the key without a Key Wrapping Specification");
    }
    if (req.keyWrapType().isPresent()
        && !(req.keyWrapType().get() instanceof Item.Enumeration e && e.value() == NOT_WRAPPED)) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "only Key Wrap Type Not Wrapped is supported");
    }
    try {
      StoredObject object = store.get(uid);
      KeyFormatType stored = KeyFormatType.fromCode(object.keyFormat()).orElse(KeyFormatType.RAW);
      KeyFormatType wanted = req.keyFormatType().orElse(stored);
      byte[] material = ctx.wipeLater(object.withMaterial(byte[]::clone));
      ManagedObject reply;
      if (object.type() == ObjectType.SYMMETRIC_KEY) {
        if (wanted != KeyFormatType.RAW) {
          throw new KmipException(
              ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
              "symmetric keys are served in Raw format only, not " + wanted.xmlName());
        }
        CryptographicAlgorithm algorithm =
            object
                .intAttribute(StoredAttribute.CRYPTOGRAPHIC_ALGORITHM)
                .flatMap(CryptographicAlgorithm::fromCode)
                .orElse(CryptographicAlgorithm.AES);
        int bits =
            object.intAttribute(StoredAttribute.CRYPTOGRAPHIC_LENGTH).orElse(material.length * 8);
        reply = ManagedObject.symmetricKey(material, algorithm, bits);
      } else {
        if (wanted != KeyFormatType.OPAQUE && wanted != KeyFormatType.RAW) {
          throw new KmipException(
              ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
              "secret data is served in Opaque or Raw format, not " + wanted.xmlName());
        }
        SecretDataType secretType =
            SecretDataType.fromCode(object.secretDataType()).orElse(SecretDataType.SEED);
        reply = ManagedObject.secretData(secretType, wanted, material);
      }
      return GetResponse.of(uid, reply);
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }

  /**
   * Get Attributes (1.x name form): the requested attributes in request order, every instance of
   * each, unset ones left out; all attributes when none is named.
   */
  ResponsePayload getAttributes(RequestPayload payload, RequestContext ctx) throws KmipException {
    GetAttributesRequest req = (GetAttributesRequest) payload;
    String uid = ctx.uid(req.uniqueIdentifier());
    StoredObject object = object(uid);
    List<String> names = new ArrayList<>(req.attributeNames());
    for (Item reference : req.attributeReferences()) {
      // KMIP 2.0 Attribute Reference: an enumeration of the attribute's tag.
      if (reference instanceof Item.Enumeration e) {
        KmipNames.specName(new Tag(e.value())).ifPresent(names::add);
      }
    }
    List<Attribute> out = new ArrayList<>();
    if (names.isEmpty() && req.attributeReferences().isEmpty()) {
      for (StoredAttribute a : object.attributes()) {
        if (!NAMED_ONLY.contains(a.name())) {
          out.add(Conversions.toMessage(a));
        }
      }
    } else {
      for (String name : new LinkedHashSet<>(names)) {
        List<AttributeValue> values = object.attribute(name);
        for (int i = 0; i < values.size(); i++) {
          out.add(Conversions.toMessage(name, i, values.get(i)));
        }
      }
    }
    if (ctx.version().atLeast2()) {
      List<Attribute> known = new ArrayList<>();
      for (Attribute a : out) {
        if (KmipNames.tagForAttributeName(a.name()).isPresent()) {
          known.add(a);
        }
      }
      return new GetAttributesResponse(uid, new Attributes(Attributes.Form.ATTRIBUTES, known));
    }
    return GetAttributesResponse.of(uid, out);
  }

  ResponsePayload getAttributeList(RequestPayload payload, RequestContext ctx)
      throws KmipException {
    String uid = ctx.uid(((GetAttributeListRequest) payload).uniqueIdentifier());
    StoredObject object = object(uid);
    Set<String> names = new LinkedHashSet<>();
    object.attributes().forEach(a -> names.add(a.name()));
    return GetAttributeListResponse.of(uid, new ArrayList<>(names));
  }

  /**
   * Locate: objects whose attributes match every given one (two values of a date attribute bound a
   * range, KMIP 1.4 §4.9), oldest first, with Offset and Maximum Items applied.
   */
  ResponsePayload locate(RequestPayload payload, RequestContext ctx) throws KmipException {
    LocateRequest req = (LocateRequest) payload;
    Map<String, List<Item>> wanted = new LinkedHashMap<>();
    for (Attribute a : LifecycleHandlers.list(req.attributes())) {
      wanted.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a.value());
    }
    List<String> found = new ArrayList<>();
    for (StoredObject object : store.all()) {
      if (matches(object, wanted)) {
        found.add(object.uid());
      }
    }
    int total = found.size();
    int offset = Math.min(req.offsetItems().orElse(0), total);
    int end =
        req.maximumItems().isPresent()
            ? Math.min(total, offset + Math.max(0, req.maximumItems().getAsInt()))
            : total;
    List<String> page = found.subList(offset, end);
    if (!page.isEmpty()) {
      ctx.produced(page.get(0));
    }
    boolean counts =
        (req.maximumItems().isPresent() || req.offsetItems().isPresent())
            && (ctx.version().atLeast2() || ctx.version().minor() >= 3);
    return new LocateResponse(counts ? OptionalInt.of(total) : OptionalInt.empty(), page);
  }

  private static boolean matches(StoredObject object, Map<String, List<Item>> wanted) {
    for (Map.Entry<String, List<Item>> w : wanted.entrySet()) {
      List<Item> have = new ArrayList<>();
      for (AttributeValue v : object.attribute(w.getKey())) {
        have.add(Conversions.toItem(Tag.ATTRIBUTE_VALUE, v));
      }
      List<Item> values = w.getValue();
      if (values.size() == 2
          && values.get(0) instanceof Item.DateTime from
          && values.get(1) instanceof Item.DateTime to) {
        boolean inRange =
            have.stream()
                .anyMatch(
                    h ->
                        h instanceof Item.DateTime d
                            && d.epochSeconds() >= from.epochSeconds()
                            && d.epochSeconds() <= to.epochSeconds());
        if (!inRange) {
          return false;
        }
        continue;
      }
      for (Item v : values) {
        if (!have.contains(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private StoredObject object(String uid) throws KmipException {
    try {
      return store.get(uid);
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }
}
