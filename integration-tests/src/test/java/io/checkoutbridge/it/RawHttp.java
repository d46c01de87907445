package io.checkoutbridge.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP/1.1 over a plain socket to the server under test on loopback, for requests no well-behaved
 * client sends: unknown methods, malformed query strings and paths, broken chunked bodies. One
 * request per connection ({@code Connection: close}); the answer is read to the end.
 */
final class RawHttp {
  /** Reads answers while requests are still being sent; daemon threads, reused across requests. */
  private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "raw-http-reader");
    thread.setDaemon(true);
    return thread;
  });

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** A server's answer: its status and the text of its head and body. */
  record Answer(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code body} as they
   * are. The answer is read while the body is still being sent: a server that answers early (413,
   * 405) and closes resets the connection, and an answer not read by then would be lost.
   */
  Answer send(String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      CompletableFuture<IOException> reading = CompletableFuture.supplyAsync(() -> {
        byte[] buffer = new byte[8192];
        try {
          for (int n; (n = in.read(buffer)) > 0; ) {
            synchronized (all) {
              all.write(buffer, 0, n);
            }
          }
          return null;
        } catch (IOException e) {
          return e;
        }
      }, READERS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // the server answered and closed before reading all of it
      }
      IOException failed = reading.join();
      String text;
      synchronized (all) {
        text = all.toString(StandardCharsets.ISO_8859_1);
      }
      if (text.isEmpty() && failed != null) {
        throw failed;
      }
      int end = text.indexOf("\r\n\r\n");
      String answerHead = end < 0 ? text : text.substring(0, end);
      String answerBody = end < 0 ? "" : text.substring(end + 4);
      String[] statusLine = answerHead.split(" ", 3);
      int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
      return new Answer(status, answerHead, answerBody);
    }
  }

  /** A request with the usual headers: {@code method target}, Host, and a body with its length. */
  Answer request(String method, String target, String body, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port);
    for (int i = 0; i < headers.length; i += 2) {
      head.append("\r\n").append(headers[i]).append(": ").append(headers[i + 1]);
    }
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    if (bytes != null) {
      head.append("\r\nContent-Length: ").append(bytes.length);
    }
    return send(head.toString(), bytes);
  }
}
