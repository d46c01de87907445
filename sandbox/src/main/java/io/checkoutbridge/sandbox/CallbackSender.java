package io.checkoutbridge.sandbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers callbacks the way providers do: asynchronously, with a request timeout, retrying on 5xx,
 * timeouts and connection errors with exponential backoff, treating other statuses (2xx-4xx) as
 * final. Every attempt is journalled as an {@code out} entry, with its status or error.
 *
 * <p>Honours the {@code callback} faults of the callback's provider: {@code duplicate} (delivered a
 * second time once the first delivery has finished), {@code late} (first attempt after {@code
 * delayMs}), {@code out-of-order} (held until the provider's next callback has been delivered, or
 * until {@code delayMs} passes) and {@code drop} (journalled with {@code fault:"drop"}, never sent).
 *
 * <p>Thread-safe. {@link #close()} stops pending and future deliveries.
 */
public final class CallbackSender implements AutoCloseable {

  /**
   * Delivery settings.
   *
   * @param maxAttempts attempts per delivery, first included
   * @param initialBackoff wait before the second attempt; doubles each time, capped at 30 s
   * @param requestTimeout per-attempt timeout (providers use 10 s)
   * @param threads delivery threads
   */
  public record Settings(int maxAttempts, Duration initialBackoff, Duration requestTimeout,
      int threads) {

    public Settings {
      if (maxAttempts < 1 || threads < 1) {
        throw new IllegalArgumentException("maxAttempts and threads must be positive");
      }
    }

    /** Four attempts, 500 ms first backoff, 10 s timeout, four threads. */
    public static Settings defaults() {
      return new Settings(4, Duration.ofMillis(500), Duration.ofSeconds(10), 4);
    }
  }

  private static final long MAX_BACKOFF_MS = 30_000;

  private final Settings settings;
  private final Journal journal;
  private final Faults faults;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledThreadPoolExecutor executor;
  private final Map<String, Held> held = new HashMap<>();
  private final Object idle = new Object();
  private int pending;
  private volatile boolean closed;

  private record Held(OutboundCallback callback, ScheduledFuture<?> timer) {}

  public CallbackSender(Settings settings, Journal journal, Faults faults, Clock clock) {
    this.settings = settings;
    this.journal = journal;
    this.faults = faults;
    this.clock = clock;
    this.executor = new ScheduledThreadPoolExecutor(settings.threads(), daemonThreads());
    this.executor.setRemoveOnCancelPolicy(true);
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public Settings settings() {
    return settings;
  }

  /** Queues a callback for delivery and returns at once. Ignored after {@link #close()}. */
  public void send(OutboundCallback callback) {
    if (closed) {
      return;
    }
    Held release = takeHeld(callback.provider());
    if (release != null) {
      // out-of-order: deliver this one first, the held one right after it (the held one was
      // counted as pending when it was held)
      begin();
      deliver(callback, callback.delay().toMillis(), null)
          .whenComplete((v, e) -> deliver(release.callback(), 0, FaultMode.OUT_OF_ORDER.wire())
              .whenComplete((v2, e2) -> end()))
          .whenComplete((v, e) -> end());
      return;
    }
    Optional<Faults.Hit> hit = faults.take(callback.provider(), Faults.CALLBACK);
    long delay = callback.delay().toMillis();
    if (hit.isEmpty()) {
      track(deliver(callback, delay, null));
      return;
    }
    Faults.Hit h = hit.get();
    switch (h.mode()) {
      case DROP -> journal.recordOutgoing(callback.provider(), callback.method(), callback.uri(),
          asLists(callback.headers()), callback.body(), callback.contentType(), null, 0,
          h.label(), "dropped by scripted fault");
      case LATE -> track(deliver(callback, delay + h.delayMs(), h.label()));
      case DUPLICATE -> {
        begin();
        deliver(callback, delay, null)
            .whenComplete((v, e) -> track(deliver(callback, 0, h.label())))
            .whenComplete((v, e) -> end());
      }
      case OUT_OF_ORDER -> hold(callback, delay + h.delayMs());
      default -> track(deliver(callback, delay, null));
    }
  }

  /**
   * Waits until no delivery is pending (held callbacks count as pending).
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  /** Stops delivering; pending and held callbacks are abandoned. Idempotent. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (held) {
      held.clear();
    }
    synchronized (idle) {
      pending = 0;
      idle.notifyAll();
    }
  }

  private void hold(OutboundCallback callback, long maxWaitMs) {
    begin();
    synchronized (held) {
      ScheduledFuture<?> timer;
      try {
        timer = executor.schedule(() -> {
          Held h = takeHeld(callback.provider());
          if (h != null) {
            deliver(h.callback(), 0, FaultMode.OUT_OF_ORDER.wire()).whenComplete((v, e) -> end());
          }
        }, maxWaitMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        end();
        return;
      }
      Held previous = held.put(callback.provider(), new Held(callback, timer));
      if (previous != null) {
        // two holds in a row: the older one is released now, keeping at most one held callback
        previous.timer().cancel(false);
        deliver(previous.callback(), 0, FaultMode.OUT_OF_ORDER.wire())
            .whenComplete((v, e) -> end());
      }
    }
  }

  private Held takeHeld(String provider) {
    synchronized (held) {
      Held h = held.remove(provider);
      if (h != null) {
        h.timer().cancel(false);
      }
      return h;
    }
  }

  private void track(CompletableFuture<Void> delivery) {
    begin();
    delivery.whenComplete((v, e) -> end());
  }

  private void begin() {
    synchronized (idle) {
      pending++;
    }
  }

  private void end() {
    synchronized (idle) {
      if (pending > 0) {
        pending--;
      }
      idle.notifyAll();
    }
  }

  private CompletableFuture<Void> deliver(OutboundCallback callback, long delayMs, String fault) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    schedule(() -> attempt(callback, 1, fault, done), delayMs, done);
    return done;
  }

  private void schedule(Runnable task, long delayMs, CompletableFuture<Void> done) {
    if (closed) {
      done.complete(null);
      return;
    }
    try {
      executor.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
  }

  private void attempt(OutboundCallback callback, int attempt, String fault,
      CompletableFuture<Void> done) {
    Map<String, String> headers = new LinkedHashMap<>(callback.headers());
    if (callback.signer() != null) {
      headers.putAll(callback.signer().sign(callback, clock.instant()));
    }
    byte[] body = callback.body();
    if (body.length > 0 && callback.contentType() != null) {
      headers.put("Content-Type", callback.contentType());
    }
    Integer status = null;
    String error = null;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(callback.uri())
          .timeout(settings.requestTimeout())
          .method(callback.method(), body.length == 0
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(request::header);
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      error = "timeout after " + settings.requestTimeout().toMillis() + " ms";
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.complete(null);
      return;
    } catch (IllegalArgumentException e) {
      // a URL or header HttpClient refuses: permanent, like a 4xx
      journal.recordOutgoing(callback.provider(), callback.method(), callback.uri(),
          asLists(headers), body, callback.contentType(), null, attempt, fault,
          "not sent: " + e.getMessage());
      done.complete(null);
      return;
    }
    journal.recordOutgoing(callback.provider(), callback.method(), callback.uri(),
        asLists(headers), body, callback.contentType(), status, attempt, fault, error);

    boolean retryable = status == null || status >= 500 || status < 200;
    if (retryable && attempt < settings.maxAttempts() && !closed) {
      long backoff = Math.min(MAX_BACKOFF_MS,
          settings.initialBackoff().toMillis() << Math.min(20, attempt - 1));
      schedule(() -> attempt(callback, attempt + 1, fault, done), backoff, done);
    } else {
      done.complete(null);
    }
  }

  private static Map<String, List<String>> asLists(Map<String, String> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v))));
    return out;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sandbox-callback-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
