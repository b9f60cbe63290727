package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.kms.KeySourceFlags;
import io.restore.kms.MetadataWrap;
import io.restore.snapshot.MetadataEdit;
import io.restore.snapshot.Provider;
import io.restore.snapshot.UntrustedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code restore metadata set|wrap}: edit a snapshot's metadata file. */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description = "Edit a snapshot's cloudProviderCredentials metadata file (docs/metadata.md).",
    subcommands = {MetadataCommand.Set.class, MetadataCommand.Wrap.class})
final class MetadataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * Reads {@code @file} values (trailing newline dropped); {@code @@x} is the literal {@code @x}.
   */
  static String value(String field, String raw) {
    if (raw.startsWith("@@")) {
      return raw.substring(1);
    }
    if (!raw.startsWith("@")) {
      return raw;
    }
    Path p;
    try {
      p = Path.of(raw.substring(1));
    } catch (java.nio.file.InvalidPathException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "the file after '@' for field " + field + " is not a usable path",
          "check the path after '@'");
    }
    // The same checks as for files a snapshot names: a FIFO or /dev/zero must not hang or fill
    // memory (docs/troubleshooting.md, code 3).
    byte[] bytes = UntrustedFile.read(p, "file for field " + field, UntrustedFile.METADATA_MAX);
    try {
      String s = new String(bytes, StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Set fields of the metadata file in place: restore metadata set <dbpath> --<field> <value>"
            + " ...",
        "Atomic (temp file + rename), owner-only permissions, other fields kept. A value @<file>"
            + " reads the file (e.g. --serviceAccountKey @key.json). Values given as arguments"
            + " show in the process list: prefer @<file> for secrets."
      })
  static final class Set implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dbpath>", description = "The extracted snapshot.")
    Path dbpath;

    @Option(names = "--key-id", paramLabel = "<uid>", description = "The key, when several.")
    String keyId;

    @Option(
        names = {"--cloud-provider", "--provider"},
        paramLabel = "<aws|azure|gcp|local>",
        description = "Which metadata file; creates it when the snapshot has none.")
    String provider;

    @Unmatched List<String> assignments = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, String> fields = parse(assignments);
      MetadataEdit.Result r =
          MetadataEdit.set(
              dbpath,
              Optional.ofNullable(keyId),
              Optional.ofNullable(provider).map(MetadataCommand::provider),
              KeySourceOptions.typed(spec, "--cloud-provider", "--provider"),
              fields);
      var out = spec.commandLine().getOut();
      out.printf(
          "%s %s: set %s (other fields kept, owner-only permissions)%n",
          r.created() ? "created" : "updated", r.file(), String.join(", ", r.set()));
      if (!r.unknownFields().isEmpty()) {
        List<String> notes = r.unknownFields();
        out.printf(
            "note: %s %s not read by restore for %s (kept anyway)%n",
            String.join(", ", notes), notes.size() == 1 ? "is" : "are", r.provider().id());
      }
      out.flush();
      return 0;
    }

    static Map<String, String> parse(List<String> args) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--") || a.length() < 3) {
          throw new RestoreException(
              ExitCode.USAGE,
              "expected --<field> <value>, got an argument that is not a field name",
              "write 'restore metadata set <dbpath> --accessKeyId <id> --secretAccessKey @file'");
        }
        String name;
        String v;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(2, eq);
          v = a.substring(eq + 1);
        } else {
          name = a.substring(2);
          if (i + 1 >= args.size()) {
            throw new RestoreException(
                ExitCode.USAGE,
                "field --" + name + " has no value",
                "write --" + name + " <value>, or --" + name + "=<value>");
          }
          v = args.get(++i);
        }
        fields.put(name, value(name, v));
      }
      if (fields.isEmpty()) {
        throw new RestoreException(
            ExitCode.USAGE,
            "no field to set",
            "write 'restore metadata set <dbpath> --<field> <value> ...' (docs/metadata.md lists"
                + " the fields)");
      }
      return fields;
    }
  }

  @Command(
      name = "wrap",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypt a master key with a cloud KMS key and write the metadata file with it"
            + " (encryptedKey): builds samples and re-keys snapshots.",
        "restore metadata wrap <dbpath> --provider aws --key-file master.key --field"
            + " customerMasterKeyId=<arn> --field region=us-east-1 ..."
      })
  static final class Wrap implements Callable<Integer> {
    private final Wiring wiring;

    @Spec CommandSpec spec;

    Wrap(Wiring wiring) {
      this.wiring = wiring;
    }

    @Parameters(paramLabel = "<dbpath>", description = "The extracted snapshot.")
    Path dbpath;

    @Option(
        names = "--field",
        paramLabel = "<name=value>",
        description = "A metadata field to write first (key coordinates, credentials); repeatable.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Mixin KeySourceOptions keys;

    @Override
    public Integer call() {
      KeySourceFlags flags = keys.toFlags(wiring.environment());
      Provider p =
          flags
              .cloudProvider()
              .map(KeySourceFlags.ProviderFlag::provider)
              .orElseThrow(
                  () ->
                      new RestoreException(
                          ExitCode.USAGE,
                          "'restore metadata wrap' needs --provider",
                          "pass --provider aws, azure, gcp or local"));
      Map<String, String> values = new LinkedHashMap<>();
      fields.forEach((k, v) -> values.put(k, value(k, v)));
      MetadataWrap.Result r = MetadataWrap.wrap(dbpath, p, values, flags);
      spec.commandLine()
          .getOut()
          .printf(
              "%s %s: master key (SHA-256 fingerprint %s) %s%n",
              r.created() ? "created" : "updated",
              r.metadataFile(),
              r.fingerprint(),
              p == Provider.LOCAL ? "referenced by keyFile" : "encrypted with " + p.displayName());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static Provider provider(String name) {
    return Provider.fromId(name)
        .orElseThrow(
            () ->
                new RestoreException(
                    ExitCode.USAGE,
                    "unknown provider '" + UserText.cap(name) + "'",
                    "pass aws, azure, gcp or local"));
  }
}
