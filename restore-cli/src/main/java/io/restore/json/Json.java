package io.restore.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer (RFC 8259) for metadata files: objects keep their field
 * order, numbers keep their text, so a file rewritten by {@code restore metadata set} changes only
 * the fields that were set. Values: {@code Map<String,Object>} (ordered), {@code List<Object>},
 * {@code String}, {@link Number}, {@code Boolean}, and {@code null}.
 *
 * <p>Strict on purpose: duplicate keys, trailing commas, comments, control characters in strings
 * and trailing content are errors, because a half-understood credentials file is worse than a clear
 * refusal. Error messages give line and column, never the text around them (it may be a secret).
 */
public final class Json {
  private static final int MAX_DEPTH = 64;

  /** A JSON number, kept as written (RFC 8259 §6). */
  public record Number(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A syntax error at a line and column. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private final String s;
  private int pos;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value; the whole text must be that value (plus whitespace). */
  public static Object parse(String text) throws SyntaxException {
    Json p = new Json(text);
    p.skipWs();
    if (p.pos < text.length() && text.charAt(p.pos) == '\uFEFF') {
      p.pos++; // a byte-order mark left by some Windows editors
      p.skipWs();
    }
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("unexpected content after the JSON value");
    }
    return v;
  }

  /** Parses text that must be a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) throws SyntaxException {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new SyntaxException("expected a JSON object { ... } at the top level");
    }
    return (Map<String, Object>) v;
  }

  private Object value(int depth) throws SyntaxException {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= s.length()) {
      throw error("unexpected end of input");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) throws SyntaxException {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWs();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWs();
      if (peek() != '"') {
        throw error("expected a field name in double quotes");
      }
      int at = pos;
      String key = string();
      if (map.containsKey(key)) {
        pos = at;
        throw error("duplicate field name");
      }
      skipWs();
      expect(':');
      skipWs();
      map.put(key, value(depth + 1));
      skipWs();
      char c = peek();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws SyntaxException {
    pos++;
    List<Object> list = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWs();
      list.add(value(depth + 1));
      skipWs();
      char c = peek();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws SyntaxException {
    pos++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in a string (escape it)");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case '/' -> b.append('/');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw error("short \\u escape");
          }
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
              throw error("bad \\u escape");
            }
            cp = cp * 16 + d;
          }
          pos += 4;
          b.append((char) cp);
        }
        default -> {
          pos--;
          throw error("bad escape");
        }
      }
    }
  }

  private Number number() throws SyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("bad number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("bad number");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("bad number");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (isDigit(peek())) {
      throw error("bad number (leading zero)");
    }
    return new Number(s.substring(start, pos));
  }

  private Object literal(String word, Object value) throws SyntaxException {
    if (!s.startsWith(word, pos)) {
      throw error("unexpected word");
    }
    pos += word.length();
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private void expect(char c) throws SyntaxException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private SyntaxException error(String what) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(pos, s.length()); i++) {
      if (s.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SyntaxException(what + " at line " + line + ", column " + col);
  }

  /** Writes a value as indented JSON (two spaces, one field per line), ending with a newline. */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0, true);
    return b.append('\n').toString();
  }

  /** Writes a value on one line. */
  public static String writeCompact(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0, false);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, int indent, boolean pretty) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String str) {
      quote(b, str);
    } else if (v instanceof Boolean || v instanceof Number) {
      b.append(v);
    } else if (v instanceof java.lang.Number n) {
      b.append(n);
    } else if (v instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        newline(b, indent + 1, pretty);
        quote(b, (String) e.getKey());
        b.append(pretty ? ": " : ":");
        write(b, e.getValue(), indent + 1, pretty);
        if (++i < map.size()) {
          b.append(',');
        }
      }
      newline(b, indent, pretty);
      b.append('}');
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        newline(b, indent + 1, pretty);
        write(b, list.get(i), indent + 1, pretty);
        if (i + 1 < list.size()) {
          b.append(',');
        }
      }
      newline(b, indent, pretty);
      b.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void newline(StringBuilder b, int indent, boolean pretty) {
    if (pretty) {
      b.append('\n').append("  ".repeat(indent));
    }
  }

  /** Appends a JSON string literal. */
  public static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
