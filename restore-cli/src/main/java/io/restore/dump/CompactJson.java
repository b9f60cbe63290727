package io.restore.dump;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.RawBsonDocumentCodec;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriter;
import org.bson.json.JsonWriterSettings;

/**
 * Extended JSON without the blanks the driver's writer puts after ':' and ',', the way the Go tools
 * print it ({"v":{"$numberInt":"2"}}). Only blanks outside strings are dropped.
 */
public final class CompactJson {
  private static final JsonWriterSettings CANONICAL =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
  private static final JsonWriterSettings RELAXED =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private CompactJson() {}

  /** Canonical Extended JSON: what mongorestore's canonical-only metadata parser accepts. */
  public static String canonical(BsonDocument doc) {
    StringWriter out = new StringWriter();
    new BsonDocumentCodec().encode(new JsonWriter(new BlankDropper(out), CANONICAL), doc, ctx());
    return out.toString();
  }

  /** One raw document, in canonical or relaxed mode, written to {@code out}. */
  public static void write(RawBsonDocument doc, boolean canonical, Writer out) {
    new RawBsonDocumentCodec()
        .encode(new JsonWriter(new BlankDropper(out), canonical ? CANONICAL : RELAXED), doc, ctx());
  }

  private static EncoderContext ctx() {
    return EncoderContext.builder().build();
  }

  /** Drops ' ' outside JSON strings; tracks quotes and backslash escapes. */
  private static final class BlankDropper extends Writer {
    private final Writer out;
    private boolean inString;
    private boolean escaped;

    BlankDropper(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      int runStart = off;
      for (int i = off; i < off + len; i++) {
        char c = buf[i];
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == ' ') {
          out.write(buf, runStart, i - runStart);
          runStart = i + 1;
        }
      }
      out.write(buf, runStart, off + len - runStart);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      write(s.toCharArray(), off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
