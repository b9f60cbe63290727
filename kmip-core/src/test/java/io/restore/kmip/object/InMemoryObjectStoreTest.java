package io.restore.kmip.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicInteger ids = new AtomicInteger();
  private final InMemoryObjectStore store =
      new InMemoryObjectStore(
          Clock.fixed(NOW, ZoneOffset.UTC), () -> Integer.toString(ids.incrementAndGet()));

  private StoredObject key() throws ObjectException {
    return store.add(ObjectType.SYMMETRIC_KEY, new byte[32], StoredObject.FORMAT_RAW, 0, List.of());
  }

  @Test
  void preloadsExactlyOneActiveAes256KeyUnderTheGivenUid() throws ObjectException {
    byte[] key = new byte[32];
    key[0] = 7;
    try (InMemoryObjectStore s = InMemoryObjectStore.withActiveKey("abc", key)) {
      key[0] = 0; // the store copied it
      StoredObject o = s.get("abc");
      assertThat(s.all()).containsExactly(o);
      assertThat(o.state()).isEqualTo(State.ACTIVE);
      assertThat(o.<Byte>withMaterial(m -> m[0])).isEqualTo((byte) 7);
      assertThat(o.intAttribute(StoredAttribute.CRYPTOGRAPHIC_LENGTH)).contains(256);
      assertThat(o.intAttribute(StoredAttribute.CRYPTOGRAPHIC_ALGORITHM)).contains(3);
    }
  }

  @Test
  void refusesAKeyThatIsNot32BytesAndADuplicateUid() {
    assertThatThrownBy(() -> InMemoryObjectStore.withActiveKey("a", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    InMemoryObjectStore s = InMemoryObjectStore.withActiveKey("a", new byte[32]);
    assertThatThrownBy(() -> s.preloadActiveKey("a", new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeZeroesEveryKey() throws ObjectException {
    StoredObject o = key();
    store.close();
    assertThatThrownBy(() -> o.withMaterial(m -> m))
        .isInstanceOf(ObjectException.class)
        .extracting(e -> ((ObjectException) e).reason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }

  @Test
  void followsTheKmipLifecycle() throws ObjectException {
    StoredObject o = key();
    assertThat(o.state()).isEqualTo(State.PRE_ACTIVE);
    assertThat(o.<Integer>withMaterial(m -> m.length))
        .isEqualTo(32); // Get works Pre-Active (mongod)
    assertThatThrownBy(() -> o.useKey(true, NOW, m -> m)).isInstanceOf(ObjectException.class);
    o.activate(NOW);
    assertThat(o.state()).isEqualTo(State.ACTIVE);
    assertThat(o.first(StoredAttribute.ACTIVATION_DATE)).isPresent();
    assertThatThrownBy(() -> o.activate(NOW)).hasMessageContaining("not Pre-Active");
    assertThatThrownBy(() -> o.destroy(NOW)).hasMessageContaining("revoke it");
    o.revoke(1, "done", null, NOW); // Unspecified: Active → Deactivated
    assertThat(o.state()).isEqualTo(State.DEACTIVATED);
    assertThatThrownBy(() -> o.useKey(true, NOW, m -> m)).isInstanceOf(ObjectException.class);
    assertThat(o.<Integer>useKey(false, NOW, m -> m.length)).isEqualTo(32); // may still decrypt
    o.revoke(StoredObject.REVOCATION_KEY_COMPROMISE, null, NOW.minusSeconds(60), NOW);
    assertThat(o.state()).isEqualTo(State.COMPROMISED);
    o.destroy(NOW);
    assertThat(o.state()).isEqualTo(State.DESTROYED_COMPROMISED);
    assertThatThrownBy(() -> o.withMaterial(m -> m)).isInstanceOf(ObjectException.class);
    assertThat(o.first(StoredAttribute.DESTROY_DATE)).isPresent();
  }

  @Test
  void destroysAPreActiveKeyAndCompromisesADestroyedOne() throws ObjectException {
    StoredObject o = key();
    o.destroy(NOW);
    assertThat(o.state()).isEqualTo(State.DESTROYED);
    o.revoke(StoredObject.REVOCATION_CA_COMPROMISE, null, null, NOW);
    assertThat(o.state()).isEqualTo(State.DESTROYED_COMPROMISED);
  }

  @Test
  void checksTheUsageMask() throws ObjectException {
    StoredObject o =
        store.add(
            ObjectType.SYMMETRIC_KEY,
            new byte[32],
            StoredObject.FORMAT_RAW,
            0,
            List.of(
                new StoredAttribute(
                    StoredAttribute.CRYPTOGRAPHIC_USAGE_MASK,
                    0,
                    new AttributeValue.Int(StoredObject.USAGE_DECRYPT)),
                new StoredAttribute(
                    StoredAttribute.ACTIVATION_DATE, 0, new AttributeValue.DateTime(NOW))));
    assertThat(o.state()).as("Activation Date now activates").isEqualTo(State.ACTIVE);
    assertThatThrownBy(() -> o.useKey(true, NOW, m -> m)).hasMessageContaining("usage mask");
    assertThat(o.<Integer>useKey(false, NOW, m -> m.length)).isEqualTo(32);
  }

  @Test
  void clientsCannotSetServerAttributesButCanEditTheirOwn() throws ObjectException {
    assertThatThrownBy(
            () ->
                store.add(
                    ObjectType.SYMMETRIC_KEY,
                    new byte[32],
                    StoredObject.FORMAT_RAW,
                    0,
                    List.of(
                        new StoredAttribute(StoredAttribute.STATE, 0, new AttributeValue.Enum(2)))))
        .extracting(e -> ((ObjectException) e).reason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    StoredObject o = key();
    assertThat(o.addAttribute("x-tag", new AttributeValue.Text("a"), NOW)).isZero();
    assertThat(o.addAttribute("x-tag", new AttributeValue.Text("b"), NOW)).isEqualTo(1);
    o.modifyAttribute("x-tag", 1, new AttributeValue.Text("c"), NOW);
    assertThat(o.attribute("x-tag"))
        .containsExactly(new AttributeValue.Text("a"), new AttributeValue.Text("c"));
    assertThat(o.deleteAttribute("x-tag", 0, NOW)).isEqualTo(new AttributeValue.Text("a"));
    assertThatThrownBy(() -> o.deleteAttribute("x-tag", 5, NOW))
        .extracting(e -> ((ObjectException) e).reason())
        .isEqualTo(ResultReason.INDEX_OUT_OF_BOUNDS);
    assertThatThrownBy(
            () -> o.modifyAttribute(StoredAttribute.STATE, 0, new AttributeValue.Enum(2), NOW))
        .extracting(e -> ((ObjectException) e).reason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThatThrownBy(() -> store.get("nope"))
        .extracting(e -> ((ObjectException) e).reason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }
}
