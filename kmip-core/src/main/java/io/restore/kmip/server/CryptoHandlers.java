package io.restore.kmip.server;

import io.restore.kmip.message.CryptographicParameters;
import io.restore.kmip.message.DecryptRequest;
import io.restore.kmip.message.DecryptResponse;
import io.restore.kmip.message.EncryptRequest;
import io.restore.kmip.message.EncryptResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.object.AttributeValue;
import io.restore.kmip.object.ObjectException;
import io.restore.kmip.object.ObjectStore;
import io.restore.kmip.object.StoredAttribute;
import io.restore.kmip.object.StoredObject;
import io.restore.kmip.ttlv.BlockCipherMode;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.PaddingMethod;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.Tag;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypt and Decrypt (KMIP 1.4 §4.29, §4.30) with AES (and 3DES for the OASIS vectors) in CBC, ECB
 * or GCM. Without Cryptographic Parameters in the request or on the object the defaults are AES,
 * CBC, PKCS5 and a random 16-byte IV returned in the reply: what mongod (audit log encryption) and
 * libmongocrypt expect (docs/design/mongod-kmip.md).
 */
final class CryptoHandlers {
  private final ObjectStore store;
  private final SecureRandom random;

  CryptoHandlers(ObjectStore store, SecureRandom random) {
    this.store = store;
    this.random = random;
  }

  /** The parameters in force for one call. */
  private record Params(
      CryptographicAlgorithm algorithm,
      BlockCipherMode mode,
      PaddingMethod padding,
      int ivLength,
      int tagLength) {

    String transformation() {
      String alg = algorithm == CryptographicAlgorithm.AES ? "AES" : "DESede";
      String pad = padding == PaddingMethod.PKCS5 ? "PKCS5Padding" : "NoPadding";
      return alg + "/" + mode.name() + "/" + (mode == BlockCipherMode.GCM ? "NoPadding" : pad);
    }

    String keyAlgorithm() {
      return algorithm == CryptographicAlgorithm.AES ? "AES" : "DESede";
    }

    boolean needsIv() {
      return mode != BlockCipherMode.ECB;
    }
  }

  ResponsePayload encrypt(RequestPayload payload, RequestContext ctx) throws KmipException {
    EncryptRequest req = (EncryptRequest) payload;
    String uid = ctx.uid(req.uniqueIdentifier());
    StoredObject object = object(uid);
    Params p = params(req.cryptographicParameters(), object);
    byte[] iv = req.ivCounterNonce().orElse(null);
    boolean generated = false;
    if (p.needsIv() && iv == null) {
      iv = new byte[p.ivLength()];
      random.nextBytes(iv);
      generated = true;
    }
    byte[] finalIv = iv;
    byte[][] out = new byte[2][];
    run(
        object,
        true,
        ctx,
        key -> {
          Cipher c = cipher(p, Cipher.ENCRYPT_MODE, key, finalIv);
          req.additionalData().ifPresent(c::updateAAD);
          byte[] result = c.doFinal(req.data());
          if (p.mode() == BlockCipherMode.GCM) {
            int split = result.length - p.tagLength();
            out[0] = java.util.Arrays.copyOfRange(result, 0, split);
            out[1] = java.util.Arrays.copyOfRange(result, split, result.length);
          } else {
            out[0] = result;
          }
        });
    return new EncryptResponse(
        uid,
        out[0],
        generated ? Optional.of(iv) : Optional.empty(),
        req.correlationValue(),
        Optional.ofNullable(out[1]));
  }

  ResponsePayload decrypt(RequestPayload payload, RequestContext ctx) throws KmipException {
    DecryptRequest req = (DecryptRequest) payload;
    String uid = ctx.uid(req.uniqueIdentifier());
    StoredObject object = object(uid);
    Params p = params(req.cryptographicParameters(), object);
    byte[] iv = req.ivCounterNonce().orElse(null);
    if (p.needsIv() && iv == null) {
      throw new KmipException(
          ResultReason.INVALID_MESSAGE, "Decrypt in " + p.mode().xmlName() + " mode needs the IV");
    }
    byte[] input;
    if (p.mode() == BlockCipherMode.GCM) {
      byte[] tag =
          req.authenticatedEncryptionTag()
              .orElseThrow(
                  () ->
                      new KmipException(
                          ResultReason.INVALID_MESSAGE,
                          "Decrypt in GCM mode needs the Authenticated Encryption Tag"));
      if (tag.length != p.tagLength()) {
        p = new Params(p.algorithm(), p.mode(), p.padding(), p.ivLength(), tag.length);
        checkTagLength(tag.length);
      }
      input = new byte[req.data().length + tag.length];
      System.arraycopy(req.data(), 0, input, 0, req.data().length);
      System.arraycopy(tag, 0, input, req.data().length, tag.length);
    } else {
      input = req.data();
    }
    Params finalP = p;
    byte[][] out = new byte[1][];
    run(
        object,
        false,
        ctx,
        key -> {
          Cipher c = cipher(finalP, Cipher.DECRYPT_MODE, key, iv);
          req.additionalData().ifPresent(c::updateAAD);
          out[0] = c.doFinal(input);
        });
    return new DecryptResponse(uid, ctx.wipeLater(out[0]), req.correlationValue());
  }

