package io.restore.kmip.object;

import io.restore.kmip.ttlv.ObjectType;
import java.util.List;

/**
 * Where the KMIP server keeps its managed objects. Implementations are thread-safe; each {@link
 * StoredObject} guards its own state. {@link #close()} zeroes every key.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Adds a new Pre-Active object under a fresh unique identifier (Create, Register). The material
   * is copied; the caller zeroes its own array. Client attributes are checked: server-only ones are
   * refused with Invalid Field. An Activation Date at or before now makes the object Active (KMIP
   * 1.4 §3.24).
   */
  StoredObject add(
      ObjectType type,
      byte[] material,
      int keyFormat,
      int secretDataType,
      List<StoredAttribute> clientAttributes)
      throws ObjectException;

  /** The object with this identifier, in any state; Item Not Found otherwise. */
  StoredObject get(String uid) throws ObjectException;

  /** Every object, oldest first (for Locate). */
  List<StoredObject> all();

  /** Zeroes every key. Idempotent. */
  @Override
  void close();
}
