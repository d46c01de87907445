package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Faults;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Route;
import io.checkoutbridge.sandbox.Router;
import io.checkoutbridge.sandbox.SandboxContext;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.Simulator;
import io.checkoutbridge.sandbox.SimulatorException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hokodo's BNPL API as its official plugin and order guide use it. See the package documentation
 * for paths, the API key, the test personas, fault operations and the choices made where Hokodo's
 * documentation is silent.
 *
 * <p>Thread-safe: every call runs under one lock on the simulator's state.
 */
public final class HokodoSimulator implements Simulator {

  /** Path segment: {@code /sandbox/hokodo/...}. */
  public static final String ID = "hokodo";
  /** The API key accepted in {@code Authorization: Token <key>} unless a setting names another. */
  public static final String API_KEY = "sandbox-hokodo-api-key";
  /** Setting: the API key to accept instead of {@link #API_KEY}. */
  public static final String SETTING_API_KEY = "checkoutbridge.sandbox.hokodo.api-key";
  /** Setting: how long offered plans stay valid, in seconds (default 86400). */
  public static final String SETTING_OFFER_TTL = "checkoutbridge.sandbox.hokodo.offer-ttl-seconds";
  /** Registration number (GB) of the persona whose accepted plans wait in {@code pending_review}. */
  public static final String REVIEW_REG_NUMBER = Companies.REVIEW_NUMBER;
  /** Registration number (GB) of the persona whose plans are all declined. */
  public static final String DECLINED_REG_NUMBER = Companies.DECLINED_NUMBER;

  private static final String V1 = "/v1";
  private static final String DEFERRED = V1 + "/payment/deferred_payments/{id}";
  private static final Pattern PATH = Pattern.compile("^([a-z_]+)((?:\\[\\d+\\])*)$");

  private final HokodoState state = new HokodoState();
  private final Router router = new Router();
  private final Set<String> operations;

  public HokodoSimulator(SandboxContext context) {
    HokodoAuth auth = new HokodoAuth(context.setting(SETTING_API_KEY).orElse(API_KEY));
    HokodoCallbacks callbacks = new HokodoCallbacks(context.callbacks(), context.clock());
    HokodoApi api = new HokodoApi(state, auth, callbacks, context.clock(),
        Duration.ofSeconds(Math.max(1, context.longSetting(SETTING_OFFER_TTL, 86_400))));
    HokodoPages pages = new HokodoPages(state, api, callbacks, context.clock());

    router
        .add("POST", V1 + "/companies/search", "company_search", api::searchCompanies)
        .add("POST", V1 + "/organisations", "organisation", api::createOrganisation)
        .add("POST", V1 + "/users", "user", api::createUser)
        .add("POST", V1 + "/payment/orders", "order", api::createOrder)
        .add("GET", V1 + "/payment/orders/{id}", "get_order", api::getOrder)
        .add("PATCH", V1 + "/payment/orders/{id}", "patch_order", api::patchOrder)
        .add("POST", V1 + "/payment/orders/{id}/documents", "document", api::uploadDocument)
        .add("GET", V1 + "/payment/orders/{id}/documents", "get_order", api::listDocuments)
        .add("POST", V1 + "/payment/offers", "offer", api::createOffer)
        .add("GET", V1 + "/payment/offers/{id}", "get_offer", api::getOffer)
        .add("GET", DEFERRED, "get_deferred_payment", api::getDeferredPayment);
    String[][] actions = {{"capture", "capture"}, {"capture_remaining", "capture"}, {"refund", "refund"},
        {"void", "void"}, {"void_remaining", "void"}};
    for (String[] a : actions) {
      String action = a[0];
      router.add("POST", DEFERRED + "/" + action, a[1], (r, p) -> api.postSale(r, p, action));
      // the older guide writes post-sale actions as PUT; the current plugin uses POST
      router.add("PUT", DEFERRED + "/" + action, a[1], (r, p) -> api.postSale(r, p, action));
    }
    router
        .add("GET", "/pay/{planId}", "pay_page", pages::showPlan)
        .add("POST", "/pay/{planId}", "pay_page", pages::actOnPlan)
        .add("GET", "/review/{id}", "decide", pages::showReview)
        .add("POST", "/review/{id}", "decide", pages::decideReview)
        // the stand-in for Hokodo's front-end SDK (js.hokodo.co/hokodo-js/v1/)
        .add("GET", "/js/hokodo-js/v1/", "sdk", pages::sdk)
        .add("GET", "/js/hokodo-js/v1", "sdk", pages::sdk);

    Set<String> ops = new LinkedHashSet<>(router.operations());
    ops.add(Faults.CALLBACK);
    this.operations = Set.copyOf(ops);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@code company_search, organisation, user, order, get_order, patch_order, document, offer,
   * get_offer, get_deferred_payment, capture, refund, void, pay_page, decide, sdk, callback}.
   */
  @Override
  public Set<String> operations() {
    return operations;
  }

