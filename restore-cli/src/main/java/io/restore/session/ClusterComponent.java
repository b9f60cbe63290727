package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeyPlan;
import io.restore.kms.KeySources;
import io.restore.mongod.session.SessionRegistry;
import io.restore.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One component of a sharded cluster's set as {@link ClusterSession} knows it before anything runs
 * (step 1): its snapshot read and its key settings planned.
 *
 * @param index its place among the SOURCEs (its mongod's log is {@code mongod-<index+1>.log})
 * @param shown how messages name it
 */
record ClusterComponent(int index, String shown, Path dbpath, KeyPlan keys) {

  /**
   * Reads every snapshot and settles its key settings; refuses the same dbpath given twice and a
   * fixed mongod port (N mongods cannot share one).
   */
  static List<ClusterComponent> plan(ClusterRequest r, SessionOutput output) {
    if (r.shared().mongod().port() != 0) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--mongod-port " + r.shared().mongod().port() + " cannot be used with several sources",
          "leave it out: each component's mongod gets a free port, printed when it is ready");
    }
    List<ClusterComponent> out = new ArrayList<>();
    Map<Path, String> seen = new HashMap<>();
    for (ClusterRequest.Source s : r.components()) {
      Path canonical = SessionRegistry.canonical(s.dbpath());
      String before = seen.putIfAbsent(canonical, s.shown());
      if (before != null) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "the same snapshot is given twice: " + before + " and " + s.shown(),
            "give one snapshot per component of the cluster: the config server and every shard");
      }
      KeyPlan plan;
      try {
        plan = KeySources.plan(s.dbpath(), r.shared().keys());
      } catch (RestoreException e) {
        throw naming(s.shown(), e);
      }
      Snapshot snapshot = plan.snapshot();
      plan.warnings().forEach(w -> output.status("warning: " + s.shown() + ": " + w));
      out.add(new ClusterComponent(out.size(), s.shown(), snapshot.dbpath(), plan));
    }
    output.status(out.size() + " snapshots read");
    return out;
  }

  /** The same error, saying which component it is about. */
  static RestoreException naming(String shown, RestoreException e) {
    return new RestoreException(
        e.exitCode(), "component " + shown + ": " + e.getMessage(), e.nextStep(), e);
  }
}
