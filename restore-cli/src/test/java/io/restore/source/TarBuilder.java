package io.restore.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Test archives: made with Commons Compress (any entry, including hostile ones) or with GNU tar
 * (the tool Atlas's own archives resemble). Public for the end-to-end tests in other packages.
 */
public final class TarBuilder {
  private interface Step {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private final List<Step> steps = new ArrayList<>();

  public static TarBuilder create() {
    return new TarBuilder();
  }

  /** Every file and folder of {@code dir}, under {@code prefix} ("" for the top level). */
  public TarBuilder tree(String prefix, Path dir) {
    steps.add(
        tar -> {
          List<Path> paths;
          try (Stream<Path> s = Files.walk(dir)) {
            paths = s.sorted().toList();
          }
          for (Path p : paths) {
            String rel = dir.relativize(p).toString();
            String name = join(prefix, rel);
            if (name.isEmpty()) {
              continue;
            }
            if (Files.isDirectory(p)) {
              TarArchiveEntry e = new TarArchiveEntry(name + "/");
              e.setMode(0755);
              tar.putArchiveEntry(e);
              tar.closeArchiveEntry();
            } else {
              TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name);
              e.setMode(0644);
              tar.putArchiveEntry(e);
              Files.copy(p, tar);
              tar.closeArchiveEntry();
            }
          }
        });
    return this;
  }

  private static String join(String prefix, String rel) {
    if (prefix.isEmpty()) {
      return rel;
    }
    return rel.isEmpty() ? prefix : prefix + "/" + rel;
  }

  public TarBuilder file(String name, byte[] content, int mode) {
    steps.add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, true);
          e.setSize(content.length);
          e.setMode(mode);
          tar.putArchiveEntry(e);
          tar.write(content);
          tar.closeArchiveEntry();
        });
    return this;
  }

  public TarBuilder symlink(String name, String target) {
    return link(name, target, TarConstants.LF_SYMLINK);
  }

  public TarBuilder hardlink(String name, String target) {
    return link(name, target, TarConstants.LF_LINK);
  }

  public TarBuilder special(String name, byte type) {
    steps.add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, type, true);
          tar.putArchiveEntry(e);
          tar.closeArchiveEntry();
        });
    return this;
  }

  private TarBuilder link(String name, String target, byte type) {
    steps.add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, type, true);
          e.setLinkName(target);
          tar.putArchiveEntry(e);
          tar.closeArchiveEntry();
        });
    return this;
  }

  /** Writes a .tar.gz. */
  public Path writeTo(Path out) throws IOException {
    try (OutputStream f = Files.newOutputStream(out);
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(f);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Step s : steps) {
        s.write(tar);
      }
    }
    return out;
  }

  /** {@code tar -czf out -C dir <args...>} with GNU tar. */
  public static Path gnuTar(Path out, Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("tar", "-czf", out.toString(), "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("tar failed: " + output);
    }
    return out;
  }

  /** Relative path → SHA-256 of every regular file under {@code dir}. */
  public static java.util.Map<String, String> digests(Path dir) throws IOException {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try {
          m.put(
              dir.relativize(p).toString(),
              java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Files.readAllBytes(p))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return m;
  }
}
