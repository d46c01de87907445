package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the Felloh simulator remembers. Guarded by the instance's own monitor: every reader
 * and writer synchronises on it.
 */
final class FellohState {

  /** A transaction's status; the enum this sandbox serves from {@code GET /enums}. */
  enum TxStatus {
    PENDING, AUTHORISED, COMPLETE, PARTIALLY_REFUNDED, REFUNDED, REVERSED, DECLINED, FAILED;

    /** Whether the shopper's money was taken (refunds are possible). */
    boolean captured() {
      return this == COMPLETE || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** Whether the money was committed at all: such a session takes no further payment. */
    boolean paid() {
      return captured() || this == AUTHORISED || this == REVERSED;
    }
  }

  /** A refund's status: waiting for approval, paid out, or refused at approval. */
  enum RefundStatus {
    PENDING_AUTHORISATION, COMPLETE, DECLINED
  }

  /** An ecommerce session, or a payment link ({@link #link}): both are paid on Felloh's pages. */
  static final class Session {
    String id;
    boolean link;
    String type;
    String description;
    String successUrl;
    String failureUrl;
    String cancelUrl;
    String customerName;
    String email;
    String organisation;
    long amount;
    String currency;
    String bookingId;
    String bookingReference;
    String customerId;
    boolean openBanking;
    boolean card;
    boolean authorisationOnly;
    boolean surcharging;
    boolean dcc;
    boolean hideStoreCard;
    boolean storeCardForced;
    List<String> excludedCardTypes = List.of();
    List<String> excludedCardRegions = List.of();
    Instant expiresAt;
    Instant createdAt;
    final List<String> transactionIds = new ArrayList<>();

    ObjectNode toJson(FellohState state) {
      ObjectNode o = Json.object();
      o.put("id", id);
      if (bookingId == null) {
        o.putNull("booking");
      } else {
        o.set("booking", booking());
      }
      if (customerId == null) {
        o.putNull("customer");
      } else {
        o.putObject("customer").put("id", customerId).put("customer_name", customerName).put("email", email);
      }
      o.put("email", email);
      o.putObject("methods").put("open_banking", openBanking).put("card", card);
      o.put("open_banking_enabled", openBanking);
      o.put("card_enabled", card);
      o.put("authorisation_only", authorisationOnly);
      o.put("surcharging_enabled", surcharging);
      o.put("dcc_enabled", dcc);
      o.put("hide_store_card", hideStoreCard);
      o.put("store_card_forced", storeCardForced);
      ArrayNode types = o.putArray("excluded_card_types");
      excludedCardTypes.forEach(types::add);
      ArrayNode regions = o.putArray("excluded_card_regions");
      excludedCardRegions.forEach(regions::add);
      o.put("amount", amount);
      o.put("currency", currency);
      o.put("customer_name", customerName);
      if (link) {
        o.put("description", description);
        putText(o, "success_url", successUrl);
        putText(o, "failure_url", failureUrl);
        putText(o, "cancel_url", cancelUrl);
        o.putObject("type").put("id", type).put("created_at", Timestamps.iso(createdAt));
      }
      ArrayNode txs = o.putArray("transactions");
      for (String txId : transactionIds) {
        Transaction tx = state.transactions.get(txId);
        ObjectNode t = txs.addObject().put("id", tx.id).put("amount", tx.amount);
        if (tx.completedAt == null) {
          t.putNull("completed_at");
        } else {
          t.put("completed_at", Timestamps.iso(tx.completedAt));
        }
        t.put("created_at", Timestamps.iso(tx.createdAt));
      }
      o.putObject("user").put("id", FellohSimulator.USER_ID).put("email", FellohSimulator.USER_EMAIL);
      o.putObject("organisation").put("id", organisation).put("name", FellohSimulator.ORGANISATION_NAME);
      o.put("expires_at", Timestamps.iso(expiresAt));
      o.put("created_at", Timestamps.iso(createdAt));
      return o;
    }

    ObjectNode booking() {
      ObjectNode b = Json.object();
      b.put("id", bookingId);
      b.put("email", email);
      b.put("customer_name", customerName);
      b.put("booking_reference", bookingReference);
      b.putNull("departure_date");
      b.putNull("return_date");
      b.put("created_at", Timestamps.iso(createdAt));
      return b;
    }
  }

  static final class Transaction {
    String id;
    Session session;
    long amount;
    String currency;
    TxStatus status;
    String type;
    Instant createdAt;
    Instant completedAt;
    Instant authorisedAt;
    Instant reversedAt;
    final List<String> refundCodes = new ArrayList<>();

