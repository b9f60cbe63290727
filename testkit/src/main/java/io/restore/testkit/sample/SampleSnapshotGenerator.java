package io.restore.testkit.sample;

import io.restore.testkit.mongod.StandInData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a sample encrypted snapshot for the mongod stand-in: {@code key.store/<keyId>/}, {@code
 * key.store/keystore.metadata}, {@code cloudProviderCredentials/<keyId>.<provider>.metadata} and
 * the stand-in's encrypted documents. A test and demo double: the data is NOT WiredTiger, only the
 * stand-in reads it. The same seed gives the same files.
 */
public final class SampleSnapshotGenerator {
  private SampleSnapshotGenerator() {}

  /**
   * What to generate.
   *
   * @param seed drives every document, nonce and the default key id and key
   * @param replicaSet the replica set the snapshot came from (Atlas snapshots are set members;
   *     mongod logs id 20547), or null for a standalone
   */
  public record Spec(
      long seed,
      int users,
      int orders,
      int events,
      int dailyStats,
      int archive,
      int contacts,
      String replicaSet) {
    /** About four thousand documents across three databases (samples/demo). */
    public static Spec demo() {
      return new Spec(20240611L, 600, 1500, 1500, 91, 40, 300, "atlas-k3x9qa-shard-0");
    }

    /** A few hundred documents: fast enough for every test. */
    public static Spec small(long seed) {
      return new Spec(seed, 40, 80, 80, 10, 5, 20, "atlas-test-shard-0");
    }

    public Spec withReplicaSet(String name) {
      return new Spec(seed, users, orders, events, dailyStats, archive, contacts, name);
    }

    SampleDocuments.Sizes sizes() {
      return new SampleDocuments.Sizes(users, orders, events, dailyStats, archive, contacts);
    }
  }

  /** What was written. */
  public record Sample(Path dbpath, String keyId, Path metadataFile, StandInData.Dataset dataset) {
    public long documentCount() {
      return dataset.documentCount();
    }
  }

