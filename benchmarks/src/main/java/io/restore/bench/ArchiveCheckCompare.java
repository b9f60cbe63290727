package io.restore.bench;

import io.restore.dump.Namespace;
import io.restore.dump.archive.ArchiveVerifier;
import io.restore.dump.archive.ArchiveWriter;
import io.restore.dump.archive.Crc64;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * scripts/bench-dump-micro: what checking an archive costs per stage, by this thread's CPU time,
 * interleaved over ROUNDS rounds. The archive is built in memory from DIR's {@code .bson} files
 * (256 KiB segments, as the dumper's chunks), then: the writer's checksums (CRC-64 and CRC-32C of
 * every segment, new and old CRC-64), the read-back ({@code ArchiveVerifier.readBack}: parse every
 * block, CRC-32C of the documents), the full re-read ({@code verify}: the same with CRC-64), and a
 * bare CRC-32C over the whole archive — the floor for the read-back. Usage: {@code
 * ArchiveCheckCompare DIR [ROUNDS]}.
 */
public final class ArchiveCheckCompare {
  private ArchiveCheckCompare() {}

  interface Stage {
    long run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    List<byte[]> segments = new ArrayList<>();
    List<Namespace> owners = new ArrayList<>();
    List<ArchiveWriter.Entry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".bson")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".bson", "");
        Namespace ns = new Namespace("real", name);
        entries.add(new ArchiveWriter.Entry(ns, ns, "{}", "collection"));
        byte[] all = Files.readAllBytes(f);
        for (int at = 0; at < all.length; ) { // cut at document boundaries, about 256 KiB each
          int end = at;
          while (end < all.length && end - at < 256 * 1024) {
            end += (all[end] & 0xFF) | (all[end + 1] & 0xFF) << 8 | (all[end + 2] & 0xFF) << 16;
          }
          segments.add(java.util.Arrays.copyOfRange(all, at, end));
          owners.add(ns);
          at = end;
        }
      }
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ArchiveWriter w = ArchiveWriter.start(buf, 4, "7.0.0", "bench", entries, 8);
    for (int i = 0; i < segments.size(); i++) {
      byte[] seg = segments.get(i).clone(); // the writer owns what it is given
      w.writeSegment(owners.get(i), seg, seg.length);
    }
    for (ArchiveWriter.Entry e : entries) {
      w.closeNamespace(e.dataNs());
    }
    w.finish();
    byte[] archive = buf.toByteArray();

    Map<String, Stage> stages = new LinkedHashMap<>();
    stages.put(
        "writer: Crc64 + CRC32C per segment",
        () -> {
          long x = 0;
          for (byte[] s : segments) {
            CRC32C c = new CRC32C();
            c.update(s, 0, s.length);
            x += new Crc64().update(s, 0, s.length).value() + c.getValue();
          }
          return x;
        });
    stages.put(
        "writer before: BaselineCrc64 + CRC32C",
        () -> {
          long x = 0;
          for (byte[] s : segments) {
            CRC32C c = new CRC32C();
            c.update(s, 0, s.length);
            x += new BaselineCrc64().update(s, 0, s.length).value() + c.getValue();
          }
          return x;
        });
    stages.put(
        "read-back: ArchiveVerifier.readBack",
        () ->
            ArchiveVerifier.readBack(
                    new BufferedInputStream(new ByteArrayInputStream(archive), 1 << 20))
                .namespaces()
                .size());
    stages.put(
        "full re-read: ArchiveVerifier.verify",
        () ->
            ArchiveVerifier.verify(
                    new BufferedInputStream(new ByteArrayInputStream(archive), 1 << 20))
                .namespaces()
                .size());
    stages.put(
        "floor: CRC32C over the archive",
        () -> {
          CRC32C c = new CRC32C();
          c.update(archive, 0, archive.length);
          return c.getValue();
        });
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> secs = new LinkedHashMap<>();
    long sink = 0;
    for (int round = -2; round < rounds; round++) {
      for (var e : stages.entrySet()) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += e.getValue().run();
        double s = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
        if (round >= 0) {
          secs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "archive of %.2f MB (%d segments), median of %d rounds (sink %d)%n%n",
        archive.length / 1e6,
        segments.size(),
        rounds,
        sink);
    System.out.println("| stage | CPU ms | MB per CPU-s |");
    System.out.println("| --- | ---: | ---: |");
    secs.forEach(
        (k, v) -> {
          double m = v.stream().mapToDouble(Double::doubleValue).sorted().toArray()[v.size() / 2];
          System.out.printf(
              Locale.ROOT, "| %s | %.1f | %.0f |%n", k, m * 1e3, archive.length / 1e6 / m);
        });
  }
}
