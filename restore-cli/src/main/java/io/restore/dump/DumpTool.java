package io.restore.dump;

/** Who writes the dump: our built-in dumper, or the real mongodump when the user asks. */
public enum DumpTool {
  BUILTIN,
  MONGODUMP
}