  /** A UUID-like key id made from the seed, like the ids Atlas's KMIP proxy assigns. */
  public static String keyIdFor(long seed) {
    return UUID.nameUUIDFromBytes(
            ("restore sample key id " + seed).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** A 32-byte master key made from the seed: for samples and demos only. */
  public static byte[] masterKeyFor(long seed) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("restore sample master key " + seed).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A snapshot whose metadata file holds the given fields (aws/azure/gcp metadata comes ready from
   * the product's {@code restore metadata wrap}).
   */
  public static Sample generate(
      Path dbpath,
      String keyId,
      byte[] masterKey,
      Spec spec,
      String provider,
      Map<String, String> metadataFields)
      throws IOException {
    Files.createDirectories(dbpath);
    Path metadata = SnapshotLayout.write(dbpath, keyId, provider, metadataFields);
    StandInData.Dataset data =
        new SampleDocuments(spec.seed()).dataset(keyId, spec.replicaSet(), spec.sizes());
    try {
      StandInData.write(dbpath, masterKey, data, new Random(spec.seed() ^ 0x5EEDL));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt the sample data", e);
    }
    Files.writeString(dbpath.resolve("README.txt"), readme(keyId, provider, data));
    return new Sample(dbpath, keyId, metadata, data);
  }

  /**
   * The sessions' usual sample: a small local-provider snapshot at {@code folder/snap}, its raw key
   * at {@code folder/keys/snap.key}, key id, key and contents all derived from {@code seed}.
   */
  public static Sample smallLocal(Path folder, long seed) throws IOException {
    return generateLocal(
        folder.resolve("snap"),
        keyIdFor(seed),
        masterKeyFor(seed),
        Spec.small(seed),
        folder.resolve("keys/snap.key"),
        false);
  }

  /**
   * A snapshot for the {@code local} key source: writes the master key to {@code keyFile} (raw 32
   * bytes, or base64 text) and {@code {"keyFile": "<path relative to the metadata's folder>"}}.
   */
  public static Sample generateLocal(
      Path dbpath, String keyId, byte[] masterKey, Spec spec, Path keyFile, boolean base64)
      throws IOException {
    Path credentials = dbpath.toAbsolutePath().resolve("cloudProviderCredentials");
    Path key = keyFile.toAbsolutePath().normalize();
    Files.createDirectories(key.getParent());
    if (base64) {
      Files.writeString(key, Base64.getEncoder().encodeToString(masterKey) + "\n");
    } else {
      Files.write(key, masterKey);
    }
    String relative = credentials.normalize().relativize(key).toString().replace('\\', '/');
    return generate(dbpath, keyId, masterKey, spec, "local", Map.of("keyFile", relative));
  }

  /** Reads a key file: raw 32 bytes, or base64 text of 32 bytes. */
  public static byte[] readKeyFile(Path keyFile) throws IOException {
    byte[] bytes = Files.readAllBytes(keyFile);
    if (bytes.length == 32) {
      return bytes;
    }
    byte[] decoded =
        Base64.getDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).trim());
    if (decoded.length != 32) {
      throw new IOException(keyFile + " holds " + decoded.length + " bytes, not 32");
    }
    return decoded;
  }

  private static String readme(String keyId, String provider, StandInData.Dataset data) {
    StringBuilder b = new StringBuilder();
    b.append("Sample encrypted snapshot for the mongod stand-in (testkit). Not WiredTiger:\n");
    b.append("only testkit/bin/mongod reads standin-data/. Key id: ").append(keyId);
    b.append(", provider: ").append(provider).append(".\n\n");
    for (StandInData.StoredCollection c : data.collections()) {
      b.append(String.format("%-10s %6d  %s%n", c.db(), c.documents().size(), c.name()));
    }
    for (StandInData.View v : data.views()) {
      b.append(String.format("%-10s   view  %s (on %s)%n", v.db(), v.name(), v.viewOn()));
    }
    return b.toString();
  }

  /** {@code scripts/make-sample}: see {@link #USAGE}. */
  public static void main(String[] args) throws IOException {
    try {
      Sample s = run(args);
      System.out.printf(
          "wrote %s: key id %s, %d documents, metadata %s%n",
          s.dbpath(), s.keyId(), s.documentCount(), s.metadataFile());
    } catch (IllegalArgumentException e) {
      System.err.println("make-sample: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  static final String USAGE =
      """
      usage: make-sample --out <dbpath> [--provider local|aws|azure|gcp] [--seed N] [--size demo|small]
                         [--key-id ID] [--key-file PATH] [--base64] [--standalone | --replica-set NAME]
                         [--field name=value ...]
        --key-file  local: where the master key is written (default <dbpath>/../<dbpath name>.key);
                    aws/azure/gcp: read when it exists, else the seed's key is written there
        --field     aws/azure/gcp: a metadata field (e.g. from 'restore metadata wrap')\
      """;

  static Sample run(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--base64", "--standalone" -> opts.put(a, "true");
        case "--field" -> {
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--field needs name=value");
          }
          fields.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "--out", "--provider", "--seed", "--size", "--key-id", "--key-file", "--replica-set" ->
            opts.put(a, value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (!opts.containsKey("--out")) {
      throw new IllegalArgumentException("--out is required");
    }
    Path out = Path.of(opts.get("--out")).toAbsolutePath().normalize();
    long seed = Long.parseLong(opts.getOrDefault("--seed", String.valueOf(Spec.demo().seed())));
    Spec spec = "small".equals(opts.get("--size")) ? Spec.small(seed) : withSeed(Spec.demo(), seed);
    if (opts.containsKey("--standalone")) {
      spec = spec.withReplicaSet(null);
    } else if (opts.containsKey("--replica-set")) {
      spec = spec.withReplicaSet(opts.get("--replica-set"));
    }
    String provider = opts.getOrDefault("--provider", "local");
    if (!List.of("local", "aws", "azure", "gcp").contains(provider)) {
      throw new IllegalArgumentException("--provider must be local, aws, azure or gcp");
    }
    String keyId = opts.getOrDefault("--key-id", keyIdFor(seed));
    Path keyFile =
        Path.of(
            opts.getOrDefault(
                "--key-file", out.resolveSibling(out.getFileName() + ".key").toString()));
    if (provider.equals("local")) {
      byte[] key = Files.exists(keyFile) ? readKeyFile(keyFile) : masterKeyFor(seed);
      return generateLocal(out, keyId, key, spec, keyFile, opts.containsKey("--base64"));
    }
    byte[] key;
    if (Files.exists(keyFile)) {
      key = readKeyFile(keyFile);
    } else {
      key = masterKeyFor(seed);
      Files.write(keyFile, key);
    }
    return generate(out, keyId, key, spec, provider, fields);
  }

  private static Spec withSeed(Spec s, long seed) {
    return new Spec(
        seed,
        s.users(),
        s.orders(),
        s.events(),
        s.dailyStats(),
        s.archive(),
        s.contacts(),
        s.replicaSet());
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}
