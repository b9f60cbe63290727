package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentIdentifierTest {
  private static final List<Shard> SHARDS =
      List.of(
          Shard.parse("shard0", "rs0/h0:27017,h1:27017"), Shard.parse("shard1", "rs1/h2:27017"));
  private static final ComponentSnapshot CONFIG =
      new ComponentSnapshot("cfg.tar.gz", "cfgrs", SHARDS);
  private static final ComponentSnapshot S0 = new ComponentSnapshot("s0.tar.gz", "rs0", List.of());
  private static final ComponentSnapshot S1 = new ComponentSnapshot("s1.tar.gz", "rs1", List.of());

  @Test
  void matchesShardsByReplicaSetNameInAnyOrder() {
    ClusterComponents c = ComponentIdentifier.identify(List.of(S1, CONFIG, S0));
    assertThat(c.configServer()).isSameAs(CONFIG);
    assertThat(c.shards()).containsEntry("shard0", S0).containsEntry("shard1", S1).hasSize(2);
    assertThat(SHARDS.get(0).hosts()).containsExactly("h0:27017", "h1:27017");
  }

  @Test
  void aConfigServerThatIsAlsoAShardServesBoth() {
    ComponentSnapshot config =
        new ComponentSnapshot(
            "cfg", "cfgrs", List.of(Shard.parse("config", "cfgrs/c:1"), SHARDS.get(0)));
    ClusterComponents c = ComponentIdentifier.identify(List.of(config, S0));
    assertThat(c.shards()).containsEntry("config", config).containsEntry("shard0", S0);
  }

  @Test
  void refusesAMissingShardNamingIt() {
    assertThatThrownBy(() -> ComponentIdentifier.identify(List.of(CONFIG, S0)))
        .isInstanceOfSatisfying(
            RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT))
        .hasMessageContaining("shard shard1 (replica set rs1) is missing");
  }

  @Test
  void refusesTheSameShardTwiceNamingBothSnapshots() {
    ComponentSnapshot again = new ComponentSnapshot("s0-copy", "rs0", List.of());
    assertThatThrownBy(() -> ComponentIdentifier.identify(List.of(CONFIG, S0, S1, again)))
        .hasMessageContaining(
            "shard shard0 is given more than once: s0.tar.gz (replica set rs0), s0-copy (replica"
                + " set rs0)");
  }

  @Test
  void refusesASnapshotOfAnotherClusterNamingIt() {
    ComponentSnapshot stranger = new ComponentSnapshot("other.tar.gz", "rs9", List.of());
    assertThatThrownBy(() -> ComponentIdentifier.identify(List.of(CONFIG, S0, S1, stranger)))
        .hasMessageContaining("other.tar.gz (replica set rs9) is not a shard of this cluster")
        .hasMessageContaining("shard0 with replica set rs0, shard1 with replica set rs1");
  }

  @Test
  void refusesNoConfigServerOrTwo() {
    assertThatThrownBy(() -> ComponentIdentifier.identify(List.of(S0, S1)))
        .hasMessageContaining("none of the snapshots s0.tar.gz (replica set rs0), s1.tar.gz")
        .hasMessageContaining("is a config server");
    ComponentSnapshot config2 = new ComponentSnapshot("cfg2", "cfgrs", SHARDS);
    assertThatThrownBy(() -> ComponentIdentifier.identify(List.of(CONFIG, config2, S0, S1)))
        .hasMessageContaining("more than one snapshot is a config server: cfg.tar.gz");
  }

  @Test
  void refusesAHostStringWithoutAReplicaSet() {
    assertThatThrownBy(() -> Shard.parse("shard0", "h0:27017"))
        .hasMessageContaining("shard shard0 has host \"h0:27017\"");
  }
}
