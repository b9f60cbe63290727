package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

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
    if (parallelCollections < 1 || parallelCollections > 64) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--parallel-collections " + parallelCollections + " is out of range",
          "use a value from 1 to 64 (default 4)");
    }
    if (compressionLevel < 1 || compressionLevel > 9) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--compression-level " + compressionLevel + " is out of range",
          "use 1 (fastest, default) to 9 (smallest)");
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
    return new DumpRequest(
        output,
        f,
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

  public DumpRequest withGzip(boolean g) {
    return new DumpRequest(
        output,
        filter,
        g,
        compressionLevel,
        parallelCollections,
        overwrite,
        summaryJson,
        tool,
        toolVersion,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withParallelCollections(int n) {
    return new DumpRequest(
        output,
        filter,
        gzip,
        compressionLevel,
        n,
        overwrite,
        summaryJson,
        tool,
        toolVersion,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withOverwrite(boolean o) {
    return new DumpRequest(
        output,
        filter,
        gzip,
        compressionLevel,
        parallelCollections,
        o,
        summaryJson,
        tool,
        toolVersion,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withSummaryJson(Path file) {
    return new DumpRequest(
        output,
        filter,
        gzip,
        compressionLevel,
        parallelCollections,
        overwrite,
        Optional.ofNullable(file),
        tool,
        toolVersion,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withTool(DumpTool t) {
    return new DumpRequest(
        output,
        filter,
        gzip,
        compressionLevel,
        parallelCollections,
        overwrite,
        summaryJson,
        t,
        toolVersion,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withToolVersion(String v) {
    return new DumpRequest(
        output,
        filter,
        gzip,
        compressionLevel,
        parallelCollections,
        overwrite,
        summaryJson,
        tool,
        v,
        includeOrphans,
        snapshot);
  }

  public DumpRequest withIncludeOrphans(boolean keep) {
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
        keep,
        snapshot);
  }

  public DumpRequest withSnapshot(DumpSnapshot s) {
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
        Optional.of(s));
  }
}
