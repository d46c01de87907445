package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
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
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.SelfTestResult;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
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
 * Hokodo: B2B "buy now, pay later" by deferred payment. See the package documentation for the
 * flow, the refs kept per payment and the choices made where Hokodo's documentation is silent.
 *
 * <p>Thread-safe and stateless: per-customer records live in {@link ProviderMemory}, per-payment
 * ids in the payment's refs.
 */
public final class HokodoProvider implements PaymentProvider {
  /** The provider id, in URLs and configuration keys. */
  public static final String ID = "hokodo";
  /** The embedded element's name in {@link NextStep.Embed}. */
  public static final String ELEMENT = "hokodo-checkout";
  /** Embed parameter: the offer object, JSON text, for {@code create("checkout", {paymentOffer})}. */
  public static final String EMBED_OFFER = "paymentOffer";
  /** Embed parameter: the SDK's public key, for {@code Hokodo(key)}. */
  public static final String EMBED_SDK_KEY = "sdkKey";
  /** Embed parameter: the SDK script's URL. */
  public static final String EMBED_SDK_URL = "sdkUrl";

  /** Ref: Hokodo's order ({@code order-…}). */
  public static final String REF_ORDER = "order_id";
  /** Ref: the payment offer ({@code offr-…}). */
  public static final String REF_OFFER = "offer_id";
  /** Ref: the plan whose page the shopper was sent to ({@code ppln-…}). */
  public static final String REF_PLAN = "payment_plan_id";
  /** Ref: the deferred payment, once the shopper accepted a plan ({@code defpay-…}). */
  public static final String REF_DEFERRED_PAYMENT = "deferred_payment_id";
  /** Ref: the deferred payment's number shown to people ({@code P-7WR2-PR0S}). */
  public static final String REF_DEFERRED_PAYMENT_NUMBER = "deferred_payment_number";
  /** Ref: the buyer's organisation ({@code org-…}). */
  public static final String REF_ORGANISATION = "organisation_id";
  /** Ref: the buyer's user ({@code user-…}). */
  public static final String REF_USER = "user_id";

