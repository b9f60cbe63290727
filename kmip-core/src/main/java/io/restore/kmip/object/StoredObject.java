package io.restore.kmip.object;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.State;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A managed object (Symmetric Key or Secret Data) with its attributes and the state rules of KMIP
 * 1.4 §3.22. Thread-safe: every method holds the object's lock. Key material is kept in a private
 * {@code byte[]} that is copied out only by {@link #withMaterial} and zeroed on destroy or close.
 */
public final class StoredObject implements AutoCloseable {

  /** Key Format Type codes, KMIP 1.4 §9.1.3.2.3. */
  public static final int FORMAT_RAW = 0x01;

  public static final int FORMAT_OPAQUE = 0x02;

  /** Cryptographic Usage Mask bits, KMIP 1.4 §9.1.3.3.1. */
  public static final int USAGE_ENCRYPT = 0x04;

  public static final int USAGE_DECRYPT = 0x08;

  /** Revocation Reason Codes that mean compromise, KMIP 1.4 §9.1.3.2.19. */
  public static final int REVOCATION_KEY_COMPROMISE = 0x02;

  public static final int REVOCATION_CA_COMPROMISE = 0x03;

  // Tags of the structured attributes this class builds (KMIP 1.4 §9.1.3.1).
  static final int TAG_DIGEST_VALUE = 0x420035;
  static final int TAG_HASHING_ALGORITHM = 0x420038;
  static final int TAG_KEY_FORMAT_TYPE = 0x420042;
  static final int TAG_REVOCATION_MESSAGE = 0x420080;
  static final int TAG_REVOCATION_REASON_CODE = 0x420082;
  private static final int HASHING_SHA_256 = 0x06;
  static final int TAG_RNG_ALGORITHM = 0x4200DA;
  static final int TAG_CRYPTOGRAPHIC_ALGORITHM = 0x420028;
  static final int TAG_CRYPTOGRAPHIC_LENGTH = 0x42002A;
  private static final int RNG_UNSPECIFIED = 0x01;

  private final String uid;
  private final ObjectType type;
  private final int keyFormat;
  private final int secretDataType;
  private byte[] material;
  private State state = State.PRE_ACTIVE;
  private final AttributeTable attributes = new AttributeTable();

  StoredObject(
      String uid,
      ObjectType type,
      byte[] material,
      int keyFormat,
      int secretDataType,
      Instant now) {
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
      throw new IllegalArgumentException(
          "the store keeps Symmetric Keys and Secret Data, not " + type);
    }
    this.uid = uid;
    this.type = type;
    this.keyFormat = keyFormat;
    this.secretDataType = secretDataType;
    this.material = material.clone();
    put(StoredAttribute.UNIQUE_IDENTIFIER, new AttributeValue.Text(uid));
    put(StoredAttribute.OBJECT_TYPE, new AttributeValue.Enum(type.code()));
    put(StoredAttribute.STATE, new AttributeValue.Enum(state.code()));
    put(StoredAttribute.INITIAL_DATE, new AttributeValue.DateTime(now));
    put(StoredAttribute.LAST_CHANGE_DATE, new AttributeValue.DateTime(now));
    put(StoredAttribute.ORIGINAL_CREATION_DATE, new AttributeValue.DateTime(now));
    // KMIP 1.4 §3.40–3.44: keys here are never marked sensitive and can always be extracted.
    put(StoredAttribute.SENSITIVE, new AttributeValue.Bool(false));
    put("Always Sensitive", new AttributeValue.Bool(false));
    put(StoredAttribute.EXTRACTABLE, new AttributeValue.Bool(true));
    put("Never Extractable", new AttributeValue.Bool(false));
    put(
        StoredAttribute.DIGEST,
        AttributeValue.Struct.of(
            new AttributeValue.Field(
                TAG_HASHING_ALGORITHM, new AttributeValue.Enum(HASHING_SHA_256)),
            new AttributeValue.Field(TAG_DIGEST_VALUE, new AttributeValue.Bytes(sha256(material))),
            new AttributeValue.Field(TAG_KEY_FORMAT_TYPE, new AttributeValue.Enum(keyFormat))));
  }

  public String uid() {
    return uid;
  }

  public ObjectType type() {
    return type;
  }

  /** The Key Format Type the material was created or registered in (Raw, Opaque). */
  public int keyFormat() {
    return keyFormat;
  }

  /** Secret Data Type code (KMIP 1.4 §9.1.3.2.9) for Secret Data; 0 for keys. */
  public int secretDataType() {
    return secretDataType;
  }

  public synchronized State state() {
    return state;
  }

  /** All attributes in the order they were first set, values of one name by index. */
  public synchronized List<StoredAttribute> attributes() {
    return attributes.all();
  }

  /** The values of one attribute, by index; empty when unset. */
  public synchronized List<AttributeValue> attribute(String name) {
    return attributes.values(name);
  }

  public synchronized Optional<AttributeValue> first(String name) {
    return attributes.first(name);
  }

  /** Integer or Enumeration attribute value, if set. */
  public Optional<Integer> intAttribute(String name) {
    return first(name)
        .flatMap(
            v -> {
              if (v instanceof AttributeValue.Int i) {
                return Optional.of(i.value());
              }
              if (v instanceof AttributeValue.Enum e) {
                return Optional.of(e.value());
              }
              return Optional.empty();
            });
  }

  /**
   * Runs {@code use} on a copy of the key material, zeroing the copy afterwards. Allowed in every
   * state that still has material (Get works on Pre-Active keys: docs/design/mongod-kmip.md, first
   * start).
   */
  public <T> T withMaterial(Function<byte[], T> use) throws ObjectException {
    byte[] copy;
    synchronized (this) {
      if (material == null) {
        throw new ObjectException(
            ResultReason.ITEM_NOT_FOUND,
            "object " + uid + " is " + state + ": its material is gone");
      }
      copy = material.clone();
    }
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /**
   * Runs a cryptographic operation with the key, checking state and usage mask first. Protecting
   * (encrypt) needs Active; processing (decrypt) also works Deactivated or Compromised (KMIP 1.4
   * §3.22).
   */
  public <T> T useKey(boolean protect, Instant now, Function<byte[], T> use)
      throws ObjectException {
    synchronized (this) {
      // KMIP 1.4 §3.25, §3.26: no protection after the Protect Stop Date, no processing before
      // the Process Start Date.
      String window =
          protect ? StoredAttribute.PROTECT_STOP_DATE : StoredAttribute.PROCESS_START_DATE;
      Optional<AttributeValue> bound = first(window);
      if (bound.isPresent()
          && bound.get() instanceof AttributeValue.DateTime d
          && (protect ? now.isAfter(d.value()) : now.isBefore(d.value()))) {
        throw new ObjectException(
            ResultReason.PERMISSION_DENIED,
            "object "
                + uid
                + " cannot "
                + (protect ? "encrypt after" : "decrypt before")
                + " its "
                + window);
      }
      StateRules.checkUse(uid, type, state, protect);
      int bit = protect ? USAGE_ENCRYPT : USAGE_DECRYPT;
      Optional<Integer> mask = intAttribute(StoredAttribute.CRYPTOGRAPHIC_USAGE_MASK);
      if (mask.isPresent() && (mask.get() & bit) == 0) {
        throw new ObjectException(
            ResultReason.PERMISSION_DENIED,
            "the usage mask of " + uid + " does not allow " + (protect ? "Encrypt" : "Decrypt"));
      }
    }
    return withMaterial(use);
  }

  /** Activate: Pre-Active → Active (KMIP 1.4 §4.19). */
  public synchronized void activate(Instant now) throws ObjectException {
    StateRules.checkActivate(uid, state);
    setState(State.ACTIVE, now);
    put(StoredAttribute.ACTIVATION_DATE, new AttributeValue.DateTime(now));
  }

  /**
   * Revoke (KMIP 1.4 §4.20): a compromise reason moves any state to Compromised (Destroyed to
   * Destroyed Compromised); any other reason moves Active to Deactivated.
   */
  public synchronized void revoke(
      int reasonCode, String message, Instant compromiseOccurrence, Instant now)
      throws ObjectException {
    boolean compromise =
        reasonCode == REVOCATION_KEY_COMPROMISE || reasonCode == REVOCATION_CA_COMPROMISE;
    if (compromise) {
      State next = StateRules.compromised(state);
      if (next != state) {
        setState(next, now);
      }
      put(StoredAttribute.COMPROMISE_DATE, new AttributeValue.DateTime(now));
      put(
          StoredAttribute.COMPROMISE_OCCURRENCE_DATE,
          new AttributeValue.DateTime(compromiseOccurrence == null ? now : compromiseOccurrence));
    } else {
      StateRules.checkDeactivate(uid, state);
      setState(State.DEACTIVATED, now);
      put(StoredAttribute.DEACTIVATION_DATE, new AttributeValue.DateTime(now));
    }
    List<AttributeValue.Field> reason = new ArrayList<>();
    reason.add(
        new AttributeValue.Field(TAG_REVOCATION_REASON_CODE, new AttributeValue.Enum(reasonCode)));
    if (message != null) {
      reason.add(
          new AttributeValue.Field(TAG_REVOCATION_MESSAGE, new AttributeValue.Text(message)));
    }
    put(StoredAttribute.REVOCATION_REASON, new AttributeValue.Struct(reason));
  }

  /** Destroy (KMIP 1.4 §4.21): refused while Active; zeroes the material and keeps the metadata. */
  public synchronized void destroy(Instant now) throws ObjectException {
    State next = StateRules.destroyed(uid, state);
    wipe();
    setState(next, now);
    put(StoredAttribute.DESTROY_DATE, new AttributeValue.DateTime(now));
  }

  /**
   * Adds a client-supplied attribute at creation, Add Attribute or Modify Attribute time, checking
   * that a client may set it. Returns the index it got.
   */
  synchronized int addByClient(String name, AttributeValue value, Instant now, boolean creating)
      throws ObjectException {
    AttributeRules.checkClientMayChange(uid, state, name, creating);
    int index = attributes.add(name, value);
    touch(now);
    return index;
  }

  /** Add Attribute (KMIP 1.4 §4.13). Returns the new index. */
  public int addAttribute(String name, AttributeValue value, Instant now) throws ObjectException {
    return addByClient(name, value, now, false);
  }

  /** Modify Attribute (KMIP 1.4 §4.14): replaces the value at {@code index}. */
  public synchronized void modifyAttribute(
      String name, int index, AttributeValue value, Instant now) throws ObjectException {
    AttributeRules.checkClientMayChange(uid, state, name, false);
    attributes.set(name, index, value);
    touch(now);
  }

  /** Delete Attribute (KMIP 1.4 §4.15): removes the value at {@code index}, returning it. */
  public synchronized AttributeValue deleteAttribute(String name, int index, Instant now)
      throws ObjectException {
    AttributeRules.checkClientMayChange(uid, state, name, false);
    AttributeValue removed = attributes.remove(name, index);
    touch(now);
    return removed;
  }

  /**
   * Records that the server generated this key (Create): the Random Number Generator attribute,
   * KMIP 1.4 §3.44, with RNG Algorithm Unspecified (the JDK's SecureRandom) and the key's algorithm
   * and length.
   */
  public synchronized void recordGeneratedBy(int algorithm, int lengthBits) {
    put(
        "Random Number Generator",
        AttributeValue.Struct.of(
            new AttributeValue.Field(TAG_RNG_ALGORITHM, new AttributeValue.Enum(RNG_UNSPECIFIED)),
            new AttributeValue.Field(
                TAG_CRYPTOGRAPHIC_ALGORITHM, new AttributeValue.Enum(algorithm)),
            new AttributeValue.Field(
                TAG_CRYPTOGRAPHIC_LENGTH, new AttributeValue.Int(lengthBits))));
  }

  /** Zeroes the key material. Idempotent. */
  @Override
  public synchronized void close() {
    wipe();
  }

  /** Sets a server-managed attribute (creation only). */
  synchronized void put(String name, AttributeValue value) {
    attributes.put(name, value);
  }

  /** Marks the object Active at creation (preloaded keys, Activation Date in the past). */
  synchronized void activateAtCreation(Instant now) {
    setState(State.ACTIVE, now);
    if (!attributes.has(StoredAttribute.ACTIVATION_DATE)) {
      put(StoredAttribute.ACTIVATION_DATE, new AttributeValue.DateTime(now));
    }
  }

  private void setState(State next, Instant now) {
    state = next;
    put(StoredAttribute.STATE, new AttributeValue.Enum(next.code()));
    touch(now);
  }

  private void touch(Instant now) {
    put(StoredAttribute.LAST_CHANGE_DATE, new AttributeValue.DateTime(now));
  }

  private void wipe() {
    if (material != null) {
      Arrays.fill(material, (byte) 0);
      material = null;
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "StoredObject[" + uid + ", " + type + ", " + state() + "]";
  }
}
