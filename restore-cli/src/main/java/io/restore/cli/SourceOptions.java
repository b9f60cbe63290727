package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
import io.restore.source.atlas.AtlasFlags;
import io.restore.source.atlas.AtlasSettings;
import io.restore.source.atlas.AtlasUri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
          + " snapshot, fetched through the Atlas API; a sharded cluster's: every component, and"
          + " then the only source); archives are extracted as they are read and removed"
          + " afterwards.";

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

  @Option(
      names = "--atlas-new-job",
      description =
          "ask Atlas for a new download restore job even when one for the same snapshot still has"
              + " a valid link (default: reuse it)")
  boolean atlasNewJob;

  /**
   * Resolves the SOURCE words with {@code env} (the wiring's environment): each as given, an
   * atlas:// source through the Atlas API into its link(s), one per component of a sharded cluster.
   * Refused first, before any Atlas call: an atlas:// source among others (it is a whole cluster
   * already), and Atlas flags without an atlas:// source (they would be ignored).
   */
  List<SourceTarget> resolve(List<String> words, CommandSpec spec, Map<String, String> env) {
    checkAtlasUse(words);
    List<SourceTarget> out = new ArrayList<>();
    for (String w : words) {
      out.addAll(Sources.resolve(w, atlasFlags(), env, spec.commandLine().getErr()));
    }
    return List.copyOf(out);
  }

  /** Opens one resolved target; the caller closes the result when its session ends. */
  OpenedSource open(
      SourceTarget target, Sources.Need need, CommandSpec spec, Map<String, String> env) {
    return Sources.open(target, options(), need, env, spec.commandLine().getErr());
  }

  /** As {@link #open(SourceTarget, Sources.Need, CommandSpec, Map)}, beside others at once. */
  OpenedSource openAlongsideOthers(
      SourceTarget target, Sources.Need need, CommandSpec spec, Map<String, String> env) {
    return Sources.openAlongsideOthers(target, options(), need, env, spec.commandLine().getErr());
  }

  /**
   * Resolves and opens a SOURCE that must be one replica set's snapshot (proxy); the caller closes
   * the result when its session ends.
   */
  OpenedSource open(String source, Sources.Need need, CommandSpec spec, Map<String, String> env) {
    checkAtlasUse(List.of(source));
    return Sources.open(source, options(), atlasFlags(), need, env, spec.commandLine().getErr());
  }

  private Sources.Options options() {
    return new Sources.Options(
        Optional.ofNullable(workDir), keepExtracted, Optional.ofNullable(archiveDbpath));
  }

  private AtlasFlags atlasFlags() {
    return atlas.flags(
        Optional.ofNullable(atlasTimeout).map(AtlasSettings::parseTimeout), atlasNewJob);
  }

  private void checkAtlasUse(List<String> words) {
    long fromAtlas = words.stream().filter(AtlasUri::isAtlas).count();
    if (fromAtlas > 0 && words.size() > 1) {
      throw new RestoreException(
          ExitCode.USAGE,
          "an atlas:// source cannot be combined with other sources: it is a whole cluster's"
              + " snapshot already (every component of a sharded cluster)",
          "give the atlas:// source alone, or every component's folder, archive or link");
    }
    List<String> flags = new ArrayList<>(atlas.given());
    if (atlasTimeout != null) {
      flags.add("--atlas-timeout");
    }
    if (atlasNewJob) {
      flags.add("--atlas-new-job");
    }
    if (fromAtlas == 0 && !flags.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          String.join(", ", flags)
              + (flags.size() == 1 ? " applies" : " apply")
              + " to an atlas:// source only, and none was given",
          "leave "
              + (flags.size() == 1 ? "it" : "them")
              + " out, or give the snapshot as atlas://<projectId>/<cluster>[/<snapshotId>]");
    }
  }
}
