package dev.floe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Client threads that POST pre-serialized OTLP/HTTP protobuf requests (HTTP/1.1, JDK HttpClient)
 * until stopped or until their time or request bound runs out. Closed loop by default: each
 * thread sends its next request once the previous one is answered. With a rate, requests are
 * paced to fixed send slots shared by all threads, and latency counts from the slot, so that a
 * slow server is not hidden by clients that wait for it. After a 429 or 503 a thread pauses.
 */
final class LoadClients {
  private static final int SAMPLES_PER_THREAD = 1 << 20;
  private static final long MAX_REQUESTS_PER_THREAD = 10_000_000L;

  private final HttpClient http;
  private final URI uri;
  private final List<byte[]> bodies;
  private final long slotNanos;
  private final long pauseNanos;
  private final long deadlineNanos;
  private final AtomicLong nextSlot = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final List<SampleLog> logs = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * @param requestsPerSecond pacing over all threads; 0 for a closed loop
   * @param pauseAfterRefusal how long a thread waits after a 429 or 503
   * @param maxRunTime hard bound on how long the threads run
   */
  LoadClients(URI uri, List<byte[]> bodies, int threadCount, double requestsPerSecond, Duration pauseAfterRefusal,
      Duration maxRunTime) {
    this.http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    this.uri = uri;
    this.bodies = bodies;
    this.slotNanos = requestsPerSecond > 0 ? (long) (1e9 / requestsPerSecond) : 0;
    this.pauseNanos = pauseAfterRefusal.toNanos();
    this.deadlineNanos = System.nanoTime() + maxRunTime.toNanos();
    nextSlot.set(System.nanoTime());
    for (int i = 0; i < threadCount; i++) {
      SampleLog log = new SampleLog(SAMPLES_PER_THREAD);
      int first = i;
      Thread thread = new Thread(() -> run(log, first), "bench-client-" + i);
      thread.setDaemon(true);
      logs.add(log);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** Stops the threads after their current request and waits for them. */
  List<SampleLog> stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join();
    }
    return logs;
  }

  private void run(SampleLog log, int first) {
    int next = first % bodies.size();
    for (long sent = 0; running && sent < MAX_REQUESTS_PER_THREAD && System.nanoTime() < deadlineNanos; sent++) {
      long start = slotNanos > 0 ? waitForSlot() : System.nanoTime();
      int status = send(bodies.get(next));
      long end = System.nanoTime();
      log.add(end, end - start, status);
      next = (next + threads.size()) % bodies.size();
      if (status == 429 || status == 503) {
        LockSupport.parkNanos(pauseNanos);
      }
    }
  }

  private long waitForSlot() {
    long slot = nextSlot.getAndAdd(slotNanos);
    long wait;
    while (running && (wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
    return slot;
  }

  private int send(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-protobuf")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return SampleLog.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return SampleLog.ERROR;
    }
  }
}