  @FunctionalInterface
  private interface KeyUse {
    void apply(byte[] key) throws GeneralSecurityException;
  }

  private static void run(StoredObject object, boolean protect, RequestContext ctx, KeyUse use)
      throws KmipException {
    try {
      GeneralSecurityException failure =
          object.useKey(
              protect,
              ctx.now(),
              key -> {
                try {
                  use.apply(key);
                  return null;
                } catch (GeneralSecurityException e) {
                  return e;
                }
              });
      if (failure instanceof AEADBadTagException) {
        throw new KmipException(
            ResultReason.CRYPTOGRAPHIC_FAILURE, "the authentication tag does not match");
      }
      if (failure != null) {
        throw new KmipException(
            ResultReason.CRYPTOGRAPHIC_FAILURE,
            "the cipher refused the data: " + failure.getMessage());
      }
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }

  private static Cipher cipher(Params p, int mode, byte[] key, byte[] iv)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance(p.transformation());
    SecretKeySpec spec = new SecretKeySpec(key, p.keyAlgorithm());
    if (p.mode() == BlockCipherMode.GCM) {
      c.init(mode, spec, new GCMParameterSpec(p.tagLength() * 8, iv));
    } else if (p.needsIv()) {
      c.init(mode, spec, new IvParameterSpec(iv));
    } else {
      c.init(mode, spec);
    }
    return c;
  }

  /** Request parameters, else the object's Cryptographic Parameters attribute, else defaults. */
  private static Params params(Optional<CryptographicParameters> requested, StoredObject object)
      throws KmipException {
    Optional<CryptographicParameters> given = requested;
    if (given.isEmpty()) {
      Optional<AttributeValue> stored = object.first(StoredAttribute.CRYPTOGRAPHIC_PARAMETERS);
      if (stored.isPresent()) {
        Item item = Conversions.toItem(Tag.CRYPTOGRAPHIC_PARAMETERS, stored.get());
        if (item instanceof Item.Structure s) {
          given = Optional.of(new CryptographicParameters(s));
        }
      }
    }
    CryptographicAlgorithm algorithm =
        given
            .flatMap(CryptographicParameters::cryptographicAlgorithm)
            .or(
                () ->
                    object
                        .intAttribute(StoredAttribute.CRYPTOGRAPHIC_ALGORITHM)
                        .flatMap(CryptographicAlgorithm::fromCode))
            .orElse(CryptographicAlgorithm.AES);
    if (algorithm != CryptographicAlgorithm.AES && algorithm != CryptographicAlgorithm.TRIPLE_DES) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED,
          "only AES and 3DES are supported, not " + algorithm.xmlName());
    }
    if (given.isEmpty()) {
      // mongod and libmongocrypt's defaults (docs/design/mongod-kmip.md): CBC, PKCS5, random IV.
      return new Params(
          algorithm, BlockCipherMode.CBC, PaddingMethod.PKCS5, blockSize(algorithm), 0);
    }
    CryptographicParameters cp = given.get();
    BlockCipherMode mode = cp.blockCipherMode().orElse(BlockCipherMode.CBC);
    if (mode != BlockCipherMode.CBC && mode != BlockCipherMode.ECB && mode != BlockCipherMode.GCM) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED,
          "block cipher mode " + mode.xmlName() + " is not supported (CBC, ECB, GCM are)");
    }
    if (mode == BlockCipherMode.GCM && algorithm != CryptographicAlgorithm.AES) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "GCM works with AES only");
    }
    PaddingMethod padding = cp.paddingMethod().orElse(PaddingMethod.NONE);
    if (padding != PaddingMethod.NONE && padding != PaddingMethod.PKCS5) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED,
          "padding method " + padding.xmlName() + " is not supported (None, PKCS5 are)");
    }
    int ivLength =
        cp.ivLength().orElse(mode == BlockCipherMode.GCM ? 96 : blockSize(algorithm) * 8) / 8;
    int tagLength = 0;
    if (mode == BlockCipherMode.GCM) {
      tagLength = cp.tagLength().orElse(16);
      checkTagLength(tagLength);
    }
    return new Params(algorithm, mode, padding, ivLength, tagLength);
  }

  /** GCM tags of 12 to 16 bytes (NIST SP 800-38D §5.2.1.2; the JDK's range). */
  private static void checkTagLength(int bytes) throws KmipException {
    if (bytes < 12 || bytes > 16) {
      // General Failure, as the OASIS reference server answers (CS-BC-M-GCM-1-14).
      throw new KmipException(
          ResultReason.GENERAL_FAILURE, "GCM tag length " + bytes + " is outside 12..16 bytes");
    }
  }

  private static int blockSize(CryptographicAlgorithm algorithm) {
    return algorithm == CryptographicAlgorithm.AES ? 16 : 8;
  }

  private StoredObject object(String uid) throws KmipException {
    try {
      return store.get(uid);
    } catch (ObjectException e) {
      throw Conversions.kmip(e);
    }
  }
}
