package io.restore.dump.storage;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.restore.ExitCode;
import io.restore.RestoreException;

/** Azure Blob failures as a person reads them. */
final class AzureErrors {
  private AzureErrors() {}

  static RestoreException describe(Destination.AzureBlob t, String doing, RuntimeException e) {
    String where = doing + " for " + t.display();
    if (e instanceof BlobStorageException b) {
      int status = b.getStatusCode();
      BlobErrorCode code = b.getErrorCode();
      if (status == 403 || status == 401) {
        return fail(
            where + " was refused (" + status + (code == null ? "" : " " + code) + ")",
            "the destination identity needs the Storage Blob Data Contributor role on the"
                + " container (or a valid AZURE_STORAGE_KEY / AZURE_STORAGE_CONNECTION_STRING);"
                + " these are separate from the snapshot's Key Vault credentials");
      }
      if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
        return fail(
            where + ": the container " + t.container() + " does not exist",
            "create the container, or check its name and --azure-blob-endpoint");
      }
      if (status == 409 || status == 412) {
        return new RestoreException(
            ExitCode.DUMP_FAILED,
            where + ": another writer created the blob while the dump ran",
            "choose another blob name, or pass --overwrite to replace it");
      }
      if (BlobErrorCode.MD5MISMATCH.equals(code)) {
        return fail(
            where + ": the service found a block's Content-MD5 wrong",
            "the bytes were damaged on the way; run the dump again");
      }
      return fail(
          where + " failed (HTTP " + status + (code == null ? "" : " " + code) + ")",
          "check the account, container, credentials and --azure-blob-endpoint");
    }
    if (e instanceof ClientAuthenticationException) {
      return fail(
          where + ": no Azure credentials were found",
          "set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY, or sign in so that"
              + " DefaultAzureCredential finds an identity");
    }
    return fail(
        where + ": cannot reach Azure Blob Storage (" + firstLine(e.getMessage()) + ")",
        "check the network, proxy and --azure-blob-endpoint");
  }

  private static RestoreException fail(String message, String next) {
    return new RestoreException(ExitCode.DUMP_FAILED, message, next);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
