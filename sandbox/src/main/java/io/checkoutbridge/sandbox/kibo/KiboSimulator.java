package io.checkoutbridge.sandbox.kibo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Route;
import io.checkoutbridge.sandbox.Router;
import io.checkoutbridge.sandbox.SandboxContext;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.Simulator;
import io.checkoutbridge.sandbox.SimulatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kibo OMS (formerly Shopatron) order API v2: OAuth2 token, create-order authorize and create
 * order. See the package documentation for paths, credentials, fault operations and the choices
 * made where Kibo's documentation is silent.
 *
 * <p>Thread-safe: state is guarded by one lock.
 */
public final class KiboSimulator implements Simulator {

  /** Path segment: {@code /sandbox/kibo/...}. */
  public static final String ID = "kibo";
  /** The known API key (HTTP Basic user at the token endpoint, {@code API-Key} header on calls). */
  public static final String API_KEY = "sandbox-kibo-api-key";
  /** The secret key paired with {@link #API_KEY}. */
  public static final String SECRET_KEY = "sandbox-kibo-secret-key";
  /** The manufacturer known unless {@link #SETTING_MANUFACTURERS} says otherwise. */
  public static final long MANUFACTURER_ID = 1010;
  /** The well-known test card the gateway declines. */
  public static final String DECLINE_CARD = "4000000000000002";

  /** Setting: access-token lifetime in seconds (default 3600, "about an hour"). */
  public static final String SETTING_TOKEN_TTL = "checkoutbridge.sandbox.kibo.token-ttl-seconds";
  /** Setting: comma-separated manufacturer ids that exist (default 1010). */
  public static final String SETTING_MANUFACTURERS = "checkoutbridge.sandbox.kibo.manufacturer-ids";

  private final KiboState state = new KiboState();
  private final Router router = new Router();

  public KiboSimulator(SandboxContext context) {
    KiboAuth auth = new KiboAuth(state, context.clock(), Math.max(1, context.longSetting(SETTING_TOKEN_TTL, 3600)));
    Set<Long> manufacturers = new LinkedHashSet<>();
    for (String id : context.setting(SETTING_MANUFACTURERS).orElse(Long.toString(MANUFACTURER_ID)).split(",")) {
      if (id.trim().matches("\\d{1,18}")) {
        manufacturers.add(Long.parseLong(id.trim()));
      }
    }
    OrderApi orders = new OrderApi(state, auth, context.clock(), manufacturers);
    router
        .add("POST", "/oauthserver/oauth2/token", "token", auth::token)
        .add("POST", "/api/v2/createOrder/authorize", "authorize", orders::authorize)
        .add("POST", "/api/v2/createOrder", "create_order", orders::createOrder)
        .add("GET", "/api/v2/order", "search_orders", orders::searchOrders)
        .add("GET", "/api/v2/order/{orderID}", "get_order", orders::getOrder);
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@code token, authorize, create_order, search_orders, get_order}; Kibo sends no callbacks here. */
  @Override
  public Set<String> operations() {
    return router.operations();
  }

  @Override
  public Optional<Route> route(SandboxRequest request) {
    return router.resolve(request);
  }

  /**
   * Kibo's error body: {@code {"statusCode":5015,"status":"INVALID_REQUEST_DATA","message":...,
   * "field":...,"errors":[{"field","message"}],"requestID":...}} with {@code X-Request-ID}. A
   * decline is HTTP 402 with {@code statusCode} 5003, {@code status BAD_REQUEST} and {@code reason
   * PAYMENT_DECLINED}.
   */
  @Override
  public SandboxResponse errorResponse(SimulatorException error) {
    boolean declined = KiboStatus.PAYMENT_DECLINED.equals(error.code());
    KiboStatus status = declined ? KiboStatus.BAD_REQUEST : KiboStatus.of(error.code(), error.status());
    String requestId = Ids.uuid();
    ObjectNode body = Json.object();
    body.put("statusCode", status.code());
    body.put("status", status.name());
    if (declined) {
      body.put("reason", KiboStatus.PAYMENT_DECLINED);
    }
    body.put("message", error.getMessage());
    if (!error.fieldErrors().isEmpty()) {
      body.put("field", error.fieldErrors().get(0).field());
      ArrayNode list = body.putArray("errors");
      error.fieldErrors().forEach(f -> list.addObject().put("field", f.field()).put("message", f.message()));
    }
    body.put("requestID", requestId);
    return SandboxResponse.json(error.status(), body).withHeader("X-Request-ID", requestId);
  }

  /** Card data, tokens and PINs masked in the journal, beyond the sandbox's defaults. */
  @Override
  public Set<String> sensitiveFields() {
    return Set.of("cardNumber", "cardSecurityCode", "payPalToken", "paymentMethodToken", "authToken",
        "authorizationID");
  }

  @Override
  public void reset() {
    synchronized (state) {
      state.clear();
    }
  }

  /**
   * An order as the sandbox holds it, for tests and the demo.
   *
   * @param orderId Kibo's order id
   * @param externalOrderId the client's order reference
   * @param currency ISO code
   * @param total the items' total, major units
   * @param items how many order items
   * @param status {@code READY}
   * @param testOrder whether the order was flagged {@code isTestOrder}
   * @param paymentType CC, TK or PP
   * @param lastFour the card's last four digits, or null
   */
  public record OrderView(String orderId, String externalOrderId, String currency, java.math.BigDecimal total,
      int items, String status, boolean testOrder, String paymentType, String lastFour) {}

  /** Every order created, oldest first. */
  public List<OrderView> orders() {
    synchronized (state) {
      List<OrderView> out = new ArrayList<>();
      for (KiboState.Order o : state.orders.values()) {
        KiboState.Authorization a = state.authorizations.values().stream()
            .filter(x -> o.orderId().equals(x.usedByOrder())).findFirst().orElseThrow();
        out.add(new OrderView(o.orderId(), o.externalOrderId(), o.currency(), o.total(), o.items(), o.status(),
            o.testOrder(), a.paymentType(), a.lastFour()));
      }
      return out;
    }
  }

  /** How many authorisations were granted, used or not. */
  public int authorizationCount() {
    synchronized (state) {
      return state.authorizations.size();
    }
  }

  /** Every string the simulator holds in its state, for tests proving no card number is kept. */
  List<String> everythingKept() {
    synchronized (state) {
      List<String> out = new ArrayList<>();
      state.tokens.forEach((k, v) -> out.add(k + v));
      state.authorizations.forEach((k, v) -> out.add(k + v));
      state.cartIds.forEach((k, v) -> out.add(k + v));
      state.orders.forEach((k, v) -> out.add(k + v));
      state.externalOrderIds.forEach((k, v) -> out.add(k + v));
      return out;
    }
  }
}
