package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.provider.support.JsonResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of a payment at Felloh: its payment link ({@code GET /agent/payment-links/{id}}) or
 * ecommerce session ({@code GET /agent/ecommerce/{id}}), both carrying {@code transactions[]}
 * (developers.felloh.com payment link and ecommerce objects), then each transaction
 * ({@code GET /agent/transactions/{id}}) until one that committed money, then its refunds from the
 * refunds list. Thread-safe.
 */
final class FellohStates {
  /** At most this many transactions of one link or session are read to find the one that paid. */
  static final int MAX_TRANSACTIONS_READ = 10;

  static final Set<String> CAPTURED = Set.of("COMPLETE", "COMPLETED", "REFUNDED", "PARTIALLY_REFUNDED");
  static final Set<String> AUTHORISED = Set.of("AUTHORISED", "AUTHORIZED");
  static final Set<String> REVERSED = Set.of("REVERSED");
  static final Set<String> PENDING = Set.of("PENDING", "PROCESSING", "IN_PROGRESS");
  static final Set<String> DECLINED = Set.of("DECLINED", "REJECTED");
  static final Set<String> FAILED = Set.of("FAILED", "EXPIRED", "CANCELLED", "CANCELED", "ERROR", "ABANDONED");

  private final FellohClient client;
  private final FellohEnums enums;
  private final FellohRefunds refunds;
  private final Clock clock;

  FellohStates(FellohClient client, FellohEnums enums, FellohRefunds refunds, Clock clock) {
    this.client = client;
    this.enums = enums;
    this.refunds = refunds;
    this.clock = clock;
  }

  /** What the shopper pays through: a payment link or an ecommerce session. */
  record Payable(String id, boolean link, FellohEnums.Code code, Money amount, List<String> transactionIds,
      Instant expiresAt, String requestId) {}

