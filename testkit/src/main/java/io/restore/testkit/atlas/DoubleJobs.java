package io.restore.testkit.atlas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The restore jobs {@link AtlasApiDouble} knows: created by a POST or planted by a test. */
final class DoubleJobs {
  /** One job; its body is drawn from this by the double at each read. */
  static final class Job {
    final String id;
    final Snapshot snapshot;
    final String deliveryType;
    final AtomicInteger polls = new AtomicInteger();
    final boolean readyFromStart;
    final boolean expired;
    volatile boolean cancelled;
    volatile Instant expiresAt;

    Job(String id, Snapshot snapshot, String deliveryType, boolean ready, boolean expired) {
      this.id = id;
      this.snapshot = snapshot;
      this.deliveryType = deliveryType;
      this.readyFromStart = ready;
      this.expired = expired;
    }
  }

  private final Map<String, Job> byId = new ConcurrentHashMap<>();
  private final List<String> order = Collections.synchronizedList(new ArrayList<>());
  private final List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();

  /** A new job with the next id; {@code byClient}: created through the API (counted). */
  Job add(Snapshot s, String deliveryType, boolean ready, boolean expired, boolean byClient) {
    Job j =
        new Job(
            String.format("7b%022x", counter.incrementAndGet()), s, deliveryType, ready, expired);
    byId.put(j.id, j);
    order.add(j.id);
    if (byClient) {
      created.incrementAndGet();
    }
    return j;
  }

  Job get(String id) {
    return byId.get(id);
  }

  List<Job> newestFirst() {
    List<String> ids;
    synchronized (order) {
      ids = new ArrayList<>(order);
    }
    Collections.reverse(ids);
    return ids.stream().map(byId::get).toList();
  }

  /** Marks the job cancelled; false when there is no such job. */
  boolean cancel(String id) {
    Job j = byId.get(id);
    if (j == null) {
      return false;
    }
    j.cancelled = true;
    cancelled.add(id);
    return true;
  }

  List<String> cancelled() {
    return List.copyOf(cancelled);
  }

  int created() {
    return created.get();
  }
}
