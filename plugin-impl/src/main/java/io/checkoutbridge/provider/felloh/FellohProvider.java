package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
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
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import io.checkoutbridge.provider.support.Scrubber;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Felloh (UK travel payments): an ecommerce session paid on Felloh's hosted page or iframe, by
 * card or open banking, optionally only authorised at checkout and completed (captured) or reversed
 * (voided) later, refunded in whole or in part, possibly after an approval at Felloh.
 *
 * <p>Thread-safe; keeps no per-payment state. The flow, the refs it remembers and every choice
 * made where Felloh's documentation is silent are described in the package documentation.
 */
public final class FellohProvider implements PaymentProvider {
  /** The provider id, in URLs and configuration keys. */
  public static final String ID = "felloh";
  /** Ref: the ecommerce session created at checkout; also the merchant reference. */
  public static final String REF_ECOMMERCE = "ecommerce_id";
  /** Ref: the transaction that paid the session, learned from its state. */
  public static final String REF_TRANSACTION = "transaction_id";
  /** The element name of the embedded iframe in {@link NextStep.Embed}. */
  public static final String ELEMENT = "felloh-iframe";
  /** The query parameter of the hosted page that carries where to send the shopper back. */
  public static final String RETURN_PARAMETER = "return_url";
  /** The webhook signature header. */
  public static final String SIGNATURE_HEADER = "x-signature";

