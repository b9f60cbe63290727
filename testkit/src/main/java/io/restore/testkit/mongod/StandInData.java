package io.restore.testkit.mongod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * The stand-in's own data files: a sample snapshot's documents, encrypted with the snapshot's
 * master key so that only the right key from KMIP opens them (a real mongod's WiredTiger files play
 * this part). Not a MongoDB format.
 *
 * <pre>
 * &lt;dbpath&gt;/standin-data/manifest.bson.enc   {format: 1, keyId, replicaSet?, collections: [{db, name, file,
 *                                          count, indexes: [{name, key, unique}]}], views: [{db, name, viewOn, pipeline}]}
 * &lt;dbpath&gt;/standin-data/cNNN.bson.enc       the collection's documents, BSON one after another
 * every file = "STANDIN1" + 12-byte nonce + AES-256-GCM(deflate(plaintext)), AAD = the file's name
 * </pre>
 */
public final class StandInData {
  public static final String DIR = "standin-data";
  static final String MANIFEST = "manifest.bson.enc";
  private static final byte[] MAGIC = "STANDIN1".getBytes(StandardCharsets.US_ASCII);

  private StandInData() {}

  /** An index as createIndexes takes it. */
  public record Index(String name, BsonDocument key, boolean unique) {}

  /** A collection and its documents, each a complete BSON document. */
  public record StoredCollection(
      String db, String name, List<Index> indexes, List<byte[]> documents) {}

  /** A read-only view: {@code viewOn} in the same database, with an aggregation pipeline. */
  public record View(String db, String name, String viewOn, BsonArray pipeline) {}

  /**
   * What a snapshot holds.
   *
   * @param replicaSet the set's name when the snapshot is of a replica-set member, else null
   */
  public record Dataset(
      String keyId, String replicaSet, List<StoredCollection> collections, List<View> views) {
    public long documentCount() {
      return collections.stream().mapToLong(c -> c.documents().size()).sum();
    }
  }

  /** The master key did not decrypt the files (an authentication tag did not match). */
  public static final class WrongKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    WrongKeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static boolean present(Path dbpath) {
    return Files.isRegularFile(dbpath.resolve(DIR).resolve(MANIFEST));
  }

  /** Writes the dataset; {@code nonces} makes the output reproducible when seeded. */
  public static void write(Path dbpath, byte[] masterKey, Dataset data, Random nonces)
      throws IOException, GeneralSecurityException {
    Path dir = Files.createDirectories(dbpath.resolve(DIR));
    BsonArray collections = new BsonArray();
    int n = 0;
    for (StoredCollection c : data.collections()) {
      String file = String.format("c%03d.bson.enc", n++);
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      for (byte[] doc : c.documents()) {
        plain.writeBytes(doc);
      }
      Files.write(dir.resolve(file), seal(masterKey, file, plain.toByteArray(), nonces));
      BsonArray indexes = new BsonArray();
      for (Index i : c.indexes()) {
        indexes.add(
            new BsonDocument("name", new BsonString(i.name()))
                .append("key", i.key())
                .append("unique", BsonBoolean.valueOf(i.unique())));
      }
      collections.add(
          new BsonDocument("db", new BsonString(c.db()))
              .append("name", new BsonString(c.name()))
              .append("file", new BsonString(file))
              .append("count", new BsonInt32(c.documents().size()))
              .append("indexes", indexes));
    }
    BsonArray views = new BsonArray();
    for (View v : data.views()) {
      views.add(
          new BsonDocument("db", new BsonString(v.db()))
              .append("name", new BsonString(v.name()))
              .append("viewOn", new BsonString(v.viewOn()))
              .append("pipeline", v.pipeline()));
    }
    BsonDocument manifest =
        new BsonDocument("format", new BsonInt32(1))
            .append("keyId", new BsonString(data.keyId()))
            .append("collections", collections)
            .append("views", views);
    if (data.replicaSet() != null) {
      manifest.append("replicaSet", new BsonString(data.replicaSet()));
    }
    Files.write(dir.resolve(MANIFEST), seal(masterKey, MANIFEST, bson(manifest), nonces));
  }

