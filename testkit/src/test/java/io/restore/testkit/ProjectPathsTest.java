package io.restore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectPathsTest {
  @Test
  void findsTheRootWithScriptsAndModules() {
    assertThat(ProjectPaths.root().resolve("scripts")).isDirectory();
    assertThat(ProjectPaths.root().resolve("kmip-core/pom.xml")).isRegularFile();
  }
}
