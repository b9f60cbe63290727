package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.MetadataField;
import java.util.Optional;

/**
 * A setting's value and where it came from, as the user would name it: the flag they typed ({@code
 * -awsSessionToken}, not an alias of it), an environment variable, or a metadata field. Messages
 * name {@link #source()}, never the value of a secret.
 */
public record Given(String value, String source) {
  @Override
  public String toString() {
    return source + "=(set)";
  }

  /** A field of the metadata file, when present and not blank. */
  public static Optional<Given> field(Metadata md, MetadataField f) {
    return md.text(f)
        .map(
            v ->
                new Given(
                    v,
                    "field "
                        + md.nameOf(f).orElse(f.fieldName())
                        + " of "
                        + UserText.cap(md.file().toString())));
  }

  /**
   * The value, checked: credentials and key coordinates are single-line text, so a control
   * character (a pasted line break) is refused here, naming the source, before any SDK can quote
   * the value in an error. A secret is also registered for scrubbing ({@link Secrets}).
   */
  public String checked(boolean secret) {
    if (secret) {
      Secrets.register(value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new RestoreException(
            ExitCode.KMS,
            source
                + " contains a control character ("
                + (c == '\n' || c == '\r'
                    ? "a line break"
                    : c == '\t' ? "a tab" : "code " + (int) c)
                + " at position "
                + (i + 1)
                + "); "
                + (secret ? "the value is not shown" : "it must be one line of text"),
            "copy the value again without line breaks or spaces around it, and pass it again with "
                + source);
      }
    }
    return value;
  }
}
