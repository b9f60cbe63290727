package io.restore.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Encrypted PKCS#8 (RFC 5208 §6) with PBES2 (RFC 8018 §6.2): PBKDF2-HMAC-SHA256 and AES-256-CBC,
 * what {@code openssl pkcs8 -topk8} writes by default, so mongod's OpenSSL reads it. The
 * cryptography is the JDK's own (SunJCE); Bouncy Castle only encodes the ASN.1. That avoids
 * instantiating the Bouncy Castle provider, which costs a few hundred milliseconds at start-up.
 */
final class EncryptedKeys {
  /**
   * PBKDF2 rounds. mongod derives the key once at start-up; 100k rounds cost it tens of
   * milliseconds and make guessing a weak password from a copied file slow.
   */
  static final int ITERATIONS = 100_000;

  private EncryptedKeys() {}

  /** The DER of an EncryptedPrivateKeyInfo holding {@code key}'s PKCS#8 encoding. */
  static byte[] encrypt(PrivateKey key, char[] password, SecureRandom random)
      throws GeneralSecurityException {
    byte[] salt = new byte[16];
    byte[] iv = new byte[16]; // the AES block size
    random.nextBytes(salt);
    random.nextBytes(iv);
    PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
    byte[] aesKey = null;
    byte[] plain = null;
    try {
      // The JDK's PBKDF2 takes the password's UTF-8 bytes, as OpenSSL does with -passin.
      aesKey =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
      plain = key.getEncoded();
      byte[] encrypted = cipher.doFinal(plain);
      PBES2Parameters parameters =
          new PBES2Parameters(
              new KeyDerivationFunc(
                  PKCSObjectIdentifiers.id_PBKDF2,
                  new PBKDF2Params(
                      salt,
                      ITERATIONS,
                      new AlgorithmIdentifier(
                          PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))),
              new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
      return new EncryptedPrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters), encrypted)
          .getEncoded();
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode the encrypted private key", e);
    } finally {
      spec.clearPassword();
      if (aesKey != null) {
        Arrays.fill(aesKey, (byte) 0);
      }
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }
}
