package io.checkoutbridge.sandbox;

import java.util.Optional;
import java.util.Set;

/**
 * A simulated payment provider mounted at {@code /sandbox/{id}/...}.
 *
 * <p>Implementations keep their own state, must be thread-safe (the servlet calls them from many
 * threads), and must not block: delays are the {@link Sandbox}'s job. The journal, faults and
 * callback delivery are shared machinery supplied through {@link SandboxContext}.
 */
public interface Simulator {

  /** The first path segment, e.g. {@code dintero}. Lower-case, stable. */
  String id();

  /** The operation names a fault may target, e.g. {@code capture}; {@code callback} included. */
  Set<String> operations();

  /** Finds the handler for a request whose path is below {@code /sandbox/{id}}. */
  Optional<Route> route(SandboxRequest request);

  /** Renders an error in this provider's own error shape. */
  SandboxResponse errorResponse(SimulatorException error);

  /** Routes and runs a request without faults or journal; errors come back in provider shape. */
  default SandboxResponse handle(SandboxRequest request) {
    try {
      return route(request)
          .orElseThrow(() -> SimulatorException.notFound("No such endpoint: " + request.path()))
          .invoke();
    } catch (SimulatorException e) {
      return errorResponse(e);
    }
  }

  /** Extra JSON field or parameter names this provider treats as secret (masked in the journal). */
  default Set<String> sensitiveFields() {
    return Set.of();
  }

  /** Forgets all state (sessions, payments, tokens) as if freshly started. */
  default void reset() {}
}