  /** Reads and decrypts everything. */
  public static Dataset read(Path dbpath, byte[] masterKey)
      throws IOException, WrongKeyException, GeneralSecurityException {
    Path dir = dbpath.resolve(DIR);
    RawBsonDocument manifest = new RawBsonDocument(open(masterKey, dir, MANIFEST));
    if (manifest.getInt32("format").getValue() != 1) {
      throw new IOException(dir.resolve(MANIFEST) + ": unknown format");
    }
    List<StoredCollection> collections = new ArrayList<>();
    for (BsonValue v : manifest.getArray("collections")) {
      BsonDocument c = v.asDocument();
      List<Index> indexes = new ArrayList<>();
      for (BsonValue iv : c.getArray("indexes")) {
        BsonDocument i = iv.asDocument();
        indexes.add(
            new Index(
                i.getString("name").getValue(),
                i.getDocument("key"),
                i.getBoolean("unique").getValue()));
      }
      String file = c.getString("file").getValue();
      collections.add(
          new StoredCollection(
              c.getString("db").getValue(),
              c.getString("name").getValue(),
              indexes,
              split(open(masterKey, dir, file), c.getInt32("count").getValue(), file)));
    }
    List<View> views = new ArrayList<>();
    for (BsonValue v : manifest.getArray("views")) {
      BsonDocument d = v.asDocument();
      views.add(
          new View(
              d.getString("db").getValue(),
              d.getString("name").getValue(),
              d.getString("viewOn").getValue(),
              d.getArray("pipeline")));
    }
    String replicaSet =
        manifest.containsKey("replicaSet") ? manifest.getString("replicaSet").getValue() : null;
    return new Dataset(manifest.getString("keyId").getValue(), replicaSet, collections, views);
  }

  static byte[] bson(BsonDocument doc) {
    ByteBuffer b = new RawBsonDocument(doc, new BsonDocumentCodec()).getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static List<byte[]> split(byte[] all, int count, String file) throws IOException {
    List<byte[]> docs = new ArrayList<>(count);
    int at = 0;
    while (at < all.length) {
      int len = ByteBuffer.wrap(all, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      if (len < 5 || len > all.length - at) {
        throw new IOException(file + ": corrupt document at offset " + at);
      }
      docs.add(Arrays.copyOfRange(all, at, at + len));
      at += len;
    }
    if (docs.size() != count) {
      throw new IOException(file + ": " + docs.size() + " documents, manifest says " + count);
    }
    return docs;
  }

  private static byte[] seal(byte[] key, String name, byte[] plain, Random nonces)
      throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    nonces.nextBytes(nonce);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = gcm.doFinal(deflate(plain));
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + nonce.length + sealed.length);
    return out.put(MAGIC).put(nonce).put(sealed).array();
  }

  private static byte[] open(byte[] key, Path dir, String name)
      throws IOException, WrongKeyException, GeneralSecurityException {
    byte[] file = Files.readAllBytes(dir.resolve(name));
    if (file.length < MAGIC.length + 12 + 16
        || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(dir.resolve(name) + " is not a stand-in data file");
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, file, MAGIC.length, 12));
    gcm.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    byte[] compressed;
    try {
      compressed = gcm.doFinal(file, MAGIC.length + 12, file.length - MAGIC.length - 12);
    } catch (AEADBadTagException e) {
      throw new WrongKeyException(
          "the master key does not decrypt " + dir.resolve(name) + " (wrong key)", e);
    }
    return inflate(compressed, name);
  }

  private static byte[] deflate(byte[] plain) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setInput(plain);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static byte[] inflate(byte[] compressed, String name) throws IOException {
    Inflater i = new Inflater();
    i.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    try {
      while (!i.finished()) {
        int n = i.inflate(buf);
        if (n == 0 && (i.needsInput() || i.needsDictionary())) {
          throw new IOException(name + ": truncated");
        }
        out.write(buf, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    } finally {
      i.end();
    }
    return out.toByteArray();
  }
}
