package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.SelfTestResult;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Dintero Checkout with Dintero's Order Management: every payment is a completed Dintero order
 * paid through a checkout session, with the authorization, captures, refunds and the void recorded
 * on the order. See the package documentation for the flow, the refs kept and the choices made.
 *
 * <p>Thread-safe: the only mutable state is the shared access-token cache.
 */
public final class DinteroProvider implements PaymentProvider {

  /** The provider id, in URLs and configuration keys. */
  public static final String ID = "dintero";

  /** Ref: the draft order the order was completed from. */
  public static final String REF_DRAFT_ORDER = "draft_order_id";
  /** Ref: the completed order; also the session's and the transaction's {@code merchant_reference}. */
  public static final String REF_ORDER = "order_id";
  /** Ref: the checkout session. */
  public static final String REF_SESSION = "session_id";
  /** Ref: the transaction, once Dintero has one. */
  public static final String REF_TRANSACTION = "transaction_id";
  /** Ref flag: the authorization is recorded on the order. */
  public static final String REF_AUTHORIZATION_RECORDED = "order_authorization_recorded";
  /** Ref flag prefix: a capture, refund or void is recorded on the order ({@code order_recorded.<hash>}). */
  public static final String REF_RECORDED_PREFIX = "order_recorded.";
  /** Ref: captured minor units per item, JSON {@code {"<line_id>":amount}}. */
  public static final String REF_ITEMS_CAPTURED = "items_captured";
  /** Ref: refunded minor units per item, JSON {@code {"<line_id>":amount}}. */
  public static final String REF_ITEMS_REFUNDED = "items_refunded";

  private final DinteroSettings settings;
  private final DinteroClient client;
  private final DinteroSignature signature;
  private final Clock clock;
  private final Set<Capability> capabilities;
  private final DinteroSessions sessions;
  private final DinteroOrderRecords records;
  private final DinteroCallbackVerifier callbacks;
  private final DinteroOperations operations;

  /**
   * @param settings the configuration
   * @param http the plugin's shared client (its timeouts apply to every call)
   * @param clock the clock for token expiry and callback signature tolerance
   */
  public DinteroProvider(DinteroSettings settings, OkHttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = new DinteroClient(settings, Objects.requireNonNull(http, "http"), clock);
    this.sessions = new DinteroSessions(client, clock);
    this.records = new DinteroOrderRecords(client);
    this.operations = new DinteroOperations(client, records);
    this.signature = settings.signsCallbacks()
        ? new DinteroSignature(settings.accountId(), settings.callbackSignatureSecret(), settings.signatureTolerance())
        : null;
    this.callbacks = new DinteroCallbackVerifier(signature, clock);
    EnumSet<Capability> caps = EnumSet.of(Capability.REDIRECT, Capability.CAPTURE, Capability.PARTIAL_CAPTURE,
        Capability.MULTIPLE_CAPTURES, Capability.PER_LINE_CAPTURE, Capability.REFUND, Capability.PARTIAL_REFUND,
        Capability.VOID, Capability.VOID_REMAINING);
    if (signature != null) {
      caps.add(Capability.SIGNED_CALLBACKS);
    }
    this.capabilities = Collections.unmodifiableSet(caps);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Dintero";
  }

