package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Reads a Dintero transaction: its status in the SPI's words and the cumulative captured, refunded
 * and voided amounts, summed from its successful {@code CAPTURE}, {@code REFUND} and {@code VOID}
 * events ({@code INITIATE_*} events are requests still in flight and count for nothing).
 *
 * @param id the transaction id
 * @param status Dintero's status word
 * @param merchantReference the merchant reference (our completed order id)
 * @param sessionId the checkout session, or {@code null}
 * @param amount the authorized amount
 * @param captured captured so far
 * @param refunded refunded so far
 * @param voided released so far
 * @param events the successful money events, oldest first
 */
record DinteroTransaction(String id, String status, String merchantReference, String sessionId, Money amount,
    Money captured, Money refunded, Money voided, List<Event> events) {

  /** Statuses in which the shopper's money is committed (whatever happened to it since). */
  static final Set<String> COMMITTED = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "CAPTURED", "PARTIALLY_REFUNDED",
      "PARTIALLY_CAPTURED_REFUNDED", "REFUNDED", "AUTHORIZATION_VOIDED");
  /**
   * Statuses that decide nothing yet. {@code UNKNOWN} is in the Payments spec's status enum without
   * a description; nothing says it is final, so it is read as undecided: a later AUTHORIZED must
   * still be able to win (a payment treated as failed would lose the shopper's money).
   */
  private static final Set<String> PENDING = Set.of("ON_HOLD", "INITIATED", "UNKNOWN");
  /**
   * Payment product types that may void what is left after a part capture: the list under "Void on
   * part capture" of {@code POST /transactions/{id}/void} (Dintero.Node.SDK
   * {@code src/generated/payments.d.ts}).
   */
  static final Set<String> VOID_AFTER_PART_CAPTURE = Set.of("payex.creditcard", "payex.mobilepay", "payex.vipps",
      "payex.applepay", "payex.clicktopay", "payex.googlepay", "vipps", "klarna.klarna", "klarna.billie");
  private static final System.Logger LOG = System.getLogger(DinteroTransaction.class.getName());
  private static final Set<String> UNKNOWN_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A successful money event.
   *
   * @param event CAPTURE, REFUND or VOID
   * @param key identifies the event ({@link #keyOf})
   * @param amount minor units
   * @param items the event's items ({@code line_id}, {@code amount}), possibly empty
   * @param reference the event's {@code event_reference}, possibly empty
   */
  record Event(String event, String key, long amount, JsonNode items, String reference) {
    /**
     * The keys earlier versions of this adapter flagged the event under: {@code void} for a void,
     * else its {@code event_reference} (then the operation's idempotency key). Read so that an
     * upgrade does not record an operation on the order a second time.
     */
    List<String> legacyKeys() {
      if ("VOID".equals(event)) {
        return List.of("void");
      }
      return reference == null || reference.isBlank() ? List.of() : List.of(reference);
    }
  }

  static DinteroTransaction parse(JsonNode tx) throws PaymentException {
    String id = tx.path("id").asText("");
    String status = tx.path("status").asText("");
    String currencyCode = tx.path("currency").asText("");
    if (id.isEmpty() || status.isEmpty() || currencyCode.isEmpty() || !tx.path("amount").canConvertToLong()) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR,
          "Dintero answered a transaction without id, status, amount or currency");
    }
    Currency currency;
    try {
      currency = Money.currency(currencyCode);
    } catch (IllegalArgumentException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Dintero answered an unknown currency " + currencyCode);
    }
    long amount = tx.path("amount").asLong();
    long captured = 0;
    long refunded = 0;
    long voided = 0;
    List<Event> events = new ArrayList<>();
    JsonNode list = tx.path("events");
    for (JsonNode event : list) {
      String kind = event.path("event").asText("");
      if (!event.path("success").asBoolean(false) || !Set.of("CAPTURE", "REFUND", "VOID").contains(kind)) {
        continue;
      }
      long value = event.path("amount").canConvertToLong() ? event.path("amount").asLong() : -1;
      switch (kind) {
        case "CAPTURE" -> captured += Math.max(0, value);
        case "REFUND" -> refunded += Math.max(0, value);
        default -> {
          // A full void may carry no amount: it released whatever was not captured.
          value = value < 0 ? amount - captured : value;
          voided += value;
        }
      }
      events.add(new Event(kind, keyOf(event, kind), Math.max(0, value), event.path("items"),
          event.path("event_reference").asText("")));
    }
    if (!list.isArray()) {
      // No events in the answer: only the final statuses say the amounts unambiguously.
      switch (status) {
        case "CAPTURED" -> captured = amount;
        case "REFUNDED" -> {
          captured = amount;
          refunded = amount;
        }
        case "AUTHORIZATION_VOIDED" -> voided = amount;
        default -> { }
      }
    }
    String reference = tx.path("merchant_reference").asText(null);
    String session = tx.path("session_id").asText(null);
    return new DinteroTransaction(id, status, reference, session, Money.ofMinor(amount, currency),
        Money.ofMinor(captured, currency), Money.ofMinor(refunded, currency), Money.ofMinor(voided, currency),
        List.copyOf(events));
  }

  /** Whether the answer lacked events although the status says money moved partly. */
  static boolean needsEvents(JsonNode tx) {
    String status = tx.path("status").asText("");
    return !tx.path("events").isArray()
        && Set.of("PARTIALLY_CAPTURED", "PARTIALLY_REFUNDED", "PARTIALLY_CAPTURED_REFUNDED").contains(status);
  }

  /**
   * Dintero's status in the SPI's words. Only {@code DECLINED} and {@code FAILED} are final
   * failures; a status word this adapter does not know is undecided (PENDING), logged once per word,
   * so that a status Dintero adds later never fails a payment nor breaks later fetches.
   */
  AuthorizationState authorization() {
    return authorizationOf(status);
  }

  static AuthorizationState authorizationOf(String status) {
    if (COMMITTED.contains(status)) {
      return AuthorizationState.AUTHORIZED;
    }
    if (PENDING.contains(status)) {
      return AuthorizationState.PENDING;
    }
    return switch (status) {
      case "DECLINED" -> AuthorizationState.DECLINED;
      case "FAILED" -> AuthorizationState.FAILED;
      default -> {
        if (UNKNOWN_LOGGED.add(status)) {
          LOG.log(System.Logger.Level.WARNING, "Dintero answered the transaction status " + status
              + ", which this adapter does not know; it is treated as undecided");
        }
        yield AuthorizationState.PENDING;
      }
    };
  }

  /**
   * Of the transactions listed for a merchant reference, the one that tells most: committed before
   * pending before declined or failed, then the newest.
   */
  static JsonNode choose(JsonNode list, String orderId) {
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
      int byRank = Integer.compare(rank(tx), rank(best));
      int byTime = tx.path("created_at").asText("").compareTo(best.path("created_at").asText(""));
      if (byRank > 0 || (byRank == 0 && byTime > 0)) {
        best = tx;
      }
    }
    return best;
  }

  /** How preferable a transaction is when several carry the same merchant reference. */
  static int rank(JsonNode tx) {
    String status = tx.path("status").asText("");
    if (COMMITTED.contains(status)) {
      return 3;
    }
    if (PENDING.contains(status)) {
      return 2;
    }
    return 1;
  }

  /**
   * Identifies a money event for the order-record flags: Dintero's event {@code id}, else its
   * {@code request_id}, else its time. Not {@code event_reference}: capture and refund references
   * are the shop's order reference, the same for every operation of a payment.
   */
  static String keyOf(JsonNode event, String kind) {
    for (String name : List.of("id", "request_id", "created_at")) {
      String value = event.path(name).asText("");
      if (!value.isBlank()) {
        return kind + ":" + value;
      }
    }
    return kind + ":" + event.path("amount").asText("");
  }
}
