package io.checkoutbridge.testing;

import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.felloh.FellohSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The provider simulators of the {@code sandbox} module behind a real HTTP port, for tests that
 * drive the adapters over OkHttp: every request below {@code /sandbox} is handed to {@link
 * Sandbox#handle}, as the sandbox's servlet does in the demo.
 */
public final class SandboxServer implements AutoCloseable {
  private final Sandbox sandbox = Sandbox.builder().standardSimulators()
      .callbackSettings(new CallbackSender.Settings(1, Duration.ofMillis(10), Duration.ofMillis(200), 1))
      // Felloh enables pre-authorisation per organisation; the tests' organisation has it.
      .setting(FellohSimulator.SETTING_PRE_AUTHORISATION, "true")
      .build();
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

  /** The sandbox's base URL, {@code http://127.0.0.1:port/sandbox}. */
  public String baseUrl() {
    return server.url("/sandbox").toString();
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** A request below {@code /sandbox} straight to the simulators, as a shopper's browser sends it. */
  public SandboxResponse handle(SandboxRequest.Builder request) {
    return sandbox.handle(request.baseUrl(baseUrl()).build());
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (!path.startsWith("/sandbox/")) {
      return new MockResponse.Builder().code(404).build();
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : request.getHeaders().names()) {
      headers.put(name, request.getHeaders().values(name));
    }
    String query = request.getUrl().encodedQuery();
    SandboxRequest.Builder forwarded = SandboxRequest.builder(request.getMethod(), path.substring("/sandbox".length()));
    headers.forEach((name, values) -> values.forEach(value -> forwarded.header(name, value)));
    if (query != null) {
      forwarded.rawQuery(query);
    }
    if (request.getBody() != null && request.getBody().size() > 0) {
      forwarded.body(request.getBody().toByteArray(), request.getHeaders().get("Content-Type"));
    }
    SandboxResponse response = handle(forwarded);
    MockResponse.Builder answer = new MockResponse.Builder().code(response.status());
    response.headers().forEach((name, values) -> values.forEach(value -> answer.addHeader(name, value)));
    if (response.contentType() != null) {
      answer.setHeader("Content-Type", response.contentType());
    }
    return answer.body(new Buffer().write(response.body())).build();
  }

  @Override
  public void close() {
    sandbox.close();
    server.close();
  }
}
