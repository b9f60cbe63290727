package io.restore.cli;

import io.restore.kms.Inspection;
import io.restore.kms.KeySourceFlags;
import io.restore.kms.KeySources;
import io.restore.snapshot.Snapshot;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore inspect}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show what a snapshot holds: key id, provider, metadata fields (never values), where the"
          + " encrypted key comes from.",
      "Exits 0 when everything needed to decrypt the key is there."
    })
final class InspectCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  InspectCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(paramLabel = "<source>", description = SourceOptions.SOURCE_HELP)
  String source;

  @Option(
      names = "--decrypt",
      description =
          "Also decrypt the master key and print its SHA-256 fingerprint (never the key).")
  boolean decrypt;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Mixin KeySourceOptions keys;
  @Mixin SourceOptions sources;

  @Override
  public Integer call() {
    KeySourceFlags flags = keys.toFlags(wiring.environment());
    Inspection report;
    // an archive: only its key folders are extracted (Need.METADATA), never the data files
    try (OpenedSource opened =
        sources.open(source, Sources.Need.METADATA, spec, wiring.environment())) {
      Snapshot snapshot = KeySources.openSnapshot(opened.dbpath(), flags);
      report = Inspection.of(snapshot, flags, decrypt);
    }
    spec.commandLine().getOut().print(json ? report.toJson() : report.toText());
    spec.commandLine().getOut().flush();
    if (report.problem().isPresent()) {
      throw report.problem().get();
    }
    return 0;
  }
}
