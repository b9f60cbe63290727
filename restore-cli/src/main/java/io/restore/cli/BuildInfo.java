package io.restore.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code restore --version}: what the build wrote into the jar
 * (resources-filtered/.../build.properties for the version, Git commit and build time;
 * dependencies.txt, maven-dependency-plugin's list of the resolved runtime dependencies, for
 * library versions) and where it runs (system properties). Enough to tell this {@code restore} from
 * BSD's {@code /sbin/restore} and to quote in a bug report.
 */
public final class BuildInfo implements IVersionProvider {
  /** The libraries a bug report needs, in the order printed: label, then group:artifact. */
  static final Map<String, String> LIBRARIES = libraries();

  private static final Pattern DEPENDENCY =
      Pattern.compile("^\\s*([\\w.\\-]+):([\\w.\\-]+):[\\w\\-]+:(?:[\\w\\-]+:)?([^:\\s]+):\\w+");

  private static Map<String, String> libraries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("MongoDB driver", "org.mongodb:mongodb-driver-sync");
    m.put("Bouncy Castle", "org.bouncycastle:bcprov-jdk18on");
    m.put("AWS SDK", "software.amazon.awssdk:kms");
    m.put("Azure SDK", "com.azure:azure-security-keyvault-keys");
    m.put("Google SDK", "com.google.cloud:google-cloud-kms");
    return m;
  }

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return buildProperty("version");
  }

  @Override
  public String[] getVersion() {
    List<String> lines = new ArrayList<>();
    String commit = buildProperty("commit");
    if ("true".equals(buildProperty("dirty"))) {
      commit += " (with uncommitted changes)";
    }
    // The first line is also the man page's footer: the name and version only.
    lines.add("restore " + version());
    lines.add("  opens encrypted MongoDB Atlas snapshots (not BSD's dump/restore)");
    lines.add(row("commit", commit));
    lines.add(row("built", buildProperty("buildTime")));
    lines.add(
        row(
            "Java",
            ""
                + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                + " ("
                + System.getProperty("java.vendor")
                + ") at "
                + System.getProperty("java.home")));
    lines.add(
        row(
            "OS",
            ""
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch")));
    Map<String, String> versions = dependencyVersions(resource("dependencies.txt"));
    LIBRARIES.forEach(
        (label, coordinates) ->
            lines.add(
                row(
                    label,
                    versions.getOrDefault(coordinates, "unknown") + " (" + coordinates + ")")));
    return lines.toArray(String[]::new);
  }

  private static String row(String label, String value) {
    return String.format("  %-15s %s", label, value);
  }

  /**
   * group:artifact to version, from maven-dependency-plugin's list format (lines like {@code
   * org.mongodb:bson:jar:5.14.0:compile -- module org.mongodb.bson}); other lines are skipped.
   */
  static Map<String, String> dependencyVersions(String list) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String line : list.split("\n")) {
      Matcher m = DEPENDENCY.matcher(line);
      if (m.find()) {
        versions.put(m.group(1) + ":" + m.group(2), m.group(3));
      }
    }
    return versions;
  }

  private static String buildProperty(String name) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String value = p.getProperty(name, "");
    // An unfiltered placeholder means the build had no such value (e.g. no Git checkout).
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  private static String resource(String name) {
    try (InputStream in = BuildInfo.class.getResourceAsStream(name)) {
      if (in == null) {
        return "";
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        StringBuilder sb = new StringBuilder();
        r.lines().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
