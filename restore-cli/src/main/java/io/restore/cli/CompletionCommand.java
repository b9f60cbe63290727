package io.restore.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restore completion bash|zsh}: prints the shell completion script picocli generates from
 * the command line itself (the same one the tarball ships in share/), so it never drifts from the
 * options.
 */
@Command(
    name = "completion",
    description = {
      "Print the shell completion script.",
      "bash: source <(restore completion bash)   (or save it as",
      "      ~/.local/share/bash-completion/completions/restore)",
      "zsh:  save it as _restore in a folder of $fpath, or source <(restore completion zsh)"
    })
final class CompletionCommand implements Runnable {
  /** The shells picocli's script works in (zsh through its bash-completion emulation). */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  @Override
  public void run() {
    String bash = AutoComplete.bash("restore", spec.root().commandLine());
    spec.commandLine().getOut().print(shell == Shell.zsh ? zsh(bash) : bash);
    spec.commandLine().getOut().flush();
  }

  /**
   * The bash script wrapped for zsh: a {@code #compdef} file that zsh autoloads from $fpath as the
   * function {@code _restore}, or that .zshrc sources. picocli's script already loads zsh's
   * bashcompinit and registers itself through it; when autoloaded, the first completion also has to
   * answer at once.
   */
  static String zsh(String bash) {
    return "#compdef restore\n"
        + "# zsh completion for restore: picocli's bash completion through zsh's bashcompinit.\n"
        + bash
        + "\n# Autoloaded as _restore (not sourced): answer this first completion too.\n"
        + "[[ ${funcstack[1]:-} == _restore ]] && _bash_complete -F _complete_restore\n";
  }
}
