package io.restore.mongod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A mongod configuration file (YAML, {@code --config <file>}) holding the client key's password, so
 * it is not on mongod's command line where every local user can read it ({@code ps}, {@code
 * /proc/<pid>/cmdline}): mongod reads {@code security.kmip.clientCertificatePassword} only from the
 * command line or such a file (mongod's documented configuration file option). Created owner-only
 * (0600) in the session's private folder, which is removed with it when the session ends.
 */
public final class MongodConfigFile {
  private MongodConfigFile() {}

  /**
   * Writes the file; it must not exist yet (a fresh session folder).
   *
   * @throws IOException when the folder cannot be written
   */
  public static Path writeKmipPassword(Path file, String password) throws IOException {
    String yaml =
        "# written by restore for one session; removed when the session ends\n"
            + "security:\n"
            + "  kmip:\n"
            + "    clientCertificatePassword: "
            + quoted(password)
            + "\n";
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, yaml, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    return file;
  }

  /** A YAML double-quoted scalar: backslash, quote and control characters escaped. */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
