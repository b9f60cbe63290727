package io.restore.dump.storage;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dump's output goes: a local path or one object in a store. Parsed from what the user gave
 * {@code --archive}; never holds a secret, so {@link #display()} can go into logs and summaries.
 */
public sealed interface Destination {
  /** The destination as the user would write it, without credentials. */
  String display();

  /** A local path (the existing staged-file behaviour). */
  record LocalFile(Path path) implements Destination {
    public LocalFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String display() {
      return path.toString();
    }
  }

  /** {@code s3://bucket/key}. */
  record S3Object(String bucket, String key) implements Destination {
    @Override
    public String display() {
      return "s3://" + bucket + "/" + key;
    }
  }

  /** {@code gs://bucket/object}. */
  record GcsObject(String bucket, String object) implements Destination {
    @Override
    public String display() {
      return "gs://" + bucket + "/" + object;
    }
  }

  /** {@code https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB} or {@code az://ACCOUNT/...}. */
  record AzureBlob(String account, String container, String blob) implements Destination {
    @Override
    public String display() {
      return "az://" + account + "/" + container + "/" + blob;
    }
  }

  // S3 bucket names: 3-63 of [a-z0-9.-]; GCS allows '_' too; Azure containers: 3-63 of [a-z0-9-]
  Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  Pattern GCS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
  Pattern AZ_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  Pattern AZ_CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
  Pattern AZ_HOST = Pattern.compile("([a-z0-9]{3,24})\\.blob\\.core\\.windows\\.net");

  /**
   * Parses {@code value} given to {@code flag}: a store URI when it has one of the schemes above,
   * otherwise a local path. Anything else with a scheme is refused rather than taken as a path.
   */
  static Destination parse(String flag, String value) {
    int colon = value.indexOf("://");
    if (colon < 0) {
      try {
        return new LocalFile(Path.of(value));
      } catch (InvalidPathException e) {
        throw usage(flag, value, "is not a valid path: " + e.getReason());
      }
    }
    String scheme = value.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String rest = value.substring(colon + 3);
    if (value.contains("?") || value.contains("#")) {
      throw usage(
          flag,
          scheme + "://…",
          "has a query or fragment; credentials (SAS tokens) go in flags or the environment, never"
              + " in the destination");
    }
    switch (scheme) {
      case "s3" -> {
        String[] bk = bucketAndKey(flag, value, rest);
        if (!S3_BUCKET.matcher(bk[0]).matches()) {
          throw usage(flag, value, "has an invalid S3 bucket name '" + bk[0] + "'");
        }
        return new S3Object(bk[0], bk[1]);
      }
      case "gs" -> {
        String[] bk = bucketAndKey(flag, value, rest);
        if (!GCS_BUCKET.matcher(bk[0]).matches()) {
          throw usage(flag, value, "has an invalid Cloud Storage bucket name '" + bk[0] + "'");
        }
        return new GcsObject(bk[0], bk[1]);
      }
      case "az" -> {
        String[] ab = bucketAndKey(flag, value, rest);
        return azure(flag, value, ab[0], ab[1]);
      }
      case "https" -> {
        URI uri;
        try {
          uri = new URI(value);
        } catch (URISyntaxException e) {
          throw usage(flag, value, "is not a valid URL");
        }
        Matcher m = AZ_HOST.matcher(String.valueOf(uri.getHost()));
        if (uri.getUserInfo() != null) {
          throw usage(
              flag,
              "https://…",
              "holds a user name or password; those are never read from" + " the destination");
        }
        if (uri.getPort() != -1 || !m.matches()) {
          throw usage(
              flag,
              value,
              "is an https URL but not an Azure Blob URL"
                  + " (https://ACCOUNT.blob.core.windows.net/CONTAINER/BLOB)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return azure(flag, value, m.group(1), path.startsWith("/") ? path.substring(1) : path);
      }
      default ->
          throw usage(
              flag,
              value,
              "has the scheme '"
                  + scheme
                  + "'; use a path, s3://, gs://, az:// or an Azure https://"
                  + " blob URL");
    }
  }

  /** The name a directory output's manifest has under its prefix; written last. */
  String MANIFEST = "restore-manifest.json";

  /**
   * Parses a directory output ({@code --out}, {@code --dump-to}): a local path, or a prefix in a
   * store ({@code s3://bucket/dumps/nightly/}, the trailing slash optional, or just the bucket). A
   * store prefix comes back as the store's object type whose name is the prefix, ending in {@code
   * /} unless empty; {@link #child} names the objects under it.
   */
  static Destination parsePrefix(String flag, String value) {
    if (!value.contains("://")) {
      return parse(flag, value);
    }
    String withSlash = value.endsWith("/") ? value : value + "/";
    Destination manifest = parse(flag, withSlash + MANIFEST);
    int cut = MANIFEST.length();
    if (manifest instanceof S3Object o) {
      return new S3Object(o.bucket(), o.key().substring(0, o.key().length() - cut));
    }
    if (manifest instanceof GcsObject g) {
      return new GcsObject(g.bucket(), g.object().substring(0, g.object().length() - cut));
    }
    AzureBlob a = (AzureBlob) manifest;
    return new AzureBlob(
        a.account(), a.container(), a.blob().substring(0, a.blob().length() - cut));
  }

  /** The object {@code name} (relative, with '/') under a prefix from {@link #parsePrefix}. */
  static Destination child(Destination prefix, String name) {
    if (prefix instanceof S3Object o) {
      return new S3Object(o.bucket(), o.key() + name);
    }
    if (prefix instanceof GcsObject g) {
      return new GcsObject(g.bucket(), g.object() + name);
    }
    if (prefix instanceof AzureBlob a) {
      return new AzureBlob(a.account(), a.container(), a.blob() + name);
    }
    return new LocalFile(((LocalFile) prefix).path().resolve(name));
  }

  private static Destination azure(String flag, String value, String account, String path) {
    if (!AZ_ACCOUNT.matcher(account).matches()) {
      throw usage(flag, value, "has an invalid Azure storage account name '" + account + "'");
    }
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw usage(flag, value, "needs a container and a blob name after the account");
    }
    String container = path.substring(0, slash);
    if (!AZ_CONTAINER.matcher(container).matches()) {
      throw usage(flag, value, "has an invalid Azure container name '" + container + "'");
    }
    return new AzureBlob(account, container, objectName(flag, value, path.substring(slash + 1)));
  }

  private static String[] bucketAndKey(String flag, String value, String rest) {
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw usage(
          flag, value, "needs a bucket and an object name, e.g. s3://bucket/dumps/x.archive");
    }
    return new String[] {
      rest.substring(0, slash), objectName(flag, value, rest.substring(slash + 1))
    };
  }

  private static String objectName(String flag, String value, String name) {
    if (name.endsWith("/")) {
      throw usage(flag, value, "names a prefix (ends with '/'); an archive needs an object name");
    }
    if (name.length() > 1024 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw usage(flag, value, "has an object name that is too long or holds control characters");
    }
    return name;
  }

  private static RestoreException usage(String flag, String value, String what) {
    return new RestoreException(
        ExitCode.USAGE,
        flag + " " + value + " " + what,
        "give a local path, s3://BUCKET/KEY, gs://BUCKET/OBJECT or az://ACCOUNT/CONTAINER/BLOB");
  }
}
