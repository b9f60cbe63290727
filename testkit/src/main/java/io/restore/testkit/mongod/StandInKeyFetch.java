package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.StandInLog.attr;

/** Fetches the master key over KMIP as mongod does at startup, logging mongod's failure lines. */
final class StandInKeyFetch {
  private StandInKeyFetch() {}

  /** The key bytes (the caller zeroes them), or null after logging why there are none. */
  static byte[] fetch(
      StandInOptions options, String keyId, StandInLog log, StandInStartupErrors errors) {
    if (options.kmipServerNames().isEmpty()
        || options.kmipServerCAFile() == null
        || options.kmipClientCertificateFile() == null) {
      errors.fatal(
          24241,
          "Unable to retrieve the master key",
          "--enableEncryption needs --kmipServerName, --kmipServerCAFile and"
              + " --kmipClientCertificateFile");
      return null;
    }
    MongodKmipClient client =
        new MongodKmipClient(
            new MongodKmipClient.Settings(
                options.kmipServerNames(),
                options.kmipPort(),
                options.kmipServerCAFile(),
                options.kmipClientCertificateFile(),
                options.kmipClientCertificatePassword(),
                options.kmipActivateKeys(),
                options.kmipUseLegacyProtocol(),
                options.kmipConnectTimeoutMs()));
    try {
      return client.fetchKey(
          keyId,
          failure ->
              log.error(
                  "STORAGE",
                  24240,
                  "initandlisten",
                  "Unable to connect to KMIP server",
                  attr("kmipServer", failure.server, "error", failure.getMessage())));
    } catch (Exception e) {
      errors.fatal(24241, "Unable to retrieve the master key from the KMIP server", e.getMessage());
      return null;
    }
  }
}
