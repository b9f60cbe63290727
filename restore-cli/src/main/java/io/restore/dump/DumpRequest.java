package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything a dump needs besides the server's URI. Built by the CLI's {@code DumpOptions} mixin
 * ({@code toRequest()}), shared by {@code restore dump} and {@code restore open --dump-to}.
 *
 * @param gzip gzip every file (directory/jsonl) or the whole stream (archive)
 * @param compressionLevel Deflater level 1..9 for --gzip; 1 keeps compression off the critical path
 * @param parallelCollections collections read at the same time (mongodump's default is 4)
 * @param overwrite replace a non-empty output directory or an existing archive file
 * @param summaryJson where to write the machine-readable summary, if anywhere
 * @param toolVersion written into prelude.json and the archive header
 * @param includeOrphans a sharded cluster's dump keeps orphan documents too ({@code
 *     --include-orphans}, for forensics; docs/design/sharding.md); a single server has none
 * @param snapshot what is known of the snapshot being dumped, for {@code restore-manifest.json}
 *     (empty when dumping a running server)
 */
public record DumpRequest(
    DumpOutput output,
    NamespaceFilter filter,
    boolean gzip,
    int compressionLevel,
    int parallelCollections,
    boolean overwrite,
    Optional<Path> summaryJson,
    DumpTool tool,
    String toolVersion,
    boolean includeOrphans,
    Optional<DumpSnapshot> snapshot) {

  public static final int DEFAULT_PARALLEL_COLLECTIONS = 4;
  public static final int DEFAULT_COMPRESSION_LEVEL = 1;

  public DumpRequest {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(summaryJson, "summaryJson");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(snapshot, "snapshot");
    toolVersion = Objects.requireNonNullElse(toolVersion, "unknown");
    requireInRange(parallelCollections, 1, 64, "--parallel-collections", "(default 4)");
    requireInRange(
        compressionLevel, 1, 9, "--compression-level", "(1 fastest, the default; 9 smallest)");
  }

  private static void requireInRange(int value, int min, int max, String flag, String note) {
    if (value < min || value > max) {
      throw new RestoreException(
          ExitCode.USAGE,
          flag + " " + value + " is out of range",
          "use a value from " + min + " to " + max + " " + note);
    }
  }

  /** A request with mongodump's defaults: everything, 4 collections at a time, no gzip. */
  public static DumpRequest of(DumpOutput output) {
    return new DumpRequest(
        output,
        NamespaceFilter.ALL,
        false,
        DEFAULT_COMPRESSION_LEVEL,
        DEFAULT_PARALLEL_COLLECTIONS,
        false,
        Optional.empty(),
        DumpTool.BUILTIN,
        "unknown",
        false,
        Optional.empty());
  }

  public DumpRequest withFilter(NamespaceFilter f) {
    return edit(b -> b.filter = f);
  }

  public DumpRequest withGzip(boolean g) {
    return edit(b -> b.gzip = g);
  }

  public DumpRequest withParallelCollections(int n) {
    return edit(b -> b.parallelCollections = n);
  }

  public DumpRequest withOverwrite(boolean o) {
    return edit(b -> b.overwrite = o);
  }

  public DumpRequest withSummaryJson(Path file) {
    return edit(b -> b.summaryJson = Optional.ofNullable(file));
  }

  public DumpRequest withTool(DumpTool t) {
    return edit(b -> b.tool = t);
  }

  public DumpRequest withIncludeOrphans(boolean keep) {
    return edit(b -> b.includeOrphans = keep);
  }

  public DumpRequest withSnapshot(DumpSnapshot s) {
    return edit(b -> b.snapshot = Optional.of(s));
  }

  /**
   * A copy with one change: the one place besides the canonical constructor listing every field.
   */
  private DumpRequest edit(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A request's fields, mutable for one {@link #edit}. */
  private static final class Copy {
    private final DumpOutput output;
    NamespaceFilter filter;
    boolean gzip;
    private final int compressionLevel;
    int parallelCollections;
    boolean overwrite;
    Optional<Path> summaryJson;
    DumpTool tool;
    private final String toolVersion;
    boolean includeOrphans;
    Optional<DumpSnapshot> snapshot;

    Copy(DumpRequest r) {
      output = r.output;
      filter = r.filter;
      gzip = r.gzip;
      compressionLevel = r.compressionLevel;
      parallelCollections = r.parallelCollections;
      overwrite = r.overwrite;
      summaryJson = r.summaryJson;
      tool = r.tool;
      toolVersion = r.toolVersion;
      includeOrphans = r.includeOrphans;
      snapshot = r.snapshot;
    }

    DumpRequest build() {
      return new DumpRequest(
          output,
          filter,
          gzip,
          compressionLevel,
          parallelCollections,
          overwrite,
          summaryJson,
          tool,
          toolVersion,
          includeOrphans,
          snapshot);
    }
  }
}