  /** Routes the request; every answer carries an {@code X-Request-Id}. */
  @Override
  public Optional<Route> route(SandboxRequest request) {
    return router.resolve(request).map(route -> new Route(route.operation(),
        () -> route.invoke().withHeader("X-Request-Id", Ids.uuid())));
  }

  /**
   * Django REST framework's error shapes: field errors nested by path ({@code
   * {"customer":{"invoice_address":{"postcode":["…"]}}}}, list positions as arrays padded with
   * {@code {}}), {@code {"non_field_errors":["…"]}}, or {@code {"detail":"…"}} for authentication,
   * not-found and server errors.
   */
  @Override
  public SandboxResponse errorResponse(SimulatorException error) {
    ObjectNode body = Json.object();
    if (error.fieldErrors().isEmpty()) {
      body.put("detail", error.status() == 404 && error.getMessage().startsWith("No such endpoint")
          ? "Not found." : error.getMessage());
    } else {
      error.fieldErrors().forEach(f -> put(body, f.field(), f.message()));
    }
    SandboxResponse response = SandboxResponse.json(error.status(), body).withHeader("X-Request-Id", Ids.uuid());
    return error.status() == 401 ? response.withHeader("WWW-Authenticate", "Token") : response;
  }

  @Override
  public void reset() {
    synchronized (state) {
      state.clear();
    }
  }

  /** Places {@code message} at a path such as {@code items[1].total_amount}. */
  private static void put(ObjectNode root, String path, String message) {
    JsonNode node = root;
    String[] segments = path.split("\\.");
    for (int s = 0; s < segments.length; s++) {
      Matcher m = PATH.matcher(segments[s]);
      String name = m.matches() ? m.group(1) : segments[s];
      String indexes = m.matches() ? m.group(2) : "";
      boolean last = s == segments.length - 1;
      ObjectNode parent = (ObjectNode) node;
      if (indexes.isEmpty()) {
        node = last ? messages(parent, name) : child(parent, name);
      } else {
        ArrayNode array = parent.has(name) && parent.get(name).isArray() ? (ArrayNode) parent.get(name)
            : parent.putArray(name);
        int index = Integer.parseInt(indexes.replaceAll("\\D+", " ").trim().split(" ")[0]);
        while (array.size() <= index) {
          array.addObject();
        }
        node = array.get(index);
        if (last) {
          node = messages((ObjectNode) node, "non_field_errors");
        }
      }
    }
    ((ArrayNode) node).add(message);
  }

  private static ObjectNode child(ObjectNode parent, String name) {
    JsonNode existing = parent.get(name);
    return existing instanceof ObjectNode object ? object : parent.putObject(name);
  }

  private static ArrayNode messages(ObjectNode parent, String name) {
    JsonNode existing = parent.get(name);
    return existing instanceof ArrayNode array ? array : parent.putArray(name);
  }
}
