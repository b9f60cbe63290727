package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemNamespacesTest {
  @Test
  void followsMongodumpsSelectionRules() {
    NamespaceFilter all = NamespaceFilter.ALL;
    assertThat(all.selectsDatabase("shop")).isTrue();
    assertThat(all.selectsDatabase("local")).isFalse();
    assertThat(all.selectsDatabase("__mdb_internal_x")).isFalse();
    assertThat(NamespaceFilter.database("local").selectsDatabase("local")).isTrue();
    assertThat(NamespaceFilter.database("__mdb_internal_x").selectsDatabase("__mdb_internal_x"))
        .isFalse();
    assertThat(all.selectsCollection("admin", "system.users")).isTrue();
    assertThat(all.selectsCollection("admin", "system.version")).isTrue();
    assertThat(all.selectsCollection("admin", "system.keys")).isFalse();
    assertThat(all.selectsCollection("config", "chunks")).isTrue();
    assertThat(all.selectsCollection("config", "system.sessions")).isFalse();
    assertThat(all.selectsCollection("config", "transactions")).isFalse();
    assertThat(all.selectsCollection("shop", "system.js")).isTrue();
    assertThat(all.selectsCollection("shop", "system.profile")).isFalse();
    assertThat(all.selectsCollection("shop", "orders")).isTrue();
    assertThat(all.selectsCollection("shop", "orders.$_id_")).isFalse();
    assertThat(new NamespaceFilter(null, null, List.of("orders"), List.of("shop"), null))
        .satisfies(
            f -> {
              assertThat(f.selectsDatabase("shop")).isFalse();
              assertThat(f.selectsCollection("x", "orders")).isFalse();
            });
  }

  @Test
  void rejectsFilterCombinationsMongodumpRejects() {
    assertUsage(() -> new NamespaceFilter(null, "c", List.of(), List.of(), null), "--db");
    assertUsage(() -> NamespaceFilter.database("d").withQuery("{}"), "--query");
    assertUsage(() -> new NamespaceFilter("d", "c", List.of("x"), List.of(), null), "combined");
    assertUsage(() -> NamespaceFilter.collection("d", "c").withQuery("{not json"), "JSON");
    assertUsage(() -> NamespaceFilter.database("a.b"), "not a valid database name");
  }

  private static void assertUsage(Runnable r, String text) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(text);
  }
}
