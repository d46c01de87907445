package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
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
import io.checkoutbridge.provider.support.Scrubber;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Felloh (UK travel payments): a payment link paid on Felloh's hosted page, or an ecommerce session
 * paid in Felloh's iframe inside the shop's page, by card or open banking, optionally only
 * authorised at checkout and completed (captured) or reversed (voided) later, refunded in whole or
 * in part, possibly after an approval at Felloh.
 *
 * <p>Thread-safe; keeps no per-payment state. Each job has its class: {@link FellohCheckout}
 * (links and sessions), {@link FellohStates}, {@link FellohRefunds}, {@link FellohWebhooks}; the
 * flow and every choice made where Felloh's documentation is silent are in the package
 * documentation.
 */
public final class FellohProvider implements PaymentProvider {
  /** The provider id, in URLs and configuration keys. */
  public static final String ID = "felloh";
  /** Ref: the payment link created at checkout ({@code checkout-mode=payment-link}); also the merchant reference. */
  public static final String REF_PAYMENT_LINK = "payment_link_id";
  /** Ref: the ecommerce session created at checkout ({@code checkout-mode=embedded}); also the merchant reference. */
  public static final String REF_ECOMMERCE = "ecommerce_id";
  /** Ref: the transaction that paid, learned from its state. */
  public static final String REF_TRANSACTION = "transaction_id";
  /** The element name of the embedded iframe in {@link io.checkoutbridge.api.NextStep.Embed}. */
  public static final String ELEMENT = "felloh-iframe";
  /** The webhook signature header. */
  public static final String SIGNATURE_HEADER = "x-signature";

  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
      Capability.REDIRECT, Capability.EMBEDDED_ELEMENT, Capability.SIGNED_CALLBACKS, Capability.CAPTURE,
      Capability.REFUND, Capability.PARTIAL_REFUND, Capability.REFUND_APPROVAL, Capability.VOID));

  private final FellohSettings settings;
  private final FellohClient client;
  private final FellohCheckout checkout;
  private final FellohStates states;
  private final FellohRefunds refunds;
  private final FellohEnums enums;

  /**
   * @param settings the configuration
   * @param http the plugin's shared client (timeouts, no silent retries)
   * @param clock for token expiry, the enums cache and expiry dates
   */
  public FellohProvider(FellohSettings settings, OkHttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    this.client = new FellohClient(settings, Objects.requireNonNull(http, "http"), clock);
    this.enums = new FellohEnums(client, clock);
    this.refunds = new FellohRefunds(settings, client, enums);
    this.checkout = new FellohCheckout(settings, client, enums, clock);
    this.states = new FellohStates(client, enums, refunds, clock);
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

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    checkout.validate(request);
  }

  /** {@code PUT /agent/payment-links} or {@code PUT /agent/ecommerce}, by {@code checkout-mode}. */
  @Override
  public StartResult start(StartContext context) throws PaymentException {
    return checkout.start(context);
  }

  /** Its cheapest call, {@link FellohClient#checkCredentials}. */
  @Override
  public SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.ok(client.checkCredentials());
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    return checkout.preview(request);
  }

  /** The link or session, its transactions (newest first, at most 10), and the refunds of the one that paid. */
  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    return states.fetch(payment);
  }

  // ---- operations -----------------------------------------------------------------------------

  /** {@code GET /agent/transactions/{id}/complete}: the whole pre-authorisation, nothing less. */
  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    requireWhole(payment, operation, "completes (captures) a pre-authorisation");
    String transactionId = states.paidTransaction(payment);
    JsonResponse response = client.complete(transactionId);
    return OperationResult.succeeded(response.requestId(), transactionId, response.scrubbed());
  }

  /** {@code GET /agent/transactions/{id}/reverse}: releases the whole pre-authorisation. */
  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    requireWhole(payment, operation, "reverses (voids) a pre-authorisation");
    String transactionId = states.paidTransaction(payment);
    JsonResponse response = client.reverse(transactionId);
    return OperationResult.succeeded(response.requestId(), transactionId, response.scrubbed());
  }

  /**
   * {@code POST /agent/transactions/{id}/refund}, sent once; Felloh answers no data, so the refund
   * is then looked up in the refunds list (see {@link FellohRefunds}).
   */
  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    FellohEnums.Code code = states.code(payment);
    FellohMapper.toLowestDenomination(operation.amount(), code, "refund amount");
    if (!operation.amount().isPositive()) {
      throw new InvalidRequestException("refund amount: must be positive, got " + operation.amount());
    }
    String transactionId = states.paidTransaction(payment);
    return refunds.refund(payment, operation, transactionId, code);
  }

  private static void requireWhole(ProviderPayment payment, ProviderOperation operation, String what)
      throws InvalidRequestException {
    Money whole = payment.total();
    if (!operation.amount().currency().equals(whole.currency()) || operation.amount().compareTo(whole) != 0) {
      throw new InvalidRequestException("amount: Felloh " + what + " for its whole amount only ("
          + whole + "); " + operation.amount() + " is not possible");
    }
  }

  // ---- refund approval ------------------------------------------------------------------------

  /**
   * A refund of this payment waiting for approval at Felloh.
   *
   * @param authorisationCode Felloh's code, for {@link #authoriseRefund} and {@link #declineRefund}
   * @param amount the amount asked
   */
  public record RefundAwaitingApproval(String authorisationCode, Money amount) {}

  /**
   * The payment's refunds awaiting approval at Felloh (read from the refunds list, every page).
   * The plugin may authorise or decline each one, as Felloh lets an agent do.
   */
  public List<RefundAwaitingApproval> refundsAwaitingApproval(ProviderPayment payment) throws PaymentException {
    String transactionId = states.paidTransaction(payment);
    List<RefundAwaitingApproval> waiting = new ArrayList<>();
    for (FellohRefunds.Refund r : refunds.summary(transactionId, states.code(payment)).awaitingApproval()) {
      waiting.add(new RefundAwaitingApproval(r.authorisationCode(), r.amount()));
    }
    return List.copyOf(waiting);
  }

  /**
   * The refunds of a transaction awaiting approval at Felloh, for the admin, which knows the
   * transaction as the payment's provider payment id.
   */
  public List<RefundAwaitingApproval> refundsAwaitingApproval(String transactionId, java.util.Currency currency)
      throws PaymentException {
    if (transactionId == null || !transactionId.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw new InvalidRequestException("transactionId: expected a Felloh transaction id");
    }
    FellohEnums.Code code = enums.codeFor(currency).orElseThrow(() -> new InvalidRequestException(
        "currency: Felloh lists no code for " + currency));
    List<RefundAwaitingApproval> waiting = new ArrayList<>();
    for (FellohRefunds.Refund r : refunds.summary(transactionId, code).awaitingApproval()) {
      waiting.add(new RefundAwaitingApproval(r.authorisationCode(), r.amount()));
    }
    return List.copyOf(waiting);
  }

  /** {@code GET /agent/refunds/{code}/authorise}; answers Felloh's request id. The state check then sees it paid out. */
  public String authoriseRefund(String authorisationCode) throws PaymentException {
    return refunds.authorise(authorisationCode);
  }

  /** {@code GET /agent/refunds/{code}/decline}; answers Felloh's request id. The state check then releases it. */
  public String declineRefund(String authorisationCode) throws PaymentException {
    return refunds.decline(authorisationCode);
  }

  // ---- webhooks -------------------------------------------------------------------------------

  /** See {@link FellohWebhooks}. */
  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    return FellohWebhooks.verify(settings.webhookSecret(), callback);
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
      if (code.equals(FellohEnums.GBX.code())) {
        try {
          amount = FellohMapper.fromLowestDenomination(FellohJson.integer(s.path("amount")), FellohEnums.GBX);
        } catch (IllegalArgumentException | ArithmeticException noAmount) {
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
