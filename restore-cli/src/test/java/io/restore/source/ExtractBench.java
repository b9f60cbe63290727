package io.restore.source;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * scripts/bench-extract's Java side (not a test): {@code extract SOURCE PARENT} runs restore's own
 * source resolution (streaming extraction, checks and all) and keeps the result for the script to
 * remove outside the timing; {@code serve FILE} serves one file over loopback HTTP with {@code
 * Content-Length} and {@code Accept-Ranges}, as a download link does.
 */
public final class ExtractBench {
  private ExtractBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("serve")) {
      serve(Path.of(args[1]));
      return;
    }
    PrintWriter err = new PrintWriter(System.err, true);
    long t0 = System.nanoTime();
    try (OpenedSource s =
        Sources.open(
            args[1],
            new Sources.Options(Optional.of(Path.of(args[2])), true, Optional.empty()),
            Sources.Need.SNAPSHOT,
            Map.of(),
            err)) {
      System.out.printf(
          "extracted-seconds %.3f dbpath %s%n", (System.nanoTime() - t0) / 1e9, s.dbpath());
    }
  }

  private static void serve(Path file) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (ex;
              InputStream in = Files.newInputStream(file)) {
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            ex.sendResponseHeaders(200, Files.size(file));
            OutputStream out = ex.getResponseBody();
            in.transferTo(out);
          }
        });
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
