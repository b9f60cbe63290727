package io.restore.cluster;

import io.restore.UserText;
import io.restore.dump.Namespace;

/**
 * Why a collection's chunks do not tile [MinKey, MaxKey) exactly once (docs/design/sharding.md,
 * "Chunk coverage"). Each names the collection and the range.
 */
sealed interface CoverageProblem {
  Namespace ns();

  /** A person-readable sentence naming the collection and the range. */
  String describe();

  record NoChunks(Namespace ns) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString()) + " has no chunks";
    }
  }

  record StartsAfterMinKey(Namespace ns, String firstMin) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString()) + ": no chunk covers MinKey up to " + firstMin;
    }
  }

  record EndsBeforeMaxKey(Namespace ns, String lastMax) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString()) + ": no chunk covers " + lastMax + " up to MaxKey";
    }
  }

  record Gap(Namespace ns, String from, String to) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString()) + ": gap, no chunk covers [" + from + ", " + to + ")";
    }
  }

  record Overlap(Namespace ns, String from, String to) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString())
          + ": overlap, more than one chunk covers ["
          + from
          + ", "
          + to
          + ")";
    }
  }

  record EmptyRange(Namespace ns, String min, String max) implements CoverageProblem {
    @Override
    public String describe() {
      return UserText.cap(ns.toString())
          + ": a chunk's min is not below its max: ["
          + min
          + ", "
          + max
          + ")";
    }
  }
}
