package io.restore.testkit.mongod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mongod's YAML configuration file ({@code --config <file>} or {@code -f <file>}), the subset the
 * stand-in needs: nested mappings by indentation, plain, single- or double-quoted scalars ({@code
 * \\}, {@code \"}, {@code \n}, {@code \t}, {@code \xNN}, {@code \\uNNNN} escapes), {@code #}
 * comments. As in mongod, each setting maps to a command-line option (e.g. {@code
 * security.kmip.clientCertificatePassword} is {@code --kmipClientCertificatePassword}), options
 * given on the command line win, and an unknown setting is refused ("Unrecognized option", exit 2).
 * This is how mongod takes secrets off its command line (visible in /proc/PID/cmdline): {@code
 * --kmipClientCertificatePassword} is read only from the command line or this file.
 */
final class StandInConfigFile {
  /** Dotted YAML setting → mongod's command-line option name. */
  static final Map<String, String> OPTIONS =
      Map.ofEntries(
          Map.entry("storage.dbPath", "dbpath"),
          Map.entry("net.port", "port"),
          Map.entry("net.bindIp", "bind_ip"),
          Map.entry("net.bindIpAll", "bind_ip_all"),
          Map.entry("net.ipv6", "ipv6"),
          Map.entry("systemLog.path", "logpath"),
          Map.entry("systemLog.logAppend", "logappend"),
          Map.entry("systemLog.quiet", "quiet"),
          Map.entry("storage.wiredTiger.engineConfig.cacheSizeGB", "wiredTigerCacheSizeGB"),
          Map.entry("storage.queryableBackupMode", "queryableBackupMode"),
          Map.entry("security.enableEncryption", "enableEncryption"),
          Map.entry("security.kmip.serverName", "kmipServerName"),
          Map.entry("security.kmip.port", "kmipPort"),
          Map.entry("security.kmip.serverCAFile", "kmipServerCAFile"),
          Map.entry("security.kmip.clientCertificateFile", "kmipClientCertificateFile"),
          Map.entry("security.kmip.clientCertificatePassword", "kmipClientCertificatePassword"),
          Map.entry("security.kmip.keyIdentifier", "kmipKeyIdentifier"),
          Map.entry("security.kmip.activateKeys", "kmipActivateKeys"),
          Map.entry("security.kmip.keyStatePollingSeconds", "kmipKeyStatePollingSeconds"),
          Map.entry("security.kmip.useLegacyProtocol", "kmipUseLegacyProtocol"),
          Map.entry("security.kmip.connectTimeoutMS", "kmipConnectTimeoutMS"),
          Map.entry("security.kmip.connectRetries", "kmipConnectRetries"));

  private StandInConfigFile() {}

  /** The file's settings as option name → scalar text, in file order. */
  static Map<String, String> read(Path file) throws StandInOptions.UsageError {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StandInOptions.UsageError(
          "Error reading config file: No such file or directory: " + file);
    }
    Map<String, String> options = new LinkedHashMap<>();
    Deque<int[]> indents = new ArrayDeque<>(); // indent of each open mapping key
    Deque<String> keys = new ArrayDeque<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = stripComment(raw).stripTrailing();
      if (line.isBlank()) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      String body = line.strip();
      int colon = keyEnd(body);
      if (colon < 0) {
        throw new StandInOptions.UsageError(
            "Error parsing YAML config file: yaml-cpp: error at line " + lineNo + ": illegal map");
      }
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        keys.pop();
      }
      String key = body.substring(0, colon).strip();
      String value = body.substring(colon + 1).strip();
      String dotted = keys.isEmpty() ? key : String.join(".", reversed(keys)) + "." + key;
      if (value.isEmpty()) {
        indents.push(new int[] {indent});
        keys.push(key);
        continue;
      }
      String option = OPTIONS.get(dotted);
      if (option == null) {
        throw new StandInOptions.UsageError("Unrecognized option: " + dotted);
      }
      options.put(option, scalar(value, lineNo));
    }
    return options;
  }

  private static Iterable<String> reversed(Deque<String> keys) {
    Deque<String> r = new ArrayDeque<>();
    keys.forEach(r::push);
    return r;
  }

  /** The colon ending a mapping key (keys here are plain words). */
  private static int keyEnd(String body) {
    int colon = body.indexOf(':');
    if (colon <= 0) {
      return -1;
    }
    return colon + 1 == body.length() || body.charAt(colon + 1) == ' ' ? colon : -1;
  }

  /** Removes a {@code #} comment outside quotes. */
  private static String stripComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && dbl) {
        i++;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '#' && !single && !dbl && (i == 0 || line.charAt(i - 1) == ' ')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String scalar(String v, int lineNo) throws StandInOptions.UsageError {
    if (v.startsWith("'")) {
      if (v.length() < 2 || !v.endsWith("'")) {
        throw unterminated(lineNo);
      }
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    if (!v.startsWith("\"")) {
      return v;
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    while (i < v.length()) {
      char c = v.charAt(i++);
      if (c == '"') {
        if (i != v.length()) {
          throw unterminated(lineNo);
        }
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= v.length()) {
        throw unterminated(lineNo);
      }
      char e = v.charAt(i++);
      switch (e) {
        case '\\', '"', '/' -> out.append(e);
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case 'x', 'u' -> {
          int n = e == 'x' ? 2 : 4;
          if (i + n > v.length()) {
            throw unterminated(lineNo);
          }
          out.append((char) Integer.parseInt(v.substring(i, i + n), 16));
          i += n;
        }
        default -> throw unterminated(lineNo);
      }
    }
    throw unterminated(lineNo);
  }

  private static StandInOptions.UsageError unterminated(int lineNo) {
    return new StandInOptions.UsageError(
        "Error parsing YAML config file: yaml-cpp: error at line "
            + lineNo
            + ": bad scalar or end of quoted scalar not found");
  }
}
