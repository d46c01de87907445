package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.spi.Capability;
import io.checkoutbridge.api.spi.NextStep;
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
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
      tx = choose(response.body(), orderId);
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
    return moveMoney(payment, operation, "capture", "capture_reference", null, "captures");
  }

  /** {@code POST /transactions/{id}/refund} with the allocation's items and the reason, then the record. */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return moveMoney(payment, operation, "refund", "refund_reference", operation.reason(), "refunds");
  }

  /**
   * {@code POST /transactions/{id}/void} without a body (Dintero's void takes none and has no
   * reference field), then the cancellation record on the order. Before any capture it releases the
   * whole authorization. After a part capture it releases what is left, only for the payment
   * products the Payments spec lists under "Void on part capture" ({@link
   * DinteroTransaction#VOID_AFTER_PART_CAPTURE}); for any other (Dintero's own card acquiring among
   * them) it is refused before Dintero is asked. A void of part of what is open does not exist.
   */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    if (!operation.remaining()) {
      throw new InvalidRequestException("Dintero voids the whole open authorization only, not "
          + operation.amount());
    }
    String transactionId = transactionId(payment);
    JsonNode tx = client.transaction(transactionId).body();
    DinteroTransaction transaction = DinteroTransaction.parse(tx);
    String productType = tx.path("payment_product_type").asText("");
    if (transaction.captured().isPositive() && !DinteroTransaction.VOID_AFTER_PART_CAPTURE.contains(productType)) {
      throw new InvalidRequestException("Dintero cannot void what is left after a capture for payment product "
          + (productType.isEmpty() ? "(unknown)" : productType) + "; only for " + String.join(", ",
              DinteroTransaction.VOID_AFTER_PART_CAPTURE.stream().sorted().toList()));
    }
    JsonResponse response = client.transactionOperation(transactionId, "void", null, operation.idempotencyKey());
    return outcome(payment, transactionId, response, "void", operation.idempotencyKey(), "cancellations", null,
        Map.of());
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

  // ---- capture, refund, void --------------------------------------------------------------------

  private OperationResult moveMoney(ProviderPayment payment, ProviderOperation operation, String call,
      String referenceField, String reason, String recordKind) throws PaymentException {
    if (!operation.amount().isPositive()) {
      throw new InvalidRequestException(call + " amount must be positive, not " + operation.amount());
    }
    Mapping mapping = DinteroItems.mappingOf(payment);
    boolean capture = "capture".equals(call);
    Map<String, Long> captured = DinteroItems.itemTotals(payment, REF_ITEMS_CAPTURED);
    Map<String, Long> refunded = DinteroItems.itemTotals(payment, REF_ITEMS_REFUNDED);
    Map<String, Long> open = new LinkedHashMap<>();
    for (DinteroMapper.Item item : mapping.items()) {
      long done = captured.getOrDefault(item.lineId(), 0L);
      long back = refunded.getOrDefault(item.lineId(), 0L);
      // Without any capture on record (older payments) an item's whole amount may be refunded.
      open.put(item.lineId(), capture ? item.amount() - done : (captured.isEmpty() ? item.amount() : done) - back);
    }
    List<OperationItem> items = operation.lines().isEmpty()
        ? DinteroItems.proportional(mapping, operation.amount().toMinor(), open)
        : DinteroMapper.operationItems(mapping, operation.lines(), open);
    long sum = items.stream().mapToLong(OperationItem::amount).sum();
    if (sum != operation.amount().toMinor()) {
      throw new InvalidRequestException("the " + call + " lines sum to " + Money.ofMinor(sum, mapping.currency())
          + ", the amount is " + operation.amount());
    }
    String transactionId = transactionId(payment);
    // The reference is the shop's order reference, as the WooCommerce plugin sends its order id
    // (class-dintero-checkout-capture-order.php): it is what the settlement report shows. It is not
    // unique per operation, so the operation's own key travels separately (see DinteroClient).
    ObjectNode body = DinteroRequests.operation(sum, referenceField, settlementReference(payment), reason, items);
    Map<String, Long> after = new LinkedHashMap<>(capture ? captured : refunded);
    for (OperationItem item : items) {
      after.merge(item.lineId(), item.amount(), Long::sum);
    }
    Map<String, String> tracking = Map.of(capture ? REF_ITEMS_CAPTURED : REF_ITEMS_REFUNDED, DinteroItems.itemTotalsJson(after));
    JsonResponse response = client.transactionOperation(transactionId, call, body, operation.idempotencyKey());
    return outcome(payment, transactionId, response, call, operation.idempotencyKey(), recordKind, items, tracking);
  }

  /**
   * 202: accepted, decided later. 2xx: done unless the answer's event for this request says it
   * failed. 402: declined. Anything else: the mapped exception. A success is then recorded on the
   * order under the event's own key (so the state fetch does not record it again); a failure to
   * record is logged and retried by {@link #fetchState}.
   *
   * @param key the operation's idempotency key: the pending reference of a 202
   */
  private OperationResult outcome(ProviderPayment payment, String transactionId, JsonResponse response, String call,
      String key, String recordKind, List<OperationItem> items, Map<String, String> tracking)
      throws PaymentException {
    String raw = response.scrubbed();
    if (response.status() == 402) {
      return OperationResult.declined(response.requestId(), DinteroClient.errorMessage(response), raw);
    }
    if (!response.successful()) {
      throw client.failure("POST /transactions/" + transactionId + "/" + call, response);
    }
    Map<String, String> refs = new LinkedHashMap<>(tracking);
    if (payment.ref(REF_TRANSACTION).isEmpty()) {
      refs.put(REF_TRANSACTION, transactionId);
    }
    if (response.status() == 202) {
      return new OperationResult(OperationResult.Outcome.PENDING, response.requestId(), key, null, raw, refs);
    }
    JsonNode event = eventFor(response.body(), call, response.requestId());
    if (event != null && event.has("success") && !event.path("success").asBoolean()) {
      String message = event.path("error").path("message").asText("Dintero refused the " + call);
      return OperationResult.declined(response.requestId(), message, raw);
    }
    String eventKey = event == null ? null : DinteroTransaction.keyOf(event, call.toUpperCase(Locale.ROOT));
    String providerReference = event == null ? null : event.path("id").asText(eventKey);
    if (eventKey != null) {
      List<OperationItem> recorded = items != null ? items
          : DinteroItems.remainderOf(DinteroItems.mappingOf(payment), event);
      refs.putAll(records.recordOperation(payment, transactionId, recordKind, recorded, eventKey));
    }
    return new OperationResult(OperationResult.Outcome.SUCCEEDED, response.requestId(), providerReference, null, raw,
        refs);
  }

  /**
   * The answer's event for this request: the one whose {@code request_id} is the answer's request
   * id (the Payments spec's {@code TransactionEvent.request_id}), else the newest of its kind.
   */
  private static JsonNode eventFor(JsonNode tx, String call, String requestId) {
    String kind = call.toUpperCase(Locale.ROOT);
    JsonNode newest = null;
    for (JsonNode event : tx.path("events")) {
      if (!kind.equals(event.path("event").asText())) {
        continue;
      }
      if (requestId != null && requestId.equals(event.path("request_id").asText(null))) {
        return event;
      }
      newest = event;
    }
    return newest;
  }

  /**
   * What Dintero's settlement report shows as the capture or refund reference: the shop's order
   * reference (the WooCommerce plugin sends its order id), else the Dintero order id.
   */
  private static String settlementReference(ProviderPayment payment) {
    String reference = payment.orderReference();
    return reference != null && !reference.isBlank() ? reference
        : payment.ref(REF_ORDER).orElse(payment.merchantReference());
  }

  /** The flag that says the event with {@code key} is recorded on the order (see {@link DinteroOrderRecords}). */
  static String recordedRef(String key) {
    return DinteroOrderRecords.recordedRef(key);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The remembered transaction, else the one found by the order id (a safe read). */
  private String transactionId(ProviderPayment payment) throws PaymentException {
    Optional<String> known = payment.ref(REF_TRANSACTION);
    if (known.isPresent()) {
      return known.get();
    }
    String orderId = payment.ref(REF_ORDER).orElse(payment.merchantReference());
    JsonNode tx = choose(client.transactionsFor(orderId).body(), orderId);
    if (tx == null) {
      throw new InvalidRequestException("Dintero has no transaction for order " + orderId + " yet");
    }
    return tx.path("id").asText();
  }

  /**
   * Of the transactions listed for a merchant reference, the one that tells most: committed before
   * pending before declined or failed, then the newest.
   */
  private static JsonNode choose(JsonNode list, String orderId) {
    JsonNode array = list.isArray() ? list : list.path("transactions");
    JsonNode best = null;
    for (JsonNode tx : array) {
      String reference = tx.path("merchant_reference").asText(null);
      if (reference != null && !reference.equals(orderId)) {
        continue; // defensive: a filter the server ignored
      }
      if (best == null) {
        best = tx;
        continue;
      }
      int byRank = Integer.compare(DinteroTransaction.rank(tx), DinteroTransaction.rank(best));
      int byTime = tx.path("created_at").asText("").compareTo(best.path("created_at").asText(""));
      if (byRank > 0 || (byRank == 0 && byTime > 0)) {
        best = tx;
      }
    }
    return best;
  }

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
    return new PaymentException(ErrorCode.PROVIDER_ERROR, "Dintero answered " + what + " without its id",
        response.requestId(), null);
  }

  @Override
  public String toString() {
    return "DinteroProvider[" + settings + "]";
  }
}