  /** At most this many transactions of one session are read to find the one that paid. */
  static final int MAX_TRANSACTIONS_READ = 10;
  /** Felloh's refund description is free text; keep it short. */
  static final int MAX_DESCRIPTION = 255;

  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
      Capability.REDIRECT, Capability.EMBEDDED_ELEMENT, Capability.SIGNED_CALLBACKS, Capability.CAPTURE,
      Capability.REFUND, Capability.PARTIAL_REFUND, Capability.REFUND_APPROVAL, Capability.VOID));

  private static final Set<String> CAPTURED = Set.of("COMPLETE", "COMPLETED", "REFUNDED", "PARTIALLY_REFUNDED");
  private static final Set<String> AUTHORISED = Set.of("AUTHORISED", "AUTHORIZED");
  private static final Set<String> REVERSED = Set.of("REVERSED");
  private static final Set<String> DECLINED = Set.of("DECLINED", "REJECTED");
  private static final Set<String> FAILED = Set.of("FAILED", "EXPIRED", "CANCELLED", "CANCELED", "ERROR");
  /** Refund statuses that count as money given back (approved or paid out). */
  private static final Set<String> REFUND_DONE = Set.of("AUTHORISED", "AUTHORIZED", "COMPLETE", "COMPLETED");
  private static final String REFUND_AWAITING_APPROVAL = "PENDING_AUTHORISATION";

  private final FellohSettings settings;
  private final FellohClient client;
  private final Clock clock;

  /**
   * @param settings the configuration
   * @param http the plugin's shared client (timeouts, no silent retries)
   * @param clock for token expiry and session expiry dates
   */
  public FellohProvider(FellohSettings settings, OkHttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = new FellohClient(settings, Objects.requireNonNull(http, "http"), clock);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Felloh";
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  // ---- checkout -------------------------------------------------------------------------------

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    FellohMapper.map(request.cart());
    if (customerName(request.customer()) == null) {
      throw new InvalidRequestException(
          "customer name: Felloh requires the customer's name (first and last name, or the billing address name)");
    }
    String booking = request.bookingId();
    if (booking != null && !booking.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw new InvalidRequestException(
          "bookingId: a Felloh booking id is 1 to 100 letters, digits or . _ : - (a uuid)");
    }
  }

  /** One call with a cached token: {@code PUT /agent/ecommerce}. */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    validate(request);
    FellohMapper.Mapping mapping = FellohMapper.map(request.cart());
    JsonResponse created = client.createEcommerce(ecommerceBody(request, mapping));
    String ecommerceId = FellohJson.text(created.body().path("data").path("id"));
    if (ecommerceId == null) {
      throw new PaymentException(ErrorCode.PROVIDER_ERROR,
          "Felloh answered PUT /agent/ecommerce without data.id", created.requestId(), null);
    }
    return new StartResult(nextStep(ecommerceId, context.returnUrl()), ecommerceId,
        Map.of(REF_ECOMMERCE, ecommerceId), null);
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    validate(request);
    FellohMapper.Mapping mapping = FellohMapper.map(request.cart());
    ObjectNode token = JsonHttp.object().put("public_key", "***").put("private_key", "***");
    List<Preview.Request> requests = List.of(
        new Preview.Request("POST", "/token", JsonHttp.compact(token)),
        new Preview.Request("PUT", "/agent/ecommerce", JsonHttp.compact(ecommerceBody(request, mapping))));
    List<String> rules = new ArrayList<>(mapping.rules());
    rules.add("POST /token is sent only when no valid token is cached (tokens are renewed 60 s before"
        + " they expire); the keys are not shown");
    rules.add(authorisationOnly(request)
        ? "authorisation_only is true: the payment is only authorised at checkout and completed"
            + " (captured) or reversed (voided) later by an admin"
        : "authorisation_only is false: Felloh takes the money at checkout"
            + (request.captureLater() ? " (" + FellohSettings.PREFIX + "authorisation-only is false)" : ""));
    rules.add("surcharging_enabled is false, so Felloh charges exactly the cart total");
    rules.add("expires_at is " + expiresAt() + " (" + FellohSettings.PREFIX + "session-expiry "
        + days(settings.sessionExpiry()) + " from today, UTC)");
    if (request.bookingId() != null) {
      rules.add("the session is assigned to booking " + request.bookingId());
    }
    rules.add("the shopper " + (settings.embedded() ? "pays in the " + ELEMENT + " element (hosted page as fallback) at "
        : "is sent to ") + settings.payUrl() + "/{ecommerce id}?" + RETURN_PARAMETER
        + "={return URL}, which sends the shopper back to the return URL");
    return new Preview(ID, requests, rules);
  }

  /** {@code P30D} rather than Duration's {@code PT720H}, as the shop owner wrote it. */
  private static String days(java.time.Duration duration) {
    return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
  }

  ObjectNode ecommerceBody(CheckoutRequest request, FellohMapper.Mapping mapping) {
    ObjectNode body = JsonHttp.object();
    body.put("customer_name", customerName(request.customer()));
    body.put("email", request.customer().email());
    body.put("organisation", settings.organisation());
    body.put("amount", mapping.amount());
    body.put("currency", mapping.currencyCode());
    if (request.bookingId() != null) {
      body.put("booking_id", request.bookingId());
    }
    body.put("open_banking_enabled", settings.openBanking());
    body.put("card_enabled", settings.card());
    if (!settings.excludedCardTypes().isEmpty()) {
      ArrayNode types = body.putArray("excluded_card_types");
      settings.excludedCardTypes().forEach(types::add);
    }
    if (!settings.excludedCardRegions().isEmpty()) {
      ArrayNode regions = body.putArray("excluded_card_regions");
      settings.excludedCardRegions().forEach(regions::add);
    }
    body.put("authorisation_only", authorisationOnly(request));
    // A surcharge would make Felloh's amount differ from the order total the ledger holds.
    body.put("surcharging_enabled", false);
    body.put("expires_at", expiresAt().toString());
    return body;
  }

  private boolean authorisationOnly(CheckoutRequest request) {
    return settings.authorisationOnly() && request.captureLater();
  }

  private LocalDate expiresAt() {
    return LocalDate.ofInstant(clock.instant().plus(settings.sessionExpiry()), ZoneOffset.UTC);
  }

  private NextStep nextStep(String ecommerceId, URI returnUrl) {
    URI page = payPage(ecommerceId, returnUrl);
    if (!settings.embedded()) {
      return new NextStep.Redirect(page);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ecommerceId", ecommerceId);
    parameters.put("url", page.toString());
    parameters.put("returnUrl", returnUrl.toString());
    return new NextStep.Embed(ELEMENT, parameters, page);
  }

  /** {@code {pay-url}/{ecommerceId}?return_url={returnUrl}}, the return URL kept whole (seal included). */
  URI payPage(String ecommerceId, URI returnUrl) {
    HttpUrl url = HttpUrl.get(settings.payUrl().toString()).newBuilder()
        .addPathSegment(ecommerceId)
        .addQueryParameter(RETURN_PARAMETER, returnUrl.toString())
        .build();
    return url.uri();
  }

  private static String customerName(Customer customer) {
    String name = customer.fullName();
    if (name.isBlank() && customer.billingAddress().name() != null) {
      name = customer.billingAddress().name().trim();
    }
    return name.isBlank() ? null : name;
  }

  // ---- state ----------------------------------------------------------------------------------

  /**
   * {@code GET /agent/ecommerce/{id}}, then {@code GET /agent/transactions/{id}} for its
   * transactions (the remembered one first, then newest first) until one that committed money.
   */
  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    Loaded session = session(ecommerceId(payment));
    Optional<Tx> paid = bestTransaction(session, payment.ref(REF_TRANSACTION).orElse(null));
    Money zero = Money.zero(session.amount().currency());
    if (paid.isEmpty()) {
      boolean expired = session.expiresAt() != null && !clock.instant().isBefore(session.expiresAt());
      return new ProviderState(expired ? AuthorizationState.FAILED : AuthorizationState.NONE,
          expired ? "EXPIRED" : "NO_TRANSACTION", session.id(), session.amount(), zero, zero, zero, null,
          session.requestId(), Map.of());
    }
    Tx tx = paid.get();
    return new ProviderState(tx.authorization(), tx.status(), session.id(), session.amount(), tx.captured(),
        tx.refunds().done(), tx.voided(), tx.id(), tx.requestId(), Map.of(REF_TRANSACTION, tx.id()),
        tx.refunds().refused());
  }

  private record Loaded(String id, Money amount, List<String> transactionIds, Instant expiresAt, String requestId) {}

  /** A transaction's refunds: the money refunded, and the references of refunds Felloh refused. */
  private record Refunds(Money done, Set<String> refused) {}

  private record Tx(String id, String status, AuthorizationState authorization, Money amount, Money captured,
      Refunds refunds, Money voided, String requestId) {

    int rank() {
      return switch (authorization) {
        case AUTHORIZED -> 4;
        case PENDING -> 3;
        case DECLINED -> 2;
        case FAILED -> 1;
        case NONE -> 0;
      };
    }
  }

  private Loaded session(String ecommerceId) throws PaymentException {
    JsonResponse response = client.ecommerce(ecommerceId);
    JsonNode data = response.body().path("data");
    String id = Optional.ofNullable(FellohJson.text(data.path("id"))).orElse(ecommerceId);
    Currency currency = currency(FellohJson.text(data.path("currency")), response);
    Money amount = money(data.path("amount"), currency, "data.amount", response);
    List<JsonNode> transactions = new ArrayList<>();
    data.path("transactions").forEach(transactions::add);
    // Newest first: a later attempt is likelier to be the one that paid.
    transactions.sort(Comparator.comparing(
        (JsonNode t) -> Optional.ofNullable(FellohJson.instant(t.path("created_at"))).orElse(Instant.MIN))
        .reversed());
    List<String> ids = new ArrayList<>();
    for (JsonNode t : transactions) {
      String txId = FellohJson.text(t.path("id"));
      if (txId != null && !ids.contains(txId)) {
        ids.add(txId);
      }
    }
    return new Loaded(id, amount, ids, FellohJson.endOf(data.path("expires_at")), response.requestId());
  }

  private Optional<Tx> bestTransaction(Loaded session, String remembered) throws PaymentException {
    List<String> order = new ArrayList<>();
    if (remembered != null) {
      order.add(remembered);
    }
    for (String id : session.transactionIds()) {
      if (!order.contains(id)) {
        order.add(id);
      }
    }
    Tx best = null;
    for (String id : order.subList(0, Math.min(order.size(), MAX_TRANSACTIONS_READ))) {
      Tx tx = transaction(id, session.amount().currency());
      if (tx.authorization() == AuthorizationState.AUTHORIZED) {
        return Optional.of(tx);
      }
      if (best == null || tx.rank() > best.rank()) {
        best = tx;
      }
    }
    return Optional.ofNullable(best);
  }

  private Tx transaction(String id, Currency sessionCurrency) throws PaymentException {
    JsonResponse response = client.transaction(id);
    JsonNode data = response.body().path("data");
    String code = FellohJson.text(data.path("currency"));
    Currency currency = code == null ? sessionCurrency : currency(code, response);
    if (!currency.equals(sessionCurrency)) {
      throw new PaymentException(ErrorCode.STATE_MISMATCH, "Felloh transaction " + id + " is in " + currency
          + ", its session in " + sessionCurrency, response.requestId(), null);
    }
    Money amount = money(data.path("amount"), currency, "data.amount", response);
    Money zero = Money.zero(currency);
    String status = FellohJson.status(data.path("status"));
    AuthorizationState authorization = authorization(status);
    Money captured = CAPTURED.contains(status) ? amount : zero;
    Money voided = REVERSED.contains(status) ? amount : zero;
    Refunds refunds = new Refunds(zero, Set.of());
    if (captured.isPositive()) {
      refunds = data.has("refunds")
          ? refundsIn(data.path("refunds"), currency, response)
          : refundsListed(id, currency);
      if (refunds.done().isZero() && "REFUNDED".equals(status)) {
        refunds = new Refunds(captured, refunds.refused());
      }
    }
    return new Tx(id, status.isEmpty() ? "UNKNOWN" : status, authorization, amount, captured, refunds, voided,
        response.requestId());
  }

  /**
   * Felloh's transaction status to the ledger's decision. Only {@code COMPLETE} is documented; the
   * rest is the enum chosen for this adapter (see the package documentation). An unknown word is
   * treated as not decided yet, so it never moves a payment to a final state by mistake.
   */
  static AuthorizationState authorization(String status) {
    if (CAPTURED.contains(status) || AUTHORISED.contains(status) || REVERSED.contains(status)) {
      return AuthorizationState.AUTHORIZED;
    }
    if (DECLINED.contains(status)) {
      return AuthorizationState.DECLINED;
    }
    if (FAILED.contains(status)) {
      return AuthorizationState.FAILED;
    }
    return AuthorizationState.PENDING;
  }

  private Refunds refundsIn(JsonNode refunds, Currency currency, JsonResponse response) throws PaymentException {
    Money sum = Money.zero(currency);
    Set<String> refused = new java.util.HashSet<>();
    for (JsonNode refund : refunds) {
      String status = FellohJson.status(refund.path("status"));
      if (REFUND_DONE.contains(status)) {
        sum = sum.plus(money(refund.path("amount"), currency, "refunds[].amount", response));
      } else if (DECLINED.contains(status) || FAILED.contains(status)) {
        // The same reference refund() reported when Felloh accepted the refund for approval.
        String reference = Optional.ofNullable(FellohJson.text(refund.path("authorisation_code")))
            .orElse(FellohJson.text(refund.path("id")));
        if (reference != null) {
          refused.add(reference);
        }
      }
    }
    return new Refunds(sum, refused);
  }

  /** When a transaction does not list its refunds: {@code POST /agent/refunds}, filtered to it. */
  private Refunds refundsListed(String transactionId, Currency currency) throws PaymentException {
    ObjectNode query = JsonHttp.object()
        .put("organisation", settings.organisation())
        .put("keyword", transactionId)
        .put("skip", 0)
        .put("take", 100);
    JsonResponse response = client.listRefunds(query);
    ArrayNode mine = JsonHttp.MAPPER.createArrayNode();
    for (JsonNode refund : response.body().path("data")) {
      if (transactionId.equals(FellohJson.text(refund.path("transaction").path("id")))) {
        mine.add(refund);
      }
    }
    return refundsIn(mine, currency, response);
  }

  private static Currency currency(String code, JsonResponse response) throws PaymentException {
    // Felloh's documented default currency is GBX.
    String fellohCode = code == null ? "GBX" : code.toUpperCase(Locale.ROOT);
    return FellohMapper.currencyOf(fellohCode).orElseThrow(() -> new PaymentException(ErrorCode.PROVIDER_ERROR,
        "Felloh answered with currency " + fellohCode + ", which this adapter does not take",
        response.requestId(), null));
  }

  private static Money money(JsonNode node, Currency currency, String field, JsonResponse response)
      throws PaymentException {
    try {
      return FellohMapper.fromLowestDenomination(FellohJson.integer(node), currency);
    } catch (IllegalArgumentException e) {
      throw new PaymentException(ErrorCode.PROVIDER_ERROR,
          "Felloh answered without a whole " + field, response.requestId(), null);
    }
  }

  private static String ecommerceId(ProviderPayment payment) throws InvalidRequestException {
    return payment.ref(REF_ECOMMERCE).orElseThrow(() -> new InvalidRequestException(
        "payment " + payment.paymentId() + " has no Felloh " + REF_ECOMMERCE + " ref"));
  }

  /** The transaction that paid: the remembered one, else looked up (reads only). */
  private String paidTransaction(ProviderPayment payment) throws PaymentException {
    Optional<String> remembered = payment.ref(REF_TRANSACTION);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    Loaded session = session(ecommerceId(payment));
    Optional<Tx> tx = bestTransaction(session, null);
    if (tx.isEmpty() || tx.get().authorization() != AuthorizationState.AUTHORIZED) {
      throw new IllegalTransitionException("Felloh session " + session.id() + " has no authorised transaction"
          + tx.map(t -> " (latest is " + t.status() + ")").orElse(""));
    }
    return tx.get().id();
  }

  // ---- operations -----------------------------------------------------------------------------

  /** {@code GET /agent/transactions/{id}/complete}: the whole pre-authorisation, nothing less. */
  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    requireWhole(payment, operation, "completes (captures) a pre-authorisation");
    String transactionId = paidTransaction(payment);
    JsonResponse response = client.complete(transactionId);
    return OperationResult.succeeded(response.requestId(), transactionId, response.scrubbed());
  }

  /** {@code GET /agent/transactions/{id}/reverse}: releases the whole pre-authorisation. */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    requireWhole(payment, operation, "reverses (voids) a pre-authorisation");
    String transactionId = paidTransaction(payment);
    JsonResponse response = client.reverse(transactionId);
    return OperationResult.succeeded(response.requestId(), transactionId, response.scrubbed());
  }

  /**
   * {@code POST /agent/transactions/{id}/refund}, sent once. A refund waiting for approval at
   * Felloh ({@code PENDING_AUTHORISATION}) is {@link OperationResult.Outcome#PENDING}; its approval
   * shows later in {@link #fetchState}.
   */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    long amount = FellohMapper.toLowestDenomination(operation.amount(), "refund amount");
    if (amount <= 0) {
      throw new InvalidRequestException("refund amount: must be positive, got " + operation.amount());
    }
    String transactionId = paidTransaction(payment);
    ObjectNode body = JsonHttp.object();
    body.put("amount", amount);
    body.put("description", description(operation.reason()));
    // Felloh documents no idempotency key; the metadata lets a person match the refund to its action.
    body.putObject("metadata")
        .put("idempotency_key", operation.idempotencyKey())
        .put("payment_id", payment.paymentId())
        .put("order_reference", payment.orderReference());
    JsonResponse response = client.refund(transactionId, body);
    JsonNode data = response.body().path("data");
    String status = FellohJson.status(data.path("status"));
    String reference = Optional.ofNullable(FellohJson.text(data.path("authorisation_code")))
        .orElse(FellohJson.text(data.path("id")));
    if (REFUND_DONE.contains(status)) {
      return OperationResult.succeeded(response.requestId(), reference, response.scrubbed());
    }
    if (DECLINED.contains(status) || FAILED.contains(status)) {
      String message = FellohClient.errorMessage(response);
      return OperationResult.declined(response.requestId(),
          message == null ? "Felloh " + status.toLowerCase(Locale.ROOT) + " the refund" : message,
          response.scrubbed());
    }
    // PENDING_AUTHORISATION, or no status at all: accepted, decided later (seen in fetchState).
    return OperationResult.pending(response.requestId(), reference, response.scrubbed());
  }

  private static void requireWhole(ProviderPayment payment, ProviderOperation operation, String what)
      throws InvalidRequestException {
    Money whole = payment.total();
    if (!operation.amount().currency().equals(whole.currency()) || operation.amount().compareTo(whole) != 0) {
      throw new InvalidRequestException("amount: Felloh " + what + " for its whole amount only ("
          + whole + "); " + operation.amount() + " is not possible");
    }
  }

  private static String description(String reason) {
    String text = reason == null || reason.isBlank() ? "Refund" : reason.strip();
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
  }

  // ---- webhooks -------------------------------------------------------------------------------

  /**
   * Checks {@code x-signature}: the hex HMAC-SHA256 of the raw body under the webhook secret,
   * compared in constant time. The dedupe key is a digest of the body; nothing in the body is
   * trusted beyond naming the delivery.
   */
  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    String header = callback.header(SIGNATURE_HEADER).map(String::trim).orElse("");
    if (header.isEmpty()) {
      throw new SignatureException("Felloh webhook without an " + SIGNATURE_HEADER + " header");
    }
    byte[] body = callback.body();
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      throw new SignatureException("Felloh webhook " + SIGNATURE_HEADER + " is not a hex digest");
    }
    if (!MessageDigest.isEqual(hmac(settings.webhookSecret(), body), given)) {
      throw new SignatureException("Felloh webhook " + SIGNATURE_HEADER + " does not match its body");
    }
    return new CallbackVerification(ID + ":" + sha256(body), describeWebhook(body), paymentReference(body));
  }

  /**
   * The id a verified webhook names its payment by: the ecommerce session of a transaction event
   * (our merchant reference), else the transaction a refund belongs to, else the transaction itself
   * (the provider payment id once known). Used only to find the payment; its state is fetched.
   */
  static String paymentReference(byte[] body) {
    try {
      JsonNode data = JsonHttp.MAPPER.readTree(body).path("data");
      for (JsonNode candidate : List.of(data.path("ecommerce").path("id"), data.path("ecommerce_id"),
          data.path("transaction_id"), data.path("transaction").path("id"), data.path("id"))) {
        String id = FellohJson.text(candidate);
        if (id != null) {
          return id;
        }
      }
      return null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** The hex HMAC-SHA256 of {@code body}: what Felloh sends in {@code x-signature}. */
  static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code transaction.complete for b5e1…}: for the webhook log only. */
  private static String describeWebhook(byte[] body) {
    try {
      JsonNode json = JsonHttp.MAPPER.readTree(body);
      String event = FellohJson.text(json.path("event"));
      if (event == null) {
        event = FellohJson.text(json.path("type"));
      }
      String id = FellohJson.text(json.path("data").path("id"));
      String text = (event == null ? "Felloh webhook" : event) + (id == null ? "" : " for " + id);
      return text.length() <= 200 ? text.replaceAll("[\\p{Cntrl}]", " ") : text.substring(0, 200);
    } catch (IOException | RuntimeException notJson) {
      return "Felloh webhook";
    }
  }

  // ---- administration -------------------------------------------------------------------------

  /**
   * A page of the organisation's ecommerce sessions ({@code POST /agent/ecommerce}), newest first.
   *
   * @param skip sessions to skip, from 0
   * @param take sessions to return, 1 to 100
   * @param keyword filters by customer name, booking reference or email; {@code null} for all
   * @param dateFrom first creation day included, or {@code null}
   * @param dateTo last creation day included, or {@code null}
   */
  public record SessionQuery(int skip, int take, String keyword, LocalDate dateFrom, LocalDate dateTo) {
    public SessionQuery {
      if (skip < 0) {
        throw new IllegalArgumentException("skip must not be negative");
      }
      if (take < 1 || take > 100) {
        throw new IllegalArgumentException("take must be 1 to 100");
      }
      if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
        throw new IllegalArgumentException("dateTo is before dateFrom");
      }
      keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
    }

    public static SessionQuery firstPage(int take) {
      return new SessionQuery(0, take, null, null, null);
    }
  }

  /**
   * One ecommerce session as the admin lists it.
   *
   * @param id the session id
   * @param customerName the customer's name
   * @param email the payer's email
   * @param amount the amount asked, or {@code null} when Felloh's currency code is not one this
   *     adapter takes
   * @param currencyCode Felloh's currency code ({@code GBX})
   * @param bookingReference the booking's reference, or {@code null}
   * @param transactions how many transactions were made on it (0: it may be deleted)
   * @param createdAt when it was created, or {@code null}
   * @param expiresAt when it stops being payable, or {@code null}
   */
  public record Session(String id, String customerName, String email, Money amount, String currencyCode,
      String bookingReference, int transactions, Instant createdAt, Instant expiresAt) {}

  /**
   * @param sessions this page
   * @param total how many sessions match, over all pages ({@code meta.count})
   * @param requestId Felloh's id for the request
   */
  public record SessionPage(List<Session> sessions, long total, String requestId) {
    public SessionPage {
      sessions = List.copyOf(sessions);
    }
  }

  /** Lists the organisation's sessions. */
  public SessionPage listSessions(SessionQuery query) throws PaymentException {
    ObjectNode body = JsonHttp.object().put("organisation", settings.organisation());
    if (query.keyword() != null) {
      body.put("keyword", query.keyword());
    }
    if (query.dateFrom() != null) {
      body.put("date_from", query.dateFrom().toString());
    }
    if (query.dateTo() != null) {
      body.put("date_to", query.dateTo().toString());
    }
    body.put("skip", query.skip()).put("take", query.take());
    JsonResponse response = client.listEcommerce(body);
    List<Session> sessions = new ArrayList<>();
    for (JsonNode s : response.body().path("data")) {
      String code = Optional.ofNullable(FellohJson.text(s.path("currency"))).orElse("GBX");
      Money amount = null;
      Optional<Currency> currency = FellohMapper.currencyOf(code);
      if (currency.isPresent()) {
        try {
          amount = FellohMapper.fromLowestDenomination(FellohJson.integer(s.path("amount")), currency.get());
        } catch (IllegalArgumentException noAmount) {
          amount = null;
        }
      }
      sessions.add(new Session(FellohJson.text(s.path("id")), FellohJson.text(s.path("customer_name")),
          FellohJson.text(s.path("email")), amount, code, FellohJson.text(s.path("booking").path("booking_reference")),
          s.path("transactions").size(), FellohJson.instant(s.path("created_at")),
          FellohJson.endOf(s.path("expires_at"))));
    }
    long total;
    try {
      total = FellohJson.integer(response.body().path("meta").path("count"));
    } catch (IllegalArgumentException noCount) {
      total = query.skip() + sessions.size();
    }
    return new SessionPage(sessions, total, response.requestId());
  }

  /**
   * Deletes a session nobody has paid on ({@code DELETE /agent/ecommerce/{id}}).
   *
   * @return Felloh's request id
   * @throws IllegalTransitionException when Felloh refuses, as it does once the session has a
   *     transaction
   */
  public String deleteSession(String ecommerceId) throws PaymentException {
    requireId(ecommerceId, "ecommerceId");
    JsonResponse response = client.deleteEcommerce(ecommerceId);
    if (response.successful()) {
      return response.requestId();
    }
    int status = response.status();
    if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 404 && status != 429) {
      String detail = FellohClient.errorMessage(response);
      throw new IllegalTransitionException("Felloh refused to delete ecommerce session " + ecommerceId
          + ": only a session without transactions can be deleted"
          + (detail == null ? "" : " (Felloh: " + Scrubber.scrubText(detail) + ")"),
          response.requestId(), null);
    }
    throw client.failure("DELETE", client.url("agent", "ecommerce", ecommerceId), response, true);
  }

  /** Assigns a session to a booking ({@code POST /agent/ecommerce/{id}/assign}); answers Felloh's request id. */
  public String assignToBooking(String ecommerceId, String bookingId) throws PaymentException {
    requireId(ecommerceId, "ecommerceId");
    requireId(bookingId, "bookingId");
    return client.assignEcommerce(ecommerceId, bookingId).requestId();
  }

  private static void requireId(String id, String name) throws InvalidRequestException {
    if (id == null || !id.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw new InvalidRequestException(name + ": expected a Felloh id (1 to 100 letters, digits or . _ : -)");
    }
  }

  @Override
  public String toString() {
    return "FellohProvider[" + settings.baseUrl() + ", organisation " + settings.organisation() + "]";
  }
}
