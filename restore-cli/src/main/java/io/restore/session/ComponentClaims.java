package io.restore.session;

import io.restore.mongod.session.SessionClaim;
import io.restore.mongod.session.SessionRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * One claim per component's dbpath in the session registry (one session per dbpath, as for a single
 * snapshot): {@code restore ps} lists each component's mongod. Closing releases them all.
 */
final class ComponentClaims implements AutoCloseable {
  private final List<SessionClaim> claims = new ArrayList<>();

  private ComponentClaims() {}

  static ComponentClaims claim(SessionRegistry registry, List<ClusterComponent> components) {
    ComponentClaims out = new ComponentClaims();
    try {
      for (ClusterComponent c : components) {
        out.claims.add(SessionSteps.claim(registry, c.dbpath()));
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** The claim of the component with this index. */
  SessionClaim get(int index) {
    return claims.get(index);
  }

  @Override
  public void close() {
    for (int i = claims.size() - 1; i >= 0; i--) {
      claims.get(i).close();
    }
  }
}
