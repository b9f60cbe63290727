package io.restore.kms;

import io.restore.snapshot.MetadataField;
import java.util.List;

/**
 * Where a key source's credentials came from, so an error can say what to change: the metadata
 * fields to update, or the flags to pass.
 *
 * @param description e.g. "metadata fields accessKeyId, secretAccessKey"
 * @param fields the metadata fields that hold or would hold the credentials
 * @param flags the command-line flags that override them
 * @param fromCommandLine whether the failing credentials were given on the command line
 */
public record CredentialOrigin(
    String description, List<MetadataField> fields, String flags, boolean fromCommandLine) {

  public static CredentialOrigin commandLine(String flags, List<MetadataField> fields) {
    return new CredentialOrigin("command line (" + flags + ")", fields, flags, true);
  }

  public static CredentialOrigin metadata(List<MetadataField> fields, String flags) {
    return new CredentialOrigin("metadata fields " + KmsErrors.names(fields), fields, flags, false);
  }

  public static CredentialOrigin defaultChain(
      String chain, List<MetadataField> fields, String flags) {
    return new CredentialOrigin(chain, fields, flags, false);
  }
}
