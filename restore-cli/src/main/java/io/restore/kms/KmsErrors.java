package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.snapshot.MetadataField;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of every key-source failure, in one place so they read alike: provider, metadata
 * file, fields (never values), and the fix ("update <file> fields X, Y, or pass --flag").
 */
public final class KmsErrors {
  private KmsErrors() {}

  /** Credentials refused, expired or rotated. */
  public static RestoreException credentials(
      KeyContext ctx, String what, CredentialOrigin origin, Throwable cause) {
    String fix =
        origin.fromCommandLine()
            ? "check the values given to " + origin.flags() + ", or drop them to use " + file(ctx)
            : updateOrPass(ctx, origin.fields(), origin.flags());
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + " refused the credentials ("
            + what
            + ") from "
            + origin.description()
            + " for "
            + file(ctx),
        fix,
        cause);
  }

  /** The credentials are valid but may not use the key. */
  public static RestoreException accessDenied(
      KeyContext ctx,
      String what,
      CredentialOrigin origin,
      List<MetadataField> keyFields,
      Throwable cause) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + " denied decrypting with the key in "
            + names(keyFields)
            + " of "
            + file(ctx)
            + " ("
            + what
            + "; credentials from "
            + origin.description()
            + ")",
        "grant these credentials decrypt permission on the key, or "
            + updateOrPass(ctx, origin.fields(), origin.flags()),
        cause);
  }

  /**
   * The key named in the metadata does not exist, is disabled, or is not the one that encrypted.
   */
  public static RestoreException wrongKey(
      KeyContext ctx, String what, List<MetadataField> keyFields, Throwable cause) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + " could not decrypt with the key in "
            + names(keyFields)
            + " of "
            + file(ctx)
            + " ("
            + what
            + ")",
        "check that the key exists, is enabled, and is the one that encrypted this snapshot;"
            + " update "
            + file(ctx)
            + " fields "
            + names(keyFields)
            + " if it moved, or check the encrypted key's source",
        cause);
  }

  /** A required field is missing and no flag supplied it. */
  public static RestoreException missing(KeyContext ctx, List<MetadataField> fields, String flags) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + ": "
            + file(ctx)
            + (ctx.metadata().exists() ? "" : " (absent)")
            + " has no "
            + names(fields),
        "add them with 'restore metadata set "
            + ctx.dbpath()
            + " "
            + setArgs(fields)
            + "', or pass "
            + flags);
  }

  /** A field's value cannot be used (e.g. not a key id or a URL). */
  public static RestoreException invalidField(KeyContext ctx, MetadataField field, String why) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx) + ": field " + field + " of " + file(ctx) + " " + why,
        "update " + file(ctx) + " field " + field + " (docs/metadata.md shows the format)");
  }

  /** The KMS could not be reached or kept failing. */
  public static RestoreException unavailable(KeyContext ctx, String endpoint, Throwable cause) {
    return unavailable(ctx, endpoint, describe(cause), cause);
  }

  /** The KMS could not be reached or kept failing; {@code what} names the error. */
  public static RestoreException unavailable(
      KeyContext ctx, String endpoint, String what, Throwable cause) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + " at "
            + endpoint
            + " could not be reached or kept failing ("
            + what
            + ") while decrypting the key of "
            + file(ctx),
        "check the network (proxy, firewall, DNS) and --kms-endpoint, then try again",
        cause);
  }

  /** The KMS answered with something other than a 32-byte key. */
  public static RestoreException wrongLength(KeyContext ctx, int length, String source) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx)
            + " decrypted "
            + source
            + " of "
            + file(ctx)
            + " to "
            + length
            + " bytes, but a master key has 32",
        "the encrypted key is not this snapshot's master key: check "
            + source
            + " (it must be the KMS ciphertext of the 32-byte key)");
  }

  /** Anything else the SDK reported. */
  public static RestoreException failed(KeyContext ctx, String what, Throwable cause) {
    return new RestoreException(
        ExitCode.KMS,
        provider(ctx) + " failed to decrypt the key of " + file(ctx) + ": " + what,
        "check "
            + file(ctx)
            + " and the options given; 'restore inspect "
            + ctx.dbpath()
            + "' shows what was found",
        cause);
  }

  static String provider(KeyContext ctx) {
    return ctx.provider().displayName();
  }

  static String file(KeyContext ctx) {
    return ctx.metadataFile().toString();
  }

  static String updateOrPass(KeyContext ctx, List<MetadataField> fields, String flags) {
    return "update "
        + file(ctx)
        + " fields "
        + names(fields)
        + " ('restore metadata set "
        + ctx.dbpath()
        + " "
        + setArgs(fields)
        + "'), or pass "
        + flags;
  }

  static String names(List<MetadataField> fields) {
    List<String> n = new ArrayList<>();
    for (MetadataField f : fields) {
      n.add(f.fieldName());
    }
    return String.join(", ", n);
  }

  private static String setArgs(List<MetadataField> fields) {
    List<String> n = new ArrayList<>();
    for (MetadataField f : fields) {
      n.add("--" + f.fieldName() + " <value>");
    }
    return String.join(" ", n);
  }

  /**
   * What went wrong, in the exception's own first line: no Java class name (it means nothing to a
   * user), no known credential ({@link Secrets}), at most 200 characters. Without a message, the
   * common network failures are named in words.
   */
  static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (c instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (c instanceof java.net.SocketTimeoutException
          || c instanceof java.net.http.HttpTimeoutException) {
        return "timed out";
      }
      if (c instanceof javax.net.ssl.SSLException) {
        return "TLS handshake failed (check --kms-ca-file)";
      }
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return "no details";
    }
    return UserText.cap(Secrets.scrub(m.lines().findFirst().orElse("")));
  }
}
