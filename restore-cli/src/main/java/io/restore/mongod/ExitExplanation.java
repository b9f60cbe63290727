package io.restore.mongod;

import io.restore.ExitCode;
import java.util.OptionalInt;

/**
 * What a mongod exit code means for a person, and what to do next (docs/design/atlas-snapshot.md
 * "Exit codes to explain"; MongoDB's exitCode reference). Log ids sharpen the guess when the code
 * alone is ambiguous.
 */
public record ExitExplanation(String meaning, String nextStep, ExitCode exitCode) {

  // mongod log ids (MongoDB server source, logv2 ids)
  static final int LOG_WAITING_FOR_CONNECTIONS = 23016;
  static final int LOG_LISTENER_ERROR = 22856;
  static final int LOG_KMIP_CONNECT_FAILED = 24240;
  static final int LOG_KMIP_FAILED = 24241;
  static final int LOG_WRONG_VERSION = 20573;

  /** Explains an exit (empty = the process has not exited) in the light of its log. */
  public static ExitExplanation of(OptionalInt exit, MongodLog log) {
    boolean kmip = log.contains(LOG_KMIP_CONNECT_FAILED) || log.contains(LOG_KMIP_FAILED);
    if (exit.isEmpty()) {
      if (kmip) {
        return kmip();
      }
      return new ExitExplanation(
          "mongod is still running",
          "see the log file for what it is doing",
          ExitCode.MONGOD_FAILED);
    }
    int code = exit.getAsInt();
    switch (code) {
      case 0:
        return new ExitExplanation(
            "mongod exited cleanly (code 0)",
            "something asked it to shut down; start the session again if that was not you",
            ExitCode.MONGOD_FAILED);
      case 2:
        return new ExitExplanation(
            "mongod rejected its command line (code 2: bad options). A MongoDB Community build does"
                + " this on --enableEncryption; an option passed with --mongod-arg may also be"
                + " unknown to this version",
            "use MongoDB Enterprise (--mongod PATH; "
                + MongodBinary.WHERE_TO_GET
                + ") and check any --mongod-arg values against this mongod's --help",
            ExitCode.MONGOD_UNUSABLE);
      case 14:
        if (kmip) {
          return kmip();
        }
        return new ExitExplanation(
            "mongod stopped abruptly (code 14: an unrecoverable error, e.g. it could not get the"
                + " master key over KMIP or the encrypted data did not match the key)",
            "read the log lines above; if they mention KMIP or the keystore, check that the"
                + " snapshot's key.store matches the master key you supplied",
            ExitCode.MONGOD_FAILED);
      case 48:
        return new ExitExplanation(
            "mongod could not listen on its port (code 48, log id 22856): the port is already in"
                + " use or the --bind-ip address does not exist on this machine",
            "leave out --mongod-port (restore then lets mongod pick a free port), or choose another one",
            ExitCode.PORT_IN_USE);
      case 62:
        return new ExitExplanation(
            "mongod refused the data files (code 62, log id 20573): they were written by a MongoDB"
                + " version (or feature compatibility version) this mongod cannot open",
            "use a mongod of the snapshot's major version or the next one (--mongod PATH)",
            ExitCode.MONGOD_UNUSABLE);
      case 100:
        return new ExitExplanation(
            "mongod stopped on an uncaught error (code 100); most often the dbpath is locked by"
                + " another mongod (mongod.lock), is not writable, or is not a mongod data directory",
            "stop any other mongod using this dbpath (restore ps; restore stop <dbpath>), check"
                + " permissions, and check that the path is the extracted snapshot directory",
            ExitCode.MONGOD_FAILED);
      case 128 + 9:
        return new ExitExplanation(
            "mongod was killed with SIGKILL (code 137), perhaps by the kernel's out-of-memory killer",
            "check `dmesg` for the OOM killer and free memory; the data files may need a repair",
            ExitCode.MONGOD_FAILED);
      case 128 + 15:
        return new ExitExplanation(
            "mongod was stopped by SIGTERM (code 143) from outside restore",
            "start the session again if that was not intended",
            ExitCode.MONGOD_FAILED);
      case 128 + 6:
        return new ExitExplanation(
            "mongod aborted (code 134, a fatal assertion)",
            "read the log lines above; report them with the MongoDB version if unclear",
            ExitCode.MONGOD_FAILED);
      default:
        return new ExitExplanation(
            "mongod exited with code " + code,
            "read the log lines above and the full log file",
            ExitCode.MONGOD_FAILED);
    }
  }

  private static ExitExplanation kmip() {
    return new ExitExplanation(
        "mongod could not get the master key from restore's KMIP server (log ids 24240/24241)",
        "this is a restore bug or a local network block on 127.0.0.1; rerun with the log file"
            + " and report it",
        ExitCode.KMIP);
  }
}
