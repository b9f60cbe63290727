package io.restore.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} for people: options under headings (what to open, mongod, key source and
 * credentials, certificates, the job, the dump, output) instead of one long list, and the
 * environment variables restore reads in the footer of {@code restore --help}. Only the rendering
 * changes: the options stay where they are declared.
 */
final class HelpLayout {
  static final String SNAPSHOT = "What to open:";
  static final String MONGOD = "mongod:";
  static final String KEYS = "Key source and credentials:";
  static final String CERTS = "KMIP server and certificates:";
  static final String ATLAS = "Atlas API (atlas:// sources):";
  static final String JOB = "The job:";
  static final String DUMP = "Dump:";
  static final String OUTPUT = "Output:";
  static final String OTHER = "Options:";

  /** Headings in the order they are shown. */
  static final List<String> ORDER =
      List.of(SNAPSHOT, ATLAS, OTHER, MONGOD, KEYS, CERTS, JOB, DUMP, OUTPUT);

  /** Every environment variable restore (or scripts/restore) reads; also docs/environment.md. */
  static final String[] ENVIRONMENT = {
    "",
    "Environment:",
    "  RESTORE_MONGOD            mongod binary when --mongod is not given (else PATH)",
    "  RESTORE_STATE_DIR         session records (ps, stop) and session logs",
    "                            (default: ~/.local/state/restore/sessions)",
    "  RESTORE_SHUTDOWN_TIMEOUT  seconds mongod may take to exit, per shutdown step (120)",
    "  RESTORE_AWS_ACCESS_KEY_ID, RESTORE_AWS_SECRET_ACCESS_KEY, RESTORE_AWS_SESSION_TOKEN",
    "                            AWS credentials, instead of flags seen in the process list",
    "  RESTORE_AZURE_CLIENT_SECRET  Azure client secret, likewise",
    "  RESTORE_WORK_DIR          where archives and links are extracted (else temp)",
    "  RESTORE_DOWNLOAD_TIMEOUT  seconds a download may take to connect or stall",
    "  RESTORE_PARALLEL_DOWNLOADS  components downloaded at once, sharded clusters (4)",
    "  MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET  Atlas service account",
    "  MONGODB_ATLAS_PUBLIC_API_KEY, MONGODB_ATLAS_PRIVATE_API_KEY  Atlas API key",
    "  MONGODB_ATLAS_OPS_MANAGER_URL  Atlas API base URL (default https://cloud.mongodb.com)",
    "  RESTORE_ATLAS_POLL_INTERVAL  seconds before the first restore-job poll (5)",
    "  RESTORE_TIMINGS           any value: status lines show milliseconds since start",
    "  RESTORE_JAVA_OPTS         extra JVM options (scripts/restore)",
    "  RESTORE_CDS               0: no class data sharing archive (scripts/restore)",
    "  XDG_RUNTIME_DIR           where private session folders go (else the temp folder)",
    "  NO_COLOR, TERM=dumb       no colour; TERM=dumb also no lines redrawn in place",
    "  Set for --exec commands:  MONGODB_URI, RESTORE_KMIP_PORT, RESTORE_DBPATH",
    "    several sources:        MONGODB_URI_CONFIG, MONGODB_URI_<SHARD>, RESTORE_COMPONENTS_JSON",
    "See docs/environment.md."
  };

  private HelpLayout() {}

  static void apply(CommandLine root) {
    List<String> footer = new ArrayList<>(List.of(root.getCommandSpec().usageMessage().footer()));
    footer.addAll(List.of(ENVIRONMENT));
    root.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    grouped(root);
  }

  private static void grouped(CommandLine cmd) {
    // "restore open [OPTIONS] [<dbpath>] [CMD...]": the grouped list below has the options.
    cmd.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    cmd.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, h -> "");
    cmd.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    cmd.getSubcommands().values().forEach(HelpLayout::grouped);
  }

  /** The option list, one block per heading; empty headings are left out. */
  static String options(Help help) {
    Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
    ORDER.forEach(h -> groups.put(h, new ArrayList<>()));
    for (OptionSpec o : help.commandSpec().options()) {
      if (!o.hidden()) {
        groups.get(heading(help.commandSpec().name(), o.longestName())).add(o);
      }
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<OptionSpec>> g : groups.entrySet()) {
      if (g.getValue().isEmpty()) {
        continue;
      }
      Help.Layout layout = help.createDefaultLayout();
      for (OptionSpec o : g.getValue()) {
        layout.addOption(o, help.createDefaultParamLabelRenderer());
      }
      b.append(String.format("%n%s%n", g.getKey())).append(layout);
    }
    return b.toString();
  }

  private static final Set<String> DUMP_OPTIONS = longNames(new DumpOptions());
  private static final Set<String> KEY_OPTIONS = longNames(new KeySourceOptions());
  private static final Set<String> MONGOD_OPTIONS = longNames(new MongodOptions());
  private static final Set<String> PKI_OPTIONS = longNames(new PkiOptionsMixin());

  private static Set<String> longNames(Object options) {
    return CommandSpec.forAnnotatedObject(options).options().stream()
        .map(OptionSpec::longestName)
        .collect(Collectors.toSet());
  }

  /** Which heading an option of {@code command} goes under, by its longest name. */
  static String heading(String command, String name) {
    if (name.equals("--bind-ip")) {
      return command.equals("proxy") ? CERTS : MONGOD;
    }
    if (name.startsWith("--atlas-")) {
      return ATLAS;
    }
    if (name.equals("--key-id") || name.equals("--cloud-provider") || name.equals("--uri")) {
      return SNAPSHOT;
    }
    if (MONGOD_OPTIONS.contains(name) || name.equals("--mongod-port")) {
      return MONGOD;
    }
    if (KEY_OPTIONS.contains(name)) {
      return KEYS;
    }
    if (PKI_OPTIONS.contains(name)
        || name.equals("--cert-dir")
        || name.equals("--keep-certs")
        || name.equals("--kmip-port")
        || name.equals("--allow-remote")) {
      return CERTS;
    }
    if (name.equals("--exec") || name.equals("--dump-to")) {
      return JOB;
    }
    if (name.equals("--summary-json")) {
      return OUTPUT;
    }
    if (DUMP_OPTIONS.contains(name)) {
      return DUMP;
    }
    if (name.equals("--quiet")
        || name.equals("--verbose")
        || name.equals("--log-level")
        || name.equals("--json")
        || name.equals("--help")
        || name.equals("--version")) {
      return OUTPUT;
    }
    return OTHER;
  }
}
