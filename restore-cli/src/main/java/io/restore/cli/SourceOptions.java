package io.restore.cli;

import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import io.restore.source.atlas.AtlasSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The SOURCE options of open, dump, inspect and proxy: where an archive or link is extracted and
 * what stays afterwards. The SOURCE itself becomes a dbpath in {@link Sources#open}.
 */
final class SourceOptions {
  static final String SOURCE_HELP =
      "The snapshot: its extracted folder, the .tar.gz/.tgz Atlas delivers, the https:// download"
          + " link (quoted), or atlas://<projectId>/<cluster>[/<snapshotId>] (the latest completed"
          + " snapshot, fetched through the Atlas API); archives are extracted as they are read and"
          + " removed afterwards.";

  @Option(
      names = "--work-dir",
      paramLabel = "<dir>",
      description =
          "where an archive or link is extracted: a new private folder under <dir>, removed when"
              + " the command ends (default: $"
              + Sources.WORK_DIR_ENV
              + ", else the system temp folder)")
  Path workDir;

  @Option(
      names = "--keep-extracted",
      description = "keep the extracted snapshot after the command and print where it is")
  boolean keepExtracted;

  @Option(
      names = "--archive-dbpath",
      paramLabel = "<path>",
      description = "which dbpath to use when the archive holds several (its path in the archive)")
  String archiveDbpath;

  @Mixin AtlasOptions atlas = new AtlasOptions();

  @Option(
      names = "--atlas-timeout",
      paramLabel = "<duration>",
      description = "how long an atlas:// restore job may take to offer its download (default 2h)")
  String atlasTimeout;

  /**
   * Resolves SOURCE with {@code env} (the wiring's environment); the caller closes the result when
   * its session ends.
   */
  OpenedSource open(
      String source, Sources.Need need, CommandSpec spec, java.util.Map<String, String> env) {
    return Sources.open(
        source,
        new Sources.Options(
            Optional.ofNullable(workDir), keepExtracted, Optional.ofNullable(archiveDbpath)),
        atlas.flags(Optional.ofNullable(atlasTimeout).map(AtlasSettings::parseTimeout)),
        need,
        env,
        spec.commandLine().getErr());
  }
}
