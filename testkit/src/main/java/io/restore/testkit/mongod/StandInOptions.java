package io.restore.testkit.mongod;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mongod command line the stand-in understands: the options {@code restore} passes, plus a few
 * harmless ones. Both {@code --name value} and {@code --name=value} work, as in mongod.
 */
record StandInOptions(
    boolean version,
    boolean help,
    Path dbpath,
    int port,
    String bindIp,
    boolean enableEncryption,
    List<String> kmipServerNames,
    int kmipPort,
    Path kmipServerCAFile,
    Path kmipClientCertificateFile,
    char[] kmipClientCertificatePassword,
    String kmipKeyIdentifier,
    boolean kmipActivateKeys,
    boolean kmipUseLegacyProtocol,
    int kmipConnectTimeoutMs,
    boolean queryableBackupMode,
    Map<String, String> setParameters,
    Path logpath,
    Map<String, Object> parsed) {

  /** A command line mongod would refuse: exit 2 with this message. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  private enum Kind {
    SWITCH,
    VALUE,
    BOOL // takes an optional true/false
  }

  private static final Map<String, Kind> COMMUNITY =
      Map.ofEntries(
          Map.entry("version", Kind.SWITCH),
          Map.entry("help", Kind.SWITCH),
          Map.entry("dbpath", Kind.VALUE),
          Map.entry("port", Kind.VALUE),
          Map.entry("bind_ip", Kind.VALUE),
          Map.entry("bind_ip_all", Kind.SWITCH),
          Map.entry("ipv6", Kind.SWITCH),
          Map.entry("queryableBackupMode", Kind.SWITCH),
          Map.entry("setParameter", Kind.VALUE),
          Map.entry("nounixsocket", Kind.SWITCH),
          Map.entry("unixSocketPrefix", Kind.VALUE),
          Map.entry("logpath", Kind.VALUE),
          Map.entry("logappend", Kind.SWITCH),
          Map.entry("quiet", Kind.SWITCH),
          Map.entry("nojournal", Kind.SWITCH),
          Map.entry("wiredTigerCacheSizeGB", Kind.VALUE));

  /** Enterprise-only options: a Community build says "unrecognised option" (exit 2). */
  private static final Map<String, Kind> ENTERPRISE =
      Map.ofEntries(
          Map.entry("enableEncryption", Kind.SWITCH),
          Map.entry("kmipServerName", Kind.VALUE),
          Map.entry("kmipPort", Kind.VALUE),
          Map.entry("kmipServerCAFile", Kind.VALUE),
          Map.entry("kmipClientCertificateFile", Kind.VALUE),
          Map.entry("kmipClientCertificatePassword", Kind.VALUE),
          Map.entry("kmipKeyIdentifier", Kind.VALUE),
          Map.entry("kmipActivateKeys", Kind.BOOL),
          Map.entry("kmipKeyStatePollingSeconds", Kind.VALUE),
          Map.entry("kmipUseLegacyProtocol", Kind.BOOL),
          Map.entry("kmipConnectTimeoutMS", Kind.VALUE),
          Map.entry("kmipConnectRetries", Kind.VALUE));

  private static final Set<String> BOOL_WORDS = Set.of("true", "false", "1", "0");

  static StandInOptions parse(String[] args, boolean community) throws UsageError {
    Map<String, Object> seen = new LinkedHashMap<>();
    Map<String, String> setParameters = new LinkedHashMap<>();
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-f") || arg.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new UsageError(
              "Error parsing command line: the required argument for option '--config' is"
                  + " missing");
        }
        config = Path.of(args[++i]);
        continue;
      }
      if (arg.startsWith("--config=")) {
        config = Path.of(arg.substring("--config=".length()));
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageError(
            "Error parsing command line: too many positional options have been specified on the command line");
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Kind kind = COMMUNITY.get(name);
      if (kind == null && !community) {
        kind = ENTERPRISE.get(name);
      }
      if (kind == null) {
        throw new UsageError("Error parsing command line: unrecognised option '--" + name + "'");
      }
      Object value;
      switch (kind) {
        case SWITCH -> {
          if (inline != null) {
            throw new UsageError(
                "Error parsing command line: option '--" + name + "' does not take any arguments");
          }
          value = Boolean.TRUE;
        }
        case BOOL -> {
          String v = inline;
          if (v == null && i + 1 < args.length && BOOL_WORDS.contains(args[i + 1])) {
            v = args[++i];
          }
          value = v == null || v.equals("true") || v.equals("1");
        }
        default -> {
          String v = inline;
          if (v == null) {
            if (i + 1 >= args.length) {
              throw new UsageError(
                  "Error parsing command line: the required argument for option '--"
                      + name
                      + "' is missing");
            }
            v = args[++i];
          }
          value = v;
        }
      }
      if (name.equals("setParameter")) {
        String kv = (String) value;
        int at = kv.indexOf('=');
        if (at <= 0) {
          throw new UsageError("Illegal --setParameter parameter: \"" + kv + "\"");
        }
        setParameters.put(kv.substring(0, at), kv.substring(at + 1));
      }
      seen.put(name, value);
    }
    if (config != null) {
      fromConfigFile(config, community, seen);
    }
    try {
      return new StandInOptions(
          seen.containsKey("version"),
          seen.containsKey("help"),
          Path.of((String) seen.getOrDefault("dbpath", "/data/db")),
          Integer.parseInt((String) seen.getOrDefault("port", "27017")),
          seen.containsKey("bind_ip_all")
              ? "0.0.0.0"
              : ((String) seen.getOrDefault("bind_ip", "127.0.0.1")).split(",")[0].trim(),
          seen.containsKey("enableEncryption"),
          seen.containsKey("kmipServerName")
              ? List.of(((String) seen.get("kmipServerName")).split(","))
              : new ArrayList<>(),
          Integer.parseInt((String) seen.getOrDefault("kmipPort", "5696")),
          pathOrNull(seen.get("kmipServerCAFile")),
          pathOrNull(seen.get("kmipClientCertificateFile")),
          seen.containsKey("kmipClientCertificatePassword")
              ? ((String) seen.get("kmipClientCertificatePassword")).toCharArray()
              : null,
          (String) seen.get("kmipKeyIdentifier"),
          (Boolean) seen.getOrDefault("kmipActivateKeys", Boolean.TRUE), // default true since 5.3
          (Boolean) seen.getOrDefault("kmipUseLegacyProtocol", Boolean.FALSE),
          Integer.parseInt((String) seen.getOrDefault("kmipConnectTimeoutMS", "5000")),
          seen.containsKey("queryableBackupMode"),
          setParameters,
          pathOrNull(seen.get("logpath")),
          seen);
    } catch (NumberFormatException e) {
      throw new UsageError("Error parsing command line: bad number: " + e.getMessage());
    }
  }

  /** The config file's settings, where the command line did not give the option (mongod's rule). */
  private static void fromConfigFile(Path file, boolean community, Map<String, Object> seen)
      throws UsageError {
    for (Map.Entry<String, String> e : StandInConfigFile.read(file).entrySet()) {
      String name = e.getKey();
      Kind kind = COMMUNITY.get(name);
      if (kind == null && !community) {
        kind = ENTERPRISE.get(name);
      }
      if (kind == null) {
        String setting =
            StandInConfigFile.OPTIONS.entrySet().stream()
                .filter(o -> o.getValue().equals(name))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(name);
        throw new UsageError("Unrecognized option: " + setting);
      }
      if (seen.containsKey(name)) {
        continue;
      }
      String v = e.getValue();
      switch (kind) {
        case SWITCH -> {
          if (v.equals("true")) {
            seen.put(name, Boolean.TRUE);
          }
        }
        case BOOL -> seen.put(name, v.equals("true") || v.equals("1"));
        default -> seen.put(name, v);
      }
    }
  }

  private static Path pathOrNull(Object value) {
    return value == null ? null : Path.of((String) value);
  }

  /** The options as mongod logs them (id 21951), the password hidden. */
  Map<String, Object> forLog() {
    Map<String, Object> m = new LinkedHashMap<>();
    parsed.forEach(
        (k, v) -> m.put(k, k.equals("kmipClientCertificatePassword") ? "<password>" : v));
    return m;
  }
}