  /**
   * {@code VOID_REMAINING} is offered because some payment products may void what is left after a
   * part capture; {@link #cancel} refuses it, before asking Dintero, for the others.
   * {@code SIGNED_CALLBACKS} is present only with a signature secret.
   */
  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    DinteroMapper.map(request.cart());
  }

  /** Token (cached) → draft order → complete → checkout session → redirect to the session. */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    Mapping mapping = DinteroMapper.map(request.cart());

    JsonResponse draft = client.createDraftOrder(DinteroRequests.draftOrder(mapping));
    String draftId = firstText(draft.body(), "id", "/order/id");
    if (draftId == null) {
      throw unexpected("the draft order", draft);
    }
    JsonResponse completed = client.completeDraftOrder(draftId);
    String orderId = firstText(completed.body(), "/orders/0/id", "id", "/order/id", "order_id");
    if (orderId == null) {
      throw unexpected("the completed order", completed);
    }
    JsonResponse session = client.createSession(
        DinteroRequests.session(settings, request, mapping, orderId, context.returnUrl(), context.callbackUrl()));
    String sessionId = firstText(session.body(), "id");
    URI url = absoluteUrl(session.body().path("url").asText(""));
    if (sessionId == null || url == null) {
      throw unexpected("the checkout session", session);
    }
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put(REF_DRAFT_ORDER, draftId);
    refs.put(REF_ORDER, orderId);
    refs.put(REF_SESSION, sessionId);
    sessions.supersede(request.orderReference(), sessionId, context.memory());
    return new StartResult(new NextStep.Redirect(url), orderId, refs, null);
  }

  /**
   * Finds the transaction (by the remembered id, else by the order id as merchant reference) and
   * reports it. The first time it is seen committed, the authorization is recorded on the order,
   * and any capture, refund or void not yet recorded is recorded too; a failure there is logged
   * and tried again on the next fetch, never reported (the transaction is the truth).
   */
  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    String orderId = payment.ref(REF_ORDER).orElse(payment.merchantReference());
    JsonResponse response;
    JsonNode tx;
    Optional<String> known = payment.ref(REF_TRANSACTION);
    if (known.isPresent()) {
      response = client.transaction(known.get());
      tx = response.body();
    } else {
      response = client.transactionsFor(orderId);
      tx = DinteroTransaction.choose(response.body(), orderId);
      if (tx == null) {
        Money zero = Money.zero(payment.total().currency());
        String ended = payment.ref(REF_SESSION).map(sessions::endIfExpired).orElse(null);
        AuthorizationState state = ended == null ? AuthorizationState.NONE : AuthorizationState.FAILED;
        return new ProviderState(state, ended == null ? "NO_TRANSACTION" : ended, orderId, payment.total(), zero,
            zero, zero, null, response.requestId(), Map.of());
      }
      if (DinteroTransaction.needsEvents(tx)) {
        response = client.transaction(tx.path("id").asText());
        tx = response.body();
      }
    }
    DinteroTransaction transaction = DinteroTransaction.parse(tx);
    AuthorizationState authorization = transaction.authorization();

    Map<String, String> refs = new LinkedHashMap<>();
    refs.put(REF_TRANSACTION, transaction.id());
    if (transaction.sessionId() != null && payment.ref(REF_SESSION).isEmpty()) {
      refs.put(REF_SESSION, transaction.sessionId());
    }
    if (authorization == AuthorizationState.AUTHORIZED) {
      refs.putAll(DinteroItems.itemTotalsFromEvents(payment, transaction));
      refs.putAll(records.recordOnOrder(payment, orderId, transaction));
    }
    return new ProviderState(authorization, transaction.status(), transaction.merchantReference(),
        transaction.amount(), transaction.captured(), transaction.refunded(), transaction.voided(),
        transaction.id(), response.requestId(), refs);
  }

  /** See {@link DinteroCallbackVerifier}: the signature when configured, and the dedupe key. */
  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    DinteroCallbackVerifier.Verified verified = callbacks.verify(callback);
    String key = verified.dedupeKey() != null ? verified.dedupeKey()
        : PaymentProvider.super.verifyCallback(callback).dedupeKey();
    return new CallbackVerification(key, verified.description());
  }

  /** {@code POST /transactions/{id}/capture} with the allocation's items, then the record on the order. */
  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operations.moveMoney(payment, operation, "capture", "capture_reference", null, "captures");
  }

  /** {@code POST /transactions/{id}/refund} with the allocation's items and the reason, then the record. */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operations.moveMoney(payment, operation, "refund", "refund_reference", operation.reason(), "refunds");
  }

  /** See {@link DinteroOperations#voidRemaining}: the whole open authorization, where allowed. */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operations.voidRemaining(payment, operation);
  }

  /** Its cheapest call, {@link DinteroClient#checkCredentials}. */
  @Override
  public SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.ok(client.checkCredentials());
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    Mapping mapping = DinteroMapper.map(request.cart());
    String api = settings.apiUrl() + "/accounts/" + settings.accountId();
    URI returnUrl = URI.create("https://storefront.invalid/payments/return/dintero?pid=PAYMENT-ID&seal=SEAL");
    URI callbackUrl = URI.create("https://storefront.invalid/payments/callback/dintero?pid=PAYMENT-ID&seal=SEAL");
    List<Preview.Request> requests = List.of(
        new Preview.Request("POST", api + "/auth/token", DinteroRequests.text(DinteroRequests.token(settings))),
        new Preview.Request("POST", api + "/shopping/draft_orders",
            DinteroRequests.text(DinteroRequests.draftOrder(mapping))),
        new Preview.Request("PUT", api + "/shopping/draft_orders/{draft_order_id}/complete",
            DinteroRequests.text(JsonHttp.object())),
        new Preview.Request("POST", settings.checkoutUrl() + "/sessions-profile", DinteroRequests.text(
            DinteroRequests.session(settings, request, mapping, "{order_id}", returnUrl, callbackUrl))));
    List<String> rules = new ArrayList<>(mapping.rules());
    rules.add("the token request authenticates with HTTP Basic client id and secret (not shown); the token is"
        + " cached until shortly before it expires, so a checkout usually sends only the last three requests");
    rules.add("the session's merchant_reference is the completed order's id; merchant_reference_2 is the"
        + " storefront's order reference");
    return new Preview(ID, requests, rules);
  }

  /** The flag that says the event with {@code key} is recorded on the order (see {@link DinteroOrderRecords}). */
  static String recordedRef(String key) {
    return DinteroOrderRecords.recordedRef(key);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String firstText(JsonNode body, String... pointers) {
    for (String pointer : pointers) {
      JsonNode value = pointer.startsWith("/") ? body.at(pointer) : body.path(pointer);
      if (value.isValueNode() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  private static URI absoluteUrl(String text) {
    try {
      URI uri = URI.create(text);
      return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static PaymentException unexpected(String what, JsonResponse response) {
    return PaymentException.of(ErrorCode.PROVIDER_ERROR, "Dintero answered " + what + " without its id",
        response.requestId(), null);
  }

  @Override
  public String toString() {
    return "DinteroProvider[" + settings + "]";
  }
}
