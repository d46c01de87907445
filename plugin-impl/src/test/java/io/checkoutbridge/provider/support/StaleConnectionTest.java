package io.checkoutbridge.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.TransientNetworkException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production client ({@link HttpClients#create}) against servers that close connections: a
 * pooled connection the server closed while it was idle is never written to, so the request goes
 * once on a fresh connection; a request the server may have received is never sent again.
 */
class StaleConnectionTest {
  private final OkHttpClient client =
      HttpClients.create(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)));
  private final JsonHttp http = new JsonHttp(client, "Provider", List.of(), r -> null);

  @AfterEach
  void shutdown() {
    HttpClients.shutdown(client);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
  void aRequestOnAPooledConnectionTheServerClosedWhileIdleReachesTheServerExactlyOnce(String method)
      throws Exception {
    try (KeepAliveThenCloseServer server = new KeepAliveThenCloseServer()) {
      JsonResponse first = http.send(new Request.Builder().url(server.url("/first")).get().build());
      assertThat(first.status()).isEqualTo(200);
      // The server has closed the first connection after answering (an idle timeout), while the
      // client still holds it in its pool.
      assertThat(server.firstConnectionClosed.await(5, TimeUnit.SECONDS)).isTrue();

      RequestBody body = method.equals("GET") ? null : JsonHttp.body(JsonHttp.object().put("amount", 100));
      JsonResponse second = http.send(new Request.Builder().url(server.url("/second")).method(method, body).build());

      assertThat(second.status()).isEqualTo(200);
      assertThat(server.requestLines()).containsExactly("GET /first HTTP/1.1", method + " /second HTTP/1.1");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void aPostThatReachedTheServerAndLostItsAnswerIsNotSentAgain() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      server.enqueue(new MockResponse.Builder().code(200).body("{\"sent\":\"twice\"}").build());
      server.start();

      http.send(new Request.Builder().url(server.url("/warm")).get().build());
      Request capture = new Request.Builder().url(server.url("/capture"))
          .post(JsonHttp.body(JsonHttp.object().put("amount", 100))).build();

      assertThatThrownBy(() -> http.send(capture)).isInstanceOf(TransientNetworkException.class);
      // The call has returned: any second attempt would have been made, and counted, by now.
      assertThat(server.getRequestCount()).isEqualTo(2);
      server.takeRequest();
      RecordedRequest post = server.takeRequest();
      assertThat(post.getMethod()).isEqualTo("POST");
      assertThat(post.getConnectionIndex()).isZero(); // it went on the reused connection
    }
  }

  @Test
  void aGetThatReachedTheServerAndLostItsAnswerIsNotSentAgain() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      server.enqueue(new MockResponse.Builder().code(200).body("{\"sent\":\"twice\"}").build());
      server.start();

      http.send(new Request.Builder().url(server.url("/warm")).get().build());
      Request capture = new Request.Builder().url(server.url("/capture")).get().build();

      assertThatThrownBy(() -> http.send(capture)).isInstanceOf(TransientNetworkException.class);
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  /**
   * Answers one request per connection with {@code Connection: keep-alive} and then closes the
   * connection without reading further, as a load balancer does when the idle timeout fires.
   */
  private static final class KeepAliveThenCloseServer implements AutoCloseable {
    private final ServerSocket serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> requestLines = new ArrayList<>();
    private final CountDownLatch firstConnectionClosed = new CountDownLatch(1);
    private int connections;
    private final Thread thread = new Thread(this::serve, "keep-alive-then-close");

    KeepAliveThenCloseServer() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    String url(String path) {
      return "http://" + serverSocket.getInetAddress().getHostAddress() + ":" + serverSocket.getLocalPort() + path;
    }

    synchronized List<String> requestLines() {
      return List.copyOf(requestLines);
    }

    synchronized int connections() {
      return connections;
    }

    private void serve() {
      while (!serverSocket.isClosed()) {
        try (Socket socket = serverSocket.accept()) {
          synchronized (this) {
            connections++;
          }
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
          String requestLine = in.readLine();
          int length = 0;
          for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase().startsWith("content-length:")) {
              length = Integer.parseInt(header.substring(15).trim());
            }
          }
          in.skip(length);
          synchronized (this) {
            requestLines.add(requestLine);
          }
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}"
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (IOException e) {
          // the test ends by closing the server socket
        }
        firstConnectionClosed.countDown();
      }
    }

    @Override
    public void close() throws IOException {
      serverSocket.close();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
