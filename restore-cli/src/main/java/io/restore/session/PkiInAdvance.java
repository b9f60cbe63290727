package io.restore.session;

import io.restore.tls.PkiOptions;
import io.restore.tls.SessionPki;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The session's PKI, made on another thread while mongod's version is probed: generating the keys
 * and signing the certificates takes about as long as a {@code mongod --version}, and neither needs
 * the other (docs/benchmarks.md, "restore open overhead"). Taken once; closed unused (its private
 * keys wiped) when the session fails before it needs it.
 */
final class PkiInAdvance implements AutoCloseable {
  private final CompletableFuture<SessionPki> pki;
  private boolean taken;

  private PkiInAdvance(CompletableFuture<SessionPki> pki) {
    this.pki = pki;
  }

  static PkiInAdvance start(PkiOptions options) {
    return new PkiInAdvance(CompletableFuture.supplyAsync(() -> SessionPki.create(options)));
  }

  /** The PKI, or what made creating it fail (a RestoreException for unusable PKI options). */
  SessionPki take() {
    taken = true;
    return joinUnwrapped(pki);
  }

  /**
   * The future's value, or what made it fail thrown as itself (a RestoreException stays one, so the
   * session reports it as usual), not wrapped in a CompletionException.
   */
  static <T> T joinUnwrapped(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (!taken) {
      pki.thenAccept(SessionPki::close);
    }
  }
}
