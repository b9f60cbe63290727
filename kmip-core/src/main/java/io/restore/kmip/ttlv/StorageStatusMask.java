// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** KMIP StorageStatusMask mask values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum StorageStatusMask implements KmipEnum {
  ONLINE_STORAGE(0x00000001, "OnlineStorage"),
  ARCHIVAL_STORAGE(0x00000002, "ArchivalStorage"),
  DESTROYED_STORAGE(0x00000004, "DestroyedStorage");

  private final int code;
  private final String xmlName;

  StorageStatusMask(int code, String xmlName) {
    this.code = code;
    this.xmlName = xmlName;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String xmlName() {
    return xmlName;
  }

  /** The value with this code, if the table has one. */
  public static Optional<StorageStatusMask> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(ONLINE_STORAGE);
      case 0x00000002:
        return Optional.of(ARCHIVAL_STORAGE);
      case 0x00000004:
        return Optional.of(DESTROYED_STORAGE);
      default:
        return Optional.empty();
    }
  }

  /** The bits of these values, or-ed. */
  public static int maskOf(StorageStatusMask... values) {
    int m = 0;
    for (StorageStatusMask v : values) {
      m |= v.code;
    }
    return m;
  }

  /** The values whose bits are set in {@code mask}; unknown bits are ignored. */
  public static Set<StorageStatusMask> fromMask(int mask) {
    EnumSet<StorageStatusMask> set = EnumSet.noneOf(StorageStatusMask.class);
    for (StorageStatusMask v : values()) {
      if ((mask & v.code) == v.code) {
        set.add(v);
      }
    }
    return set;
  }
}
