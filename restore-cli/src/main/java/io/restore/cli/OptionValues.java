package io.restore.cli;

import io.restore.UserText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check a value's range while the command line is parsed, so a bad value is
 * a usage error (exit 2) before any work, never an exception deep in a session (issue 12, defect
 * 6). Messages echo the value capped ({@link UserText}).
 */
final class OptionValues {
  private OptionValues() {}

  /**
   * A whole number between {@code min} and {@code max}, named by what it counts. picocli builds a
   * converter from its class with a no-argument constructor, so each range is a one-line subclass
   * below; the message (picocli puts the flag before it) names the value and the allowed range.
   */
  abstract static class IntRange implements ITypeConverter<Integer> {
    private final int min;
    private final int max;
    private final String what;

    IntRange(String what, int min, int max) {
      this(what, min, max, "");
    }

    /** {@code note} follows the range inside its parentheses, e.g. what 0 means. */
    IntRange(String what, int min, int max, String note) {
      this.min = min;
      this.max = max;
      this.what = what + " (" + min + " to " + max + (note.isEmpty() ? "" : "; " + note) + ")";
    }

    @Override
    public Integer convert(String value) {
      return inRange(value, min, max, what);
    }
  }

  /** A TCP port: 0 (any free port) to 65535. Every port option uses it. */
  static final class Port extends IntRange {
    Port() {
      super("a port number", 0, 65535, "0 = any free port");
    }
  }

  /** KMS attempts per call: 1 (no retry) to 10. */
  static final class Attempts extends IntRange {
    Attempts() {
      super("a number of attempts", 1, 10);
    }
  }

  /** How many mongods start at once for a sharded cluster: 1 to 64. */
  static final class Parallel extends IntRange {
    Parallel() {
      super("a number of mongods", 1, 64);
    }
  }

  /** A time limit in whole seconds: 1 to one day. */
  static final class Seconds extends IntRange {
    Seconds() {
      super("a number of seconds", 1, 86_400);
    }
  }

  /** mongod's start-up limit in whole seconds: 1 to one week (large snapshots recover slowly). */
  static final class WeekSeconds extends IntRange {
    WeekSeconds() {
      super("a number of seconds", 1, 604_800);
    }
  }

  /** Collections dumped at the same time: 1 to 64. */
  static final class ParallelCollections extends IntRange {
    ParallelCollections() {
      super("a number of collections", 1, 64);
    }
  }

  /** Deflate's levels: 1 (fastest) to 9 (smallest). */
  static final class CompressionLevel extends IntRange {
    CompressionLevel() {
      super("a compression level", 1, 9, "1 fastest, 9 smallest");
    }
  }

  /** Object-store upload part size in MiB: S3's smallest part (5) to 512. */
  static final class PartSizeMiB extends IntRange {
    PartSizeMiB() {
      super("a part size in MiB", 5, 512);
    }
  }

  /** Object-store parts uploaded at the same time: 1 to 16. */
  static final class PartsInFlight extends IntRange {
    PartsInFlight() {
      super("a number of parts in flight", 1, 16);
    }
  }

  /** An http(s) URL with a host: KMS, STS and login endpoints. */
  static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI u;
      try {
        u = new URI(value.trim());
      } catch (URISyntaxException e) {
        throw notA(value, "a URL");
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
        throw notA(value, "a URL like https://host[:port]");
      }
      return u;
    }
  }

  private static int inRange(String value, int min, int max, String what) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw notA(value, what);
    }
    if (n < min || n > max) {
      throw notA(value, what);
    }
    return n;
  }

  private static TypeConversionException notA(String value, String what) {
    return new TypeConversionException("'" + UserText.cap(value) + "' is not " + what);
  }
}
