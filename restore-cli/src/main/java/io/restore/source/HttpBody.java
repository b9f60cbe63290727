package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The body of an archive download as one stream, read straight into the extractor. A dropped or
 * stalled connection is resumed with an HTTP {@code Range} request from the exact byte reached,
 * when the server advertised {@code Accept-Ranges: bytes}; the extractor never notices. Otherwise
 * the download fails saying the link may be one-time. Errors name the host and path only.
 */
final class HttpBody extends InputStream {
  private final HttpClient client;
  private final URI uri;
  private final String shown;
  private final DownloadSettings settings;
  private final DownloadProgress progress;
  private final ScheduledExecutorService watchdog;
  private final ScheduledFuture<?> watch;
  private final long length;
  private final boolean resumable;
  private final Optional<String> validator;
  private volatile InputStream current;
  private volatile long lastData;
  private volatile boolean stalled;
  private long position;
  private int failedResumes;
  private boolean closed;
  private boolean finished;

  private HttpBody(
      HttpClient client,
      URI uri,
      DownloadSettings settings,
      DownloadProgress progress,
      HttpResponse<InputStream> first) {
    this.client = client;
    this.uri = uri;
    this.shown = Redacted.of(uri);
    this.settings = settings;
    this.progress = progress;
    this.current = first.body();
    this.length = first.headers().firstValueAsLong("Content-Length").orElse(-1);
    this.resumable =
        first.headers().allValues("Accept-Ranges").stream()
            .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("bytes"));
    this.validator =
        first.headers().firstValue("ETag").or(() -> first.headers().firstValue("Last-Modified"));
    this.lastData = System.nanoTime();
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "restore-download-watchdog");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(10, settings.stall().toMillis() / 4);
    this.watch =
        watchdog.scheduleAtFixedRate(this::checkStall, every, every, TimeUnit.MILLISECONDS);
  }

  /** Sends the GET and checks the answer; the body is then read through this stream. */
  static HttpBody open(URI uri, DownloadSettings settings, DownloadProgress progress) {
    return open(uri, settings, progress, java.util.Optional.empty());
  }

  /** As above, trusting {@code tls}'s CAs when given (an atlas:// link with --atlas-ca-file). */
  static HttpBody open(
      URI uri,
      DownloadSettings settings,
      DownloadProgress progress,
      java.util.Optional<javax.net.ssl.SSLContext> tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.connect());
    tls.ifPresent(builder::sslContext);
    HttpClient client = builder.build();
    HttpResponse<InputStream> r = send(client, request(uri, settings).build(), uri, settings);
    if (r.statusCode() != 200) {
      closeQuietly(r.body());
      throw HttpErrors.status(r.statusCode(), Redacted.of(uri));
    }
    HttpBody body = new HttpBody(client, uri, settings, progress, r);
    progress.start(body.length);
    return body;
  }

  long contentLength() {
    return length;
  }

  private static HttpRequest.Builder request(URI uri, DownloadSettings settings) {
    return HttpRequest.newBuilder(uri).timeout(settings.stall()).GET();
  }

  private static HttpResponse<InputStream> send(
      HttpClient client, HttpRequest request, URI uri, DownloadSettings settings) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw HttpErrors.unreachable(Redacted.of(uri), e, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestoreException(
          ExitCode.INTERRUPTED, "the download was interrupted", "run the command again");
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      if (closed) {
        throw new IOException("download closed");
      }
      String why;
      try {
        int n = current.read(b, off, len);
        if (n > 0) {
          position += n;
          lastData = System.nanoTime();
          failedResumes = 0;
          progress.advance(n);
          return n;
        }
        if (n < 0 && (length < 0 || position >= length) && !stalled) {
          if (!finished) {
            finished = true;
            progress.finish();
          }
          return -1;
        }
        if (n == 0) {
          continue;
        }
        why = stalled ? stallText() : "the connection closed early";
      } catch (IOException e) {
        if (closed) {
          throw e;
        }
        why = stalled ? stallText() : "connection error: " + HttpErrors.describe(e);
      }
      resume(why);
    }
  }

  private String stallText() {
    return "no data for " + HttpErrors.seconds(settings.stall());
  }

  private void checkStall() {
    if (System.nanoTime() - lastData > settings.stall().toNanos()) {
      stalled = true;
      lastData = System.nanoTime(); // one abort per stall period
      closeQuietly(current);
    }
  }

  /** Asks for the rest from {@code position}; fails clearly when the server cannot resume. */
  private void resume(String why) {
    closeQuietly(current);
    if (!resumable) {
      throw HttpErrors.notResumable(shown, position, length, why);
    }
    if (++failedResumes > settings.maxResumes()) {
      throw HttpErrors.gaveUp(shown, position, length, why, settings.maxResumes());
    }
    progress.resumed(position, failedResumes, why);
    stalled = false;
    lastData = System.nanoTime();
    HttpRequest.Builder rb = request(uri, settings).header("Range", "bytes=" + position + "-");
    validator.ifPresent(v -> rb.header("If-Range", v));
    HttpResponse<InputStream> r;
    try {
      r = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      current = InputStream.nullInputStream(); // counts as a failed resume on the next read
      stalled = false;
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestoreException(
          ExitCode.INTERRUPTED, "the download was interrupted", "run the command again");
    }
    String range = r.headers().firstValue("Content-Range").orElse("");
    if (r.statusCode() == 206 && range.startsWith("bytes " + position + "-")) {
      current = r.body();
      lastData = System.nanoTime();
      return;
    }
    closeQuietly(r.body());
    if (r.statusCode() == 200 || r.statusCode() == 206) {
      throw HttpErrors.notResumable(
          shown, position, length, why + "; the server answered the resume with the wrong range");
    }
    throw HttpErrors.status(r.statusCode(), shown);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watch.cancel(false);
    watchdog.shutdownNow();
    closeQuietly(current);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // aborting a response: nothing to report
    }
  }
}
