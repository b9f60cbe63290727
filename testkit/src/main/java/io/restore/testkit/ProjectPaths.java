package io.restore.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's root (the folder with {@code scripts/} and {@code samples/}) from tests. */
public final class ProjectPaths {
  private ProjectPaths() {}

  /**
   * The root given by the build ({@code restore.projectRoot}), else the nearest ancestor of the
   * working directory that holds a {@code pom.xml} with a {@code scripts} folder beside it.
   */
  public static Path root() {
    String fromBuild = System.getProperty("restore.projectRoot");
    if (fromBuild != null && Files.isDirectory(Path.of(fromBuild, "scripts"))) {
      return Path.of(fromBuild).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("scripts"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the project root from " + Path.of("").toAbsolutePath());
  }
}
