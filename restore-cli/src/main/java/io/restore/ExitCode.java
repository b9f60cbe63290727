package io.restore;

/**
 * Every exit code {@code restore} uses, with its meaning. One source for the code, the usage help
 * and docs/troubleshooting.md. {@code restore open --exec} exits with the command's own code
 * instead.
 */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "the job failed (details on stderr)"),
  USAGE(2, "bad command line: an unknown option, or a missing or invalid value"),
  SNAPSHOT(3, "the snapshot or its metadata is missing, unreadable or inconsistent"),
  KMS(4, "the master key could not be decrypted (credentials, permissions, network, wrong key)"),
  MONGOD_UNUSABLE(5, "no usable mongod: missing binary, Community build, or unsupported version"),
  MONGOD_FAILED(6, "mongod failed to start, or exited during the session"),
  PORT_IN_USE(7, "a port given on the command line is already taken"),
  SESSION_CONFLICT(8, "another restore session is using this dbpath"),
  DUMP_FAILED(9, "the dump failed or did not verify; no complete-looking output was left"),
  KMIP(10, "the KMIP server could not start or serve the key"),
  ATLAS(
      11,
      "the Atlas Administration API refused or failed (credentials, role, access list, restore"
          + " job)"),
  INTERNAL(70, "internal error (a bug: please report it with the file it names)"),
  INTERRUPTED(130, "interrupted by Ctrl-C or SIGTERM; everything was torn down");

  private final int value;
  private final String meaning;

  ExitCode(int value, String meaning) {
    this.value = value;
    this.meaning = meaning;
  }

  public int value() {
    return value;
  }

  public String meaning() {
    return meaning;
  }
}
