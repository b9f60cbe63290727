package io.restore.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager holding one certificate chain and one private key, straight from memory. Unlike a
 * {@code KeyStore}-backed manager it asks the session for the key at every handshake, so once the
 * session is closed no new handshake can use the key. It offers the key whatever issuers the peer
 * asks for: the peer decides whether to trust it.
 */
final class SessionKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "restore-session";

  private final String keyType;
  private final X509Certificate[] chain;
  private final Supplier<PrivateKey> key;

  SessionKeyManager(String keyType, X509Certificate[] chain, Supplier<PrivateKey> key) {
    this.keyType = keyType;
    this.chain = chain.clone();
    this.key = key;
  }

  private String[] aliasesFor(String type) {
    return keyType.equals(type) ? new String[] {ALIAS} : null;
  }

  private String aliasFor(String[] types) {
    if (types != null) {
      for (String type : types) {
        if (keyType.equals(type)) {
          return ALIAS;
        }
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String type, Principal[] issuers) {
    return aliasesFor(type);
  }

  @Override
  public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
    return aliasFor(types);
  }

  @Override
  public String chooseEngineClientAlias(String[] types, Principal[] issuers, SSLEngine engine) {
    return aliasFor(types);
  }

  @Override
  public String[] getServerAliases(String type, Principal[] issuers) {
    return aliasesFor(type);
  }

  @Override
  public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
    return keyType.equals(type) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String type, Principal[] issuers, SSLEngine engine) {
    return keyType.equals(type) ? ALIAS : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key.get() : null;
  }

  @Override
  public String toString() {
    return "SessionKeyManager[" + chain[0].getSubjectX500Principal().getName() + "]";
  }
}
