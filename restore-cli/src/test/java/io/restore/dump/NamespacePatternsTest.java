package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.RestoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mongodump's --nsInclude/--nsExclude wildcards and --excludeCollectionsWithPrefix. */
class NamespacePatternsTest {
  @Test
  void starMatchesAnyRunOfCharactersDotsIncluded() {
    NamespacePatterns p =
        new NamespacePatterns(List.of("shop.*", "*.events"), List.of(), List.of());
    assertThat(p.selects("shop", "orders")).isTrue();
    assertThat(p.selects("shop", "a.b")).isTrue();
    assertThat(p.selects("analytics", "events")).isTrue();
    assertThat(p.selects("analytics", "daily")).isFalse();
    assertThat(p.selects("shopping", "x")).isFalse();
  }

  @Test
  void excludeWinsAndABackslashMakesAStarLiteral() {
    NamespacePatterns p =
        new NamespacePatterns(List.of(), List.of("shop.tmp\\*", "crm.*"), List.of());
    assertThat(p.selects("shop", "tmp*")).isFalse();
    assertThat(p.selects("shop", "tmpx")).isTrue();
    assertThat(p.selects("crm", "contacts")).isFalse();
  }

  @Test
  void prefixesExcludeCollectionsInEveryDatabase() {
    NamespacePatterns p = new NamespacePatterns(List.of(), List.of(), List.of("tmp_"));
    assertThat(p.selects("shop", "tmp_1")).isFalse();
    assertThat(p.selects("shop", "orders")).isTrue();
  }

  @Test
  void theFilterAppliesThePatterns() {
    NamespaceFilter f =
        new NamespaceFilter(
            null,
            null,
            List.of(),
            List.of(),
            null,
            new NamespacePatterns(List.of("shop.*"), List.of("shop.users"), List.of()));
    assertThat(f.selectsCollection("shop", "orders")).isTrue();
    assertThat(f.selectsCollection("shop", "users")).isFalse();
    assertThat(f.selectsCollection("crm", "contacts")).isFalse();
  }

  @Test
  void anEmptyPatternIsAUsageError() {
    assertThatThrownBy(() -> new NamespacePatterns(List.of(""), List.of(), List.of()))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("--nsInclude is empty");
  }
}