    ObjectNode toJson(FellohState state) {
      ObjectNode o = Json.object();
      o.put("id", id);
      o.put("amount", amount);
      o.put("currency", currency);
      if (session.bookingId == null) {
        o.putNull("booking");
      } else {
        o.set("booking", session.booking());
      }
      o.putObject("organisation").put("id", session.organisation).put("name", FellohSimulator.ORGANISATION_NAME);
      o.put("status", status.name());
      o.put("method", "ONLINE");
      o.put("type", type);
      if (session.link) {
        o.putObject("payment_link").put("id", session.id).put("amount", session.amount)
            .put("customer_name", session.customerName).put("description", session.description);
        o.putNull("ecommerce");
      } else {
        o.putNull("payment_link");
        o.putObject("ecommerce").put("id", session.id);
      }
      ObjectNode meta = o.putObject("metadata");
      if (type.equals("CARD")) {
        meta.put("card_type", "DEBIT").put("bin_type", "CONSUMER").put("payment_brand", "VISA")
            .put("issuing_country", "GB").put("last_four_digits", "4242");
      }
      meta.put("currency", FellohSimulator.majorUnit(currency)).put("cardholder_name", session.customerName);
      o.putObject("surcharge").put("amount", 0).put("currency", currency);
      o.put("provider_reference", "SBX-" + id.substring(0, 8).toUpperCase(java.util.Locale.ROOT));
      putTime(o, "authorised_at", authorisedAt);
      putTime(o, "completed_at", completedAt);
      putTime(o, "reversed_at", reversedAt);
      o.put("created_at", Timestamps.iso(createdAt));
      return o;
    }

    /** Refunded and paid out. */
    long refunded(FellohState state) {
      return refundCodes.stream().map(state.refunds::get).filter(r -> r.status == RefundStatus.COMPLETE)
          .mapToLong(r -> r.amount).sum();
    }

    /** What may still be refunded: refunds waiting for approval hold their amount. */
    long refundable(FellohState state) {
      return amount - refundCodes.stream().map(state.refunds::get).filter(r -> r.status != RefundStatus.DECLINED)
          .mapToLong(r -> r.amount).sum();
    }

    /** Moves a captured transaction to COMPLETE, PARTIALLY_REFUNDED or REFUNDED by its paid-out refunds. */
    void settleRefundStatus(FellohState state) {
      if (!status.captured()) {
        return;
      }
      long refunded = refunded(state);
      status = refunded == 0 ? TxStatus.COMPLETE : refunded >= amount ? TxStatus.REFUNDED : TxStatus.PARTIALLY_REFUNDED;
    }
  }

  static final class Refund {
    String id;
    String authorisationCode;
    Transaction transaction;
    long amount;
    String description;
    JsonNode metadata;
    RefundStatus status;
    Instant createdAt;
    /** Order of creation, to keep refunds made in the same instant newest first. */
    int sequence;
    Instant authorisedAt;
    Instant completedAt;

    /** node-sdk {@code Refund}: no id, no description; the transaction by id, amount and booking. */
    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("amount", amount);
      o.putObject("status").put("id", status.name());
      o.put("authorisation_code", authorisationCode);
      putTime(o, "authorised_at", authorisedAt);
      o.putObject("organisation").put("id", transaction.session.organisation)
          .put("name", FellohSimulator.ORGANISATION_NAME);
      putTime(o, "completed_at", completedAt);
      ObjectNode t = o.putObject("transaction").put("id", transaction.id).put("amount", transaction.amount);
      if (transaction.session.bookingId == null) {
        t.putNull("booking");
      } else {
        t.putObject("booking").put("id", transaction.session.bookingId)
            .put("booking_reference", transaction.session.bookingReference);
      }
      if (metadata == null) {
        o.putNull("metadata");
      } else {
        o.set("metadata", metadata.deepCopy());
      }
      o.put("created_at", Timestamps.iso(createdAt));
      return o;
    }
  }

  /** Where and how webhooks go, and when refunds need approval; changeable at run time. */
  static final class Settings {
    String webhookUrl;
    String webhookSecret;
    long refundApprovalAbove;
    boolean preAuthorisation;
  }

  final Map<String, Instant> tokens = new LinkedHashMap<>();
  final Map<String, Session> sessions = new LinkedHashMap<>();
  final Map<String, Session> links = new LinkedHashMap<>();
  final Map<String, Transaction> transactions = new LinkedHashMap<>();
  /** By authorisation code. */
  final Map<String, Refund> refunds = new LinkedHashMap<>();
  final Settings settings = new Settings();
  int bookingCounter;

  void clear(Settings presets) {
    tokens.clear();
    sessions.clear();
    links.clear();
    transactions.clear();
    refunds.clear();
    bookingCounter = 0;
    settings.webhookUrl = presets.webhookUrl;
    settings.webhookSecret = presets.webhookSecret;
    settings.refundApprovalAbove = presets.refundApprovalAbove;
    settings.preAuthorisation = presets.preAuthorisation;
  }

  private static void putText(ObjectNode o, String field, String text) {
    if (text == null) {
      o.putNull(field);
    } else {
      o.put(field, text);
    }
  }

  private static void putTime(ObjectNode o, String field, Instant at) {
    if (at == null) {
      o.putNull(field);
    } else {
      o.put(field, Timestamps.iso(at));
    }
  }
}
