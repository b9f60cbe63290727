package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A local archive's bytes. A failure to read the file itself (an I/O error, not bad content)
 * becomes its own message, so that archive-format errors below are never blamed on the disk.
 */
final class SourceFileStream extends FilterInputStream {
  private final Path file;

  SourceFileStream(Path file) throws IOException {
    super(new FileInputStream(file.toFile()));
    this.file = file;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private RestoreException failed(IOException e) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "cannot read " + file + ": " + e.getMessage(),
        "check the disk and the file (ls -l " + file + ")",
        e);
  }
}
