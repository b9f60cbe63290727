package io.restore.source.atlas;

/**
 * Who calls the Atlas Administration API: a service account (OAuth 2.0 client credentials) or a
 * programmatic API key (HTTP Digest). The client id and the public key are identifiers and may be
 * shown; the secrets never are (they are registered with {@link io.restore.Secrets}).
 */
public sealed interface Credentials {
  /** For messages: the kind, the identifier and where it came from. */
  String describe();

  record ServiceAccount(String clientId, String clientSecret, String origin)
      implements Credentials {
    @Override
    public String describe() {
      return "service account " + clientId + " (" + origin + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  record ApiKey(String publicKey, String privateKey, String origin) implements Credentials {
    @Override
    public String describe() {
      return "API key " + publicKey + " (" + origin + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
