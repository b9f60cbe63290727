package io.restore.session;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a session learned on the way, in the order it learns it: read by {@code open --json} when
 * mongod is ready and by {@code --summary-json} at the end, whatever the outcome. Fields stay null
 * until known. Written by the session's thread; read after it (or from its ready callback).
 */
public final class SessionFacts {
  private volatile String keyId;
  private volatile String provider;
  private volatile Path dbpath;
  private volatile String mongodVersion;
  private volatile String uri;
  private volatile Integer mongodPort;
  private volatile Long mongodPid;
  private volatile Integer kmipPort;
  private volatile String sessionId;
  private volatile Consumer<SessionFacts> onReady;

  public void snapshot(String keyId, String provider, Path dbpath) {
    this.keyId = keyId;
    this.provider = provider;
    this.dbpath = dbpath;
  }

  public void mongodVersion(String v) {
    this.mongodVersion = v;
  }

  public void kmipPort(int port) {
    this.kmipPort = port;
  }

  public void sessionId(String id) {
    this.sessionId = id;
  }

  public void mongod(String uri, int port, long pid) {
    this.uri = uri;
    this.mongodPort = port;
    this.mongodPid = pid;
  }

  /** Called once, when mongod is ready and the job is about to run. */
  public void onReady(Consumer<SessionFacts> listener) {
    this.onReady = listener;
  }

  Optional<Consumer<SessionFacts>> readyListener() {
    return Optional.ofNullable(onReady);
  }

  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  public Optional<Path> dbpath() {
    return Optional.ofNullable(dbpath);
  }

  public Optional<String> mongodVersion() {
    return Optional.ofNullable(mongodVersion);
  }

  public Optional<String> uri() {
    return Optional.ofNullable(uri);
  }

  public Optional<Integer> mongodPort() {
    return Optional.ofNullable(mongodPort);
  }

  public Optional<Long> mongodPid() {
    return Optional.ofNullable(mongodPid);
  }

  public Optional<Integer> kmipPort() {
    return Optional.ofNullable(kmipPort);
  }

  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }
}
