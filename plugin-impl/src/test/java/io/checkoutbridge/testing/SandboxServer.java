package io.checkoutbridge.testing;

import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.Buffer;

/**
 * The provider sandbox served over real HTTP on a loopback port, below {@code /sandbox}, as the
 * demo serves it in its server: the adapters talk to it with their own HTTP clients, timeouts
 * included, so a scripted fault reaches them as a real slow or failing provider would.
 */
public final class SandboxServer implements AutoCloseable {
  private final Sandbox sandbox = Sandbox.standard();
  private final MockWebServer server = new MockWebServer();

  public SandboxServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  /** The sandbox's base URL, e.g. {@code http://127.0.0.1:40000/sandbox}. */
  public String baseUrl() {
    String root = server.url("/").toString();
    return root.substring(0, root.length() - 1) + "/sandbox";
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  private MockResponse answer(RecordedRequest recorded) {
    String target = recorded.getTarget();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    if (!path.startsWith("/sandbox")) {
      return new MockResponse.Builder().code(404).build();
    }
    SandboxRequest.Builder request = SandboxRequest.builder(recorded.getMethod(), path.substring("/sandbox".length()))
        .baseUrl(baseUrl());
    if (q >= 0) {
      request.rawQuery(target.substring(q + 1));
    }
    Headers headers = recorded.getHeaders();
    for (int i = 0; i < headers.size(); i++) {
      request.header(headers.name(i), headers.value(i));
    }
    byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
    if (body.length > 0) {
      String type = headers.get("Content-Type");
      request.body(body, type == null ? "application/octet-stream" : type);
    }
    SandboxResponse response = sandbox.handle(request.build());
    MockResponse.Builder out = new MockResponse.Builder().code(response.status());
    for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
      h.getValue().forEach(value -> out.addHeader(h.getKey(), value));
    }
    if (response.contentType() != null) {
      out.addHeader("Content-Type", response.contentType());
    }
    return out.body(new Buffer().write(response.body())).build();
  }

  @Override
  public void close() throws IOException {
    sandbox.close();
    server.close();
  }
}
