package io.restore.source;

import java.util.Locale;

/** Byte counts for people: 1.5 GiB, 312.0 MiB, 12 B. */
public final class Bytes {
  private Bytes() {}

  public static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
