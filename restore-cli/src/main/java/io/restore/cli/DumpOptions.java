package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpRequest;
import io.restore.dump.DumpTool;
import io.restore.dump.NamespaceFilter;
import io.restore.dump.NamespacePatterns;
import io.restore.dump.storage.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Dump options shared by {@code restore dump} and {@code restore open --dump-to}; {@link
 * #toRequest()} turns them into a {@link DumpRequest} for {@code io.restore.dump.Dumper}.
 */
public final class DumpOptions {
  /** Value of a bare {@code --archive}: stream to stdout. */
  static final String STDOUT = "-";

  @Option(
      names = {"-o", "--out"},
      paramLabel = "<dir>",
      description =
          "Write mongodump's directory layout here (created; must be absent or empty): a folder,"
              + " or a prefix s3://BUCKET/PREFIX/, gs://BUCKET/PREFIX/, az://ACCOUNT/CONTAINER/PREFIX/"
              + " (complete once restore-manifest.json is written there).")
  String out;

  @Option(
      names = "--archive",
      paramLabel = "<file>",
      arity = "0..1",
      fallbackValue = STDOUT,
      description =
          "Write one mongodump archive: --archive=FILE, s3://BUCKET/KEY, gs://BUCKET/OBJECT,"
              + " az://ACCOUNT/CONTAINER/BLOB (or its https:// URL), or stdout with a bare"
              + " --archive.")
  String archive;

  @picocli.CommandLine.Mixin DestinationOptions destination;

  @Option(names = "--gzip", description = "Gzip every file (or the whole archive stream).")
  boolean gzip;

  @Option(
      names = "--compression-level",
      paramLabel = "<1-9>",
      defaultValue = "1",
      converter = OptionValues.CompressionLevel.class,
      description = "Deflate level for --gzip (default: ${DEFAULT-VALUE}, fastest).")
  int compressionLevel;

  @Option(
      names = "--format",
      paramLabel = "<bson|jsonl>",
      defaultValue = "bson",
      description = "bson (mongodump layout, default) or jsonl (one JSON document per line).")
  String format;

  @Option(
      names = "--json-format",
      paramLabel = "<relaxed|canonical>",
      defaultValue = "relaxed",
      description = "Extended JSON flavour for --format jsonl (default: ${DEFAULT-VALUE}).")
  String jsonFormat;

  @Option(
      names = {"-d", "--db"},
      paramLabel = "<db>",
      description = "Dump only this database.")
  String db;

  @Option(
      names = {"-c", "--collection"},
      paramLabel = "<c>",
      description = "Dump only this collection (needs --db).")
  String collection;

  @Option(
      names = {"--exclude-collection", "--excludeCollection"},
      paramLabel = "<c>",
      description = "Skip collections with this name (repeatable).")
  List<String> excludeCollections = new ArrayList<>();

  @Option(
      names = {"--exclude-collections-with-prefix", "--excludeCollectionsWithPrefix"},
      paramLabel = "<prefix>",
      description = "Skip collections whose name starts with this (repeatable).")
  List<String> excludePrefixes = new ArrayList<>();

  @Option(
      names = {"--ns-include", "--nsInclude"},
      paramLabel = "<db.coll>",
      description =
          "Dump only namespaces matching this pattern; * matches anything, \\* a literal *"
              + " (repeatable).")
  List<String> nsInclude = new ArrayList<>();

  @Option(
      names = {"--ns-exclude", "--nsExclude"},
      paramLabel = "<db.coll>",
      description = "Skip namespaces matching this pattern (repeatable; same rules).")
  List<String> nsExclude = new ArrayList<>();

  @Option(
      names = {"--exclude-db", "--excludeDb"},
      paramLabel = "<db>",
      description = "Skip this database (repeatable).")
  List<String> excludeDbs = new ArrayList<>();

  @Option(
      names = {"-q", "--query"},
      paramLabel = "<json>",
      description = "Only documents matching this filter (needs --db and --collection).")
  String query;

  @Option(
      names = {"-j", "--parallel-collections"},
      paramLabel = "<n>",
      defaultValue = "4",
      converter = OptionValues.ParallelCollections.class,
      description =
          "Collections dumped at the same time; for a sharded cluster, reads of one shard's"
              + " collection (default: ${DEFAULT-VALUE}).")
  int parallelCollections;

  /**
   * mongodump's spelling, an option of its own: picocli names an option by its longest name in an
   * error, and {@code -j 0} must be refused as {@code --parallel-collections}.
   */
  @Option(
      names = "--numParallelCollections",
      paramLabel = "<n>",
      converter = OptionValues.ParallelCollections.class,
      description = "mongodump's name for --parallel-collections.")
  Integer numParallelCollections;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output, once the new dump has verified.")
  boolean overwrite;

  @Option(
      names = "--summary-json",
      paramLabel = "<file>",
      description =
          "Write a machine-readable summary here (also when the dump fails): a file, or an"
              + " s3://, gs:// or az:// object.")
  String summaryJson;

  @Option(
      names = "--dump-tool",
      paramLabel = "<builtin|mongodump>",
      defaultValue = "builtin",
      description = "builtin (default) or mongodump: run the real mongodump found on PATH.")
  String dumpTool;

  @Option(
      names = "--include-orphans",
      description =
          "Sharded cluster: keep orphan documents (copies a shard holds outside its chunks) too,"
              + " for forensics. Ignored for a single server.")
  boolean includeOrphans;

  /** Whether --out or --archive was given (the command line names its own output). */
  public boolean outputGiven() {
    return out != null || archive != null;
  }

  /** --summary-json, if given: written on every outcome by {@link SummaryJsonStrategy}. */
  public java.util.Optional<String> summaryJson() {
    return Optional.ofNullable(summaryJson);
  }

  /** Whether the archive goes to stdout (a bare --archive). */
  public boolean archiveToStdout() {
    return STDOUT.equals(archive);
  }

  /**
   * For commands that name the output themselves ({@code restore open --dump-to DIR}): every option
   * but --out/--archive, which must then be absent.
   */
  public DumpRequest toRequest(DumpOutput output) {
    if (out != null || archive != null) {
      throw usage(
          "--out/--archive cannot be combined with this command's own output", "leave them out");
    }
    return request(output);
  }

  /** The request these options describe; bad combinations are {@link ExitCode#USAGE} errors. */
  public DumpRequest toRequest() {
    if ((out == null) == (archive == null)) {
      throw usage(
          out == null ? "no output given" : "--out and --archive cannot be combined",
          "give --out <dir> or --archive[=<file>]");
    }
    if (archive == null) {
      return request(directory("--out", out));
    }
    if (archive.equals(STDOUT)) {
      return request(DumpOutput.Archive.toStdout());
    }
    Destination d = Destination.parse("--archive", archive);
    if (d instanceof Destination.LocalFile f) {
      return request(DumpOutput.Archive.toFile(f.path()));
    }
    return request(new DumpOutput.UploadedArchive(d, destination.settings()));
  }

  /** A directory output given to {@code flag}: a local folder or a store prefix. */
  DumpOutput directory(String flag, String value) {
    Destination d = Destination.parsePrefix(flag, value);
    if (d instanceof Destination.LocalFile f) {
      return new DumpOutput.Directory(f.path());
    }
    return new DumpOutput.UploadedDirectory(d, destination.settings(), Optional.empty());
  }

  private DumpRequest request(DumpOutput requested) {
    DumpOutput output = requested;
    if (jsonl()) {
      if (requested instanceof DumpOutput.UploadedDirectory u) {
        output =
            new DumpOutput.UploadedDirectory(u.prefix(), u.settings(), Optional.of(jsonFormat()));
      } else if (requested instanceof DumpOutput.Directory d) {
        output = new DumpOutput.Jsonl(d.dir(), jsonFormat());
      } else {
        throw usage("--format jsonl cannot go into an --archive", "use --out <dir> with jsonl");
      }
    }
    DumpTool tool =
        switch (dumpTool) {
          case "builtin" -> DumpTool.BUILTIN;
          case "mongodump" -> DumpTool.MONGODUMP;
          default ->
              throw usage("--dump-tool " + dumpTool + " is unknown", "use builtin or mongodump");
        };
    return new DumpRequest(
        output,
        new NamespaceFilter(
            db,
            collection,
            excludeCollections,
            excludeDbs,
            query,
            new NamespacePatterns(nsInclude, nsExclude, excludePrefixes)),
        gzip,
        compressionLevel,
        numParallelCollections != null ? numParallelCollections : parallelCollections,
        overwrite,
        // The command writes --summary-json itself, on every outcome (SummaryJsonStrategy).
        Optional.empty(),
        tool,
        "restore " + BuildInfo.version(),
        includeOrphans,
        Optional.empty()); // the session fills it in when it knows the snapshot (DumpJobs)
  }

  private boolean jsonl() {
    return switch (format) {
      case "bson" -> false;
      case "jsonl" -> true;
      default -> throw usage("--format " + format + " is unknown", "use bson or jsonl");
    };
  }

  private DumpOutput.JsonFormat jsonFormat() {
    return switch (jsonFormat) {
      case "relaxed" -> DumpOutput.JsonFormat.RELAXED;
      case "canonical" -> DumpOutput.JsonFormat.CANONICAL;
      default ->
          throw usage("--json-format " + jsonFormat + " is unknown", "use relaxed or canonical");
    };
  }

  private static RestoreException usage(String message, String next) {
    return new RestoreException(ExitCode.USAGE, message, next);
  }
}
