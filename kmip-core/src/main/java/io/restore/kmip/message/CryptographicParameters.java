package io.restore.kmip.message;

import io.restore.kmip.ttlv.BlockCipherMode;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.HashingAlgorithm;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.PaddingMethod;
import io.restore.kmip.ttlv.Tag;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Cryptographic Parameters (KMIP 1.4 §2.1.5), kept as its structure so every field round-trips;
 * typed getters for what a server acts on.
 */
public record CryptographicParameters(Item.Structure structure) {
  /** What libmongocrypt sends: mode, padding, algorithm, Random IV (KMIP 1.4 §2.1.5 order). */
  public static CryptographicParameters of(
      BlockCipherMode mode,
      PaddingMethod padding,
      CryptographicAlgorithm algorithm,
      Boolean randomIv) {
    var items = new ArrayList<Item>();
    if (mode != null) items.add(Item.Enumeration.of(Tag.BLOCK_CIPHER_MODE, mode));
    if (padding != null) items.add(Item.Enumeration.of(Tag.PADDING_METHOD, padding));
    if (algorithm != null) items.add(Item.Enumeration.of(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm));
    if (randomIv != null) items.add(new Item.Bool(Tag.RANDOM_IV, randomIv));
    return new CryptographicParameters(new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, items));
  }

  public Optional<BlockCipherMode> blockCipherMode() {
    return code(Tag.BLOCK_CIPHER_MODE).flatMap(BlockCipherMode::fromCode);
  }

  public Optional<PaddingMethod> paddingMethod() {
    return code(Tag.PADDING_METHOD).flatMap(PaddingMethod::fromCode);
  }

  public Optional<HashingAlgorithm> hashingAlgorithm() {
    return code(Tag.HASHING_ALGORITHM).flatMap(HashingAlgorithm::fromCode);
  }

  public Optional<CryptographicAlgorithm> cryptographicAlgorithm() {
    return code(Tag.CRYPTOGRAPHIC_ALGORITHM).flatMap(CryptographicAlgorithm::fromCode);
  }

  public Optional<Boolean> randomIv() {
    return structure.first(Tag.RANDOM_IV).map(i -> i instanceof Item.Bool b && b.value());
  }

  public OptionalInt ivLength() {
    return integer(Tag.IV_LENGTH);
  }

  public OptionalInt tagLength() {
    return integer(Tag.TAG_LENGTH);
  }

  private Optional<Integer> code(Tag t) {
    return structure
        .first(t)
        .filter(i -> i instanceof Item.Enumeration)
        .map(i -> ((Item.Enumeration) i).value());
  }

  private OptionalInt integer(Tag t) {
    Optional<Item> i = structure.first(t);
    return i.isPresent() && i.get() instanceof Item.Int n
        ? OptionalInt.of(n.value())
        : OptionalInt.empty();
  }
}
