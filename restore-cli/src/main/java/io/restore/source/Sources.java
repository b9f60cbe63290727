package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.source.atlas.AtlasDelivery;
import io.restore.source.atlas.AtlasFlags;
import io.restore.source.atlas.AtlasSource;
import io.restore.source.atlas.AtlasUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one place where the SOURCE argument of {@code open}, {@code dump}, {@code inspect} and {@code
 * proxy} becomes a dbpath plus its cleanup (docs/design/sources.md). Commands call {@link #open}
 * and close the result when the session ends.
 */
public final class Sources {
  /** The folder under which work folders are created when --work-dir is not given. */
  public static final String WORK_DIR_ENV = "RESTORE_WORK_DIR";

  /** What the command needs from an archive. */
  public enum Need {
    /** the whole dbpath (open, dump, proxy) */
    SNAPSHOT,
    /** only key.store/ and cloudProviderCredentials/ (inspect): data files are not extracted */
    METADATA
  }

  /** The source options of the command line. */
  public record Options(
      Optional<Path> workDir, boolean keepExtracted, Optional<String> archiveDbpath) {}

  private final Map<String, String> env;
  private final PrintWriter err;
  private final FreeSpace free;
  private final DownloadSettings download;
  private final Optional<SSLContext> tls;
  private final boolean plainProgress;

  Sources(Map<String, String> env, PrintWriter err, FreeSpace free, DownloadSettings download) {
    this(env, err, free, download, Optional.empty(), false);
  }

  Sources(
      Map<String, String> env,
      PrintWriter err,
      FreeSpace free,
      DownloadSettings download,
      Optional<SSLContext> tls,
      boolean plainProgress) {
    this.env = env;
    this.err = err;
    this.free = free;
    this.download = download;
    this.tls = tls;
    this.plainProgress = plainProgress;
  }

  public static OpenedSource open(
      String arg, Options options, Need need, Map<String, String> env, PrintWriter err) {
    return open(arg, options, AtlasFlags.none(), need, env, err);
  }

  /**
   * As above, for a command that opens one replica set's snapshot: an {@code atlas://} SOURCE is
   * first resolved through the Atlas Administration API to its download link ({@link AtlasSource}),
   * which is then read like any link; a sharded cluster's is refused listing its components.
   */
  public static OpenedSource open(
      String arg,
      Options options,
      AtlasFlags atlas,
      Need need,
      Map<String, String> env,
      PrintWriter err) {
    List<SourceTarget> targets = resolve(arg, atlas, env, err);
    if (targets.size() > 1) {
      throw shardedForOneSnapshot(targets);
    }
    return open(targets.get(0), options, need, env, err);
  }

  /**
   * What a SOURCE argument is to open: itself, or for {@code atlas://} the link(s) of a download
   * job the Atlas Administration API was asked for (one per component of a sharded cluster, in the
   * job's order). A job that can still deliver the same snapshot is reused (docs/atlas-api.md).
   */
  public static List<SourceTarget> resolve(
      String arg, AtlasFlags atlas, Map<String, String> env, PrintWriter err) {
    if (!AtlasUri.isAtlas(arg)) {
      return List.of(SourceTarget.of(Source.parse(arg)));
    }
    AtlasDelivery d = AtlasSource.of(atlas, env, err).resolve(AtlasUri.parse(arg));
    if (d instanceof AtlasDelivery.Single one) {
      Source.Url url = new Source.Url(one.url());
      return List.of(
          new SourceTarget(url, url.describe(), Optional.of(one.tls()), Optional.empty()));
    }
    AtlasDelivery.Sharded s = (AtlasDelivery.Sharded) d;
    List<SourceTarget> out = new ArrayList<>();
    for (AtlasDelivery.Component c : s.components()) {
      out.add(
          new SourceTarget(
              new Source.Url(c.url()),
              c.replicaSetName() + " (Atlas restore job " + s.jobId() + ")",
              Optional.of(s.tls()),
              Optional.of(c.replicaSetName())));
    }
    return List.copyOf(out);
  }

  /** Opens one target: its dbpath, extracted into a work folder unless it is a folder. */
  public static OpenedSource open(
      SourceTarget target, Options options, Need need, Map<String, String> env, PrintWriter err) {
    return new Sources(
            env,
            err,
            FreeSpace.ofFileSystem(),
            DownloadSettings.fromEnvironment(env),
            target.tls(),
            false)
        .open(target.source(), options, need);
  }

  /**
   * As {@link #open(SourceTarget, Options, Need, Map, PrintWriter)}, for one of several targets
   * opened at the same time (a sharded cluster's components): its stderr lines carry the target's
   * name ({@link LabelledLines}) and its progress is plain lines, never a rewritten terminal line.
   */
  public static OpenedSource openAlongsideOthers(
      SourceTarget target, Options options, Need need, Map<String, String> env, PrintWriter err) {
    PrintWriter labelled = new PrintWriter(new LabelledLines(err, target.shown()));
    return new Sources(
            env,
            labelled,
            FreeSpace.ofFileSystem(),
            DownloadSettings.fromEnvironment(env),
            target.tls(),
            true)
        .open(target.source(), options, need);
  }

  private static RestoreException shardedForOneSnapshot(List<SourceTarget> components) {
    return new RestoreException(
        ExitCode.USAGE,
        "the atlas:// source is a sharded cluster's snapshot, one archive per component:\n"
            + components.stream()
                .map(t -> "  " + t.shown())
                .collect(java.util.stream.Collectors.joining("\n"))
            + "\nand this command serves one replica set's snapshot",
        "use 'restore open', 'restore dump' or 'restore inspect' with the same source (they take"
            + " every component), or download one component's archive from Atlas (Backup >"
            + " Restores & Downloads) and pass that file");
  }

  OpenedSource open(Source source, Options options, Need need) {
    Path parent = parent(options);
    WorkDir.sweep(parent); // folders of SIGKILLed sessions, as session folders are swept
    if (source instanceof Source.Folder f) {
      if (options.archiveDbpath().isPresent()) {
        throw new RestoreException(
            ExitCode.USAGE,
            DbpathCandidates.CHOOSE_FLAG + " applies to an archive or a link, not to a folder",
            "pass the dbpath folder itself");
      }
      return new OpenedSource(f.path(), Optional.empty(), false, err);
    }
    WorkDir work = WorkDir.create(parent, "--work-dir");
    try {
      Path dbpath = extract(source, options, need, work);
      return new OpenedSource(dbpath, Optional.of(work), options.keepExtracted(), err);
    } catch (RuntimeException e) {
      work.close();
      throw e;
    }
  }

  private Path parent(Options options) {
    if (options.workDir().isPresent()) {
      return options.workDir().get().toAbsolutePath();
    }
    String fromEnv = env.get(WORK_DIR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
  }

  private Path extract(Source source, Options options, Need need, WorkDir work) {
    TarExtractor.Plan plan = plan(options, need);
    String shown = source.describe();
    TarExtractor.Result result;
    try {
      TarExtractor extractor = new TarExtractor(work, free);
      if (source instanceof Source.Archive a) {
        if (need == Need.SNAPSHOT) {
          SpaceCheck.require(SpaceCheck.estimateFile(a.file()), work.root(), free, shown);
        }
        status(
            (need == Need.SNAPSHOT ? "extracting " : "reading the key folders of ")
                + shown
                + " into "
                + work.path());
        try (InputStream in = new SourceFileStream(a.file())) {
          result = extractor.extract(in, plan);
        }
      } else {
        Source.Url u = (Source.Url) source;
        DownloadProgress progress =
            plainProgress
                ? new DownloadProgress(err, false, System::nanoTime, shown)
                : DownloadProgress.toStderr(err, shown);
        try (HttpBody body = HttpBody.open(u.uri(), download, progress, tls)) {
          if (need == Need.SNAPSHOT && body.contentLength() >= 0) {
            SpaceCheck.require(
                SpaceCheck.estimateDownload(body.contentLength()), work.root(), free, shown);
          }
          status("extracting into " + work.path());
          result = extractor.extract(body, plan);
        }
      }
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "cannot read " + shown + ": " + e.getMessage(),
          "check the file (ls -l, gzip -t) and that you may read it");
    }
    String chosen =
        DbpathCandidates.choose(
            DbpathCandidates.in(result.names()), options.archiveDbpath(), shown);
    Path dbpath = work.root().resolve(chosen).normalize();
    status(
        (need == Need.SNAPSHOT
                ? "extracted " + Bytes.human(result.bytesWritten())
                : "read the key folders (" + Bytes.human(result.bytesWritten()) + ")")
            + "; dbpath "
            + dbpath);
    if (!Files.isDirectory(dbpath)) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "the dbpath " + DbpathCandidates.show(chosen) + " of " + shown + " was not extracted",
          "check that this is an Atlas snapshot archive");
    }
    return dbpath;
  }

  private static TarExtractor.Plan plan(Options options, Need need) {
    if (need == Need.METADATA) {
      return new MetadataScan();
    }
    Optional<String> only = options.archiveDbpath().map(EntryNames::normalize);
    return name -> only.isEmpty() || EntryNames.onPath(name, only.get());
  }

  private void status(String line) {
    err.println("restore: " + line);
    err.flush();
  }
}
