package io.restore.cli;

import io.restore.cluster.dump.ClusterDump;
import io.restore.dump.Dumper;
import io.restore.dump.PartedDump;
import io.restore.kms.KeySourceFactory;
import io.restore.mongod.session.SessionRegistry;
import io.restore.output.Console;
import io.restore.process.Launcher;
import io.restore.session.ClusterReady;
import io.restore.session.ClusterSession;
import io.restore.session.ProxySession;
import io.restore.session.RestoreSession;
import io.restore.session.SessionContext;
import io.restore.session.SessionControl;
import io.restore.session.SessionFacts;
import io.restore.session.SessionOutput;
import io.restore.session.StopSignals;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The one place that builds restore's services from the world (docs/design/wiring.md): the
 * environment (a map, read once), the process launcher, the clock, the session-state location, the
 * key sources and how stop signals arrive. picocli creates every command through it ({@link
 * CommandLine.IFactory}), so each command only parses its options, builds a request and calls one
 * service. Tests build a Wiring of their own: their environment, an in-JVM mongod stand-in behind
 * the launcher, stop requests instead of signals.
 */
public final class Wiring implements CommandLine.IFactory {
  private final SessionContext context;
  private final OutputStream stdout;

  public Wiring(SessionContext context, OutputStream stdout) {
    this.context = context;
    this.stdout = stdout;
  }

  /** The product: this process's environment, real processes, OS signals. */
  public static Wiring system() {
    return of(System.getenv(), Launcher.system(), StopSignals::install);
  }

  /**
   * Real key sources, the system clock and the state location that {@code env} names; the rest as
   * given.
   */
  public static Wiring of(
      Map<String, String> env, Launcher launcher, Supplier<StopSignals> signals) {
    return new Wiring(
        new SessionContext(
            env,
            launcher,
            Clock.systemUTC(),
            SessionRegistry.fromEnvironment(env),
            KeySourceFactory.standard(),
            signals),
        System.out);
  }

  public SessionContext context() {
    return context;
  }

  /** The environment, as read once (credentials' defaults come from it too). */
  Map<String, String> environment() {
    return context.environment();
  }

  /**
   * @param uriOnStdout whether a waiting session prints its URI alone on stdout ({@code open
   *     --json} prints one JSON object instead)
   */
  RestoreSession restoreSession(
      PrintWriter out, Console console, SessionFacts facts, boolean uriOnStdout) {
    return new RestoreSession(
        context,
        new SessionOutput(
            out, console, facts, uriOnStdout, context.environment(), context.clock()));
  }

  /**
   * A session over several snapshots, one per component of a sharded cluster.
   *
   * @param onReady {@code open --json}'s printer; empty: one line per component on stdout
   */
  ClusterSession clusterSession(
      PrintWriter out,
      Console console,
      SessionFacts facts,
      java.util.Optional<java.util.function.Consumer<ClusterReady>> onReady) {
    return new ClusterSession(
        context,
        new SessionOutput(out, console, facts, true, context.environment(), context.clock()),
        onReady);
  }

  /** Where this wiring's sessions keep their records (and the session logs beside them). */
  Path stateDir() {
    return context.registry().dir();
  }

  ProxySession proxySession(PrintWriter out, Console console) {
    return new ProxySession(context, out, console);
  }

  /** {@code stateDir}: the hidden {@code --state-dir} flag, else the wiring's location. */
  SessionControl sessions(Path stateDir) {
    return new SessionControl(
        stateDir != null ? new SessionRegistry(stateDir) : context.registry());
  }

  /** The dumper; an archive without a file streams to this wiring's stdout. */
  Dumper dumper() {
    return new Dumper(stdout, context.environment(), context.clock(), context.launcher());
  }

  /** The cluster dump engine; an archive without a file streams to this wiring's stdout. */
  ClusterDump clusterDump() {
    return new ClusterDump(stdout, context.clock(), PartedDump::randomId);
  }

  /** Commands get their services here; options, mixins and converters the default way. */
  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Object made;
    if (cls == OpenCommand.class) {
      made = new OpenCommand(this);
    } else if (cls == DumpCommand.class) {
      made = new DumpCommand(this);
    } else if (cls == ProxyCommand.class) {
      made = new ProxyCommand(this);
    } else if (cls == PsCommand.class) {
      made = new PsCommand(this);
    } else if (cls == StopCommand.class) {
      made = new StopCommand(this);
    } else if (cls == InspectCommand.class) {
      made = new InspectCommand(this);
    } else if (cls == AtlasSnapshotsCommand.class) {
      made = new AtlasSnapshotsCommand(this);
    } else if (cls == MetadataCommand.Wrap.class) {
      made = new MetadataCommand.Wrap(this);
    } else {
      return CommandLine.defaultFactory().create(cls);
    }
    return cls.cast(made);
  }
}
