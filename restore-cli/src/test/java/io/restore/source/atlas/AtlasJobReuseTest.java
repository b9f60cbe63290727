package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.atlas.AtlasApiDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restore jobs are reused and cleaned up (docs/atlas-api.md, "Reusing a restore job"): a second run
 * takes the first run's job, a job that cannot deliver is passed over, the list is read to its last
 * page, and a job this run created is cancelled when it ends without a link. Against {@link
 * AtlasApiDouble}, every exchange checked by the OpenAPI contract.
 */
class AtlasJobReuseTest {
  static final AtlasUri LATEST = AtlasClientTest.LATEST;

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

  AtlasSettings settings(Duration timeout, Sleeper sleeper) {
    return AtlasClientTest.settings(atlas, timeout, clock, sleeper);
  }

  AtlasSource source(boolean reuse) {
    return new AtlasSource(
        settings(Duration.ofHours(2), clock),
        AtlasClientTest.API_KEY,
        new PrintWriter(err, true),
        reuse);
  }

  String chosenSnapshot() {
    return atlas.snapshots().get(1).id(); // the newest is still in progress
  }

  @Test
  void aSecondRunReusesTheFirstRunsJob() {
    AtlasDelivery first = source(true).resolve(LATEST);
    AtlasDelivery second = source(true).resolve(LATEST);

    assertThat(atlas.jobsCreated()).isEqualTo(1);
    assertThat(second.jobId()).isEqualTo(first.jobId());
    assertThat(err.toString())
        .contains("restore: reusing Atlas restore job " + first.jobId() + " of snapshot")
        .contains("--atlas-new-job asks for a new one");
    assertThat(atlas.cancelledJobs()).isEmpty();
  }

  @Test
  void atlasNewJobAsksForANewJobWithoutListing() {
    source(true).resolve(LATEST);
    source(false).resolve(LATEST);

    assertThat(atlas.jobsCreated()).isEqualTo(2);
    assertThat(atlas.requests()).filteredOn(r -> r.contains("/restoreJobs?")).hasSize(1);
  }

  @Test
  void aJobThatCannotDeliverIsNotReused() {
    String snap = chosenSnapshot();
    String expired = atlas.addJob(snap, "download", true, true, null);
    String endingSoon =
        atlas.addJob(snap, "download", true, false, clock.instant().plusSeconds(600));
    String automated = atlas.addJob(snap, "automated", false, false, null);
    String otherSnapshot =
        atlas.addJob(atlas.snapshots().get(2).id(), "download", true, false, null);

    AtlasDelivery d = source(true).resolve(LATEST);

    assertThat(atlas.jobsCreated()).isEqualTo(1);
    assertThat(d.jobId()).isNotIn(expired, endingSoon, automated, otherSnapshot);
    assertThat(err.toString()).doesNotContain("reusing");
  }

  @Test
  void everyPageOfTheJobListIsRead() {
    String wanted = atlas.addJob(chosenSnapshot(), "download", true, false, null);
    for (int i = 0; i < AtlasApi.PAGE + 5; i++) {
      atlas.addJob(chosenSnapshot(), "automated", false, false, null); // listed before it
    }

    AtlasDelivery d = source(true).resolve(LATEST);

    assertThat(d.jobId()).isEqualTo(wanted);
    assertThat(atlas.jobsCreated()).isZero();
    assertThat(atlas.requests())
        .filteredOn(r -> r.contains("/restoreJobs?"))
        .hasSize(2)
        .anyMatch(r -> r.contains("pageNum=2"));
  }

  @Test
  void aJobWeCreatedIsCancelledWhenTheWaitIsInterrupted() {
    atlas.pollsBeforeReady(1_000_000);
    Sleeper interrupted =
        d -> {
          throw new InterruptedException();
        };
    AtlasSource s =
        new AtlasSource(
            settings(Duration.ofHours(2), interrupted),
            AtlasClientTest.API_KEY,
            new PrintWriter(err, true),
            true);

    RestoreException e = catchThrowableOfType(() -> s.resolve(LATEST), RestoreException.class);

    assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    assertThat(atlas.cancelledJobs()).containsExactly("7b0000000000000000000001");
    assertThat(err.toString())
        .contains("restore: cancelled Atlas restore job 7b0000000000000000000001");
    Thread.interrupted(); // clear the flag the sleeper's path may have set
  }

  @Test
  void aReusedJobIsNotCancelledWhenTheWaitTimesOut() {
    atlas.pollsBeforeReady(1_000_000);
    String theirs = atlas.addJob(chosenSnapshot(), "download", false, false, null);
    AtlasSource s =
        new AtlasSource(
            settings(Duration.ofMinutes(10), clock),
            AtlasClientTest.API_KEY,
            new PrintWriter(err, true),
            true);

    RestoreException e = catchThrowableOfType(() -> s.resolve(LATEST), RestoreException.class);

    assertThat(e.getMessage()).contains("Atlas restore job " + theirs + " has no download link");
    assertThat(e.nextStep()).contains("restore reused it");
    assertThat(atlas.cancelledJobs()).isEmpty();
    assertThat(atlas.jobsCreated()).isZero();
  }

  @Test
  void theShutdownHookCancelsAJobWithoutLinkOnce() {
    AtlasApi api = new AtlasApi(settings(Duration.ofHours(2), clock), AtlasClientTest.API_KEY);
    atlas.pollsBeforeReady(1_000_000);
    RestoreJob job = api.createDownloadJob(AtlasApiDouble.PROJECT, "Cluster0", chosenSnapshot());
    CancelOnFailure guard = new CancelOnFailure(api, LATEST, job.id(), new PrintWriter(err, true));

    guard.onExit();
    // what Ctrl-C or SIGTERM run while the job is preparing
    guard.close(); // the main thread's path out afterwards: nothing more

    assertThat(atlas.cancelledJobs()).containsExactly(job.id());
    assertThat(api.job(AtlasApiDouble.PROJECT, "Cluster0", job.id()).cancelled()).isTrue();
  }

  @Test
  void aDeliveredJobIsKept() {
    AtlasApi api = new AtlasApi(settings(Duration.ofHours(2), clock), AtlasClientTest.API_KEY);
    RestoreJob job = api.createDownloadJob(AtlasApiDouble.PROJECT, "Cluster0", chosenSnapshot());
    CancelOnFailure guard = new CancelOnFailure(api, LATEST, job.id(), new PrintWriter(err, true));

    guard.delivered();
    guard.onExit();
    guard.close();

    assertThat(atlas.cancelledJobs()).isEmpty();
  }
}
