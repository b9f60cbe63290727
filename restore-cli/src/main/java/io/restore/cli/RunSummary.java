package io.restore.cli;

import io.restore.RestoreException;
import io.restore.dump.CollectionPlan;
import io.restore.dump.CollectionResult;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpSummary;
import io.restore.dump.Namespace;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.ObjectUpload;
import io.restore.session.SessionFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@code --summary-json FILE}: one JSON object written when the command ends, whatever the outcome
 * (an early usage error, a KMS failure, a failed or complete dump), so cron jobs always find it.
 * Written to a temporary file beside it and renamed: a reader never sees half a summary. Schema:
 * docs/json-output.md.
 */
final class RunSummary {
  private final String where;
  private final DestinationOptions stores;
  private final SessionFacts facts;
  private volatile DumpSummary dump;

  /**
   * {@code where} is a path or a store URI ({@code s3://}, {@code gs://}, {@code az://}), reached
   * with {@code stores}' settings; it is parsed when written, so a bad one is reported then.
   */
  RunSummary(String where, DestinationOptions stores, SessionFacts facts) {
    this.where = where;
    this.stores = stores;
    this.facts = facts;
  }

  /** {@code progress}, also keeping the dump's own summary for the file. */
  DumpProgress capturing(DumpProgress progress) {
    return new DumpProgress() {
      @Override
      public void planned(List<CollectionPlan> plans) {
        progress.planned(plans);
      }

      @Override
      public void started(CollectionPlan plan) {
        progress.started(plan);
      }

      @Override
      public void advanced(Namespace ns, long documents, long bytes) {
        progress.advanced(ns, documents, bytes);
      }

      @Override
      public void finished(CollectionResult result) {
        progress.finished(result);
      }

      @Override
      public void done(DumpSummary summary) {
        dump = summary;
        progress.done(summary);
      }
    };
  }

  /** The summary's JSON text for this outcome. */
  String json(int exitCode, String error) {
    BsonDocument d =
        new BsonDocument("ok", BsonBoolean.valueOf(exitCode == 0))
            .append("status", new BsonString(exitCode == 0 ? "ok" : "failed"))
            .append("exitCode", new BsonInt32(exitCode))
            .append("error", text(error))
            .append("toolVersion", new BsonString("restore " + BuildInfo.version()))
            .append("snapshotKeyId", text(facts.keyId().orElse(null)))
            .append("mongodVersion", text(facts.mongodVersion().orElse(null)));
    DumpSummary s = dump;
    d.append("dump", s == null ? BsonNull.VALUE : BsonDocument.parse(s.toJson()));
    return d.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
  }

  /**
   * Writes the summary: a file (temp + rename), or one small object uploaded to a store and
   * published whole; an error message when that failed.
   */
  String write(int exitCode, String error) {
    Destination d;
    try {
      d = Destination.parse("--summary-json", where);
    } catch (RestoreException e) {
      return e.getMessage();
    }
    if (d instanceof Destination.LocalFile f) {
      return writeFile(f.path(), exitCode, error);
    }
    byte[] json = (json(exitCode, error) + "\n").getBytes(StandardCharsets.UTF_8);
    try (ObjectUpload up =
        ObjectStores.open(
            d,
            stores == null ? ObjectStores.Settings.defaults() : stores.settings(),
            true)) { // replaced on every run, as the file is
      up.stream().write(json);
      up.stream().close();
      up.commit();
      return null;
    } catch (IOException | RuntimeException e) {
      return "cannot write --summary-json " + d.display() + ": " + e.getMessage();
    }
  }

  private String writeFile(Path file, int exitCode, String error) {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(tmp, json(exitCode, error) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the message below names the file
      }
      return "cannot write --summary-json " + target + ": " + Messages.ioProblem(e);
    }
  }

  private static BsonValue text(String s) {
    return s == null ? BsonNull.VALUE : new BsonString(s);
  }

  /** Commands that take --summary-json. */
  interface Source {
    java.util.Optional<RunSummary> runSummary();
  }
}
