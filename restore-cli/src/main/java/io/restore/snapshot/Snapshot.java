package io.restore.snapshot;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An extracted Atlas snapshot (a dbpath): the master key's id from {@code key.store/}, the provider
 * and metadata file from {@code cloudProviderCredentials/} (docs/design/atlas-snapshot.md). {@link
 * #open} checks every inconsistency and says what to do about it.
 */
public final class Snapshot {
  static final String KEY_STORE = "key.store";
  static final String CREDENTIALS = "cloudProviderCredentials";

  private final Path dbpath;
  private final String keyId;
  private final Provider provider;
  private final Metadata metadata;
  private final List<String> warnings;

  private Snapshot(
      Path dbpath, String keyId, Provider provider, Metadata metadata, List<String> warnings) {
    this.dbpath = dbpath;
    this.keyId = keyId;
    this.provider = provider;
    this.metadata = metadata;
    this.warnings = List.copyOf(warnings);
  }

  /** Opens a dbpath; {@code keyIdChoice} is {@code --key-id}. */
  public static Snapshot open(Path dbpath, Optional<String> keyIdChoice) {
    return open(dbpath, keyIdChoice, Optional.empty());
  }

  /**
   * Opens a dbpath. {@code providerChoice} ({@code --cloud-provider}) picks among several metadata
   * files, must agree with the one there is, and names the provider when there is none (a local key
   * given by {@code --key-file}).
   */
  public static Snapshot open(
      Path dbpath, Optional<String> keyIdChoice, Optional<Provider> providerChoice) {
    return open(dbpath, keyIdChoice, providerChoice, "--cloud-provider");
  }

  /**
   * Opens a dbpath; {@code providerFlag} is the flag the user typed for {@code providerChoice}
   * ({@code --provider}, {@code -cloudProvider}...), so messages echo it.
   */
  public static Snapshot open(
      Path dbpath,
      Optional<String> keyIdChoice,
      Optional<Provider> providerChoice,
      String providerFlag) {
    checkDbpath(dbpath);
    String keyId = KeyStore.masterKeyId(dbpath.resolve(KEY_STORE), keyIdChoice);
    if (keyId.equals("local")) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          dbpath
              + " is encrypted with a local keyfile (key.store/local), not a KMS key: it needs no"
              + " KMIP server",
          "start mongod yourself with --enableEncryption --encryptionKeyFile <the 32-byte base64"
              + " keyfile> --dbpath "
              + dbpath);
    }
    List<String> warnings = new ArrayList<>();
    List<MetadataName> files = metadataFiles(dbpath.resolve(CREDENTIALS));
    List<MetadataName> forKey = new ArrayList<>();
    for (MetadataName f : files) {
      if (f.keyId().equals(keyId)) {
        forKey.add(f);
      }
    }
    if (providerChoice.isPresent()) {
      forKey.removeIf(f -> f.provider() != providerChoice.get());
      if (forKey.isEmpty() && files.stream().anyMatch(f -> f.keyId().equals(keyId))) {
        MetadataName other = files.stream().filter(f -> f.keyId().equals(keyId)).findFirst().get();
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            providerFlag
                + " "
                + providerChoice.get().id()
                + " does not match the snapshot's metadata file "
                + other.path()
                + " ("
                + other.provider().id()
                + ")",
            "drop " + providerFlag + ", or pass " + providerFlag + " " + other.provider().id());
      }
    }
    if (forKey.size() > 1) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "several metadata files for key "
              + keyId
              + " in "
              + dbpath.resolve(CREDENTIALS)
              + ": "
              + names(forKey),
          "pass "
              + providerFlag
              + " "
              + forKey.get(0).provider().id()
              + " (or another of them) to choose, or move the others away");
    }
    if (forKey.isEmpty()) {
      if (!files.isEmpty()) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "the metadata in "
                + dbpath.resolve(CREDENTIALS)
                + " ("
                + names(files)
                + ") is for another key than key.store's "
                + keyId,
            "make sure the metadata file belongs to this snapshot: it must be named "
                + keyId
                + ".<aws|azure|gcp>.metadata; if the key was renamed, rename the file");
      }
      if (providerChoice.isEmpty()) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "no metadata file in "
                + dbpath.resolve(CREDENTIALS)
                + " (an Atlas snapshot has "
                + keyId
                + ".<aws|azure|gcp>.metadata)",
            "copy it from the snapshot archive, or create it with 'restore metadata wrap'; for a"
                + " master key you already hold pass --key-file <file>");
      }
      Provider p = providerChoice.get();
      Path expected = dbpath.resolve(CREDENTIALS).resolve(keyId + "." + p.id() + ".metadata");
      return new Snapshot(dbpath, keyId, p, Metadata.absent(expected, p), warnings);
    }
    MetadataName chosen = forKey.get(0);
    Metadata metadata = Metadata.read(chosen.path(), chosen.provider());
    if (FilePermissions.groupOrOtherReadable(chosen.path())) {
      warnings.add(FilePermissions.warning(chosen.path()));
    }
    return new Snapshot(dbpath, keyId, chosen.provider(), metadata, warnings);
  }

  /** Whether the dbpath has any {@code cloudProviderCredentials/*.metadata} file. */
  public static boolean hasMetadataFiles(Path dbpath) {
    return !metadataFiles(dbpath.resolve(CREDENTIALS)).isEmpty();
  }

  private static void checkDbpath(Path dbpath) {
    String name = dbpath.getFileName() == null ? "" : dbpath.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (Files.isRegularFile(dbpath)
        && (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar"))) {
      String dir = name.replaceFirst("(?i)(\\.tar\\.gz|\\.tgz|\\.tar)$", "");
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          dbpath + " is a snapshot archive; restore works on the extracted directory",
          "extract it first: mkdir "
              + dir
              + " && tar -xzf "
              + dbpath
              + " -C "
              + dir
              + ", then pass the folder that holds key.store/");
    }
    if (!Files.exists(dbpath)) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "dbpath " + dbpath + " does not exist",
          "pass the folder extracted from the snapshot archive (it holds key.store/)");
    }
    if (!Files.isDirectory(dbpath)) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "dbpath " + dbpath + " is not a directory",
          "pass the folder extracted from the snapshot archive (it holds key.store/)");
    }
    if (!Files.isReadable(dbpath) || !Files.isExecutable(dbpath)) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "dbpath " + dbpath + " is not readable by this user",
          "run as the files' owner, or fix the permissions (ls -ld " + dbpath + ")");
    }
    if (!Files.isDirectory(dbpath.resolve(KEY_STORE))) {
      String hint = nestedDbpath(dbpath).map(p -> "; did you mean " + p + "?").orElse("");
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          dbpath
              + " has no key.store folder: it is not an encrypted dbpath"
              + (hint.isEmpty() ? " (or not a dbpath at all)" : hint),
          hint.isEmpty()
              ? "pass the folder extracted from an Encryption-at-Rest snapshot; an unencrypted"
                  + " snapshot needs no restore, start mongod on it directly"
              : "pass " + nestedDbpath(dbpath).get());
    }
  }

  /** An archive often extracts into one sub-folder: find the one that holds key.store. */
  private static Optional<Path> nestedDbpath(Path dbpath) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dbpath, Files::isDirectory)) {
      for (Path sub : s) {
        if (Files.isDirectory(sub.resolve(KEY_STORE))) {
          return Optional.of(sub);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A file named {@code <keyId>.<provider>.metadata}. */
  record MetadataName(Path path, String keyId, Provider provider) {}

  private static List<MetadataName> metadataFiles(Path dir) {
    List<MetadataName> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.metadata")) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        String stem = n.substring(0, n.length() - ".metadata".length());
        int dot = stem.lastIndexOf('.');
        Optional<Provider> provider =
            dot < 0 ? Optional.empty() : Provider.fromId(stem.substring(dot + 1));
        if (provider.isEmpty()) {
          throw new RestoreException(
              ExitCode.SNAPSHOT,
              "cannot tell the provider from the metadata file name " + p,
              "rename it to <keyId>.<aws|azure|gcp|local>.metadata");
        }
        out.add(new MetadataName(p, stem.substring(0, dot), provider.get()));
      }
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "cannot list " + dir + ": " + UntrustedFile.reason(e),
          "check that the folder is readable by this user (ls -ld " + dir + ")",
          e);
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  private static String names(List<MetadataName> files) {
    List<String> n = new ArrayList<>();
    for (MetadataName f : files) {
      n.add(f.path().getFileName().toString());
    }
    return String.join(", ", n);
  }

  public Path dbpath() {
    return dbpath;
  }

  /**
   * The master key's KMIP UID, the name of its folder in key.store (docs/design/mongod-kmip.md).
   */
  public String keyId() {
    return keyId;
  }

  public Provider provider() {
    return provider;
  }

  /** The metadata file: where it is, or where it would be when {@code !metadata().exists()}. */
  public Path metadataFile() {
    return metadata.file();
  }

  public Metadata metadata() {
    return metadata;
  }

  /** Things to tell the user that do not stop the job (permissions). */
  public List<String> warnings() {
    return warnings;
  }

  /** The sibling file that may hold the encrypted key: {@code <keyId>.<provider>.key}. */
  public Path siblingKeyFile() {
    return metadata.file().resolveSibling(keyId + "." + provider.id() + ".key");
  }

  /**
   * The KMS-encrypted master key: from {@code override} ({@code --encrypted-key-file}), else the
   * metadata's {@code encryptedKey} (base64), else the sibling {@code <keyId>.<provider>.key} (raw
   * bytes or base64 text).
   */
  public EncryptedKey encryptedKey(Optional<Path> override) {
    if (override.isPresent()) {
      return fromFile(override.get(), "--encrypted-key-file " + override.get());
    }
    Optional<String> field = metadata.text(MetadataField.ENCRYPTED_KEY);
    if (field.isPresent()) {
      String name = metadata.nameOf(MetadataField.ENCRYPTED_KEY).orElseThrow();
      Optional<byte[]> bytes = Base64Text.decode(field.get());
      if (bytes.isEmpty() || bytes.get().length == 0) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "field " + name + " in " + metadata.file() + " is not base64",
            "fix the field (it holds the KMS ciphertext of the master key, base64), or remove it"
                + " and pass --encrypted-key-file");
      }
      return new EncryptedKey(bytes.get(), "field " + name + " of " + metadata.file());
    }
    Path sibling = siblingKeyFile();
    // Anything by that name is read (and refused if it is no regular file), not skipped.
    if (Files.exists(sibling, LinkOption.NOFOLLOW_LINKS)) {
      return fromFile(sibling, sibling.toString());
    }
    throw new RestoreException(
        ExitCode.SNAPSHOT,
        "no encrypted master key for "
            + provider.displayName()
            + ": looked for field "
            + MetadataField.ENCRYPTED_KEY
            + " in "
            + metadata.file()
            + " and for the file "
            + sibling,
        "add the KMS ciphertext of the master key (base64) with 'restore metadata set "
            + dbpath
            + " --encryptedKey <base64>', put it in "
            + sibling
            + ", or pass --encrypted-key-file <file>");
  }

  private static EncryptedKey fromFile(Path file, String source) {
    byte[] raw = UntrustedFile.read(file, "encrypted key file", UntrustedFile.KEY_MAX);
    Optional<byte[]> decoded = Base64Text.decodeIfText(raw);
    byte[] bytes = decoded.orElse(raw);
    if (bytes.length == 0) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "encrypted key file " + file + " is empty",
          "put the KMS ciphertext of the master key in it (raw bytes or base64 text)");
    }
    EncryptedKey k = new EncryptedKey(bytes, source);
    Arrays.fill(raw, (byte) 0);
    return k;
  }

  @Override
  public String toString() {
    return "Snapshot[" + dbpath + ", key " + keyId + ", " + provider.id() + "]";
  }
}
