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
import io.checkoutbridge.api.error.RateLimitException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.error.TransientNetworkException;
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
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  /** Refs key: the {@code paymentType} code sent (CC, PP, TOKEN, GC). */
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
    KiboRequests.validate(request, clock);
  }

  /**
   * Authorises, then creates the order carrying the authorisation: two calls (three when no
   * token is cached). Returns {@link NextStep.Done} with {@link PaymentStatus#AUTHORIZED} and the
   * state, so the ledger is authorised at once.
   *
   * @throws InvalidRequestException before any call when the request breaks a rule (see {@link
   *     #validate})
   * @throws DeclinedException when the gateway declined the payment; no order is created
   */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    validate(request);
    KiboMapper.Mapping mapping = KiboMapper.map(request.cart());
    Currency currency = mapping.currency();

    JsonResponse authorization = client.authorize(
        KiboRequests.authorize(settings, context.paymentId(), request, mapping, false));
    JsonNode answer = authorization.body();
    String status = answer.path("status").asText(AUTHORIZED);
    if ("DECLINED".equalsIgnoreCase(status)) {
      throw new DeclinedException("Kibo declined the payment", authorization.requestId(), null);
    }
    String orderId = text(answer, "orderID");
    String authToken = text(answer, "authToken");
    if (!AUTHORIZED.equalsIgnoreCase(status) || orderId == null || authToken == null) {
      throw new PaymentException(ErrorCode.PROVIDER_ERROR, "Kibo answered the authorisation with status " + status
          + (orderId == null ? " and no orderID" : "") + (authToken == null ? " and no authToken" : "")
          + "; no order was created", authorization.requestId(), null);
    }
    Money authorized = authorizedAmount(answer, currency, mapping.amount(), orderId, authorization.requestId());

    JsonResponse order;
    try {
      order = client.createOrder(KiboRequests.createOrder(settings, request, mapping, authToken));
    } catch (PaymentException e) {
      throw afterAuthorization(e, orderId);
    }
    String createdId = text(order.body(), "orderID");
    String finalId = createdId != null ? createdId : orderId;

    Map<String, String> refs = new LinkedHashMap<>();
    refs.put(REF_ORDER_ID, finalId);
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

    Money zero = Money.zero(currency);
    ProviderState state = new ProviderState(AuthorizationState.AUTHORIZED, AUTHORIZED, request.orderReference(),
        authorized, zero, zero, zero, finalId, order.requestId(), refs);
    return new StartResult(new NextStep.Done(PaymentStatus.AUTHORIZED), request.orderReference(), refs, state);
  }

  /**
   * The state recorded at start, without a call: Kibo's authorisation is final when {@link #start}
   * returns, this API has no call that reads an order's payment, and the plugin moves no money
   * afterwards (captured, refunded and voided stay zero; settlement happens inside Kibo OMS). A
   * payment whose start did not finish has no order id and reports {@link AuthorizationState#NONE}.
   */
  @Override
  public ProviderState fetchState(ProviderPayment payment) {
    Money zero = Money.zero(payment.total().currency());
    Map<String, String> refs = payment.refs();
    String orderId = refs.get(REF_ORDER_ID);
    if (orderId == null || !AUTHORIZED.equals(refs.get(REF_AUTHORIZATION))) {
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
    return new ProviderState(AuthorizationState.AUTHORIZED, AUTHORIZED, reference, amount, zero, zero, zero,
        orderId, null, Map.of());
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
  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    if (request.paymentMethod() == null) {
      KiboRequests.validateExceptPaymentMethod(request);
    } else {
      validate(request);
    }
    KiboMapper.Mapping mapping = KiboMapper.map(request.cart());
    ObjectNode authorize = KiboRequests.authorize(settings, "<payment id>", request, mapping, true);
    ObjectNode order = KiboRequests.createOrder(settings, request, mapping, KiboRequests.AUTHORIZATION_PLACEHOLDER);
    List<String> rules = new ArrayList<>();
    if (request.paymentMethod() == null) {
      rules.add("the request has no payment details: start refuses it until the storefront collects card, PayPal,"
          + " stored-token or gift-card details (paymentType is a placeholder here)");
    }
    rules.add("an access token is fetched from " + settings.tokenUrl() + " (client credentials) unless one is cached;"
        + " every call carries it as a Bearer token together with the API-Key header");
    rules.add("amount " + mapping.amount().toPlainString() + " " + mapping.currency().getCurrencyCode()
        + " is sent in major units with the currency's " + Money.decimals(mapping.currency()) + " decimals");
    rules.add("externalCartID is the plugin's payment id; externalOrderID is the order reference "
        + request.orderReference());
    if (settings.testOrders()) {
      rules.add("testOrder is true (" + KiboSettings.PREFIX + "test-orders)");
    }
    rules.addAll(mapping.rules());
    rules.add("shippingMethod " + settings.shippingMethod() + " comes from " + KiboSettings.PREFIX
        + "shipping-method");
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
      throw new PaymentException(ErrorCode.PROVIDER_ERROR, "Kibo authorised " + shown.toPlainString() + " "
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

  /** The same kind of failure, saying that an authorisation exists without an order. */
  private static PaymentException afterAuthorization(PaymentException e, String orderId) {
    String message = "Kibo authorised the payment (order " + orderId + ") but the order was not created, so the"
        + " authorisation lapses unused at the gateway (the order API has no void): " + e.getMessage();
    String id = e.providerRequestId();
    return switch (e.code()) {
      case TRANSIENT_NETWORK -> new TransientNetworkException(message, id, e);
      case AUTHENTICATION -> new AuthenticationException(message, id, e);
      case INVALID_REQUEST -> new InvalidRequestException(message, id, e);
      case DECLINED -> new DeclinedException(message, id, e);
      case RATE_LIMITED -> new RateLimitException(message, id, e);
      default -> new PaymentException(e.code(), message, id, e);
    };
  }

  private static PaymentException unsupported(String operation, String instead) {
    return new PaymentException(ErrorCode.UNSUPPORTED, "Kibo's order API has no " + operation + " call: " + instead
        + "; this plugin only authorises and creates the order");
  }
}
