package io.checkoutbridge.sandbox;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The smallest possible simulator, for testing the shared machinery without a real provider. */
final class EchoSimulator implements Simulator {

  final AtomicInteger calls = new AtomicInteger();
  private final Router router = new Router()
      .add("POST", "/echo", "echo", (r, p) -> {
        calls.incrementAndGet();
        return SandboxResponse.json(200, Json.parse(r.body()));
      })
      .add("GET", "/items/{id}", "get_item", (r, p) -> SandboxResponse.text(200, p.get("id")));

  EchoSimulator(SandboxContext context) {}

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public Set<String> operations() {
    return Set.of("echo", "get_item", Faults.CALLBACK);
  }

  @Override
  public Optional<Route> route(SandboxRequest request) {
    return router.resolve(request);
  }

  @Override
  public SandboxResponse errorResponse(SimulatorException error) {
    return SandboxResponse.json(error.status(),
        Json.object().put("detail", error.getMessage()).put("code", error.code()));
  }

  @Override
  public Set<String> sensitiveFields() {
    return Set.of("pin");
  }

  @Override
  public void reset() {
    calls.set(0);
  }
}
