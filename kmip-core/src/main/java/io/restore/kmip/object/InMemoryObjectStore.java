package io.restore.kmip.object;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** A thread-safe {@link ObjectStore} held in memory for the life of one server. */
public final class InMemoryObjectStore implements ObjectStore {

  /** Cryptographic Algorithm AES, KMIP 1.4 §9.1.3.2.13. */
  public static final int ALGORITHM_AES = 0x03;

  private final Map<String, Entry> objects = new ConcurrentHashMap<>();
  private final AtomicLong order = new AtomicLong();
  private final Clock clock;
  private final Supplier<String> uids;
  private volatile boolean closed;

  private record Entry(long order, StoredObject object) {}

  /** A store with the system clock and random UUIDs as identifiers. */
  public InMemoryObjectStore() {
    this(Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  public InMemoryObjectStore(Clock clock, Supplier<String> uids) {
    this.clock = Objects.requireNonNull(clock);
    this.uids = Objects.requireNonNull(uids);
  }

  /**
   * A store holding exactly one Active AES-256 key under {@code uid}: what a restore session serves
   * to mongod. The key is copied; the caller zeroes its own array.
   */
  public static InMemoryObjectStore withActiveKey(String uid, byte[] key) {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.preloadActiveKey(uid, key);
    return store;
  }

  /**
   * Adds an Active AES-256 symmetric key (Raw, usage Encrypt|Decrypt) under a caller-chosen UID.
   *
   * @throws IllegalArgumentException when the key is not 32 bytes or the UID is taken
   */
  public StoredObject preloadActiveKey(String uid, byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    if (uid.isEmpty()) {
      throw new IllegalArgumentException("empty unique identifier");
    }
    Instant now = clock.instant();
    StoredObject object =
        new StoredObject(uid, ObjectType.SYMMETRIC_KEY, key, StoredObject.FORMAT_RAW, 0, now);
    object.put(StoredAttribute.CRYPTOGRAPHIC_ALGORITHM, new AttributeValue.Enum(ALGORITHM_AES));
    object.put(StoredAttribute.CRYPTOGRAPHIC_LENGTH, new AttributeValue.Int(256));
    object.put(
        StoredAttribute.CRYPTOGRAPHIC_USAGE_MASK,
        new AttributeValue.Int(StoredObject.USAGE_ENCRYPT | StoredObject.USAGE_DECRYPT));
    object.activateAtCreation(now);
    if (objects.putIfAbsent(uid, new Entry(order.incrementAndGet(), object)) != null) {
      object.close();
      throw new IllegalArgumentException("unique identifier " + uid + " is already in use");
    }
    return object;
  }

  @Override
  public StoredObject add(
      ObjectType type,
      byte[] material,
      int keyFormat,
      int secretDataType,
      List<StoredAttribute> clientAttributes)
      throws ObjectException {
    checkOpen();
    Instant now = clock.instant();
    String uid = uids.get();
    StoredObject object = new StoredObject(uid, type, material, keyFormat, secretDataType, now);
    boolean activate = false;
    try {
      for (StoredAttribute a : clientAttributes) {
        object.addByClient(a.name(), a.value(), now, true);
        if (a.name().equals(StoredAttribute.ACTIVATION_DATE)
            && a.value() instanceof AttributeValue.DateTime d
            && !d.value().isAfter(now)) {
          activate = true;
        }
      }
    } catch (ObjectException e) {
      object.close();
      throw e;
    }
    if (activate) {
      object.activateAtCreation(now);
    }
    if (objects.putIfAbsent(uid, new Entry(order.incrementAndGet(), object)) != null) {
      object.close();
      throw new ObjectException(
          ResultReason.GENERAL_FAILURE, "unique identifier " + uid + " collided");
    }
    return object;
  }

  @Override
  public StoredObject get(String uid) throws ObjectException {
    Entry e = objects.get(uid);
    if (e == null) {
      throw ObjectException.notFound(uid);
    }
    return e.object();
  }

  @Override
  public List<StoredObject> all() {
    List<Entry> entries = new ArrayList<>(objects.values());
    entries.sort((a, b) -> Long.compare(a.order(), b.order()));
    List<StoredObject> result = new ArrayList<>(entries.size());
    entries.forEach(e -> result.add(e.object()));
    return result;
  }

  /** The clock this store dates attributes with; handlers use the same one. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    closed = true;
    objects.values().forEach(e -> e.object().close());
  }

  private void checkOpen() throws ObjectException {
    if (closed) {
      throw new ObjectException(ResultReason.GENERAL_FAILURE, "the store is closed");
    }
  }
}
