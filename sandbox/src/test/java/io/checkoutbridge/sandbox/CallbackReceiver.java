package io.checkoutbridge.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A merchant endpoint for tests: a JDK {@link HttpServer} on 127.0.0.1, port 0, recording every
 * request and answering scripted statuses (then 200).
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(String method, URI uri, Map<String, String> headers, String body,
      long receivedAtNanos) {

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new ArrayList<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

  public CallbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) ->
          headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      synchronized (received) {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
            body, System.nanoTime()));
        received.notifyAll();
      }
      Integer status = statuses.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next requests get these statuses, in order; later ones get 200. */
  public CallbackReceiver answer(int... codes) {
    for (int c : codes) {
      statuses.add(c);
    }
    return this;
  }

  /** Waits for at least {@code count} requests and returns all received so far. */
  public List<Received> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(received, left);
      }
      return List.copyOf(received);
    }
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
