package io.checkoutbridge.provider.kibo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.DeclinedException;
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
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Kibo OMS (formerly Shopatron): server-side authorisation of the card or other payment details
 * the storefront collected, then an order in Kibo OMS carrying that authorisation. The shopper is
 * never redirected; the payment is authorised when {@link #start} returns.
 *
 * <p>Kibo's order API offers no capture, refund or void: the order is fulfilled and settled inside
 * Kibo OMS. {@link #capabilities()} says so, and {@link #capture}, {@link #refund} and {@link
 * #cancel} throw {@link ErrorCode#UNSUPPORTED}. See the package documentation for the flow, the refs
 * keys and every choice made where Kibo's documentation is silent.
 *
 * <p>Thread-safe; the only shared state is the cached access token.
 */
public final class KiboProvider implements PaymentProvider {

  /** The provider id, also the middle of its configuration keys. */
  public static final String ID = "kibo";

  /** Refs key: Kibo's order id, returned by authorize and confirmed by create-order. */
  public static final String REF_ORDER_ID = "order_id";
  /** Refs key: the {@code externalCartID} sent to authorize (the plugin's payment id). */
  public static final String REF_EXTERNAL_CART_ID = "external_cart_id";
  /** Refs key: the {@code externalOrderID} of the order (the storefront's order reference). */
  public static final String REF_EXTERNAL_ORDER_ID = "external_order_id";
  /** Refs key: the {@code paymentType} code sent (CC, TK, or PP when enabled). */
  public static final String REF_PAYMENT_TYPE = "payment_type";
  /** Refs key: the card's {@code cardIssuer} code, for cards only. */
  public static final String REF_CARD_ISSUER = "card_issuer";
  /** Refs key: the card's last four digits, for cards only; the only card data ever kept. */
  public static final String REF_CARD_LAST4 = "card_last4";
  /** Refs key: the amount Kibo authorised, major units ({@code 12.30}). */
  public static final String REF_AUTHORIZED_AMOUNT = "authorized_amount";
  /** Refs key: the authorisation outcome recorded at start ({@code AUTHORIZED}). */
  public static final String REF_AUTHORIZATION = "authorization";
  /** Refs key: whether the order was flagged as a test order. */
  public static final String REF_TEST_ORDER = "test_order";
  /**
   * Refs key: whether Kibo has the order: {@code CONFIRMED}, or {@code UNCONFIRMED} when the
   * create-order call's outcome is unknown and Kibo's order search has not shown it yet.
   */
  public static final String REF_CREATE_ORDER = "create_order";
  /** Refs key: when the unconfirmed create-order call was sent (ISO-8601). */
  public static final String REF_CREATE_ORDER_SENT_AT = "create_order_sent_at";
  /** Refs key: why an admin must look at this payment in Kibo OMS; absent when nothing is wrong. */
  public static final String REF_ATTENTION = "attention";
  /** Refs key: Kibo's order status as last read ({@code READY}, ...). */
  public static final String REF_ORDER_STATUS = "order_status";

  /** Memory key prefix: when an order reference's create-order went unconfirmed (ISO-8601). */
  static final String MEMORY_UNCONFIRMED = "unconfirmed-order:";

  static final String CONFIRMED = "CONFIRMED";
  static final String UNCONFIRMED = "UNCONFIRMED";

  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.SERVER_SIDE_AUTHORIZATION));
  private static final String AUTHORIZED = "AUTHORIZED";

  private final KiboSettings settings;
  private final Clock clock;
  private final KiboClient client;

  /**
   * @param settings the checked configuration
   * @param http the plugin's shared OkHttp client (timeouts, no silent retries)
   * @param clock for token expiry and card expiry checks
   */
  public KiboProvider(KiboSettings settings, OkHttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = new KiboClient(settings, Objects.requireNonNull(http, "http"), clock);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Kibo OMS";
  }

  /** Server-side authorisation only: the order is fulfilled and settled inside Kibo OMS. */
  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    KiboRequests.validate(settings, request, clock);
  }

  /**
   * Authorises, then creates the order carrying the authorisation. Before authorising, Kibo's
   * order search is asked whether the order reference is already an order at Kibo: if it is (an
   * earlier attempt whose answer was lost created it), nothing is charged again.
   *
   * <p>When create-order fails after a successful authorisation:
   * <ul>
   *   <li>outcome unknown (timeout, 5xx, rate limit): the order search is asked by {@code
   *       externalOrderID}. Found: the payment is authorised. Not found: create-order is sent once
   *       more (Kibo refuses a second order with the same {@code externalOrderID}, so this cannot
   *       make two); if that is not answered either, the payment is returned {@code PENDING} and
   *       {@link #fetchState} settles it by the order search later. It is never failed while the
   *       order may exist, and until {@code order-lookup-grace} has passed a new checkout of the
   *       same order is refused before authorising (noted in the provider memory);
   *   <li>refused (4xx): after the order search confirms there is no order, start throws, telling
   *       the shopper the card will not be charged, and the ledger records the failure with the
   *       authorisation that lapses unused (Kibo's order API documents no call to release it).
   * </ul>
   *
   * @throws InvalidRequestException before any call when the request breaks a rule (see {@link
   *     #validate}), or when the order reference is already an order at Kibo
   * @throws DeclinedException when the gateway declined the payment; no order is created
   */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    validate(request);
    KiboMapper.Mapping mapping = KiboMapper.map(request.cart());
    Currency currency = mapping.currency();

    List<JsonNode> existing = client.findByExternalOrderId(request.orderReference());
    if (!existing.isEmpty()) {
      throw new InvalidRequestException("order " + request.orderReference() + " is already placed at Kibo (order "
          + text(existing.get(0), "orderID") + ") and is not charged again; see the order's page");
    }
    Optional<Instant> unconfirmed = context.memory().get(MEMORY_UNCONFIRMED + request.orderReference())
        .flatMap(KiboProvider::instant);
    if (unconfirmed.isPresent() && clock.instant().isBefore(unconfirmed.get().plus(settings.orderLookupGrace()))) {
      // an earlier attempt's order may still appear: a second authorisation could charge twice
      throw new InvalidRequestException("an earlier payment for order " + request.orderReference() + " is still being"
          + " confirmed with Kibo, so nothing is charged again now; see the order's page");
    }

    JsonResponse authorization = client.authorize(
        KiboRequests.authorize(settings, context.paymentId(), request, mapping, false));
    JsonNode answer = authorization.body();
    String status = answer.path("status").asText(AUTHORIZED);
    if ("DECLINED".equalsIgnoreCase(status)) {
      throw new DeclinedException("Kibo declined the payment", authorization.requestId(), null);
    }
    String orderId = text(answer, "orderID");
    String authToken = text(answer, "authToken");
    if (!AUTHORIZED.equalsIgnoreCase(status) || authToken == null) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Kibo answered the authorisation with status " + status
          + (authToken == null ? " and no authToken" : "") + "; no order was created", authorization.requestId(),
          null);
    }
    Money authorized = authorizedAmount(answer, currency, mapping.amount(), orderId, authorization.requestId());
    String transactionId = text(answer, "transactionID");
    KiboRequests.Authorized auth = new KiboRequests.Authorized(orderId, authToken, text(answer, "paymentMethodToken"),
        transactionId != null ? transactionId : context.paymentId(), authorized.amount());
    ObjectNode body = KiboRequests.createOrder(settings, request, mapping, auth);
    Map<String, String> refs = startRefs(context, request, authorized);

    JsonResponse order;
    try {
      order = client.createOrder(body);
    } catch (PaymentException first) {
      return afterCreateOrderFailed(context, body, refs, authorized, orderId, first);
    }
    String createdId = text(order.body(), "orderID");
    return authorizedResult(request, refs, authorized, createdId != null ? createdId : orderId, order.requestId());
  }

  /** See {@link #start}: settles a create-order call that failed after the authorisation. */
  private StartResult afterCreateOrderFailed(StartContext context, ObjectNode body, Map<String, String> refs,
      Money authorized, String authOrderId, PaymentException failure) throws PaymentException {
    CheckoutRequest request = context.request();
    boolean unknown = failure.code() == ErrorCode.TRANSIENT_NETWORK || failure.code() == ErrorCode.RATE_LIMITED;
    Optional<String> found;
    try {
      found = lookup(request.orderReference());
    } catch (PaymentException lookupFailed) {
      return pendingResult(context, refs, authorized, authOrderId);
    }
    if (found.isPresent()) {
      return authorizedResult(request, refs, authorized, found.get(), null);
    }
    if (!unknown) {
      throw refusedAfterAuthorization(failure, authOrderId);
    }
    try {
      JsonResponse order = client.createOrder(body);
      String createdId = text(order.body(), "orderID");
      return authorizedResult(request, refs, authorized, createdId != null ? createdId : authOrderId,
          order.requestId());
    } catch (PaymentException second) {
      return pendingResult(context, refs, authorized, authOrderId);
    }
  }

  private Optional<String> lookup(String externalOrderId) throws PaymentException {
    List<JsonNode> found = client.findByExternalOrderId(externalOrderId);
    return found.isEmpty() ? Optional.empty() : Optional.ofNullable(text(found.get(0), "orderID"));
  }

  private Map<String, String> startRefs(StartContext context, CheckoutRequest request, Money authorized) {
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put(REF_EXTERNAL_CART_ID, context.paymentId());
    refs.put(REF_EXTERNAL_ORDER_ID, request.orderReference());
    refs.put(REF_PAYMENT_TYPE, KiboRequests.paymentType(request.paymentMethod()));
    if (request.paymentMethod() instanceof PaymentMethodDetails.Card card) {
      CardIssuer.of(card.number()).ifPresent(issuer -> refs.put(REF_CARD_ISSUER, issuer.name()));
      refs.put(REF_CARD_LAST4, card.lastFour());
    }
    refs.put(REF_AUTHORIZED_AMOUNT, authorized.amount().toPlainString());
    refs.put(REF_AUTHORIZATION, AUTHORIZED);
    refs.put(REF_TEST_ORDER, Boolean.toString(settings.testOrders()));
    return refs;
  }

  private StartResult authorizedResult(CheckoutRequest request, Map<String, String> startRefs, Money authorized,
      String orderId, String requestId) {
    Map<String, String> refs = new LinkedHashMap<>(startRefs);
    if (orderId != null) {
      refs.put(REF_ORDER_ID, orderId);
    }
    refs.put(REF_CREATE_ORDER, CONFIRMED);
    Money zero = Money.zero(authorized.currency());
    ProviderState state = new ProviderState(AuthorizationState.AUTHORIZED, AUTHORIZED, request.orderReference(),
        authorized, zero, zero, zero, orderId, requestId, refs);
    return new StartResult(new NextStep.Done(PaymentStatus.AUTHORIZED), request.orderReference(), refs, state);
  }

  /** Authorised, but whether Kibo has the order is not known yet: open, for fetchState to settle. */
  private StartResult pendingResult(StartContext context, Map<String, String> startRefs, Money authorized,
      String authOrderId) {
    CheckoutRequest request = context.request();
    context.memory().putIfAbsent(MEMORY_UNCONFIRMED + request.orderReference(), clock.instant().toString());
    Map<String, String> refs = new LinkedHashMap<>(startRefs);
    if (authOrderId != null) {
      refs.put(REF_ORDER_ID, authOrderId);
    }
    refs.put(REF_CREATE_ORDER, UNCONFIRMED);
    refs.put(REF_CREATE_ORDER_SENT_AT, clock.instant().toString());
    Money zero = Money.zero(authorized.currency());
    ProviderState state = new ProviderState(AuthorizationState.PENDING,
        "ORDER_UNCONFIRMED: authorised; create-order went unanswered and Kibo's order search has not shown the order"
            + " yet", request.orderReference(),
        authorized, zero, zero, zero, authOrderId, null, refs);
    return new StartResult(new NextStep.Done(PaymentStatus.PENDING), request.orderReference(), refs, state);
  }

  /**
   * Kibo's view of the payment. A payment whose order Kibo confirmed is read with {@code GET
   * /order/{orderID}}: authorised, with Kibo's order status for the history (Kibo settles it
   * inside OMS; captured, refunded and voided stay zero here). A payment whose create-order call
   * went unanswered is looked up by its {@code externalOrderID}: found, it is authorised; not
   * found, it stays {@code PENDING} until {@code order-lookup-grace} has passed since the call, and
   * only then is it {@code FAILED}, marked for an admin's attention (the authorisation lapses
   * unused). A payment whose start did not finish reports {@link AuthorizationState#NONE}.
   */
  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    Money zero = Money.zero(payment.total().currency());
    Map<String, String> refs = payment.refs();
    String orderId = refs.get(REF_ORDER_ID);
    if (!AUTHORIZED.equals(refs.get(REF_AUTHORIZATION))) {
      return new ProviderState(AuthorizationState.NONE, "NONE", payment.merchantReference(), payment.total(),
          zero, zero, zero, orderId, null, Map.of());
    }
    Money amount = payment.total();
    String recorded = refs.get(REF_AUTHORIZED_AMOUNT);
    if (recorded != null) {
      try {
        amount = Money.of(new BigDecimal(recorded), payment.total().currency());
      } catch (IllegalArgumentException ignored) {
        // a malformed record falls back to the payment's total; the engine's amount check decides
      }
    }
    String reference = refs.getOrDefault(REF_EXTERNAL_ORDER_ID, payment.orderReference());
    if (UNCONFIRMED.equals(refs.get(REF_CREATE_ORDER))) {
      Optional<String> found = lookup(reference);
      if (found.isPresent()) {
        return new ProviderState(AuthorizationState.AUTHORIZED, AUTHORIZED + " (order found by externalOrderID)",
            reference, amount, zero, zero, zero, found.get(), null,
            Map.of(REF_ORDER_ID, found.get(), REF_CREATE_ORDER, CONFIRMED));
      }
      Instant sent = sentAt(refs);
      if (sent != null && clock.instant().isBefore(sent.plus(settings.orderLookupGrace()))) {
        return new ProviderState(AuthorizationState.PENDING, "ORDER_NOT_FOUND_YET", reference, amount, zero, zero,
            zero, orderId, null, Map.of());
      }
      String attention = "Kibo authorised the payment but has no order " + reference + " "
          + settings.orderLookupGrace().toMinutes() + " minutes after create-order went unanswered; the"
          + " authorisation lapses unused unless it is released in Kibo OMS or at the gateway";
      // the provider status is the ledger event's reason: the admin's history shows it
      return new ProviderState(AuthorizationState.FAILED, "ORDER_NOT_CREATED, needs attention: " + attention,
          reference, amount, zero, zero, zero, orderId, null, Map.of(REF_ATTENTION, attention));
    }
    if (orderId == null) {
      return new ProviderState(AuthorizationState.AUTHORIZED, AUTHORIZED, reference, amount, zero, zero, zero,
          null, null, Map.of());
    }
    JsonResponse order = client.order(orderId);
    String orderStatus = text(order.body(), "orderStatus");
    StringBuilder word = new StringBuilder(AUTHORIZED).append("; Kibo order ").append(orderId);
    if (orderStatus != null) {
      word.append(' ').append(orderStatus);
    }
    List<String> paymentStatuses = new ArrayList<>();
    for (JsonNode p : order.body().path("orderPayments")) {
      String s = text(p, "paymentStatus");
      if (s == null) {
        s = text(p, "status");
      }
      if (s != null) {
        paymentStatuses.add(s);
      }
    }
    if (!paymentStatuses.isEmpty()) {
      word.append(", payment ").append(String.join(", ", paymentStatuses));
    }
    word.append("; Kibo OMS settles the order itself");
    Map<String, String> learned = orderStatus == null ? Map.of() : Map.of(REF_ORDER_STATUS, orderStatus);
    return new ProviderState(AuthorizationState.AUTHORIZED, word.toString(), reference, amount, zero, zero, zero,
        orderId, order.requestId(), learned);
  }

  private static Instant sentAt(Map<String, String> refs) {
    String value = refs.get(REF_CREATE_ORDER_SENT_AT);
    return value == null ? null : instant(value).orElse(null);
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Kibo is never given a callback URL, so no genuine callback exists: every one is refused. */
  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    throw new SignatureException("Kibo authorises server to server and sends no callbacks for its payments");
  }

  /** Unsupported: Kibo OMS captures when the order ships; the order API has no capture call. */
  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    throw unsupported("capture", "Kibo OMS settles the order itself when it is fulfilled");
  }

  /** Unsupported: refunds are made in Kibo OMS; the order API has no refund call. */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    throw unsupported("refund", "refund the order in Kibo OMS");
  }

  /** Unsupported: cancel the order in Kibo OMS; the order API has no void call. */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    throw unsupported("void", "cancel the order in Kibo OMS");
  }

  /**
   * The two requests of {@link #start}, with the card number masked to its last four digits and
   * no security code, PIN or token; the authorisation id, known only after the first call, is a
   * placeholder. A request without payment details (a cart previewed before checkout) is shown
   * with a placeholder payment type and a rule saying that {@link #start} needs them; every other
   * rule of {@link #validate} applies.
   */
  /** Its cheapest call, {@link KiboClient#checkCredentials}. */
  @Override
  public SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.ok(client.checkCredentials());
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    if (request.paymentMethod() == null) {
      KiboRequests.validateExceptPaymentMethod(request);
    } else {
      validate(request);
    }
    KiboMapper.Mapping mapping = KiboMapper.map(request.cart());
    ObjectNode authorize = KiboRequests.authorize(settings, "<payment id>", request, mapping, true);
    ObjectNode order = KiboRequests.createOrder(settings, request, mapping, new KiboRequests.Authorized(null,
        KiboRequests.AUTHORIZATION_PLACEHOLDER, null, "<transactionID of the authorize answer, else externalCartID>",
        mapping.amount()));
    List<String> rules = new ArrayList<>();
    if (request.paymentMethod() == null) {
      rules.add("the request has no payment details: start refuses it until the storefront collects card or"
          + " stored-token details (paymentType is a placeholder here)");
    }
    rules.add("an access token is fetched from " + settings.tokenUrl() + " (client credentials) unless one is cached;"
        + " every call carries it as a Bearer token together with the API-Key header");
    rules.add("amount " + mapping.amount().toPlainString() + " " + mapping.currency().getCurrencyCode()
        + " is sent in major units with the currency's " + Money.decimals(mapping.currency()) + " decimals");
    rules.add("externalCartID is the plugin's payment id; externalOrderID is the order reference "
        + request.orderReference());
    if (settings.testOrders()) {
      rules.add("testOrder and isTestOrder are true (" + KiboSettings.PREFIX + "test-orders)");
    }
    rules.addAll(mapping.rules());
    rules.add("shippingMethod {shipType " + settings.shipType() + ", deliveryMethod " + settings.deliveryMethod()
        + "} comes from " + KiboSettings.PREFIX + "ship-type and " + KiboSettings.PREFIX + "delivery-method");
    rules.add("before authorising, Kibo's order search is asked whether order " + request.orderReference()
        + " exists, so an order is never paid twice");
    return new Preview(ID, List.of(
        new Preview.Request("POST", KiboRequests.AUTHORIZE_PATH, JsonHttp.compact(authorize)),
        new Preview.Request("POST", KiboRequests.CREATE_ORDER_PATH, JsonHttp.compact(order))), rules);
  }

  @Override
  public String toString() {
    return "KiboProvider[" + settings + "]";
  }

  private static Money authorizedAmount(JsonNode answer, Currency currency, BigDecimal requested, String orderId,
      String requestId) throws PaymentException {
    JsonNode amount = answer.path("amount");
    if (!amount.isNumber()) {
      return Money.of(requested, currency);
    }
    BigDecimal value = amount.decimalValue();
    if (value.compareTo(requested) != 0) {
      // JSON parsing drops trailing zeros: show the amount with the currency's decimals again
      BigDecimal shown = value.scale() < requested.scale() ? value.setScale(requested.scale()) : value;
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Kibo authorised " + shown.toPlainString() + " "
          + currency.getCurrencyCode() + " for order " + orderId + " instead of " + requested.toPlainString()
          + "; no order was created and the authorisation lapses at the gateway", requestId, null);
    }
    return Money.of(requested, currency);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isTextual() && !value.asText().isBlank()) {
      return value.asText();
    }
    return value.isIntegralNumber() ? value.asText() : null;
  }

  /**
   * Kibo refused the order after authorising the payment: the same kind of failure, telling the
   * shopper plainly that the card will not be charged and must not be paid again in a hurry, and
   * the admin (through the ledger's history) that the authorisation needs attention.
   */
  private static PaymentException refusedAfterAuthorization(PaymentException e, String orderId) {
    String message = "your card was authorised but Kibo refused to create the order, so it will not be charged:"
        + " the authorisation is never captured and lapses at your card issuer. Needs attention in Kibo OMS"
        + (orderId == null ? "" : " (authorisation for order " + orderId + ")")
        + ", as Kibo's order API documents no call to release it. Kibo said: " + e.getMessage();
    String id = e.providerRequestId();
    return switch (e.code()) {
      case AUTHENTICATION -> new AuthenticationException(message, id, e);
      case INVALID_REQUEST -> new InvalidRequestException(message, id, e);
      case DECLINED -> new DeclinedException(message, id, e);
      default -> PaymentException.of(e.code(), message, id, e);
    };
  }

  private static PaymentException unsupported(String operation, String instead) {
    return PaymentException.of(ErrorCode.UNSUPPORTED, "Kibo's order API has no " + operation + " call: " + instead
        + "; this plugin only authorises and creates the order");
  }
}
