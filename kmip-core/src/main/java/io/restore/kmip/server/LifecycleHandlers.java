package io.restore.kmip.server;

import io.restore.kmip.message.ActivateRequest;
import io.restore.kmip.message.ActivateResponse;
import io.restore.kmip.message.Attribute;
import io.restore.kmip.message.Attributes;
import io.restore.kmip.message.CreateRequest;
import io.restore.kmip.message.CreateResponse;
import io.restore.kmip.message.DestroyRequest;
import io.restore.kmip.message.DestroyResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ManagedObject;
import io.restore.kmip.message.RegisterRequest;
import io.restore.kmip.message.RegisterResponse;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.message.RevokeRequest;
import io.restore.kmip.message.RevokeResponse;
import io.restore.kmip.object.ObjectException;
import io.restore.kmip.object.ObjectStore;
import io.restore.kmip.object.StoredAttribute;
import io.restore.kmip.object.StoredObject;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KeyFormatType;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.Tag;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** Create, Register, Activate, Revoke, Destroy (KMIP 1.4 §4.1, §4.3, §4.19–4.21). */
final class LifecycleHandlers {
  private final ObjectStore store;
  private final SecureRandom random;

  LifecycleHandlers(ObjectStore store, SecureRandom random) {
    this.store = store;
    this.random = random;
  }

