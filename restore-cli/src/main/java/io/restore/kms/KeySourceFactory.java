package io.restore.kms;

/** Makes the key source for resolved settings; the wiring's choice (tests may substitute one). */
@FunctionalInterface
public interface KeySourceFactory {
  MasterKeySource forSettings(KeySettings settings);

  /** The real key sources: {@link KeySources#forSettings}. */
  static KeySourceFactory standard() {
    return KeySources::forSettings;
  }
}
