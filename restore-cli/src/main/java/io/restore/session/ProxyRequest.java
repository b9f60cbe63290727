package io.restore.session;

import io.restore.kms.KeySourceFlags;
import io.restore.tls.PkiOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code restore proxy} was asked to do.
 *
 * @param certDir where kmipCA.pem and kmipClient.pem go; empty = the dbpath, like Atlas's tool
 * @param mongodPort only used in the printed mongod command line
 */
public record ProxyRequest(
    Path dbpath,
    KeySourceFlags keys,
    PkiOptions pki,
    Optional<char[]> clientKeyPassword,
    Optional<Path> certDir,
    boolean keepCerts,
    InetAddress bind,
    int kmipPort,
    int mongodPort) {
  public ProxyRequest {
    Objects.requireNonNull(dbpath, "dbpath");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(pki, "pki");
    Objects.requireNonNull(bind, "bind");
  }
}
