package io.restore.testkit.mongod;

import io.restore.testkit.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The version the stand-in claims to be (default 8.0.4 Enterprise; {@code STANDIN_VERSION} changes
 * it, {@code STANDIN_COMMUNITY=1} makes it a Community build).
 */
record StandInVersion(String version, boolean community) {
  static final String GIT_VERSION = "0000000000000000000000000000000000000000";

  static StandInVersion from(Map<String, String> env) {
    return new StandInVersion(
        env.getOrDefault("STANDIN_VERSION", "8.0.4"), "1".equals(env.get("STANDIN_COMMUNITY")));
  }

  List<Object> modules() {
    return community ? new ArrayList<>() : new ArrayList<>(List.of("enterprise"));
  }

  List<Object> versionArray() {
    List<Object> parts = new ArrayList<>();
    for (String p : version.split("\\.")) {
      parts.add(Integer.parseInt(p.replaceAll("\\D.*", "")));
    }
    while (parts.size() < 4) {
      parts.add(0);
    }
    return parts;
  }

  /** mongod log id 23403's attr.buildInfo, and the JSON after "Build Info:" in --version. */
  Map<String, Object> buildInfo() {
    return StandInLog.attr(
        "version",
        version,
        "gitVersion",
        GIT_VERSION,
        "openSSLVersion",
        "OpenSSL 3.0.13 30 Jan 2024",
        "modules",
        modules(),
        "allocator",
        "tcmalloc-google",
        "environment",
        StandInLog.attr("distmod", "standin", "distarch", "x86_64", "target_arch", "x86_64"));
  }

  /** What {@code mongod --version} prints. */
  String versionText() {
    StringBuilder b = new StringBuilder("db version v").append(version).append('\n');
    b.append("Build Info: ");
    pretty(b, buildInfo(), "");
    return b.append('\n').toString();
  }

  private static void pretty(StringBuilder b, Object v, String indent) {
    String in = indent + "    ";
    if (v instanceof Map<?, ?> m) {
      b.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(in).append(Json.quote(e.getKey().toString())).append(": ");
        pretty(b, e.getValue(), in);
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      b.append(indent).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        b.append(in);
        pretty(b, l.get(i), in);
        b.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      b.append(indent).append(']');
    } else {
      StandInLog.json(b, v);
    }
  }
}
