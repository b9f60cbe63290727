package io.restore.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment examples in deploy/ are not built or applied here (no container engine, no
 * cluster): this checks what can be checked: the YAML parses, and the fields the examples rely on.
 */
class DeployFilesTest {
  private static final Path ROOT = Path.of(System.getProperty("restore.projectRoot", ".."));
  private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

  @Test
  void everyKubernetesFileParsesAndNamesItsKind() throws IOException {
    List<Path> files;
    try (var list = Files.list(KUBERNETES)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      for (Map<String, Object> doc : documents(file)) {
        assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
      }
    }
  }

  @Test
  void theCronJobDumpsOneSnapshotWithCredentialsFromTheSecret() throws IOException {
    Map<String, Object> cronJob = documents(KUBERNETES.resolve("cronjob.yaml")).get(0);
    assertThat(cronJob).containsEntry("apiVersion", "batch/v1").containsEntry("kind", "CronJob");
    Map<String, Object> spec = map(cronJob, "spec");
    assertThat(spec).containsEntry("concurrencyPolicy", "Forbid").containsKey("schedule");
    Map<String, Object> pod = map(map(map(spec, "jobTemplate"), "spec"), "template");
    Map<String, Object> podSpec = map(pod, "spec");
    assertThat(podSpec).containsEntry("restartPolicy", "Never");
    Map<String, Object> container = list(podSpec, "containers").get(0);
    List<Object> args = List.copyOf((List<?>) container.get("args"));
    assertThat(args.get(0)).isEqualTo("dump");
    assertThat(args).anySatisfy(a -> assertThat((String) a).startsWith("--archive="));

    Map<String, Object> secret = documents(KUBERNETES.resolve("secret.example.yaml")).get(0);
    String secretName = (String) map(secret, "metadata").get("name");
    Map<String, Object> secretRef = map(list(container, "envFrom").get(0), "secretRef");
    assertThat(secretRef).containsEntry("name", secretName);

    // every mounted volume is declared in the pod
    List<Object> declared = new ArrayList<>();
    list(podSpec, "volumes").forEach(v -> declared.add(v.get("name")));
    list(container, "volumeMounts").forEach(m -> assertThat(declared).contains(m.get("name")));
  }

  @Test
  void theDockerfileInstallsTheTarballLayoutTheSmokeTestRuns() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/container/Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM debian:")
        .contains("dist/restore-${RESTORE_VERSION}-linux-x64.tar.gz")
        .contains("/opt/restore-${RESTORE_VERSION}/bin/restore")
        .contains("NOT BUILT HERE")
        .containsPattern("(?m)^USER restore$");
  }

  private static List<Map<String, Object>> documents(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(Files.readString(file))) {
      assertThat(doc).as(file.toString()).isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) doc;
      docs.add(map);
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return (List<Map<String, Object>>) parent.get(key);
  }
}
