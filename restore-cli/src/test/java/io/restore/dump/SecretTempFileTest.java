package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTempFileTest {
  @Test
  void posixFileSystemsGetOwnerOnlyPermissionsAtCreation() {
    assertThat(SecretTempFile.attributes(Set.of("basic", "posix", "unix", "owner")))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("posix:permissions");
              assertThat(a.value()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            });
  }

  @Test
  void windowsFileSystemsGetNoPosixAttributeWhichWouldThrow() {
    // What WindowsFileSystem reports: no "posix" view.
    assertThat(SecretTempFile.attributes(Set.of("basic", "dos", "owner", "acl", "user"))).isEmpty();
  }

  @Test
  void theFileHereIsOwnerOnly() throws Exception {
    Path file = SecretTempFile.create("secret-temp-file-test-", ".yaml");
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    } finally {
      Files.delete(file);
    }
  }
}
