package io.restore.dump;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * scripts/bench-dump's table from its result lines ({@code RESULT round row documents bytes seconds
 * peakRssKiB outputBytes cpuSeconds}, {@code LOAD round 1m 5m 15m}): medians over rounds, ratios
 * taken within each round against that round's reference row.
 */
public final class DumpBenchSummary {
  private DumpBenchSummary() {}

  record Result(
      int round,
      String row,
      long docs,
      long bytes,
      double secs,
      long rssKib,
      long out,
      double cpu) {}

  /** Row, label, the row it is compared with (× column), the compressor reference (pigz). */
  private static final String[][] ROWS = {
    {"drain", "(a) raw cursor drain", "drain", null},
    {"dir", "(b) directory dump", "drain", null},
    {"gzip", "(c) directory --gzip", "drain", "pigz"},
    {"archive", "(d) --archive, read back while writing", "drain", null},
    {"archive-noverify", "(d0) --archive streamed, no read-back", "drain", null},
    {"verify", "(v) full CRC-64 re-read of (d) alone", "drain", null},
    {"gzip-files", "(c0) our gzip on (b)'s files", "drain", "pigz"},
    {"sharded", "(s) sharded: 3 shards, orphan filter", "dir", null},
    {"old-dir", "before: (b) directory dump", "drain", null},
    {"old-gzip", "before: (c) directory --gzip", "drain", "pigz"},
    {"old-archive", "before: (d) --archive, full re-read after", "drain", null},
    {"pigz", "(p) pigz -1 -p 2 on (b)'s files", "drain", "pigz"},
    {"gzip1", "(g) gzip -1 on (b)'s files", "drain", "pigz"},
    {"real-drain", "(ra) real data: raw drain", "real-drain", null},
    {"real-dir", "(rb) real data: directory", "real-drain", null},
    {"real-gzip", "(rc) real data: --gzip", "real-drain", "real-pigz"},
    {"real-gzip-files", "(rc0) real: our gzip on files", "real-drain", "real-pigz"},
    {"real-pigz", "(rp) real: pigz -1 -p 2", "real-drain", "real-pigz"},
    {"real-gzip1", "(rg) real: gzip -1", "real-drain", "real-pigz"},
    {"store-file", "(sf) --archive to a file, -Xmx256m", "store-file", null},
    {"store-s3", "(ss) --archive s3:// (moto), -Xmx256m", "store-file", null},
    {"store-azure", "(sa) --archive az:// (Azurite), -Xmx256m", "store-file", null},
    {"store-gcs", "(sg) --archive gs:// (JSON API double), -Xmx256m", "store-file", null},
  };

  public static void main(String[] args) throws Exception {
    Map<String, List<Result>> byRow = new LinkedHashMap<>();
    Map<Integer, Map<String, Result>> byRound = new HashMap<>();
    List<String> loads = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("LOAD")) {
        loads.add(f[2] + " " + f[3] + " " + f[4]);
        continue;
      }
      Result r =
          new Result(
              Integer.parseInt(f[1]),
              f[2],
              Long.parseLong(f[3]),
              Long.parseLong(f[4]),
              Double.parseDouble(f[5]),
              Long.parseLong(f[6]),
              Long.parseLong(f[7]),
              Double.parseDouble(f[8]));
      byRow.computeIfAbsent(r.row(), k -> new ArrayList<>()).add(r);
      byRound.computeIfAbsent(r.round(), k -> new HashMap<>()).put(r.row(), r);
    }
    System.out.println("load average (1/5/15 min) at the start of each round: " + loads);
    System.out.printf(
        Locale.ROOT,
        "| %-40s | %7s | %7s | %6s | %7s | %9s | %7s | %7s | %8s |%n",
        "run (median of " + byRound.size() + " rounds)",
        "s",
        "MB/s",
        "× ref",
        "× pigz",
        "output MB",
        "÷ pigz",
        "CPU s",
        "RSS MiB");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String[] def : ROWS) {
      List<Result> rs = byRow.get(def[0]);
      if (rs == null) {
        continue;
      }
      String ref = def[2];
      String pigz = def[3];
      double xRef = median(rs, r -> ratio(byRound, r, ref, (a, b) -> a.secs() / b.secs()));
      String xPigz = "";
      String sizeVsPigz = "";
      if (pigz != null) {
        xPigz =
            fmt(
                median(
                    rs,
                    r ->
                        ratio(
                            byRound,
                            r,
                            pigz,
                            (p, x) -> (x.bytes() / x.secs()) / (p.bytes() / p.secs()))));
        double size =
            median(rs, r -> ratio(byRound, r, pigz, (p, x) -> (double) x.out() / p.out()));
        sizeVsPigz = String.format(Locale.ROOT, "%.4f", size);
      }
      System.out.printf(
          Locale.ROOT,
          "| %-40s | %7.2f | %7.1f | %6.2f | %7s | %9s | %7s | %7.2f | %8.0f |%n",
          def[1],
          median(rs, Result::secs),
          median(rs, r -> r.bytes() / 1e6 / r.secs()),
          xRef,
          xPigz,
          rs.get(0).out() == 0 ? "" : fmt(median(rs, r -> r.out() / 1e6)),
          sizeVsPigz,
          median(rs, Result::cpu),
          median(rs, r -> r.rssKib() / 1024.0));
    }
  }

  private interface Ratio {
    double of(Result reference, Result row);
  }

  private static double ratio(
      Map<Integer, Map<String, Result>> byRound, Result r, String ref, Ratio f) {
    Result base = byRound.get(r.round()).get(ref);
    return base == null ? Double.NaN : f.of(base, r);
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.2f", d);
  }

  private static double median(List<Result> rs, ToDoubleFunction<Result> f) {
    double[] v = rs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
