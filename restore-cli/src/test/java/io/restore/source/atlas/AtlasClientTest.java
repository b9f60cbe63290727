package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.atlas.AtlasApiDouble;
import io.restore.testkit.atlas.Snapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Atlas client against {@link AtlasApiDouble}: every request and response also passes the
 * OpenAPI contract ({@link AtlasContract}), checked after each test. Waits go to a {@link
 * TestClock}, so polling, Retry-After and the job timeout cost no real time.
 */
class AtlasClientTest {
  static final Credentials API_KEY =
      new Credentials.ApiKey(AtlasApiDouble.PUBLIC_KEY, AtlasApiDouble.PRIVATE_KEY, "test");
  static final Credentials SERVICE_ACCOUNT =
      new Credentials.ServiceAccount(
          AtlasApiDouble.CLIENT_ID, AtlasApiDouble.CLIENT_SECRET, "test");
  static final AtlasUri LATEST = AtlasUri.parse("atlas://" + AtlasApiDouble.PROJECT + "/Cluster0");

  AtlasApiDouble atlas;
  final TestClock clock = new TestClock();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    atlas = new AtlasApiDouble(new byte[] {1, 2, 3}, new AtlasContract());
  }

  @AfterEach
  void contractHeld() {
    atlas.close();
    assertThat(atlas.violations()).as("OpenAPI contract violations").isEmpty();
  }

  AtlasSettings settings(Duration timeout) {
    return settings(atlas, timeout, clock, clock);
  }

  /** Settings that reach {@code atlas}, with the tests' clock and sleeper. */
  static AtlasSettings settings(
      AtlasApiDouble atlas, Duration timeout, TestClock clock, Sleeper sleeper) {
    return new AtlasSettings(
        AtlasSettings.baseUri(atlas.baseUrl().toString(), "test"),
        AtlasTls.context(Optional.of(atlas.caFile())),
        timeout,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        clock,
        sleeper);
  }

  AtlasSource source(Credentials c) {
    return new AtlasSource(settings(Duration.ofHours(2)), c, new PrintWriter(err, true));
  }

  @Test
  void anApiKeyGetsTheLatestCompletedSnapshotsLinkAfterSeveralPolls() {
    AtlasDelivery d = source(API_KEY).resolve(LATEST);

    assertThat(d).isInstanceOf(AtlasDelivery.Single.class);
    AtlasDelivery.Single one = (AtlasDelivery.Single) d;
    // The newest snapshot is still in progress: the one before it is chosen.
    assertThat(one.snapshot().id()).isEqualTo(atlas.snapshots().get(1).id());
    assertThat(one.url().getPath()).startsWith("/backup/restore/" + one.jobId());
    assertThat(atlas.requests())
        .filteredOn(r -> r.startsWith("GET") && r.contains("/restoreJobs/"))
        .hasSize(3);
    assertThat(atlas.requests()).filteredOn(r -> r.endsWith("[digest]")).hasSizeGreaterThan(3);
    assertThat(clock.sleeps)
        .containsExactly(Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofMillis(11250));
    assertThat(err.toString())
        .contains("restore: Atlas restore job " + one.jobId() + ": preparing the download (0 s)")
        .contains(": ready (23 s)")
        .doesNotContain(AtlasApiDouble.PRIVATE_KEY)
        .doesNotContain("DOWNLOAD-TOKEN");
  }

  @Test
  void aServiceAccountFetchesOneTokenAndSendsItAsBearer() {
    source(SERVICE_ACCOUNT).resolve(LATEST);
    assertThat(atlas.tokenRequests()).isEqualTo(1);
    assertThat(atlas.requests())
        .filteredOn(r -> r.startsWith("GET /api") || r.startsWith("POST /api/atlas"))
        .allMatch(r -> r.endsWith("[bearer]"));
  }

  @Test
  void everyPageOfTheSnapshotListIsRead() {
    atlas.snapshots(Snapshot.daily(230, Instant.parse("2026-12-02T03:00:00Z")));
    List<SnapshotInfo> all =
        new AtlasApi(settings(Duration.ofHours(2)), API_KEY)
            .snapshots(AtlasApiDouble.PROJECT, "Cluster0");
    assertThat(all).hasSize(230);
    assertThat(all.get(229).id()).isEqualTo(atlas.snapshots().get(229).id());
    assertThat(atlas.requests())
        .filteredOn(r -> r.contains("[digest]"))
        .anyMatch(r -> r.contains("pageNum=3"))
        .noneMatch(r -> r.contains("pageNum=4"));
  }

  @Test
  void anUnknownSnapshotIdListsTheFiveMostRecent() {
    AtlasUri wrong =
        AtlasUri.parse("atlas://" + AtlasApiDouble.PROJECT + "/Cluster0/6a00000000000000000000ff");
    RestoreException e =
        catchThrowableOfType(() -> source(API_KEY).resolve(wrong), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage()).contains("has no snapshot 6a00000000000000000000ff");
    for (int i = 0; i < 5; i++) {
      assertThat(e.getMessage()).contains(atlas.snapshots().get(i).id());
    }
    assertThat(e.getMessage()).doesNotContain(atlas.snapshots().get(5).id());
    assertThat(e.nextStep()).contains("restore atlas snapshots " + AtlasApiDouble.PROJECT);
  }

  @Test
  void tooManyRequestsWaitsAsRetryAfterSays() {
    atlas.tooManyRequests(2, 7);
    new AtlasApi(settings(Duration.ofHours(2)), SERVICE_ACCOUNT)
        .snapshots(AtlasApiDouble.PROJECT, "Cluster0");
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void aJobWithoutLinkBeforeTheTimeoutNamesTheJob() {
    atlas.pollsBeforeReady(1_000_000);
    AtlasSource s =
        new AtlasSource(settings(Duration.ofMinutes(10)), API_KEY, new PrintWriter(err));
    RestoreException e = catchThrowableOfType(() -> s.resolve(LATEST), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.ATLAS);
    assertThat(e.getMessage())
        .isEqualTo(
            "Atlas restore job 7b0000000000000000000001 has no download link after 10 min 00 s"
                + " (--atlas-timeout)");
    assertThat(e.nextStep()).contains("--atlas-timeout").contains("cancels the job");
    assertThat(atlas.cancelledJobs()).containsExactly("7b0000000000000000000001");
    assertThat(clock.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void wrongApiKeyIsUnauthorizedNamingTheKeyAndTheRoles() {
    Credentials wrong = new Credentials.ApiKey(AtlasApiDouble.PUBLIC_KEY, "not-the-key", "flags");
    RestoreException e =
        catchThrowableOfType(() -> source(wrong).resolve(LATEST), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.ATLAS);
    assertThat(e.getMessage())
        .startsWith("the Atlas API refused to list the snapshots of cluster Cluster0")
        .contains("HTTP 401 UNAUTHORIZED (You are not authorized for this resource.)");
    assertThat(e.nextStep())
        .contains("API key " + AtlasApiDouble.PUBLIC_KEY + " (flags)")
        .contains("Project Backup Manager")
        .doesNotContain("not-the-key");
  }

  @Test
  void wrongServiceAccountSecretIsRefusedAtTheTokenEndpoint() {
    Credentials wrong =
        new Credentials.ServiceAccount(AtlasApiDouble.CLIENT_ID, "nope-nope", "env");
    RestoreException e =
        catchThrowableOfType(() -> source(wrong).resolve(LATEST), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.ATLAS);
    assertThat(e.getMessage()).contains("issue an access token").contains("HTTP 401");
    assertThat(e.nextStep()).contains("service account " + AtlasApiDouble.CLIENT_ID);
  }

  @Test
  void anAddressOffTheAccessListSaysWhereToAddIt() {
    atlas.failNext(
        403,
        "IP_ADDRESS_NOT_ON_ACCESS_LIST",
        "IP address 203.0.113.9 is not allowed to access this resource.");
    RestoreException e =
        catchThrowableOfType(() -> source(SERVICE_ACCOUNT).resolve(LATEST), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.ATLAS);
    assertThat(e.getMessage())
        .contains("HTTP 403 IP_ADDRESS_NOT_ON_ACCESS_LIST (IP address 203.0.113.9 is not allowed");
    assertThat(e.nextStep())
        .contains("API access list of the service account " + AtlasApiDouble.CLIENT_ID);
  }

  @Test
  void anUnknownClusterPointsAtTheIdAndName() {
    AtlasUri other = AtlasUri.parse("atlas://" + AtlasApiDouble.PROJECT + "/Cluster9");
    RestoreException e =
        catchThrowableOfType(() -> source(API_KEY).resolve(other), RestoreException.class);
    assertThat(e.getMessage()).contains("HTTP 404 CLUSTER_NOT_FOUND");
    assertThat(e.nextStep()).contains("check the project id and the cluster name");
  }

  @Test
  void aShardedJobGivesEachComponentsLinkWithItsTokensRegistered() {
    List<String> parts = List.of("atlas-q1-shard-0", "atlas-q1-shard-1", "atlas-q1-config-0");
    atlas.sharded(parts);
    AtlasDelivery d = source(API_KEY).resolve(LATEST);
    assertThat(d).isInstanceOf(AtlasDelivery.Sharded.class);
    AtlasDelivery.Sharded s = (AtlasDelivery.Sharded) d;
    assertThat(s.components()).extracting(AtlasDelivery.Component::replicaSetName).isEqualTo(parts);
    for (AtlasDelivery.Component c : s.components()) {
      assertThat(c.url().getPath()).endsWith("/" + c.replicaSetName() + ".tar.gz");
      assertThat(io.restore.Secrets.scrub(c.url().toString()))
          .doesNotContain(AtlasApiDouble.PATH_TOKEN)
          .doesNotContain("DOWNLOAD-TOKEN");
    }
    assertThat(s.tls()).isNotNull();
  }
}
