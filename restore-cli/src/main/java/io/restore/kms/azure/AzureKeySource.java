package io.restore.kms.azure;

import io.restore.kms.KeyContext;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;

/** Placeholder, replaced below. */
public final class AzureKeySource implements MasterKeySource, MasterKeyWrapper {
  private final KeyContext ctx;

  public AzureKeySource(KeyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public MasterKey decrypt() {
    throw new UnsupportedOperationException(ctx.toString());
  }

  @Override
  public byte[] encrypt(MasterKey key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String description() {
    return "";
  }
}
