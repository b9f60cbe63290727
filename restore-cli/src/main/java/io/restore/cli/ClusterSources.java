package io.restore.cli;

import io.restore.session.ClusterRequest;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Several SOURCEs (one per component of a sharded cluster), each resolved to its dbpath as a single
 * source is ({@link SourceOptions#open}); closing removes every work folder. When one source fails,
 * the ones already opened are cleaned up before the error leaves.
 */
final class ClusterSources implements AutoCloseable {
  private final List<OpenedSource> opened = new ArrayList<>();
  private final List<ClusterRequest.Source> resolved = new ArrayList<>();

  private ClusterSources() {}

  static ClusterSources open(
      List<String> args, SourceOptions options, CommandSpec spec, Map<String, String> env) {
    ClusterSources out = new ClusterSources();
    try {
      for (String arg : args) {
        OpenedSource s = options.open(arg, Sources.Need.SNAPSHOT, spec, env);
        out.opened.add(s);
        out.resolved.add(new ClusterRequest.Source(Sources.describe(arg), s.dbpath()));
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  List<ClusterRequest.Source> sources() {
    return List.copyOf(resolved);
  }

  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }
}
