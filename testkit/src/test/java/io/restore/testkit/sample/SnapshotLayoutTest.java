package io.restore.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotLayoutTest {
  @TempDir Path dbpath;

  @Test
  void writesKeyStoreAndMetadataNamedAfterTheKeyId() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("accessKeyId", "AKIA\"x");
    fields.put("serviceAccountKey", "{\"a\":\n1}");
    Path metadata = SnapshotLayout.write(dbpath, "ab12-cd", "aws", fields);

    assertThat(dbpath.resolve("key.store/keystore.metadata")).isRegularFile();
    assertThat(dbpath.resolve("key.store/ab12-cd")).isDirectory();
    assertThat(metadata).hasFileName("ab12-cd.aws.metadata");
    assertThat(Files.readString(metadata))
        .isEqualTo(
            "{\n  \"accessKeyId\": \"AKIA\\\"x\",\n  \"serviceAccountKey\": \"{\\\"a\\\":\\n1}\"\n}\n");
  }
}
