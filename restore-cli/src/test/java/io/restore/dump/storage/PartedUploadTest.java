package io.restore.dump.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** How {@link PartedUpload} cuts a stream into parts, with a store double that records them. */
class PartedUploadTest {
  private static final int PART = 64 << 10;

  /** Records every part it is sent (copied, since buffers are reused) and which arrays came. */
  static final class RecordingPartStoreDouble implements PartStore {
    final Checksum checksum;
    final Map<Integer, byte[]> received = new ConcurrentSkipListMap<>();
    final Map<Integer, byte[]> checksums = new ConcurrentSkipListMap<>();
    final List<Integer> lastFlags = Collections.synchronizedList(new ArrayList<>());
    final Set<byte[]> buffers =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    byte[] committed;

    RecordingPartStoreDouble(Checksum checksum) {
      this.checksum = checksum;
    }

    @Override
    public void begin(boolean overwrite) {}

    @Override
    public Checksum partChecksum() {
      return checksum;
    }

    @Override
    public String uploadPart(int number, Part part) {
      buffers.add(part.data());
      received.put(number, Arrays.copyOf(part.data(), part.length()));
      checksums.put(number, part.checksum());
      if (part.last()) {
        lastFlags.add(number);
      }
      return Integer.toString(number);
    }

    @Override
    public void commit(List<String> parts, String sha256Hex) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      received.values().forEach(all::writeBytes);
      committed = all.toByteArray();
    }

    @Override
    public void abort() {}

    @Override
    public void close() {}
  }

  private static byte[] upload(RecordingPartStoreDouble store, int size, int inFlight)
      throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    try (PartedUpload up = PartedUpload.start(store, false, PART, inFlight)) {
      OutputStream out = up.stream();
      for (int off = 0; off < size; off += 10_000) { // writes that straddle the part boundaries
        out.write(data, off, Math.min(10_000, size - off));
      }
      out.close();
      up.commit();
    }
    return data;
  }

  // Before: a fresh part buffer per part (40 arrays here), which under -Xmx256m with 8 MiB parts
  // fragmented G1's heap with humongous objects until an OutOfMemoryError.
  @Test
  void partBuffersAreAllocatedOnceAndReused() throws Exception {
    RecordingPartStoreDouble store = new RecordingPartStoreDouble(PartStore.Checksum.NONE);
    byte[] data = upload(store, 40 * PART + 123, 2);
    assertThat(store.received).hasSize(41);
    assertThat(store.buffers.size()).isLessThanOrEqualTo(2 + 1);
    assertThat(store.committed).isEqualTo(data);
  }

  @Test
  void onlyTheLastPartIsMarkedLastEvenWhenTheSizeIsAMultipleOfThePartSize() throws Exception {
    RecordingPartStoreDouble store = new RecordingPartStoreDouble(PartStore.Checksum.NONE);
    byte[] data = upload(store, 3 * PART, 3);
    assertThat(store.received).hasSize(3); // no empty fourth part
    assertThat(store.lastFlags).containsExactly(3);
    assertThat(store.committed).isEqualTo(data);
  }

  @Test
  void anEmptyObjectIsOneEmptyLastPart() throws Exception {
    RecordingPartStoreDouble store = new RecordingPartStoreDouble(PartStore.Checksum.NONE);
    upload(store, 0, 2);
    assertThat(store.received).hasSize(1);
    assertThat(store.received.get(1)).isEmpty();
    assertThat(store.lastFlags).containsExactly(1);
  }

  @Test
  void eachPartCarriesTheChecksumItsStoreAskedFor() throws Exception {
    RecordingPartStoreDouble crc = new RecordingPartStoreDouble(PartStore.Checksum.CRC32C);
    upload(crc, 2 * PART + 5, 2);
    crc.received.forEach(
        (n, bytes) -> {
          CRC32C c = new CRC32C();
          c.update(bytes);
          assertThat(crc.checksums.get(n))
              .isEqualTo(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
        });
    RecordingPartStoreDouble md5 = new RecordingPartStoreDouble(PartStore.Checksum.MD5);
    upload(md5, PART + 1, 2);
    md5.received.forEach(
        (n, bytes) -> {
          try {
            assertThat(md5.checksums.get(n))
                .isEqualTo(java.security.MessageDigest.getInstance("MD5").digest(bytes));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
          }
        });
    RecordingPartStoreDouble none = new RecordingPartStoreDouble(PartStore.Checksum.NONE);
    upload(none, PART + 1, 2);
    none.checksums.values().forEach(c -> assertThat(c).isEmpty());
  }
}
