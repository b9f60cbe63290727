package io.restore.testkit.atlas;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.restore.testkit.kms.LoopbackTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of the Atlas Administration API (Cloud Backups, 2023-01-01) over HTTPS on loopback:
 * API-key Digest and service-account OAuth (client credentials) both enforced, the snapshot list
 * paginated, a download restore job that needs several polls before it shows its {@code
 * deliveryUrl}, which serves the given {@code .tar.gz}. Faults on request: 429s with {@code
 * Retry-After}, an {@code ApiError}, a sharded job. Every request and response is passed to a
 * {@link Contract}; what it reports is kept in {@link #violations()}.
 */
public final class AtlasApiDouble implements AutoCloseable {
  public static final String PROJECT = "5f1e2d3c4b5a69788796a5b4";
  public static final String CLUSTER = "Cluster0";
  public static final String PUBLIC_KEY = "qwertyui";
  public static final String PRIVATE_KEY = "5e7c1f0a-94d2-4c4e-9a35-PRIVATEKEY42";
  public static final String CLIENT_ID = "mdb_sa_id_65f0c0ffee00aa11bb22cc33";
  public static final String CLIENT_SECRET = "mdb_sa_sk_SERVICEACCOUNTSECRET0123";
  public static final String MASTER_KEY_UUID = "07db4c22-96ef-3bda-b7a7-77c927308359";
  static final String MEDIA = "application/vnd.atlas.2023-01-01+json";

  /** The token folder of every download link (tests check it is never printed). */
  public static final String PATH_TOKEN = "dlTOKENq8Zt3xWm";

  private static final String V2 = "/api/atlas/v2";
  private static final Pattern BACKUP =
      Pattern.compile(
          V2 + "/groups/([^/]+)/clusters/([^/]+)/backup/(snapshots|restoreJobs)(?:/([^/]+))?");

  private record Fault(int status, String code, String detail, int retryAfter) {}

  private final HttpsServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final LoopbackTls tls;
  private final DoubleDownloads downloads;
  private final Contract contract;
  private final DigestChecker digest = new DigestChecker(PUBLIC_KEY, PRIVATE_KEY);
  private final DoubleOAuth oauth = new DoubleOAuth();
  private final DoubleJobs jobs = new DoubleJobs();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  private volatile List<Snapshot> snapshots;
  private volatile int pollsBeforeReady = 3;

  /** Serves {@code archive} at each job's link; checks every exchange with {@code contract}. */
  public AtlasApiDouble(byte[] archive, Contract contract) throws IOException {
    this.downloads = new DoubleDownloads(archive);
    this.contract = contract;
    this.tls = LoopbackTls.create();
    List<Snapshot> seven =
        new ArrayList<>(Snapshot.daily(7, Instant.parse("2026-12-02T03:00:00Z")));
    Snapshot newest = seven.get(0);
    seven.set(0, new Snapshot(newest.id(), newest.createdAt(), "inProgress", -1));
    this.snapshots = List.copyOf(seven);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The snapshots listed, newest first (default: 7 a day apart, the newest still in progress). */
  public AtlasApiDouble snapshots(List<Snapshot> list) {
    snapshots = List.copyOf(list);
    return this;
  }

  public List<Snapshot> snapshots() {
    return snapshots;
  }

  /** How many reads of a new job show it without a link (default 3). */
  public AtlasApiDouble pollsBeforeReady(int n) {
    pollsBeforeReady = n;
    return this;
  }

  /** Jobs deliver one archive per named component, as a sharded cluster's do (each the same). */
  public AtlasApiDouble sharded(List<String> replicaSets) {
    downloads.sharded(replicaSets, Map.of());
    return this;
  }

  /**
   * Jobs deliver one archive per component, as a sharded cluster's do: replica set name → its
   * {@code .tar.gz}, listed in the map's iteration order.
   */
  public AtlasApiDouble sharded(Map<String, byte[]> archivesByReplicaSet) {
    downloads.sharded(List.copyOf(archivesByReplicaSet.keySet()), archivesByReplicaSet);
    return this;
  }

  /** This component's download link answers 410 Gone, as an expired Atlas link does. */
  public AtlasApiDouble failDownload(String replicaSet) {
    downloads.fail(replicaSet);
    return this;
  }

  /**
   * A restore job that exists before the test runs (another run's, or the user's), listed by {@code
   * listBackupRestoreJobs} newest first. {@code ready}: it shows its link from the first read;
   * {@code expiresAt} is its link's end (null: four hours after it became ready). Returns its id.
   */
  public String addJob(
      String snapshotId, String deliveryType, boolean ready, boolean expired, Instant expiresAt) {
    Snapshot s =
        snapshots.stream()
            .filter(x -> x.id().equals(snapshotId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no snapshot " + snapshotId));
    DoubleJobs.Job j = jobs.add(s, deliveryType, ready, expired, false);
    j.expiresAt = expiresAt;
    return j.id;
  }

  /** The ids of the jobs cancelled ({@code DELETE .../restoreJobs/{id}}), in order. */
  public List<String> cancelledJobs() {
    return jobs.cancelled();
  }

  /** How many jobs {@code createBackupRestoreJob} created. */
  public int jobsCreated() {
    return jobs.created();
  }

  /** The next {@code count} API calls (after authentication) get 429 with this Retry-After. */
  public AtlasApiDouble tooManyRequests(int count, int retryAfterSeconds) {
    for (int i = 0; i < count; i++) {
      faults.add(new Fault(429, "RATE_LIMITED", "Too many requests.", retryAfterSeconds));
    }
    return this;
  }

  /** The next API call (after authentication) fails with this {@code ApiError}. */
  public AtlasApiDouble failNext(int status, String errorCode, String detail) {
    faults.add(new Fault(status, errorCode, detail, -1));
    return this;
  }

  /** The base URL to pass as --atlas-base-url. */
  public URI baseUrl() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The PEM of the double's certificate, for --atlas-ca-file. */
  public Path caFile() {
    return tls.caFile();
  }

  /** Contract violations seen so far (requests and responses). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every request line, e.g. {@code GET /api/.../snapshots?pageNum=2 [digest]}. */
  public List<String> requests() {
    return List.copyOf(log);
  }

  public int tokenRequests() {
    return oauth.requests();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      URI uri = ex.getRequestURI();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = uri.getRawPath();
      Contract.Message req =
          new Contract.Message(
              method, path, uri.getRawQuery(), Map.copyOf(ex.getRequestHeaders()), 0, body);
      if (path.equals(DoubleOAuth.PATH)) {
        log.add(method + " " + path);
        oauth.serve(ex, body);
        return;
      }
      if (path.startsWith(DoubleDownloads.PREFIX)) {
        log.add(method + " " + path);
        downloads.serve(ex, uri);
        return;
      }
      String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      List<String> bad = contract.checkRequest(req);
      if (!bad.isEmpty()) {
        violations.addAll(
            bad.stream().map(v -> "request " + method + " " + path + ": " + v).toList());
        respond(ex, req, 400, error(400, "INVALID_REQUEST", "contract violation: " + bad.get(0)));
        return;
      }
      Optional<String> auth = authenticate(ex, method, target);
      log.add(method + " " + target + " [" + auth.orElse("none") + "]");
      if (auth.isEmpty()) {
        ex.getResponseHeaders().add("WWW-Authenticate", digest.challenge());
        respond(
            ex, req, 401, error(401, "UNAUTHORIZED", "You are not authorized for this resource."));
        return;
      }
      Fault f = faults.poll();
      if (f != null) {
        if (f.retryAfter() >= 0) {
          ex.getResponseHeaders().add("Retry-After", Integer.toString(f.retryAfter()));
        }
        respond(ex, req, f.status(), error(f.status(), f.code(), f.detail()));
        return;
      }
      api(ex, req, method, path, uri.getRawQuery(), body);
    } catch (RuntimeException e) {
      violations.add("the double failed: " + e);
      throw e;
    }
  }

  private Optional<String> authenticate(HttpExchange ex, String method, String target) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (oauth.accepts(h)) {
      return Optional.of("bearer");
    }
    if (digest.accepts(h, method, target)) {
      return Optional.of("digest");
    }
    return Optional.empty();
  }

  private void api(
      HttpExchange ex, Contract.Message req, String method, String path, String query, String body)
      throws IOException {
    Matcher m = BACKUP.matcher(path);
    if (!m.matches()) {
      respond(ex, req, 404, error(404, "RESOURCE_NOT_FOUND", "Cannot find resource " + path + "."));
      return;
    }
    if (!m.group(1).equals(PROJECT)) {
      respond(
          ex,
          req,
          404,
          error(404, "GROUP_NOT_FOUND", "No group with ID " + m.group(1) + " exists."));
      return;
    }
    if (!m.group(2).equals(CLUSTER)) {
      respond(
          ex,
          req,
          404,
          error(
              404,
              "CLUSTER_NOT_FOUND",
              "No cluster named " + m.group(2) + " exists in group " + PROJECT + "."));
      return;
    }
    String self = baseUrl() + path.replaceAll("/[^/]+$", "") + "/" + m.group(3);
    if (m.group(3).equals("snapshots") && m.group(4) == null && method.equals("GET")) {
      Map<String, String> q = Query.parse(query);
      int page = Integer.parseInt(q.getOrDefault("pageNum", "1"));
      int per = Integer.parseInt(q.getOrDefault("itemsPerPage", "100"));
      boolean count = !"false".equals(q.get("includeCount"));
      respond(ex, req, 200, AtlasJsonBodies.page(snapshots, page, per, count, self));
    } else if (m.group(3).equals("restoreJobs") && m.group(4) == null && method.equals("GET")) {
      listJobs(ex, req, query, self);
    } else if (m.group(4) == null && method.equals("POST")) {
      createJob(ex, req, body, self);
    } else if (m.group(4) != null && method.equals("GET") && m.group(3).equals("restoreJobs")) {
      readJob(ex, req, m.group(4), self);
    } else if (m.group(4) != null && method.equals("DELETE") && m.group(3).equals("restoreJobs")) {
      cancelJob(ex, req, m.group(4));
    } else {
      respond(ex, req, 405, error(405, "METHOD_NOT_ALLOWED", method + " is not allowed here."));
    }
  }

  private void createJob(HttpExchange ex, Contract.Message req, String body, String self)
      throws IOException {
    JsonObject o = JsonParser.parseString(body).getAsJsonObject();
    String snapId = o.has("snapshotId") ? o.get("snapshotId").getAsString() : "";
    Optional<Snapshot> s = snapshots.stream().filter(x -> x.id().equals(snapId)).findFirst();
    if (!"download".equals(o.get("deliveryType").getAsString()) || s.isEmpty()) {
      respond(ex, req, 400, error(400, "INVALID_ATTRIBUTE", "Invalid snapshotId or deliveryType."));
      return;
    }
    respond(ex, req, 200, jobBody(jobs.add(s.get(), "download", false, false, true), self));
  }

  private void readJob(HttpExchange ex, Contract.Message req, String id, String self)
      throws IOException {
    DoubleJobs.Job j = jobs.get(id);
    if (j == null) {
      respond(ex, req, 404, error(404, "RESTORE_JOB_NOT_FOUND", "No restore job " + id + "."));
      return;
    }
    j.polls.incrementAndGet();
    respond(ex, req, 200, jobBody(j, self));
  }

  /** {@code listBackupRestoreJobs}: newest first, paginated as the snapshot list is. */
  private void listJobs(HttpExchange ex, Contract.Message req, String query, String self)
      throws IOException {
    Map<String, String> q = Query.parse(query);
    int page = Integer.parseInt(q.getOrDefault("pageNum", "1"));
    int per = Integer.parseInt(q.getOrDefault("itemsPerPage", "100"));
    boolean count = !"false".equals(q.get("includeCount"));
    List<JsonObject> all = new ArrayList<>();
    for (DoubleJobs.Job j : jobs.newestFirst()) {
      all.add(jobBody(j, self));
    }
    respond(ex, req, 200, AtlasJsonBodies.page(all, page, per, count, self, x -> x));
  }

  /** {@code cancelBackupRestoreJob}: 204 without a body; the job then shows cancelled. */
  private void cancelJob(HttpExchange ex, Contract.Message req, String id) throws IOException {
    if (!jobs.cancel(id)) {
      respond(ex, req, 404, error(404, "RESTORE_JOB_NOT_FOUND", "No restore job " + id + "."));
      return;
    }
    respond(ex, req, 204, null);
  }

  private JsonObject jobBody(DoubleJobs.Job j, String self) {
    Snapshot s = j.snapshot;
    List<String> urls = new ArrayList<>();
    boolean ready = j.readyFromStart || j.polls.get() >= pollsBeforeReady;
    if (ready && !j.cancelled) {
      if (j.expiresAt == null) {
        j.expiresAt = Instant.now().plus(java.time.Duration.ofHours(4));
      }
      downloads.addLinks(baseUrl(), j.id, s.id(), urls);
    }
    return AtlasJsonBodies.job(
        new AtlasJsonBodies.JobState(
            j.id,
            s,
            j.deliveryType,
            urls,
            downloads.components(),
            j.cancelled,
            j.expired,
            j.expiresAt),
        self);
  }

  private static JsonObject error(int status, String code, String detail) {
    return AtlasJsonBodies.error(status, code, Reasons.of(status), detail);
  }

  /** Replies with {@code body} (null: none, as for 204) after checking it against the contract. */
  private void respond(HttpExchange ex, Contract.Message req, int status, JsonObject body)
      throws IOException {
    String text = body == null ? "" : body.toString();
    String type = status / 100 == 2 ? MEDIA : "application/json";
    ex.getResponseHeaders().add("Content-Type", type);
    Contract.Message res =
        new Contract.Message(
            req.method(),
            req.path(),
            req.rawQuery(),
            Map.of("Content-Type", List.of(type)),
            status,
            text);
    for (String v : contract.checkResponse(req, res)) {
      violations.add("response " + status + " to " + req.method() + " " + req.path() + ": " + v);
    }
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
