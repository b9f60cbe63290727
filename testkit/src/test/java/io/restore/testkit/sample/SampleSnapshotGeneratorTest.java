package io.restore.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.ProjectPaths;
import io.restore.testkit.mongod.StandInData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleSnapshotGeneratorTest {
  static final String DEMO_KEY_ID = "07db4c22-96ef-3bda-b7a7-77c927308359";

  @TempDir Path tmp;

  @Test
  void checkedInDemoMatchesTheGeneratorAndItsKey() throws Exception {
    Path demo = ProjectPaths.root().resolve("samples/demo");
    byte[] key =
        SampleSnapshotGenerator.readKeyFile(ProjectPaths.root().resolve("samples/demo.key"));
    StandInData.Dataset checkedIn = StandInData.read(demo, key);

    SampleSnapshotGenerator.Sample fresh =
        SampleSnapshotGenerator.run(
            new String[] {"--out", tmp.resolve("demo").toString(), "--base64"});
    assertThat(fresh.keyId()).isEqualTo(DEMO_KEY_ID);
    assertThat(demo.resolve("key.store/" + DEMO_KEY_ID)).isDirectory();
    assertThat(Files.readString(tmp.resolve("demo.key")))
        .isEqualTo(Files.readString(ProjectPaths.root().resolve("samples/demo.key")));
    assertThat(checkedIn.documentCount()).isEqualTo(fresh.documentCount()).isGreaterThan(3000);
    for (int i = 0; i < checkedIn.collections().size(); i++) {
      var a = checkedIn.collections().get(i);
      var b = fresh.dataset().collections().get(i);
      assertThat(a.db() + "." + a.name()).isEqualTo(b.db() + "." + b.name());
      assertThat(a.documents()).zipSatisfy(b.documents(), (x, y) -> assertThat(x).isEqualTo(y));
    }
    assertThat(checkedIn.views()).isEqualTo(fresh.dataset().views());
  }

  @Test
  void localMetadataPointsAtTheKeyFileRelativeToItsFolder() throws Exception {
    byte[] key = SampleSnapshotGenerator.masterKeyFor(1);
    SampleSnapshotGenerator.Sample s =
        SampleSnapshotGenerator.generateLocal(
            tmp.resolve("snap"),
            "k-1",
            key,
            SampleSnapshotGenerator.Spec.small(1),
            tmp.resolve("keys/master.bin"),
            false);
    assertThat(s.metadataFile()).hasFileName("k-1.local.metadata");
    assertThat(Files.readString(s.metadataFile()))
        .isEqualTo("{\n  \"keyFile\": \"../../keys/master.bin\"\n}\n");
    Path resolved = s.metadataFile().getParent().resolve("../../keys/master.bin");
    assertThat(Files.readAllBytes(resolved)).isEqualTo(key);
    assertThat(StandInData.read(s.dbpath(), key).documentCount()).isEqualTo(s.documentCount());
  }

  @Test
  void wrongKeyIsDetected() throws Exception {
    SampleSnapshotGenerator.Sample s =
        SampleSnapshotGenerator.generate(
            tmp.resolve("snap"),
            "k-2",
            SampleSnapshotGenerator.masterKeyFor(2),
            SampleSnapshotGenerator.Spec.small(2),
            "aws",
            java.util.Map.of("region", "us-east-1"));
    assertThat(s.metadataFile()).hasFileName("k-2.aws.metadata");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> StandInData.read(s.dbpath(), SampleSnapshotGenerator.masterKeyFor(9)))
        .isInstanceOf(StandInData.WrongKeyException.class);
  }
}
