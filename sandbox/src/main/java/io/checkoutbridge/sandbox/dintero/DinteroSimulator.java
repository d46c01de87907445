package io.checkoutbridge.sandbox.dintero;

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
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Dintero Checkout and Order Management, as documented. See the package documentation for paths,
 * credentials, fault operations and the choices made where Dintero's documentation is silent.
 *
 * <p>Thread-safe: every call runs under one lock on the simulator's state.
 */
public final class DinteroSimulator implements Simulator {

  /** Path segment: {@code /sandbox/dintero/...}. */
  public static final String ID = "dintero";
  /** The one known account. */
  public static final String ACCOUNT_ID = "T12345678";
  /** Client id of the known API client (HTTP Basic user on the token call). */
  public static final String CLIENT_ID = "sandbox-client-id";
  /** Secret of the known API client (HTTP Basic password on the token call). */
  public static final String CLIENT_SECRET = "sandbox-client-secret";
  /** Accepted in {@code x-api-key} by the admin endpoint {@code POST /admin/signature}. */
  public static final String API_KEY = "sandbox-api-key";

  /** Setting: callback-signing secret to start with (else none until {@code /admin/signature}). */
  public static final String SETTING_SIGNATURE_SECRET =
      "checkoutbridge.sandbox.dintero.signature-secret";
  /** Setting: access-token lifetime in seconds (default 86400). */
  public static final String SETTING_TOKEN_TTL = "checkoutbridge.sandbox.dintero.token-ttl-seconds";
  /** Setting: the most {@code delay_callback} is honoured, in seconds (default 60, as documented). */
  public static final String SETTING_MAX_CALLBACK_DELAY =
      "checkoutbridge.sandbox.dintero.max-callback-delay-seconds";

  private static final String CHECKOUT = "/checkout/v1";
  private static final String API = "/api/v1";
  private static final String ORDERS = API + "/accounts/{aid}/shopping/orders/{orderId}";

  private final DinteroState state = new DinteroState();
  private final String presetSecret;
  private final Router router = new Router();
  private final Set<String> operations;

  public DinteroSimulator(SandboxContext context) {
    this.presetSecret = context.setting(SETTING_SIGNATURE_SECRET).orElse(null);
    state.signatureSecret = presetSecret;
    DinteroAuth auth = new DinteroAuth(state, context.clock(),
        Math.max(1, context.longSetting(SETTING_TOKEN_TTL, 86_400)));
    DinteroCallbacks callbacks = new DinteroCallbacks(context.callbacks(), state, context.clock(),
        Math.max(0, context.longSetting(SETTING_MAX_CALLBACK_DELAY, 60)));
    CheckoutApi checkout = new CheckoutApi(state, auth, callbacks, context.clock());
    OrdersApi orders = new OrdersApi(state, auth, context.clock());
    PaymentPages pages = new PaymentPages(state, callbacks, context.clock());
    BackOffice backOffice = new BackOffice(state, checkout);

    router
        .add("POST", CHECKOUT + "/accounts/{aid}/auth/token", "token", auth::token)
        .add("POST", API + "/accounts/{aid}/auth/token", "token", auth::token)
        // Orders API (accounts host)
        .add("POST", API + "/accounts/{aid}/shopping/draft_orders", "draft_order",
            orders::createDraft)
        .add("GET", API + "/accounts/{aid}/shopping/draft_orders/{id}", "get_order",
            orders::getDraft)
        .add("PUT", API + "/accounts/{aid}/shopping/draft_orders/{id}/complete", "complete_order",
            orders::complete)
        .add("GET", ORDERS, "get_order", orders::getOrder)
        // the older overview page's cancel, and the orders API reference's cancellations
        .add("POST", ORDERS + "/cancel", "order_record", orders::cancel)
        .add("POST", ORDERS + "/cancellations", "order_record", orders::cancellation);
    for (String kind : new String[] {"authorizations", "captures", "refunds"}) {
      router
          .add("POST", ORDERS + "/" + kind, "order_record", (r, p) -> orders.addRecord(r, p, kind))
          .add("GET", ORDERS + "/" + kind, "get_order", (r, p) -> orders.listRecords(r, p, kind));
    }
    router
        // Checkout API (checkout host)
        .add("POST", CHECKOUT + "/sessions-profile", "session", checkout::createSession)
        .add("GET", CHECKOUT + "/sessions/{id}", "get_session", checkout::getSession)
        .add("POST", CHECKOUT + "/sessions/{id}/cancel", "cancel_session", checkout::cancelSession)
        .add("GET", CHECKOUT + "/transactions", "get_transaction", checkout::listTransactions)
        .add("GET", CHECKOUT + "/transactions/{id}", "get_transaction", checkout::getTransaction)
        .add("POST", CHECKOUT + "/transactions/{id}/capture", "capture", checkout::capture)
        .add("POST", CHECKOUT + "/transactions/{id}/refund", "refund", checkout::refund)
        .add("POST", CHECKOUT + "/transactions/{id}/void", "void", checkout::voidTransaction)
        .add("POST", CHECKOUT + "/admin/signature", "admin_signature",
            checkout::createSignatureSecret)
        // hosted payment page
        .add("GET", "/pay/{sessionId}", "pay_page", pages::show)
        .add("POST", "/pay/{sessionId}", "pay_page", pages::act)
        .add("POST", "/pay/{sessionId}/decide", "decide", pages::decide)
        // the merchant's back office (an admin's hand, not the API)
        .add("GET", "/backoffice/transactions/{id}", "backoffice", backOffice::show)
        .add("POST", "/backoffice/transactions/{id}/capture", "backoffice",
            (r, p) -> backOffice.act(r, p, "capture"))
        .add("POST", "/backoffice/transactions/{id}/refund", "backoffice",
            (r, p) -> backOffice.act(r, p, "refund"))
        .add("POST", "/backoffice/transactions/{id}/void", "backoffice",
            (r, p) -> backOffice.act(r, p, "void"));

    Set<String> ops = new LinkedHashSet<>(router.operations());
    ops.add(Faults.CALLBACK);
    this.operations = Set.copyOf(ops);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@code token, draft_order, complete_order, get_order, order_record, session, get_session,
   * cancel_session, get_transaction, capture, refund, void, admin_signature, pay_page, decide,
   * backoffice, callback}.
   */
  @Override
  public Set<String> operations() {
    return operations;
  }

  @Override
  public Optional<Route> route(SandboxRequest request) {
    return router.resolve(request);
  }

  /** Dintero's error body {@code {"error":{"code","message","errors"?}}} with a request id. */
  @Override
  public SandboxResponse errorResponse(SimulatorException error) {
    ObjectNode body = Json.object();
    ObjectNode e = body.putObject("error");
    e.put("code", error.code());
    e.put("message", error.getMessage());
    if (!error.fieldErrors().isEmpty()) {
      ArrayNode list = e.putArray("errors");
      error.fieldErrors().forEach(f -> list.addObject().put("field", f.field())
          .put("message", f.message()));
    }
    return SandboxResponse.json(error.status(), body).withHeader("request-id", Ids.uuid());
  }

  @Override
  public void reset() {
    synchronized (state) {
      state.clear(presetSecret);
    }
  }

  /** The current callback-signing secret, or empty when none was created or preset. */
  public Optional<String> signatureSecret() {
    synchronized (state) {
      return Optional.ofNullable(state.signatureSecret);
    }
  }
}
