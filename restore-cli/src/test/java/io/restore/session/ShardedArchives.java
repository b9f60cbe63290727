package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.dump.IndependentArchiveReader;
import io.restore.source.TarBuilder;
import io.restore.testkit.sample.ShardedSample;
import io.restore.testkit.sample.ShardedSnapshots;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated sharded set as Atlas delivers it (one {@code .tar.gz} per component), and what a dump
 * of it must hold: the documents the generator marked owned, computed from its own plan.
 */
final class ShardedArchives {
  private ShardedArchives() {}

  /**
   * Each component of {@code set} as a {@code .tar.gz} in {@code dir}, by replica set name (the
   * name an Atlas restore job gives it). Rewrites each component's metadata in {@code set}: inside
   * an extracted archive a relative keyFile would point nowhere, so it is made absolute.
   */
  static Map<ShardedSnapshots.Component, Path> write(ShardedSnapshots set, Path dir)
      throws Exception {
    Files.createDirectories(dir);
    Map<ShardedSnapshots.Component, Path> out = new LinkedHashMap<>();
    for (ShardedSnapshots.Component c : set.components().values()) {
      Path metadata = c.metadataFile();
      String text = Files.readString(metadata);
      Files.writeString(
          metadata,
          text.replaceAll(
              "\"keyFile\"\\s*:\\s*\"[^\"]*\"", "\"keyFile\": \"" + c.keyFile() + "\""));
      out.put(
          c, TarBuilder.create().tree("", c.dbpath()).writeTo(dir.resolve(c.name() + ".tar.gz")));
    }
    return out;
  }

  /** The archive dump at {@code archive} holds exactly the owned documents of every namespace. */
  static void assertOwnedDocuments(ShardedSnapshots set, Path archive) throws Exception {
    IndependentArchiveReader.Parsed parsed =
        IndependentArchiveReader.parse(Files.readAllBytes(archive));
    for (Map.Entry<String, List<String>> e : owned(set.sample()).entrySet()) {
      List<String> got = new ArrayList<>();
      parsed.documents().get(e.getKey()).forEach(d -> got.add(hex(ByteBuffer.wrap(d))));
      got.sort(null);
      assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  /** "db.coll" → hex of every document the generator marked owned, sorted. */
  private static Map<String, List<String>> owned(ShardedSample sample) {
    Map<String, List<String>> m = new TreeMap<>();
    for (ShardedSample.ShardData shard : sample.shards()) {
      for (ShardedSample.Placed p : shard.documents()) {
        if (p.owned()) {
          m.computeIfAbsent(p.db() + "." + p.collection(), k -> new ArrayList<>())
              .add(hex(p.document().getByteBuffer().asNIO()));
        }
      }
    }
    m.values().forEach(l -> l.sort(null));
    return m;
  }

  private static String hex(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
