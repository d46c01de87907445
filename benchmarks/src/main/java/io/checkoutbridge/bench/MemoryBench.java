package io.checkoutbridge.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5: the server's heap after a full GC, before and after many Dintero checkouts with their
 * callbacks. The sandbox runs in the same server and keeps every session it simulated, so it is
 * reset (journal and state) before both measurements: what remains is the plugin's and WildFly's.
 */
final class MemoryBench {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final Env env;
  private final Report report;
  private final CheckoutBench checkouts;
  private final long pid;

  MemoryBench(Env env, Report report, CheckoutBench checkouts, long pid) {
    this.env = env;
    this.report = report;
    this.checkouts = checkouts;
    this.pid = pid;
  }

  void run() throws Exception {
    int count = env.full ? 10_000 : 100;
    int clients = 8;
    long before = settledHeap();
    String firstOrder = checkouts.nextOrder("dintero");
    AtomicInteger left = new AtomicInteger(count);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      running.add(pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          checkouts.pluginCheckout("dintero", checkouts.nextOrder("dintero"));
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    awaitCallbacks(count, firstOrder);
    long after = settledHeap();
    double perPayment = (after - before) * 1024.0 / count;
    boolean flat = perPayment < 100;
    report.row("5. memory: heap after full GC, after " + count + " checkouts", (after / 1024) + " MiB",
        (before / 1024) + " MiB", Report.num((double) after / before, "%.3f"),
        "growth < 100 B/payment", flat);
    report.section("5. memory", String.format(Locale.ROOT,
        "server -Xmx512m; %d checkouts with their callbacks from %d clients in %.1f s (%.0f /s)%n"
            + "heap used after full GC: before %,d KiB, after %,d KiB, growth %+.1f bytes per payment",
        count, clients, seconds, count / seconds, before, after, perPayment));
  }

  /** Waits until the callbacks of the run's checkouts have been processed (or stop coming). */
  private void awaitCallbacks(int count, String firstOrder) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    long last = -1;
    while (System.currentTimeMillis() < deadline) {
      long processed;
      try (Connection c = env.db();
          PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM cb_callback_inbox WHERE processed_at IS NULL")) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          processed = rs.getLong(1);
        }
      }
      if (processed == 0 && last == 0) {
        return;
      }
      last = processed;
      Thread.sleep(1000);
    }
  }

  /** Heap used (KiB) after the sandbox forgot everything and two full collections. */
  private long settledHeap() throws IOException, InterruptedException {
    Thread.sleep(2000); // let late callbacks land
    env.send("POST", env.sandbox("/_reset")).expect(200, 204);
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      Report.command("jcmd", Long.toString(pid), "GC.run");
      Thread.sleep(300);
      String info = Report.command("jcmd", Long.toString(pid), "GC.heap_info");
      Matcher m = USED.matcher(info);
      if (!m.find()) {
        throw new IOException("cannot read the heap from jcmd GC.heap_info: " + info);
      }
      used = Math.min(used, Long.parseLong(m.group(1)));
    }
    return used;
  }
}
