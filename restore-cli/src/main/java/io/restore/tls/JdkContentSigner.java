package io.restore.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates with the JDK's {@link Signature} for our two fixed algorithms. Bouncy Castle's
 * {@code JcaContentSignerBuilder} does the same after building tables of every algorithm it knows,
 * which costs about a tenth of a second at start-up.
 */
final class JdkContentSigner implements ContentSigner {
  private final AlgorithmIdentifier identifier;
  private final Signature signature;

  JdkContentSigner(KeyAlgorithm algorithm, PrivateKey key, SecureRandom random)
      throws GeneralSecurityException {
    this.identifier =
        algorithm.isRsa()
            // RFC 4055 §5: sha256WithRSAEncryption with NULL parameters
            ? new AlgorithmIdentifier(
                PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)
            // RFC 5758 §3.2: ecdsa-with-SHA256 with absent parameters
            : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    this.signature = Signature.getInstance(algorithm.signatureAlgorithm());
    signature.initSign(key, random);
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return identifier;
  }

  @Override
  public OutputStream getOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
          signature.update(bytes, offset, length);
        } catch (SignatureException e) {
          throw new IOException("cannot sign", e);
        }
      }
    };
  }

  @Override
  public byte[] getSignature() {
    try {
      return signature.sign();
    } catch (SignatureException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }
}
