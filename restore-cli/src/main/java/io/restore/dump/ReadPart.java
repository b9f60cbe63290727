package io.restore.dump;

import com.mongodb.client.MongoClient;
import java.util.Objects;

/**
 * One server's share of a namespace in a dump read from several servers ({@link PartedDump}): which
 * server, and which of its documents belong in the dump.
 *
 * @param source the server's name in messages and the summary ("config", a shard id)
 */
public record ReadPart(String source, MongoClient client, PartOwnership ownership) {
  public ReadPart {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(ownership, "ownership");
  }

  /** Whose documents a part holds. */
  public sealed interface PartOwnership {
    /** Every document is this server's: read and written as they are. */
    record AllOwned() implements PartOwnership {}

    /** None is: counted, not read (unless orphans are kept, then read and written). */
    record AllOrphans() implements PartOwnership {}

    /** Each document decides, from its raw bytes. */
    record PerDocument(DocumentOwnership test) implements PartOwnership {}
  }

  /**
   * Whether the document at {@code data[offset, offset + length)} (whole BSON, never decoded by the
   * caller) is this server's own. Called from one reader thread at a time; must not keep {@code
   * data}.
   */
  @FunctionalInterface
  public interface DocumentOwnership {
    boolean owned(byte[] data, int offset, int length);
  }
}
