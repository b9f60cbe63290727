package io.restore.testkit.mongod;

/**
 * What differs between the stand-in as a child process and the stand-in inside a test JVM ({@link
 * StandInProcess}): whether it may take over the JVM's SIGTERM/SIGINT handlers, and what "halt like
 * a crash" means.
 */
interface StandInHost {
  /** True when the stand-in owns its JVM: it installs signal handlers for SIGTERM and SIGINT. */
  boolean ownsJvm();

  /** Ends the stand-in at once with {@code code}, without its shutdown sequence. */
  void halt(int code);

  /** A JVM of its own (testkit/bin/mongod). */
  StandInHost CHILD_PROCESS =
      new StandInHost() {
        @Override
        public boolean ownsJvm() {
          return true;
        }

        @Override
        public void halt(int code) {
          Runtime.getRuntime().halt(code);
        }
      };
}
