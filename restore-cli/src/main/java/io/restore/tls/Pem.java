package io.restore.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * PEM text (RFC 7468) built in byte arrays, so private keys never pass through a {@code String}
 * that cannot be wiped.
 */
public final class Pem {
  static final String CERTIFICATE = "CERTIFICATE";
  static final String PRIVATE_KEY = "PRIVATE KEY"; // RFC 7468 §10: unencrypted PKCS#8
  static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY"; // RFC 7468 §11

  private Pem() {}

  /** One certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}). */
  public static String certificate(X509Certificate certificate) {
    try {
      return new String(encode(CERTIFICATE, certificate.getEncoded()), StandardCharsets.US_ASCII);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate we created", e);
    }
  }

  /** A PEM block; the caller owns (and may zero) both {@code der} and the result. */
  static byte[] encode(String type, byte[] der) {
    // RFC 7468 §2: 64 characters per line; the MIME encoder's buffer is the only other copy.
    byte[] body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
    byte[] begin = ("-----BEGIN " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    // One exact-size array: no growing buffer leaves stray copies of a key behind.
    byte[] pem = new byte[begin.length + body.length + end.length];
    System.arraycopy(begin, 0, pem, 0, begin.length);
    System.arraycopy(body, 0, pem, begin.length, body.length);
    System.arraycopy(end, 0, pem, begin.length + body.length, end.length);
    Arrays.fill(body, (byte) 0);
    return pem;
  }
}
