package io.restore.dist;

import io.restore.cli.Main;
import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc man pages of {@code restore} and its sub-commands (restore.adoc,
 * restore-open.adoc, ...) with picocli-codegen's generator, from the same fully configured command
 * line the product runs (so the exit-code list is in it). The build renders them to troff
 * (asciidoctor's manpage backend).
 */
public final class ManPage {
  private ManPage() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPage <output directory>");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IOException("cannot create " + out);
    }
    int exit =
        ManPageGenerator.generateManPage(
            out, null, new boolean[0], true, Main.commandLine().getCommandSpec());
    if (exit != 0) {
      throw new IOException("the man page generator failed (exit " + exit + ")");
    }
  }
}
