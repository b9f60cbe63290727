package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.atlas.Contract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself bites: what the description forbids is reported. */
class AtlasContractTest {
  static final String SNAPSHOTS =
      "/api/atlas/v2/groups/5f1e2d3c4b5a69788796a5b4/clusters/Cluster0/backup/snapshots";
  static final String JOBS =
      "/api/atlas/v2/groups/5f1e2d3c4b5a69788796a5b4/clusters/Cluster0/backup/restoreJobs";
  static final Map<String, List<String>> ACCEPT =
      Map.of("Accept", List.of("application/vnd.atlas.2023-01-01+json"));
  final AtlasContract contract = new AtlasContract();

  static Contract.Message get(String path, String query) {
    return new Contract.Message("GET", path, query, ACCEPT, 0, "");
  }

  static Contract.Message ok(String body) {
    return new Contract.Message(
        "GET",
        "",
        null,
        Map.of("Content-Type", List.of("application/vnd.atlas.2023-01-01+json")),
        200,
        body);
  }

  @Test
  void aWellFormedExchangePasses() {
    assertThat(contract.checkRequest(get(SNAPSHOTS, "pageNum=1&itemsPerPage=100"))).isEmpty();
    assertThat(
            contract.checkResponse(
                get(SNAPSHOTS, null),
                ok(
                    "{\"results\":[{\"id\":\"6a0000000000000000000001\",\"status\":\"completed\"}],"
                        + "\"totalCount\":1}")))
        .isEmpty();
  }

  @Test
  void requestsOutsideTheDescriptionAreReported() {
    assertThat(contract.checkRequest(get(SNAPSHOTS, "itemsPerPage=1000"))).isNotEmpty();
    assertThat(contract.checkRequest(get(SNAPSHOTS.replace("5f1e", "XXXX"), null))).isNotEmpty();
    Contract.Message noBody =
        new Contract.Message(
            "POST",
            JOBS,
            null,
            Map.of(
                "Accept", List.of("application/vnd.atlas.2023-01-01+json"),
                "Content-Type", List.of("application/vnd.atlas.2023-01-01+json")),
            0,
            "{\"snapshotId\":\"6a0000000000000000000001\"}");
    assertThat(contract.checkRequest(noBody)).as("deliveryType is required").isNotEmpty();
  }

  @Test
  void responsesOutsideTheDescriptionAreReported() {
    assertThat(
            contract.checkResponse(
                get(SNAPSHOTS, null),
                ok("{\"results\":[{\"id\":\"6a0000000000000000000001\",\"status\":\"done\"}]}")))
        .as("status is an enum")
        .isNotEmpty();
    assertThat(
            contract.checkResponse(
                get(JOBS + "/7b0000000000000000000001", null),
                ok("{\"deliveryType\":\"download\",\"deliveryUrl\":\"https://x/y.tar.gz\"}")))
        .as("deliveryUrl is a list")
        .isNotEmpty();
  }
}
