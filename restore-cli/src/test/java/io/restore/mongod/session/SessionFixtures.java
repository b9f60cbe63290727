package io.restore.mongod.session;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what a killed restore leaves behind: a record and no lock holder. For tests only. */
public final class SessionFixtures {
  private SessionFixtures() {}

  public static void leaveRecord(SessionRegistry registry, SessionRecord r) throws Exception {
    Files.createDirectories(registry.dir());
    registry.write(SessionRegistry.canonical(r.dbpath()), r);
  }

  public static Path recordFile(SessionRegistry registry, Path dbpath) {
    return registry.recordFile(SessionRegistry.canonical(dbpath));
  }
}