  /** Create: AES symmetric keys of 128, 192 or 256 bits, generated here. */
  ResponsePayload create(RequestPayload payload, RequestContext ctx) throws KmipException {
    CreateRequest req = (CreateRequest) payload;
    if (req.objectType() != ObjectType.SYMMETRIC_KEY) {
      throw new KmipException(
          ResultReason.INVALID_FIELD,
          "Create makes Symmetric Keys only, not " + req.objectType().xmlName());
    }
    List<Attribute> attributes = list(req.attributes());
    int algorithm =
        intAttribute(attributes, StoredAttribute.CRYPTOGRAPHIC_ALGORITHM)
            .orElseThrow(() -> missing("Cryptographic Algorithm"));
    int bits =
        intAttribute(attributes, StoredAttribute.CRYPTOGRAPHIC_LENGTH)
            .orElseThrow(() -> missing("Cryptographic Length"));
    int bytes;
    if (algorithm == CryptographicAlgorithm.AES.code()) {
      if (bits != 128 && bits != 192 && bits != 256) {
        throw new KmipException(
            ResultReason.INVALID_FIELD, "AES keys have 128, 192 or 256 bits, not " + bits);
      }
      bytes = bits / 8;
    } else if (algorithm == CryptographicAlgorithm.TRIPLE_DES.code()) {
      // Three-key 3DES: 168 key bits in 24 bytes (the OASIS SKFF vectors create these).
      if (bits != 168 && bits != 192) {
        throw new KmipException(ResultReason.INVALID_FIELD, "3DES keys have 168 bits, not " + bits);
      }
      bytes = 24;
    } else {
      throw new KmipException(ResultReason.INVALID_FIELD, "Create makes AES (and 3DES) keys only");
    }
    byte[] key = new byte[bytes];
    random.nextBytes(key);
    try {
      StoredObject created =
          store.add(ObjectType.SYMMETRIC_KEY, key, StoredObject.FORMAT_RAW, 0, toStore(attributes));
      created.recordGeneratedBy(algorithm, bits);
      ctx.produced(created.uid());
      return CreateResponse.of(ObjectType.SYMMETRIC_KEY, created.uid());
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Register: a Symmetric Key (Raw) or Secret Data (Opaque or Raw); never wrapped material. */
  ResponsePayload register(RequestPayload payload, RequestContext ctx) throws KmipException {
    RegisterRequest req = (RegisterRequest) payload;
    ManagedObject object = req.object();
    Item.Structure block =
        object
            .keyBlock()
            .orElseThrow(
                () ->
                    new KmipException(
                        ResultReason.INVALID_FIELD,
                        "Register accepts Symmetric Key and Secret Data objects with a Key Block"));
    if (block.first(Tag.KEY_VALUE).isPresent() && block.first(Tag.KEY_WRAPPING_DATA).isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "wrapped key material is not supported");
    }
    KeyFormatType format =
        object
            .keyFormatType()
            .orElseThrow(() -> new KmipException(ResultReason.INVALID_FIELD, "no Key Format Type"));
    byte[] material =
        object
            .keyMaterial()
            .orElseThrow(
                () ->
                    new KmipException(
                        ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                        "Key Material must be a plain Byte String (Raw or Opaque formats)"));
    try {
      List<Attribute> attributes = new ArrayList<>(list(req.attributes()));
      ObjectType type = req.objectType();
      int secretDataType = 0;
      if (req.objectType() == ObjectType.SYMMETRIC_KEY) {
        if (format != KeyFormatType.RAW) {
          throw new KmipException(
              ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
              "symmetric keys are registered in Raw format, not " + format.xmlName());
        }
        // The key block's algorithm and length become attributes when the template lacks them.
        var algorithm = object.cryptographicAlgorithm();
        if (algorithm.isPresent()
            && find(attributes, StoredAttribute.CRYPTOGRAPHIC_ALGORITHM).isEmpty()) {
          attributes.add(
              Attribute.enumeration(StoredAttribute.CRYPTOGRAPHIC_ALGORITHM, algorithm.get()));
        }
        OptionalInt length = object.cryptographicLength();
        if (length.isPresent()
            && find(attributes, StoredAttribute.CRYPTOGRAPHIC_LENGTH).isEmpty()) {
          attributes.add(
              Attribute.integer(StoredAttribute.CRYPTOGRAPHIC_LENGTH, length.getAsInt()));
        }
      } else if (req.objectType() == ObjectType.SECRET_DATA) {
        if (format != KeyFormatType.OPAQUE && format != KeyFormatType.RAW) {
          throw new KmipException(
              ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
              "secret data is registered in Opaque or Raw format, not " + format.xmlName());
        }
        secretDataType =
            object
                .structure()
                .first(Tag.SECRET_DATA_TYPE)
                .filter(Item.Enumeration.class::isInstance)
                .map(i -> ((Item.Enumeration) i).value())
                .orElseThrow(() -> missing("Secret Data Type"));
      } else {
        throw new KmipException(
            ResultReason.INVALID_FIELD,
            "Register accepts Symmetric Key and Secret Data, not " + req.objectType().xmlName());
      }
      StoredObject registered =
          store.add(type, material, format.code(), secretDataType, toStore(attributes));
      ctx.produced(registered.uid());
      return RegisterResponse.of(registered.uid());
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    } finally {
      Arrays.fill(material, (byte) 0); // scrub the decoded request's copy
    }
  }

  ResponsePayload activate(RequestPayload payload, RequestContext ctx) throws KmipException {
    String uid = ctx.uid(((ActivateRequest) payload).uniqueIdentifier());
    try {
      store.get(uid).activate(ctx.now());
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
    ctx.produced(uid);
    return new ActivateResponse(uid);
  }

  ResponsePayload revoke(RequestPayload payload, RequestContext ctx) throws KmipException {
    RevokeRequest req = (RevokeRequest) payload;
    String uid = ctx.uid(req.uniqueIdentifier());
    try {
      store
          .get(uid)
          .revoke(
              req.revocationReason().code().code(),
              req.revocationReason().message().orElse(null),
              req.compromiseOccurrenceDate().map(Instant::ofEpochSecond).orElse(null),
              ctx.now());
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
    ctx.produced(uid);
    return new RevokeResponse(uid);
  }

  ResponsePayload destroy(RequestPayload payload, RequestContext ctx) throws KmipException {
    String uid = ctx.uid(((DestroyRequest) payload).uniqueIdentifier());
    try {
      store.get(uid).destroy(ctx.now());
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
    ctx.produced(uid);
    return new DestroyResponse(uid);
  }

  static List<Attribute> list(Attributes attributes) {
    return attributes == null ? List.of() : attributes.list();
  }

  static java.util.Optional<Attribute> find(List<Attribute> attributes, String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static OptionalInt intAttribute(List<Attribute> attributes, String name) {
    return find(attributes, name).map(Attribute::intValue).orElse(OptionalInt.empty());
  }

  private static List<StoredAttribute> toStore(List<Attribute> attributes) throws KmipException {
    List<StoredAttribute> out = new ArrayList<>();
    for (Attribute a : attributes) {
      out.add(Conversions.toStore(a));
    }
    return out;
  }

  private static KmipException missing(String what) {
    return new KmipException(ResultReason.INVALID_FIELD, "the request lacks " + what);
  }
}
