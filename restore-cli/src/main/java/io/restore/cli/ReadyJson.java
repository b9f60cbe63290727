package io.restore.cli;

import io.restore.session.SessionFacts;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** {@code restore open --json}: the one line printed on stdout when mongod is ready. */
final class ReadyJson {
  private ReadyJson() {}

  /** One JSON object on one line; schema and example in docs/json-output.md. */
  static String line(SessionFacts f) {
    BsonDocument d =
        new BsonDocument("uri", text(f.uri().orElse(null)))
            .append(
                "mongodPort", f.mongodPort().<BsonValue>map(BsonInt32::new).orElse(BsonNull.VALUE))
            .append(
                "mongodPid", f.mongodPid().<BsonValue>map(BsonInt64::new).orElse(BsonNull.VALUE))
            .append("kmipPort", f.kmipPort().<BsonValue>map(BsonInt32::new).orElse(BsonNull.VALUE))
            .append("sessionId", text(f.sessionId().orElse(null)))
            .append("dbpath", text(f.dbpath().map(p -> p.toAbsolutePath().toString()).orElse(null)))
            .append("keyId", text(f.keyId().orElse(null)))
            .append("provider", text(f.provider().orElse(null)))
            .append("mongodVersion", text(f.mongodVersion().orElse(null)));
    return d.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build());
  }

  private static BsonValue text(String s) {
    return s == null ? BsonNull.VALUE : new BsonString(s);
  }
}
