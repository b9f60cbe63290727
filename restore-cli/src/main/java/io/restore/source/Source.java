package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** What the SOURCE argument names: a snapshot folder, a snapshot archive, or a link to one. */
public sealed interface Source {

  /** How to show the source to a person: a link is shown as host and path, never its query. */
  String describe();

  /** An extracted snapshot folder (or a folder holding one), used in place. */
  record Folder(Path path) implements Source {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  /** A {@code .tar.gz}/{@code .tgz} (or plain {@code .tar}) file, extracted while it is read. */
  record Archive(Path file) implements Source {
    @Override
    public String describe() {
      return file.toString();
    }
  }

  /** An {@code http(s)} link to an archive, extracted straight from the response. */
  record Url(URI uri) implements Source {
    @Override
    public String describe() {
      return Redacted.of(uri);
    }
  }

  /**
   * Reads the argument: a link by its scheme, an archive by its content (the gzip magic or a tar
   * header) or its name, a folder otherwise (a missing folder is reported later by the snapshot).
   */
  static Source parse(String arg) {
    String lower = arg.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        URI uri = new URI(arg);
        if (uri.getHost() == null) {
          throw new URISyntaxException(arg, "no host");
        }
        return new Url(uri);
      } catch (URISyntaxException e) {
        throw new RestoreException(
            ExitCode.USAGE,
            "the snapshot link is not a valid URL (" + e.getReason() + ")",
            "quote the link in the shell ('https://...') so that & and ? reach restore intact");
      }
    }
    Path path;
    try {
      path = Path.of(arg);
    } catch (InvalidPathException e) {
      throw new RestoreException(
          ExitCode.USAGE, "not a path: " + arg, "pass a snapshot folder, archive or link");
    }
    if (Files.isRegularFile(path)
        && (lower.endsWith(".tar.gz")
            || lower.endsWith(".tgz")
            || lower.endsWith(".tar")
            || looksLikeArchive(path))) {
      return new Archive(path);
    }
    return new Folder(path);
  }

  private static boolean looksLikeArchive(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(262);
      boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
      boolean tar =
          head.length >= 262
              && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)
                  .equals("ustar");
      return gzip || tar;
    } catch (IOException e) {
      return false;
    }
  }
}
