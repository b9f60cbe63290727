package io.restore.cli;

import io.restore.RestoreException;
import io.restore.json.Json;
import io.restore.kms.Inspection;
import io.restore.kms.KeySourceFlags;
import io.restore.kms.KeySources;
import io.restore.snapshot.Snapshot;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
          + " encrypted key comes from. Several sources, or an atlas:// sharded cluster: each"
          + " component in turn.",
      "Exits 0 when everything needed to decrypt the key is there."
    })
final class InspectCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  InspectCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(
      arity = "1..*",
      paramLabel = "<source>",
      description =
          SourceOptions.SOURCE_HELP
              + " Several sources: one per component of a sharded cluster, each shown in turn.")
  List<String> sourceArgs = new ArrayList<>();

  @Option(
      names = "--decrypt",
      description =
          "Also decrypt the master key and print its SHA-256 fingerprint (never the key).")
  boolean decrypt;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Mixin KeySourceOptions keys;
  @Mixin SourceOptions sources;

  /** One source's report and how messages name it. */
  private record Shown(String source, Inspection report) {}

  @Override
  public Integer call() {
    KeySourceFlags flags = keys.toFlags(wiring.environment());
    List<SourceTarget> targets = sources.resolve(sourceArgs, spec, wiring.environment());
    List<Shown> reports = new ArrayList<>();
    for (SourceTarget t : targets) {
      // an archive: only its key folders are extracted (Need.METADATA), never the data files
      try (OpenedSource opened =
          sources.open(t, Sources.Need.METADATA, spec, wiring.environment())) {
        Snapshot snapshot = KeySources.openSnapshot(opened.dbpath(), flags);
        reports.add(new Shown(t.shown(), Inspection.of(snapshot, flags, decrypt)));
      } catch (RestoreException e) {
        throw targets.size() == 1 ? e : naming(t.shown(), e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(reports.size() == 1 ? one(reports.get(0).report()) : several(reports));
    out.flush();
    Optional<Shown> failed =
        reports.stream().filter(r -> r.report().problem().isPresent()).findFirst();
    if (failed.isPresent()) {
      RestoreException p = failed.get().report().problem().get();
      throw reports.size() == 1 ? p : naming(failed.get().source(), p);
    }
    return 0;
  }

  private String one(Inspection report) {
    return json ? report.toJson() : report.toText();
  }

  /**
   * Each component's report: in text under a line naming its source; in JSON as {@code components},
   * each with its {@code source} (docs/json-output.md).
   */
  private String several(List<Shown> reports) {
    if (!json) {
      StringBuilder b = new StringBuilder();
      for (Shown r : reports) {
        b.append(b.length() == 0 ? "" : "\n").append("source ").append(r.source()).append('\n');
        b.append(r.report().toText());
      }
      return b.toString();
    }
    List<Object> components = new ArrayList<>();
    for (Shown r : reports) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", r.source());
      m.putAll(r.report().toMap());
      components.add(m);
    }
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("components", components);
    all.put("ok", reports.stream().allMatch(r -> r.report().problem().isEmpty()));
    return Json.write(all);
  }

  private static RestoreException naming(String source, RestoreException e) {
    return new RestoreException(
        e.exitCode(), "component " + source + ": " + e.getMessage(), e.nextStep(), e);
  }
}