  record Tx(String id, String status, AuthorizationState authorization, Money amount, Money captured,
      FellohRefunds.Summary refunds, Money voided, String requestId) {

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

  ProviderState fetch(ProviderPayment payment) throws PaymentException {
    Payable payable = payable(payment);
    Optional<Tx> paid = best(payable, payment.ref(FellohProvider.REF_TRANSACTION).orElse(null));
    Money zero = Money.zero(payable.amount().currency());
    if (paid.isEmpty()) {
      boolean expired = payable.expiresAt() != null && !clock.instant().isBefore(payable.expiresAt());
      return new ProviderState(expired ? AuthorizationState.FAILED : AuthorizationState.NONE,
          expired ? "EXPIRED" : "NO_TRANSACTION", payable.id(), payable.amount(), zero, zero, zero, null,
          payable.requestId(), Map.of());
    }
    Tx tx = paid.get();
    return new ProviderState(tx.authorization(), tx.status(), payable.id(), payable.amount(), tx.captured(),
        tx.refunds().done(), tx.voided(), tx.id(), tx.requestId(), Map.of(FellohProvider.REF_TRANSACTION, tx.id()),
        tx.refunds().refused());
  }

  /** The link or session of a payment, by the ref {@code start} remembered. */
  Payable payable(ProviderPayment payment) throws PaymentException {
    Optional<String> link = payment.ref(FellohProvider.REF_PAYMENT_LINK);
    if (link.isPresent()) {
      return read(client.paymentLink(link.get()), link.get(), true);
    }
    String ecommerce = payment.ref(FellohProvider.REF_ECOMMERCE).orElseThrow(() -> new InvalidRequestException(
        "payment " + payment.paymentId() + " has no Felloh " + FellohProvider.REF_PAYMENT_LINK + " or "
            + FellohProvider.REF_ECOMMERCE + " ref"));
    return read(client.ecommerce(ecommerce), ecommerce, false);
  }

  /** The transaction that paid: the remembered one, else looked up (reads only). */
  String paidTransaction(ProviderPayment payment) throws PaymentException {
    Optional<String> remembered = payment.ref(FellohProvider.REF_TRANSACTION);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    Payable payable = payable(payment);
    Optional<Tx> tx = best(payable, null);
    if (tx.isEmpty() || tx.get().authorization() != AuthorizationState.AUTHORIZED) {
      throw new IllegalTransitionException("Felloh " + (payable.link() ? "payment link " : "session ") + payable.id()
          + " has no authorised transaction" + tx.map(t -> " (latest is " + t.status() + ")").orElse(""));
    }
    return tx.get().id();
  }

  /** The currency code of a payment's amounts. */
  FellohEnums.Code code(ProviderPayment payment) throws PaymentException {
    return enums.codeFor(payment.total().currency()).orElseThrow(() -> PaymentException.of(
        ErrorCode.PROVIDER_ERROR, "Felloh's /enums no longer lists a code for " + payment.total().currency(),
        null, null));
  }

  private Payable read(JsonResponse response, String requested, boolean link) throws PaymentException {
    JsonNode data = response.body().path("data");
    String id = Optional.ofNullable(FellohJson.text(data.path("id"))).orElse(requested);
    FellohEnums.Code code = code(FellohJson.text(data.path("currency")), response);
    Money amount = money(data.path("amount"), code, "data.amount", response);
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
    return new Payable(id, link, code, amount, ids, FellohJson.endOf(data.path("expires_at")), response.requestId());
  }

  private Optional<Tx> best(Payable payable, String remembered) throws PaymentException {
    List<String> order = new ArrayList<>();
    if (remembered != null) {
      order.add(remembered);
    }
    for (String id : payable.transactionIds()) {
      if (!order.contains(id)) {
        order.add(id);
      }
    }
    Tx best = null;
    for (String id : order.subList(0, Math.min(order.size(), MAX_TRANSACTIONS_READ))) {
      Tx tx = transaction(id, payable.code());
      if (tx.authorization() == AuthorizationState.AUTHORIZED) {
        return Optional.of(tx);
      }
      if (best == null || tx.rank() > best.rank()) {
        best = tx;
      }
    }
    return Optional.ofNullable(best);
  }

  private Tx transaction(String id, FellohEnums.Code expected) throws PaymentException {
    JsonResponse response = client.transaction(id);
    JsonNode data = response.body().path("data");
    String text = FellohJson.text(data.path("currency"));
    FellohEnums.Code code = text == null ? expected : code(text, response);
    if (!code.currency().equals(expected.currency())) {
      throw PaymentException.of(ErrorCode.STATE_MISMATCH, "Felloh transaction " + id + " is in "
          + code.currency() + ", its payment in " + expected.currency(), response.requestId(), null);
    }
    Money amount = money(data.path("amount"), code, "data.amount", response);
    Money zero = Money.zero(code.currency());
    String status = FellohJson.status(data.path("status"));
    AuthorizationState authorization = authorization(status);
    Money captured = CAPTURED.contains(status) ? amount : zero;
    Money voided = REVERSED.contains(status) ? amount : zero;
    FellohRefunds.Summary summary = new FellohRefunds.Summary(zero, Set.of(), List.of());
    if (captured.isPositive()) {
      summary = refunds.summary(id, code);
      if (summary.done().isZero() && "REFUNDED".equals(status)) {
        summary = new FellohRefunds.Summary(captured, summary.refused(), summary.awaitingApproval());
      }
    }
    return new Tx(id, status.isEmpty() ? "UNKNOWN" : status, authorization, amount, captured, summary, voided,
        response.requestId());
  }

  /**
   * Felloh's transaction status to the ledger's decision. {@code COMPLETE} is documented; the
   * others are the words Felloh's pre-authorisation guide and the transactions page describe
   * (authorised, reversed, pending, failed). A word this adapter does not know (Felloh serves its
   * list at {@code GET /enums}) means "ask again later": PENDING, logged once, never a failure.
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
    if (!PENDING.contains(status)) {
      FellohEnums.unknownStatus("transaction", status.isEmpty() ? "(none)" : status);
    }
    return AuthorizationState.PENDING;
  }

  /** Whether the adapter maps {@code status} to a decision of its own (else: ask again later). */
  static boolean known(String status) {
    return CAPTURED.contains(status) || AUTHORISED.contains(status) || REVERSED.contains(status)
        || PENDING.contains(status) || DECLINED.contains(status) || FAILED.contains(status);
  }

  private FellohEnums.Code code(String text, JsonResponse response) throws PaymentException {
    // Felloh's documented default currency is GBX.
    return enums.code(text).orElseThrow(() -> PaymentException.of(ErrorCode.PROVIDER_ERROR,
        "Felloh answered with currency " + text + ", which its /enums does not list", response.requestId(), null));
  }

  static Money money(JsonNode node, FellohEnums.Code code, String field, JsonResponse response)
      throws PaymentException {
    try {
      return FellohMapper.fromLowestDenomination(FellohJson.integer(node), code);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR,
          "Felloh answered without a whole " + field, response.requestId(), null);
    }
  }
}
