package io.checkoutbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.dintero.DinteroSimulator;
import io.checkoutbridge.sandbox.felloh.FellohSimulator;
import io.checkoutbridge.sandbox.hokodo.HokodoSimulator;
import io.checkoutbridge.sandbox.kibo.KiboSimulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All simulators of one web application plus the machinery they share: the {@link Journal}, the
 * scripted {@link Faults} and the {@link CallbackSender}. Plain Java: tests drive it with {@link
 * #handle(SandboxRequest)}; {@link SandboxServlet} only adapts HTTP to it.
 *
 * <p>Request pipeline for {@code /{provider}/...}: resolve the route, consume a matching fault,
 * then either answer the fault's error without running the handler ({@code error}, {@code
 * timeout-before}, the second call of {@code fail-second}) or run it (and answer the fault's error
 * all the same for {@code error-after}); journal the request with the status; finally sleep for
 * {@code timeout}/{@code slow} (after the state has changed) and {@code timeout-before} (without
 * changing it). Control endpoints: {@code GET|DELETE
 * /_journal}, {@code GET|POST|DELETE /_faults}, {@code POST /_reset}, {@code GET /} (index).
 *
 * <p>Thread-safe. {@link #close()} stops callback delivery.
 */
public final class Sandbox implements AutoCloseable {

  /** Request bodies above this size are refused with 413 (enforced by the servlet). */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());

  private final Clock clock;
  private final Journal journal;
  private final Faults faults;
  private final CallbackSender callbacks;
  private final Map<String, Simulator> simulators;

  private Sandbox(Builder b) {
    this.clock = b.clock;
    this.faults = new Faults();
    this.journal = new Journal(b.journalCapacity, Masking.defaults(), clock);
    this.callbacks = new CallbackSender(b.callbackSettings, journal, faults, clock);
    SandboxContext context = new SandboxContext(clock, callbacks, b.settings);
    Map<String, Simulator> sims = new LinkedHashMap<>();
    for (SimulatorFactory f : b.factories) {
      Simulator s = f.create(context);
      if (s.id().isEmpty() || s.id().startsWith("_") || s.id().contains("/")) {
        throw new IllegalArgumentException("bad simulator id: " + s.id());
      }
      if (sims.putIfAbsent(s.id(), s) != null) {
        throw new IllegalArgumentException("duplicate simulator id: " + s.id());
      }
      journal.maskFields(s.sensitiveFields());
    }
    this.simulators = Collections.unmodifiableMap(sims);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every known simulator with default settings: what the servlet uses. */
  public static Sandbox standard() {
    return builder().standardSimulators().build();
  }

  public Journal journal() {
    return journal;
  }

  public Faults faults() {
    return faults;
  }

  public CallbackSender callbacks() {
    return callbacks;
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, Simulator> simulators() {
    return simulators;
  }

  /** The simulator with this id, cast to its class (handy in tests). */
  public <T extends Simulator> T simulator(String id, Class<T> type) {
    Simulator s = simulators.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no simulator " + id);
    }
    return type.cast(s);
  }

  /**
   * Handles a request whose path is below {@code /sandbox}, e.g. {@code
   * /dintero/checkout/v1/sessions-profile}. Blocks for {@code timeout} and {@code slow} faults.
   */
  public SandboxResponse handle(SandboxRequest request) {
    List<String> segments = request.segments();
    if (segments.isEmpty()) {
      return index(request);
    }
    String first = segments.get(0);
    switch (first) {
      case "_journal":
        return journalEndpoint(request);
      case "_faults":
        return faultsEndpoint(request);
      case "_reset":
        if (!request.method().equals("POST")) {
          return controlError(405, "method_not_allowed", "Use POST /sandbox/_reset");
        }
        reset();
        return SandboxResponse.empty(204);
      default:
        break;
    }
    Simulator sim = simulators.get(first);
    if (sim == null) {
      return controlError(404, "unknown_provider",
          "No simulator '" + first + "'; known: " + simulators.keySet());
    }
    SandboxRequest sub = request.withPath(below(request.path(), first));
    Optional<Route> route = sim.route(sub);
    String operation = route.map(Route::operation).orElse(null);
    Optional<Faults.Hit> hit =
        operation == null ? Optional.empty() : faults.take(sim.id(), operation);

    FaultMode mode = hit.map(Faults.Hit::mode).orElse(null);
    SandboxResponse response;
    if (mode == FaultMode.ERROR || mode == FaultMode.TIMEOUT_BEFORE) {
      response = faultResponse(sim, hit.get(), operation);
    } else {
      response = run(sim, route, sub);
      if (mode == FaultMode.ERROR_AFTER) {
        response = faultResponse(sim, hit.get(), operation); // the operation ran: its answer is lost
      }
    }
    journal.recordIncoming(sim.id(), sub, response.status(), hit.map(Faults.Hit::label).orElse(null));

    if (mode == FaultMode.TIMEOUT || mode == FaultMode.SLOW || mode == FaultMode.TIMEOUT_BEFORE) {
      sleep(hit.get().delayMs());
    }
    return response;
  }

  private static SandboxResponse faultResponse(Simulator sim, Faults.Hit hit, String operation) {
    return sim.errorResponse(new SimulatorException(hit.status(), "sandbox_fault",
        "Scripted fault '" + hit.label() + "' on operation " + operation));
  }

  /**
   * Journals a request refused before it reached a simulator (e.g. body too large) and answers it
   * in the provider's error shape when the provider is known.
   */
  public SandboxResponse reject(SandboxRequest request, int status, String code, String message) {
    List<String> segments = request.segments();
    Simulator sim = segments.isEmpty() ? null : simulators.get(segments.get(0));
    if (sim == null) {
      return controlError(status, code, message);
    }
    SandboxRequest sub = request.withPath(below(request.path(), sim.id()));
    SandboxResponse response = sim.errorResponse(new SimulatorException(status, code, message));
    journal.recordIncoming(sim.id(), sub, status, null);
    return response;
  }

  /** Clears the journal, the faults and every simulator's state. */
  public void reset() {
    journal.clear();
    faults.clear(null);
    simulators.values().forEach(Simulator::reset);
  }

  @Override
  public void close() {
    callbacks.close();
  }

  private SandboxResponse run(Simulator sim, Optional<Route> route, SandboxRequest request) {
    try {
      return route
          .orElseThrow(() -> SimulatorException.notFound(
              "No such endpoint: " + request.method() + " " + request.path()))
          .invoke();
    } catch (SimulatorException e) {
      return sim.errorResponse(e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "simulator " + sim.id() + " failed on " + request, e);
      return sim.errorResponse(new SimulatorException(500, "internal_error",
          "The sandbox failed: " + e.getClass().getSimpleName()));
    }
  }

  private SandboxResponse journalEndpoint(SandboxRequest request) {
    switch (request.method()) {
      case "GET": {
        long after;
        try {
          after = Long.parseLong(request.queryParam("after").orElse("0"));
        } catch (NumberFormatException e) {
          return controlError(400, "invalid_parameter", "after must be a number");
        }
        return SandboxResponse.json(200, journal.entries(request.queryParam("provider").orElse(null),
            request.queryParam("direction").orElse(null), after));
      }
      case "DELETE":
        journal.clear();
        return SandboxResponse.empty(204);
      default:
        return controlError(405, "method_not_allowed", "Use GET or DELETE on /sandbox/_journal");
    }
  }

  private SandboxResponse faultsEndpoint(SandboxRequest request) {
    switch (request.method()) {
      case "GET": {
        ArrayNode out = Json.array();
        faults.active().forEach(a -> out.add(describe(a.id(), a.fault(), a.remaining())));
        return SandboxResponse.json(200, out);
      }
      case "POST": {
        JsonNode body;
        try {
          body = Json.parse(request.body());
        } catch (SimulatorException e) {
          return controlError(400, e.code(), e.getMessage());
        }
        List<JsonNode> specs = new ArrayList<>();
        if (body.isArray()) {
          body.forEach(specs::add);
        } else {
          specs.add(body);
        }
        List<Fault> parsed = new ArrayList<>();
        for (JsonNode spec : specs) {
          try {
            parsed.add(parseFault(spec));
          } catch (IllegalArgumentException e) {
            return controlError(400, "invalid_fault", e.getMessage());
          }
        }
        ArrayNode created = Json.array();
        for (Fault f : parsed) {
          created.add(describe(faults.add(f), f, f.count()));
        }
        return SandboxResponse.json(201, body.isArray() ? created : created.get(0));
      }
      case "DELETE":
        faults.clear(request.queryParam("provider").orElse(null));
        return SandboxResponse.empty(204);
      default:
        return controlError(405, "method_not_allowed", "Use GET, POST or DELETE on /sandbox/_faults");
    }
  }

  /** Parses and validates one fault against the known simulators and their operations. */
  Fault parseFault(JsonNode spec) {
    if (!spec.isObject()) {
      throw new IllegalArgumentException("a fault must be a JSON object");
    }
    String provider = Json.text(spec, "provider");
    String operation = Json.text(spec, "operation");
    String modeName = Json.text(spec, "mode");
    if (provider == null || operation == null || modeName == null) {
      throw new IllegalArgumentException("provider, operation and mode are required");
    }
    Simulator sim = simulators.get(provider);
    if (sim == null) {
      throw new IllegalArgumentException("unknown provider " + provider);
    }
    if (!sim.operations().contains(operation)) {
      throw new IllegalArgumentException("unknown operation " + operation + " for " + provider
          + "; known: " + sim.operations());
    }
    FaultMode mode = FaultMode.parse(modeName);
    return new Fault(provider, operation, mode,
        intField(spec, "count", 1), intField(spec, "status", 503),
        longField(spec, "delayMs", mode.defaultDelayMs()));
  }

  private static int intField(JsonNode spec, String name, int fallback) {
    JsonNode v = spec.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return v.intValue();
  }

  private static long longField(JsonNode spec, String name, long fallback) {
    JsonNode v = spec.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!Json.isLong(v)) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return v.longValue();
  }

  private static ObjectNode describe(String id, Fault f, int remaining) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("provider", f.provider());
    o.put("operation", f.operation());
    o.put("mode", f.mode().wire());
    o.put("count", f.count());
    o.put("remaining", remaining);
    o.put("status", f.status());
    o.put("delayMs", f.delayMs());
    return o;
  }

  private SandboxResponse index(SandboxRequest request) {
    StringBuilder body = new StringBuilder("<h2>Simulators</h2>\n<ul>\n");
    simulators.keySet().forEach(id -> body.append("<li><code>")
        .append(Html.escape(request.baseUrl() + "/" + id)).append("/</code></li>\n"));
    body.append("</ul>\n<h2>Control</h2>\n<ul>\n")
        .append("<li><code>GET|DELETE /sandbox/_journal?provider=&amp;direction=&amp;after=</code>"
            + "</li>\n")
        .append("<li><code>GET|POST|DELETE /sandbox/_faults</code></li>\n")
        .append("<li><code>POST /sandbox/_reset</code></li>\n</ul>\n");
    return SandboxResponse.html(200, Html.page("Checkout Bridge provider sandbox", body.toString()));
  }

  private static SandboxResponse controlError(int status, String code, String message) {
    ObjectNode error = Json.object();
    error.putObject("error").put("code", code).put("message", message);
    return SandboxResponse.json(status, error);
  }

  /** The path after the provider segment, always starting with {@code /}. */
  private static String below(String path, String provider) {
    int at = path.indexOf(provider);
    String rest = path.substring(at + provider.length());
    return rest.isEmpty() ? "/" : rest;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a sandbox. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private CallbackSender.Settings callbackSettings = CallbackSender.Settings.defaults();
    private int journalCapacity = Journal.DEFAULT_CAPACITY;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<SimulatorFactory> factories = new ArrayList<>();

    private Builder() {}

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder callbackSettings(CallbackSender.Settings value) {
      this.callbackSettings = value;
      return this;
    }

    public Builder journalCapacity(int value) {
      this.journalCapacity = value;
      return this;
    }

    /** A setting that takes precedence over the system property of the same name. */
    public Builder setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public Builder simulator(SimulatorFactory factory) {
      factories.add(factory);
      return this;
    }

    /** Adds every provider simulator in this module. New simulators are registered here. */
    public Builder standardSimulators() {
      return simulator(DinteroSimulator::new)
          .simulator(HokodoSimulator::new)
          .simulator(FellohSimulator::new)
          .simulator(KiboSimulator::new);
    }

    public Sandbox build() {
      return new Sandbox(this);
    }
  }
}
