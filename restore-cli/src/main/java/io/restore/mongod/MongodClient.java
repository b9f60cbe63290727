package io.restore.mongod;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** The two admin commands supervision needs, through the real driver with short timeouts. */
final class MongodClient {
  private MongodClient() {}

  /** How mongod answered {@code shutdown}. */
  enum ShutdownAnswer {
    /** The connection closed or mongod said it is shutting down: the expected answers. */
    ACCEPTED,
    /** mongod answered with an error (e.g. not allowed, or not a real mongod). */
    REFUSED,
    /** Could not connect or no answer in time. */
    UNREACHABLE
  }

  static void ping(String host, int port, Duration timeout) {
    try (MongoClient c = MongoClients.create(settings(host, port, timeout))) {
      c.getDatabase("admin").runCommand(new Document("ping", 1));
    }
  }

  /** How long to try reaching mongod for the shutdown command before SIGTERM takes over. */
  static final Duration SHUTDOWN_REACH = Duration.ofSeconds(2);

  static ShutdownAnswer shutdown(String host, int port, Duration timeout) {
    Duration reach = timeout.compareTo(SHUTDOWN_REACH) < 0 ? timeout : SHUTDOWN_REACH;
    MongoClientSettings base = settings(host, port, timeout);
    MongoClientSettings s =
        MongoClientSettings.builder(base)
            .applyToClusterSettings(
                b -> b.serverSelectionTimeout(reach.toMillis(), TimeUnit.MILLISECONDS))
            .build();
    // An unreachable mongod will not take the command either: SIGTERM is just as clean.
    try (MongoClient c = MongoClients.create(s)) {
      // Answers when the server is reachable; otherwise throws MongoTimeoutException.
      c.getDatabase("admin").runCommand(new Document("ping", 1));
      try {
        c.getDatabase("admin")
            .runCommand(new Document("shutdown", 1).append("timeoutSecs", timeout.toSeconds()));
        // A reply at all means mongod did not shut down (it closes the connection when it does).
        return ShutdownAnswer.REFUSED;
      } catch (MongoSocketException | MongoNodeIsRecoveringException e) {
        return ShutdownAnswer.ACCEPTED; // the connection closed under us: shutdown is under way
      } catch (MongoCommandException e) {
        // 11600 InterruptedAtShutdown, 91 ShutdownInProgress: also "on its way down"
        return e.getErrorCode() == 11600 || e.getErrorCode() == 91
            ? ShutdownAnswer.ACCEPTED
            : ShutdownAnswer.REFUSED;
      }
    } catch (RuntimeException e) {
      return ShutdownAnswer.UNREACHABLE;
    }
  }

  private static MongoClientSettings settings(String host, int port, Duration timeout) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    // directConnection=true: a single server, no replica-set discovery from a member's old config
    return MongoClientSettings.builder()
        .applyToClusterSettings(
            b ->
                b.hosts(List.of(new ServerAddress(host, port)))
                    .mode(ClusterConnectionMode.SINGLE)
                    .serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(
            b ->
                b.connectTimeout(Math.min(millis, 2000), TimeUnit.MILLISECONDS)
                    .readTimeout(millis, TimeUnit.MILLISECONDS))
        .retryReads(false)
        .retryWrites(false)
        .build();
  }
}
