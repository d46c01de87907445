package io.checkoutbridge.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps method and path patterns such as {@code /checkout/v1/transactions/{id}/capture} to handlers,
 * each tagged with the operation name used by scripted faults.
 *
 * <p>A trailing slash is ignored (Hokodo clients send both forms). A path that matches with another
 * method resolves to a route that answers 405. Build it once, then it is safe for concurrent reads.
 */
public final class Router {

  /** Handles one matched request; {@code params} holds the {@code {name}} path segments. */
  @FunctionalInterface
  public interface Handler {
    SandboxResponse handle(SandboxRequest request, Map<String, String> params);
  }

  private record Entry(String method, String[] segments, String operation, Handler handler) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * Adds a route.
   *
   * @param operation the fault operation name, or null for routes that faults never target
   */
  public Router add(String method, String pattern, String operation, Handler handler) {
    entries.add(new Entry(method.toUpperCase(Locale.ROOT), split(pattern), operation, handler));
    return this;
  }

  /** Every operation name used by a route. */
  public Set<String> operations() {
    Set<String> out = new LinkedHashSet<>();
    entries.forEach(e -> {
      if (e.operation() != null) {
        out.add(e.operation());
      }
    });
    return Collections.unmodifiableSet(out);
  }

  /** The matching route, a 405 route when only the method differs, or empty (404). */
  public Optional<Route> resolve(SandboxRequest request) {
    String[] path = split(request.path());
    boolean pathMatched = false;
    for (Entry e : entries) {
      Map<String, String> params = match(e.segments(), path);
      if (params == null) {
        continue;
      }
      if (e.method().equals(request.method())) {
        Handler h = e.handler();
        return Optional.of(new Route(e.operation(), () -> h.handle(request, params)));
      }
      pathMatched = true;
    }
    if (pathMatched) {
      return Optional.of(new Route(null, () -> {
        throw new SimulatorException(405, "method_not_allowed",
            request.method() + " is not allowed on " + request.path());
      }));
    }
    return Optional.empty();
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), path[i]);
      } else if (!p.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
