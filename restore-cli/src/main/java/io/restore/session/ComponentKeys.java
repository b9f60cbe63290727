package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.MasterKey;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's master keys by key id, each decrypted with its own component's metadata; closing
 * zeroes them all. Two components with the same key id must hold the same key: the KMIP server can
 * serve only one key under an id.
 */
final class ComponentKeys implements AutoCloseable {
  private final Map<String, MasterKey> byId = new LinkedHashMap<>();
  private final Map<String, String> owner = new LinkedHashMap<>();
  private final List<MasterKey> all = new ArrayList<>();

  void add(ClusterComponent c, MasterKey key) {
    all.add(key);
    String id = c.keys().snapshot().keyId();
    MasterKey before = byId.get(id);
    if (before == null) {
      byId.put(id, key);
      owner.put(id, c.shown());
      return;
    }
    byte[] a = before.copyBytes();
    byte[] b = key.copyBytes();
    try {
      if (!MessageDigest.isEqual(a, b)) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "components "
                + owner.get(id)
                + " and "
                + c.shown()
                + " have the same key id "
                + id
                + " but their keys differ",
            "check that both snapshots belong to the same cluster; restore can serve only one key"
                + " under one id");
      }
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** One key per distinct key id, for the KMIP server. */
  Map<String, MasterKey> byKeyId() {
    return Map.copyOf(byId);
  }

  @Override
  public void close() {
    all.forEach(MasterKey::close);
  }
}
