package io.restore.cli;

import io.restore.RestoreException;
import io.restore.session.ClusterRequest;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The components of a sharded cluster (several SOURCEs, or one atlas:// source whose job lists
 * several), each resolved to its dbpath as a single source is ({@link SourceOptions#open}); closing
 * removes every work folder. When one source fails, the ones already opened are cleaned up before
 * the error leaves.
 */
final class ClusterSources implements AutoCloseable {
  private final List<OpenedSource> opened = new ArrayList<>();
  private final List<ClusterRequest.Source> resolved = new ArrayList<>();

  private ClusterSources() {}

  static ClusterSources open(
      List<SourceTarget> targets,
      SourceOptions options,
      CommandSpec spec,
      Map<String, String> env) {
    ClusterSources out = new ClusterSources();
    try {
      for (SourceTarget t : targets) {
        OpenedSource s;
        try {
          s = options.open(t, Sources.Need.SNAPSHOT, spec, env);
        } catch (RestoreException e) {
          throw naming(t, e);
        }
        out.opened.add(s);
        out.resolved.add(new ClusterRequest.Source(t.shown(), s.dbpath()));
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * An Atlas component's link says little (a token folder and a file name): its error names the
   * component and the job. A SOURCE given on the command line is named by its own message.
   */
  private static RestoreException naming(SourceTarget t, RestoreException e) {
    if (t.component().isEmpty()) {
      return e;
    }
    return new RestoreException(
        e.exitCode(), "component " + t.shown() + ": " + e.getMessage(), e.nextStep(), e);
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
