package io.restore.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The product jar is shaded with {@code minimizeJar} so that only the Bouncy Castle classes restore
 * reaches are bundled; every other library must be kept whole by a filter in restore-cli/pom.xml,
 * or classes its service files and reflection name would silently go missing. This fails when a
 * runtime dependency's group matches no such filter.
 */
class ShadePolicyTest {
  private static final Path ROOT = Path.of(System.getProperty("restore.projectRoot", ".."));
  private static final Set<String> MINIMIZED = Set.of("org.bouncycastle");
  private static final Pattern KEEP =
      Pattern.compile(
          "<artifact>([^<]+)</artifact>\\s*<includes>\\s*<include>\\*\\*</include>\\s*</includes>");
  private static final Pattern DEPENDENCY =
      Pattern.compile("(?m)^\\s+([\\w.\\-]+):[\\w.\\-]+:[\\w\\-]+:");

  @Test
  void everyRuntimeDependencyExceptBouncyCastleIsKeptWhole() throws IOException {
    String pom = Files.readString(ROOT.resolve("restore-cli/pom.xml"));
    List<Pattern> keep =
        KEEP.matcher(pom).results().map(m -> glob(m.group(1).split(":")[0])).toList();
    assertThat(keep).isNotEmpty();
    Set<String> groups = new TreeSet<>();
    Matcher m =
        DEPENDENCY.matcher(
            Files.readString(
                ROOT.resolve("restore-cli/target/classes/io/restore/cli/dependencies.txt")));
    while (m.find()) {
      groups.add(m.group(1));
    }
    assertThat(groups).contains("org.bouncycastle", "org.mongodb");
    Set<String> unkept = new TreeSet<>();
    for (String group : groups) {
      boolean kept = keep.stream().anyMatch(p -> p.matcher(group).matches());
      if (!kept && !MINIMIZED.contains(group) && !group.equals("io.restore")) {
        unkept.add(group);
      }
      if (MINIMIZED.contains(group)) {
        assertThat(kept).as(group + " is meant to be minimized").isFalse();
      }
    }
    assertThat(unkept)
        .as("add a keep filter to restore-cli/pom.xml's shade configuration for these groups")
        .isEmpty();
  }

  private static Pattern glob(String groupGlob) {
    return Pattern.compile(Pattern.quote(groupGlob).replace("*", "\\E.*\\Q"));
  }
}