  private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
      Capability.REDIRECT, Capability.EMBEDDED_ELEMENT, Capability.CAPTURE, Capability.PARTIAL_CAPTURE,
      Capability.MULTIPLE_CAPTURES, Capability.REFUND, Capability.PARTIAL_REFUND, Capability.VOID,
      Capability.VOID_REMAINING));

  private final HokodoSettings settings;
  private final HokodoPostSale postSale;
  private final HokodoBuyers buyers;
  private final HokodoOffers offers;
  private final HokodoClient client;
  private final Clock clock;

  /**
   * @param settings the configuration
   * @param http the plugin's shared OkHttp client (its silent connection retry should be off)
   * @param clock for order dates, registration times and plan expiry
   */
  public HokodoProvider(HokodoSettings settings, OkHttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = new HokodoClient(Objects.requireNonNull(http, "http"), settings);
    this.postSale = new HokodoPostSale(client);
    this.buyers = new HokodoBuyers(client, clock);
    this.offers = new HokodoOffers(clock);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Hokodo: pay later by invoice";
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  // ---- checkout ---------------------------------------------------------------------------------

  /**
   * Hokodo lends to businesses: the customer needs a company (registration number, or Hokodo's
   * company id from the company search), an invoice postcode and an email; the cart total must be
   * positive and every quantity fit in three decimals.
   */
  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    Customer customer = request.customer();
    Company company = customer.company();
    if (company == null) {
      throw new InvalidRequestException("customer.company is required: Hokodo only lends to businesses");
    }
    if (blank(company.registrationNumber()) && blank(company.providerCompanyId())) {
      throw new InvalidRequestException("customer.company.registrationNumber is required"
          + " (or customer.company.providerCompanyId from Hokodo's company search)");
    }
    if (!blank(company.providerCompanyId()) && !company.providerCompanyId().startsWith("co-")) {
      throw new InvalidRequestException("customer.company.providerCompanyId must be a Hokodo company id (co-…)");
    }
    if (blank(customer.billingAddress().postcode())) {
      throw new InvalidRequestException(
          "customer.billingAddress.postcode is required (Hokodo's customer.invoice_address.postcode)");
    }
    if (blank(customer.email())) {
      throw new InvalidRequestException("customer.email is required");
    }
    if (!request.cart().total().isPositive()) {
      throw new InvalidRequestException("cart total must be positive for a Hokodo deferred payment");
    }
    HokodoMapper.map(request.cart(), settings.amountDecimals());
  }

  /**
   * Finds or creates the organisation and the user (remembered in {@link StartContext#memory()}),
   * then creates the order and asks for an offer: two calls once the buyer is known.
   */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    validate(request);
    HokodoMapper.Mapping mapping = HokodoMapper.map(request.cart(), settings.amountDecimals());
    String organisationId = buyers.organisation(request.customer(), context.memory());
    String userId = buyers.user(request.customer(), organisationId, context.memory());

    JsonResponse order = client.post("payment/orders", HokodoRequests.order(
        request, mapping, organisationId, userId, context.paymentId(), today()));
    String orderId = requireId(order, "payment/orders");
    JsonResponse offer = client.post("payment/offers", HokodoRequests.offer(
        orderId, context.returnUrl(), context.callbackUrl(), settings.merchantTermsUrl(), request.locale(),
        context.paymentId()));
    String offerId = requireId(offer, "payment/offers");

    Map<String, String> refs = new LinkedHashMap<>();
    refs.put(REF_ORGANISATION, organisationId);
    refs.put(REF_USER, userId);
    refs.put(REF_ORDER, orderId);
    refs.put(REF_OFFER, offerId);
    String reference = request.orderReference();

    Optional<JsonNode> plan = offers.firstOfferedPlan(offer.body());
    if (plan.isEmpty()) {
      // Hokodo declined the buyer at once: no plan to accept.
      Money zero = Money.zero(request.cart().currency());
      ProviderState declined = new ProviderState(HokodoOffers.planVerdict(offer.body()), "offer: " + HokodoOffers.planSummary(offer.body()),
          reference, request.cart().total(), zero, zero, zero, null, offer.requestId(), refs);
      return new StartResult(new NextStep.Done(declined.authorization() == AuthorizationState.DECLINED
          ? PaymentStatus.DECLINED : PaymentStatus.FAILED), reference, refs, declined);
    }
    refs.put(REF_PLAN, plan.get().path("id").asText(""));
    URI paymentUrl = HokodoOffers.paymentUrl(plan.get());
    NextStep next = settings.checkoutMode() == HokodoSettings.CheckoutMode.EMBEDDED
        ? new NextStep.Embed(ELEMENT, embedParameters(offer.body()), paymentUrl)
        : new NextStep.Redirect(paymentUrl);
    return new StartResult(next, reference, refs, null);
  }

  /**
   * What the storefront's page needs to mount Hokodo's checkout element: {@code paymentOffer} is the
   * whole offer object as Hokodo answered it, as JSON text (Hokodo's Magento plugin, {@code
   * view/frontend/web/js/view/payment/method-renderer/bnpl-sdk.js}, calls {@code
   * hokodoElements.create("checkout", {paymentOffer: offer})} with the offer object, and reads its
   * {@code id} and {@code order} on the element's {@code success} event); {@code sdkKey} is the
   * public key given to {@code Hokodo(key)} and {@code sdkUrl} the script that defines it
   * ({@code view/frontend/web/js/sdk/core.js}). The offer carries no secret: Hokodo's own plugin
   * hands it to the browser.
   */
  private Map<String, String> embedParameters(JsonNode offer) {
    return Map.of(EMBED_OFFER, offer.toString(), EMBED_SDK_KEY, settings.sdkKey(),
        EMBED_SDK_URL, settings.sdkUrl().toString());
  }

  // ---- state ------------------------------------------------------------------------------------

  /**
   * Reads the order (its reference, amount and currency) and then, once the shopper accepted a plan,
   * the deferred payment (status and ledger); before that, the offer's plans.
   */
  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    String orderId = payment.ref(REF_ORDER).orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND,
        "payment " + payment.paymentId() + " has no Hokodo order"));
    JsonResponse orderResponse = client.get("payment/orders/" + orderId);
    JsonNode order = orderResponse.body();
    Currency currency = currency(order, payment.total().currency());
    Money amount = money(order.path("total_amount"), currency, "order total_amount");
    Money zero = Money.zero(currency);
    String reference = order.path("metadata").path("order_reference").asText(order.path("unique_id").asText(null));
    Map<String, String> refs = new LinkedHashMap<>();

    String deferredId = idOf(order.path("deferred_payment")).or(() -> payment.ref(REF_DEFERRED_PAYMENT)).orElse(null);
    if (deferredId == null) {
      String offerId = idOf(order.path("payment_offer")).or(() -> payment.ref(REF_OFFER)).orElse(null);
      if (offerId == null) {
        return new ProviderState(AuthorizationState.NONE, order.path("status").asText("draft"), reference, amount,
            zero, zero, zero, null, orderResponse.requestId(), refs);
      }
      refs.put(REF_OFFER, offerId);
      JsonResponse offer = client.get("payment/offers/" + offerId);
      AuthorizationState verdict = offers.firstOfferedPlan(offer.body()).isPresent()
          ? AuthorizationState.NONE : HokodoOffers.planVerdict(offer.body());
      return new ProviderState(verdict, "offer: " + HokodoOffers.planSummary(offer.body()), reference, amount, zero, zero, zero,
          null, offer.requestId(), refs);
    }

    JsonResponse deferredResponse = client.get("payment/deferred_payments/" + deferredId);
    JsonNode deferred = deferredResponse.body();
    String status = deferred.path("status").asText("");
    AuthorizationState authorization = HokodoStatuses.authorization(status);
    Money captured = money(deferred.path("protected_captures"), currency, "protected_captures")
        .plus(money(deferred.path("unprotected_captures"), currency, "unprotected_captures"));
    Money refunded = money(deferred.path("refunds"), currency, "refunds");
    Money voided = money(deferred.path("voided_authorisation"), currency, "voided_authorisation")
        .plus(money(deferred.path("expired_authorisation"), currency, "expired_authorisation"));
    refs.put(REF_DEFERRED_PAYMENT, deferredId);
    String number = deferred.path("number").asText("");
    if (!number.isEmpty()) {
      refs.put(REF_DEFERRED_PAYMENT_NUMBER, number);
    }
    return new ProviderState(authorization, status, reference, amount, captured, refunded, voided, deferredId,
        deferredResponse.requestId(), refs);
  }

  /** See {@link HokodoNotifications}: Hokodo signs nothing; the key names the notification. */
  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    Optional<CallbackVerification> verified = HokodoNotifications.verify(callback);
    return verified.isPresent() ? verified.get() : PaymentProvider.super.verifyCallback(callback);
  }

  /** The deferred payment's status in the SPI's words: see {@link HokodoStatuses#authorization}. */
  static AuthorizationState authorization(String status) {
    return HokodoStatuses.authorization(status);
  }

  // ---- post-sale --------------------------------------------------------------------------------

  /**
   * {@code capture}, or {@code capture_remaining} when the operation takes everything still open;
   * the storefront's invoice, when it supplies one, is uploaded first so that no capture is left
   * without its invoice.
   */
  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return postSale.send(payment, operation, operation.remaining() ? "capture_remaining" : "capture", true, "invoice");
  }

  /** {@code refund}, with the storefront's credit note uploaded first when it supplies one. */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return postSale.send(payment, operation, "refund", true, "credit_note");
  }

  /** {@code void} of an amount, or {@code void_remaining} (sent without an amount). */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    boolean remaining = operation.remaining();
    return postSale.send(payment, operation, remaining ? "void_remaining" : "void", !remaining, null);
  }

  // ---- storefront helpers -----------------------------------------------------------------------

  /**
   * A company as Hokodo's company search returns it.
   *
   * @param id Hokodo's company id ({@code co-…}), for {@link Company#providerCompanyId()}
   * @param name registered name
   * @param country ISO 3166-1 alpha-2 code
   * @param registrationNumber the company number, or {@code null} if Hokodo gave none
   * @param address one-line address, or {@code null}
   * @param postcode postcode, or {@code null}
   * @param status the register's status such as {@code Active}, or {@code null}
   */
  public record CompanyMatch(
      String id, String name, String country, String registrationNumber, String address, String postcode,
      String status) {}

  /**
   * Hokodo's company search for the checkout page: by registration number when {@code query} looks
   * like one (digits, optionally after a short letter prefix such as {@code SC}), else by name.
   *
   * @param country ISO 3166-1 alpha-2 code of the register
   * @param query a registration number or a company name
   * @return the matches, possibly none
   * @throws InvalidRequestException for a malformed country or an empty query (nothing is sent)
   */
  public List<CompanyMatch> searchCompanies(String country, String query) throws PaymentException {
    if (country == null || !country.matches("[A-Z]{2}")) {
      throw new InvalidRequestException("country must be an ISO 3166 alpha-2 code");
    }
    if (blank(query)) {
      throw new InvalidRequestException("query must name a company or give its registration number");
    }
    String trimmed = query.strip();
    ObjectNode body = looksLikeRegistrationNumber(trimmed)
        ? HokodoRequests.companySearchByNumber(country, normalise(trimmed))
        : HokodoRequests.companySearchByName(country, trimmed);
    JsonResponse found = client.post("companies/search", body);
    List<CompanyMatch> matches = new ArrayList<>();
    for (JsonNode match : found.body().path("matches")) {
      matches.add(new CompanyMatch(match.path("id").asText(), match.path("name").asText(),
          match.path("country").asText(country), registrationNumberOf(match), text(match, "address"),
          text(match, "postcode"), text(match, "status")));
    }
    return List.copyOf(matches);
  }

  /**
   * Sets the Hokodo order's {@code unique_id} to the shop's order number once it is known (after
   * checkout). The payment's own reference stays the same: state matching uses the order metadata.
   *
   * @throws InvalidRequestException when the number is blank or Hokodo refuses it
   */
  public void updateUniqueId(ProviderPayment payment, String uniqueId) throws PaymentException {
    if (blank(uniqueId)) {
      throw new InvalidRequestException("unique_id must not be blank");
    }
    String orderId = payment.ref(REF_ORDER).orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND,
        "payment " + payment.paymentId() + " has no Hokodo order"));
    client.patch("payment/orders/" + orderId, HokodoRequests.uniqueId(uniqueId.strip()));
  }

  // ---- preview ----------------------------------------------------------------------------------

  /** Its cheapest call, {@link HokodoClient#checkCredentials}. */
  @Override
  public SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.ok(client.checkCredentials());
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    validate(request);
    HokodoMapper.Mapping mapping = HokodoMapper.map(request.cart(), settings.amountDecimals());
    Customer customer = request.customer();
    Company company = customer.company();
    List<Preview.Request> requests = new ArrayList<>();
    String companyId = company.providerCompanyId();
    if (blank(companyId)) {
      requests.add(request("companies/search",
          HokodoRequests.companySearchByNumber(company.country(), normalise(company.registrationNumber()))));
      companyId = "<company id from the search>";
    }
    String key = HokodoBuyers.organisationKey(company);
    requests.add(request("organisations",
        HokodoRequests.organisation(companyId, key.substring("org:".length()), registered(customer))));
    requests.add(request("users", HokodoRequests.user(customer, "<organisation id>", registered(customer))));
    requests.add(request("payment/orders", HokodoRequests.order(
        request, mapping, "<organisation id>", "<user id>", "<payment id>", today())));
    requests.add(request("payment/offers", HokodoRequests.offer("<order id>",
        URI.create("https://shop.example/payments/return/hokodo?pid=PAYMENT&seal=SEAL"),
        URI.create("https://shop.example/payments/callback/hokodo?pid=PAYMENT&seal=SEAL"),
        settings.merchantTermsUrl(), request.locale(), "<payment id>")));
    List<String> rules = new ArrayList<>(mapping.rules());
    rules.add("the organisation (" + key + ") and the user are created only the first time and remembered;"
        + " later checkouts send only the order and the offer");
    rules.add(settings.checkoutMode() == HokodoSettings.CheckoutMode.EMBEDDED
        ? "the shopper accepts a plan in Hokodo's embedded checkout element (offer id and SDK key)"
        : "the shopper is sent to the first offered plan's payment_url");
    return new Preview(ID, requests, rules);
  }

  private static Preview.Request request(String path, JsonNode body) {
    return new Preview.Request("POST", path, JsonHttp.compact(body));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  private Instant registered(Customer customer) {
    return customer.registeredAt() != null ? customer.registeredAt() : clock.instant();
  }

  static String requireId(JsonResponse response, String what) throws PaymentException {
    JsonNode id = response.body().path("id");
    if (!id.isTextual() || id.asText().isBlank()) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Hokodo answered POST " + what + " without an id",
          response.requestId(), null);
    }
    return id.asText();
  }

  /** An id given either as a string or as an expanded object with {@code id}. */
  static Optional<String> idOf(JsonNode node) {
    if (node.isTextual() && !node.asText().isBlank()) {
      return Optional.of(node.asText());
    }
    if (node.isObject() && node.path("id").isTextual()) {
      return Optional.of(node.path("id").asText());
    }
    return Optional.empty();
  }

  private static Currency currency(JsonNode order, Currency fallback) throws PaymentException {
    String code = order.path("currency").asText("");
    if (code.isEmpty()) {
      return fallback;
    }
    try {
      return Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Hokodo reported an unknown currency " + code);
    }
  }

  /** Hokodo's minor units (integers, possibly up to 5 decimals) as money; absent means zero. */
  static Money money(JsonNode minor, Currency currency, String field) throws PaymentException {
    if (minor.isMissingNode() || minor.isNull()) {
      return Money.zero(currency);
    }
    try {
      BigDecimal value = minor.isNumber() ? minor.decimalValue() : new BigDecimal(minor.asText());
      return Money.of(value.movePointLeft(Money.decimals(currency)), currency);
    } catch (IllegalArgumentException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR,
          "Hokodo reported " + field + " " + minor + ", which is not a whole amount of " + currency);
    }
  }

  static String registrationNumberOf(JsonNode company) {
    for (JsonNode identifier : company.path("identifiers")) {
      if ("reg_number".equals(identifier.path("idtype").asText())) {
        return identifier.path("value").asText(null);
      }
    }
    return text(company, "reg_number");
  }

  private static boolean looksLikeRegistrationNumber(String query) {
    return query.replaceAll("\\s", "").matches("[A-Za-z]{0,3}\\d{4,}[A-Za-z]?");
  }

  static String normalise(String registrationNumber) {
    return registrationNumber == null ? "" : registrationNumber.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "HokodoProvider[" + settings + "]";
  }
}
