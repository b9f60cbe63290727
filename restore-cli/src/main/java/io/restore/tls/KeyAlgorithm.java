package io.restore.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key algorithm of every key in a session (CA, server, client). ECDSA P-256 is the default:
 * fast to generate and accepted by every mongod build; RSA is there for older peers that cannot do
 * ECDSA.
 */
public enum KeyAlgorithm {
  ECDSA_P256("ECDSA P-256", "EC", 256, "SHA256withECDSA"),
  RSA_2048("RSA-2048", "RSA", 2048, "SHA256withRSA"),
  RSA_3072("RSA-3072", "RSA", 3072, "SHA256withRSA");

  private final String displayName;
  private final String jcaKeyType;
  private final int bits;
  private final String signatureAlgorithm;

  KeyAlgorithm(String displayName, String jcaKeyType, int bits, String signatureAlgorithm) {
    this.displayName = displayName;
    this.jcaKeyType = jcaKeyType;
    this.bits = bits;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA key algorithm name ({@code EC} or {@code RSA}), also JSSE's key type. */
  public String jcaKeyType() {
    return jcaKeyType;
  }

  /** Key size in bits (curve field size for ECDSA, modulus length for RSA). */
  public int bits() {
    return bits;
  }

  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  boolean isRsa() {
    return "RSA".equals(jcaKeyType);
  }

  KeyPair generate(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaKeyType);
    if (isRsa()) {
      generator.initialize(bits, random);
    } else {
      generator.initialize(new ECGenParameterSpec("secp256r1"), random); // RFC 8422 §5.1.1
    }
    return generator.generateKeyPair();
  }

  @Override
  public String toString() {
    return displayName;
  }
}
