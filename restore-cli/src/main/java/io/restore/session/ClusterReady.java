package io.restore.session;

import io.restore.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster session once every component's mongod is ready and the set is identified: what {@code
 * open} prints (one line per component, or one JSON object with {@code --json}) and what {@code
 * --exec} gets (docs/json-output.md, "restore open SOURCE… --json").
 *
 * @param components the config server first, then the shards in config.shards order
 */
public record ClusterReady(
    List<Component> components, int kmipPort, String sessionId, String mongodVersion) {
  /** The environment variable naming the JSON file that lists every component (--exec). */
  public static final String COMPONENTS_ENV = "RESTORE_COMPONENTS_JSON";

  /** The config server's URI for --exec. */
  public static final String CONFIG_URI_ENV = "MONGODB_URI_CONFIG";

  public ClusterReady {
    components = List.copyOf(components);
  }

  /**
   * One running component.
   *
   * @param shard the shard id, empty for the config server (a config shard is listed twice: as the
   *     config server and as shard "config", with the same mongod)
   */
  public record Component(
      Optional<String> shard,
      String replicaSet,
      String source,
      Path dbpath,
      String keyId,
      String provider,
      String uri,
      int mongodPort,
      long mongodPid) {
    /** "config" for the config server, else the shard id: the first word of open's lines. */
    public String name() {
      return shard.orElse("config");
    }
  }

  /**
   * The environment variable holding a shard's URI: {@code MONGODB_URI_} and the shard id upper-
   * cased, every character other than A-Z and 0-9 written as {@code _} ("shard-01" →
   * MONGODB_URI_SHARD_01).
   */
  public static String uriVariable(String shardId) {
    return "MONGODB_URI_" + shardId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * {@value #CONFIG_URI_ENV} and one {@link #uriVariable} per shard. Two shard ids that give the
   * same name (e.g. "shard-a" and "shard_a") get none: the JSON file tells them apart.
   */
  public Map<String, String> uriVariables() {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> uses = new HashMap<>();
    for (Component c : components) {
      c.shard().ifPresent(id -> uses.merge(uriVariable(id), 1, Integer::sum));
    }
    for (Component c : components) {
      if (c.shard().isEmpty()) {
        out.put(CONFIG_URI_ENV, c.uri());
      } else if (uses.get(uriVariable(c.shard().get())) == 1) {
        out.put(uriVariable(c.shard().get()), c.uri());
      }
    }
    return out;
  }

  /** Shard variables left out because two shard ids map to the same name. */
  public List<String> clashingShards() {
    Map<String, String> vars = uriVariables();
    List<String> out = new ArrayList<>();
    for (Component c : components) {
      c.shard().filter(id -> !vars.containsKey(uriVariable(id))).ifPresent(out::add);
    }
    return out;
  }

  /** The config server's URI. */
  public String configServerUri() {
    return components.stream().filter(c -> c.shard().isEmpty()).findFirst().orElseThrow().uri();
  }

  /** Shard id → URI, in config.shards order. */
  public Map<String, String> shardUris() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Component c : components) {
      c.shard().ifPresent(id -> out.put(id, c.uri()));
    }
    return out;
  }

  /** One JSON object on one line; schema and example in docs/json-output.md. */
  public String json() {
    List<Object> list = new ArrayList<>();
    for (Component c : components) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("component", c.shard().isEmpty() ? "config" : "shard");
      m.put("shard", c.shard().orElse(null));
      m.put("replicaSet", c.replicaSet());
      m.put("uri", c.uri());
      m.put("mongodPort", new Json.Number(Integer.toString(c.mongodPort())));
      m.put("mongodPid", new Json.Number(Long.toString(c.mongodPid())));
      m.put("source", c.source());
      m.put("dbpath", c.dbpath().toAbsolutePath().toString());
      m.put("keyId", c.keyId());
      m.put("provider", c.provider());
      list.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("components", list);
    m.put("kmipPort", new Json.Number(Integer.toString(kmipPort)));
    m.put("sessionId", sessionId);
    m.put("mongodVersion", mongodVersion);
    return Json.writeCompact(m);
  }
}
