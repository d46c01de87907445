package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.felloh.FellohState.Refund;
import io.checkoutbridge.sandbox.felloh.FellohState.RefundStatus;
import io.checkoutbridge.sandbox.felloh.FellohState.Session;
import io.checkoutbridge.sandbox.felloh.FellohState.Transaction;
import io.checkoutbridge.sandbox.felloh.FellohState.TxStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The {@code /agent/...} endpoints: ecommerce sessions, transactions and refunds. */
final class AgentApi {
  static final int MAX_TAKE = 100;
  static final int DEFAULT_TAKE = 25;

  private final FellohState state;
  private final FellohAuth auth;
  private final FellohWebhooks webhooks;
  private final Clock clock;

  AgentApi(FellohState state, FellohAuth auth, FellohWebhooks webhooks, Clock clock) {
    this.state = state;
    this.auth = auth;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  // ---- ecommerce -------------------------------------------------------------------------------

  /** {@code PUT /agent/ecommerce} (node-sdk {@code CreateEcommerceParams}). */
  SandboxResponse createEcommerce(SandboxRequest request, Map<String, String> params) {
    return create(request, false);
  }

  /** {@code PUT /agent/payment-links} (node-sdk {@code CreatePaymentLinkParams}). */
  SandboxResponse createPaymentLink(SandboxRequest request, Map<String, String> params) {
    return create(request, true);
  }

  private SandboxResponse create(SandboxRequest request, boolean link) {
    auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    Fields f = new Fields(body);
    Session s = new Session();
    s.link = link;
    s.customerName = f.requiredText("customer_name");
    s.email = f.email("email");
    s.organisation = f.requiredText("organisation");
    s.amount = f.integer("amount", true, 1, Integer.MAX_VALUE, 0);
    s.currency = f.has("currency") ? f.optionalText("currency") : "GBX";
    if (s.currency != null && !FellohSimulator.CURRENCIES.containsKey(s.currency)) {
      f.problem("currency", "must be one of " + FellohSimulator.CURRENCIES.keySet());
    }
    s.bookingId = f.optionalText("booking_id");
    s.customerId = f.optionalText("customer_id");
    s.openBanking = f.bool("open_banking_enabled", true);
    s.card = f.bool("card_enabled", true);
    if (!s.openBanking && !s.card) {
      f.problem("card_enabled", "at least one of open_banking_enabled and card_enabled must be true");
    }
    s.authorisationOnly = f.bool("authorisation_only", false);
    s.surcharging = f.bool("surcharging_enabled", true);
    s.dcc = f.bool("dcc_enabled", false);
    s.hideStoreCard = f.bool("hide_store_card", false);
    s.storeCardForced = f.bool("store_card_forced", false);
    s.excludedCardTypes = f.words("excluded_card_types", null);
    s.excludedCardRegions = f.words("excluded_card_regions", Set.of("DOMESTIC", "INTER", "INTRA"));
    if (link) {
      s.type = f.requiredText("type");
      if (s.type != null && !FellohSimulator.LINK_TYPES.contains(s.type)) {
        f.problem("type", "must be one of " + FellohSimulator.LINK_TYPES);
      }
      s.description = f.optionalText("description");
      s.successUrl = url(f, "success_url");
      s.failureUrl = url(f, "failure_url");
      s.cancelUrl = url(f, "cancel_url");
    } else {
      // CreateEcommerceParams has no URL of any kind: the embed reports by postMessage.
      for (String field : List.of("success_url", "failure_url", "cancel_url", "return_url")) {
        if (f.has(field)) {
          f.problem(field, "is not a field of an ecommerce session");
        }
      }
    }
    Instant now = clock.instant();
    s.createdAt = now;
    s.expiresAt = now.plus(FellohSimulator.DEFAULT_EXPIRY);
    if (f.has("expires_at")) {
      Instant expires = expiry(f, Json.text(body, "expires_at"));
      if (expires != null && !expires.isAfter(now)) {
        f.problem("expires_at", "must be in the future");
      } else if (expires != null) {
        s.expiresAt = expires;
      }
    }
    f.validate();
    FellohAuth.requireOrganisation(s.organisation);
    synchronized (state) {
      if (s.authorisationOnly && !state.settings.preAuthorisation) {
        throw new SimulatorException(422, "authorisation_only.not_enabled",
            "Pre-authorisation is not enabled for this organisation; your account manager can enable it");
      }
      s.id = Ids.uuid();
      if (s.bookingId != null) {
        s.bookingReference = bookingReference();
      }
      (link ? state.links : state.sessions).put(s.id, s);
    }
    return Envelope.ok(Json.object().put("id", s.id));
  }

  /** An optional absolute http(s) URL. */
  private static String url(Fields f, String field) {
    String text = f.optionalText(field);
    if (text == null) {
      return null;
    }
    try {
      java.net.URI uri = java.net.URI.create(text);
      if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    f.problem(field, "must be an absolute http or https URL");
    return null;
  }

  /** {@code GET /agent/payment-links/{id}}. */
  SandboxResponse getPaymentLink(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      Session s = state.links.get(params.get("id"));
      if (s == null) {
        throw new SimulatorException(404, "payment_link.not_found",
            "The payment link id that you are attempting to access does not exist");
      }
      return Envelope.ok(s.toJson(state));
    }
  }

  /** A date means the end of that day (UTC); a date-time is taken as is. */
  private static Instant expiry(Fields f, String text) {
    if (text == null) {
      f.problem("expires_at", "must be a date such as 2026-05-10");
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      f.problem("expires_at", "must be a date such as 2026-05-10 or an ISO 8601 date-time");
      return null;
    }
  }

  private String bookingReference() {
    state.bookingCounter++;
    return String.format(Locale.ROOT, "FEL-%05d", state.bookingCounter);
  }

  /** {@code POST /agent/ecommerce}: the organisation's sessions, newest first. */
  SandboxResponse listEcommerce(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    Query q = Query.read(Json.parseObject(request.body()));
    synchronized (state) {
      List<Session> matches = new ArrayList<>();
      for (Session s : state.sessions.values()) {
        if (q.keyword() != null && !(contains(s.customerName, q.keyword()) || contains(s.email, q.keyword())
            || contains(s.bookingReference, q.keyword()))) {
          continue;
        }
        if (q.inDates(s.createdAt)) {
          matches.add(s);
        }
      }
      matches.sort(Comparator.comparing((Session s) -> s.createdAt).reversed());
      ArrayNode data = Json.array();
      matches.stream().skip(q.skip()).limit(q.take()).forEach(s -> data.add(s.toJson(state)));
      return Envelope.list(data, matches.size());
    }
  }

  /** {@code GET /agent/ecommerce/{id}}. */
  SandboxResponse getEcommerce(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      return Envelope.ok(session(params.get("id")).toJson(state));
    }
  }

  /** {@code DELETE /agent/ecommerce/{id}}: only sessions without transactions. */
  SandboxResponse deleteEcommerce(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      Session s = session(params.get("id"));
      if (!s.transactionIds.isEmpty()) {
        throw new SimulatorException(422, "ecommerce.has_transactions",
            "An ecommerce session with transactions cannot be deleted");
      }
      state.sessions.remove(s.id);
      return Envelope.ok(Json.object());
    }
  }

  /** {@code POST /agent/ecommerce/{id}/assign} with {@code booking_id}. */
  SandboxResponse assignEcommerce(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    Fields f = new Fields(Json.parseObject(request.body()));
    String bookingId = f.requiredText("booking_id");
    f.validate();
    synchronized (state) {
      Session s = session(params.get("id"));
      if (!bookingId.equals(s.bookingId)) {
        s.bookingId = bookingId;
        s.bookingReference = bookingReference();
      }
      return Envelope.ok(Json.object());
    }
  }

  // ---- transactions ----------------------------------------------------------------------------

  /** {@code POST /agent/transactions}: the organisation's transactions, newest first. */
  SandboxResponse listTransactions(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    Query q = Query.read(body);
    Fields f = new Fields(body);
    Set<String> statuses = Set.copyOf(f.words("statuses", null));
    Set<String> currencies = Set.copyOf(f.words("currencies", null));
    f.validate();
    synchronized (state) {
      List<Transaction> matches = new ArrayList<>();
      for (Transaction t : state.transactions.values()) {
        boolean keyword = q.keyword() == null || contains(t.id, q.keyword())
            || contains(t.session.customerName, q.keyword()) || contains(t.session.email, q.keyword())
            || contains(t.session.bookingReference, q.keyword());
        if (keyword && q.inDates(t.createdAt) && (statuses.isEmpty() || statuses.contains(t.status.name()))
            && (currencies.isEmpty() || currencies.contains(t.currency))) {
          matches.add(t);
        }
      }
      matches.sort(Comparator.comparing((Transaction t) -> t.createdAt).reversed());
      ArrayNode data = Json.array();
      matches.stream().skip(q.skip()).limit(q.take()).forEach(t -> data.add(t.toJson(state)));
      return Envelope.list(data, matches.size());
    }
  }

  /** {@code GET /agent/transactions/{id}}. */
  SandboxResponse getTransaction(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      return Envelope.ok(transaction(params.get("id")).toJson(state));
    }
  }

  /** {@code GET /agent/transactions/{id}/complete}: captures a pre-authorisation in full. */
  SandboxResponse complete(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      Transaction t = transaction(params.get("id"));
      requireAuthorised(t, "completed");
      t.status = TxStatus.COMPLETE;
      t.completedAt = clock.instant();
      webhooks.send("transaction.complete", t.toJson(state));
      return Envelope.ok(t.toJson(state));
    }
  }

  /** {@code GET /agent/transactions/{id}/reverse}: releases a pre-authorisation. */
  SandboxResponse reverse(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    synchronized (state) {
      Transaction t = transaction(params.get("id"));
      requireAuthorised(t, "reversed");
      t.status = TxStatus.REVERSED;
      t.reversedAt = clock.instant();
      webhooks.send("transaction.reversed", t.toJson(state));
      return Envelope.ok(t.toJson(state));
    }
  }

  private static void requireAuthorised(Transaction t, String what) {
    if (t.status != TxStatus.AUTHORISED) {
      throw new SimulatorException(422, "transaction.not_authorised",
          "Only an authorised (pre-authorised) transaction can be " + what + "; this one is " + t.status);
    }
  }

  /**
   * {@code POST /agent/transactions/{id}/refund} with {@code amount}, {@code description?},
   * {@code metadata?}. Refunds above the approval threshold wait in PENDING_AUTHORISATION.
   */
  SandboxResponse refund(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    Fields f = new Fields(body);
    long amount = f.integer("amount", true, 1, Integer.MAX_VALUE, 0);
    String description = f.optionalText("description");
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      f.problem("metadata", "must be an object");
    }
    f.validate();
    synchronized (state) {
      Transaction t = transaction(params.get("id"));
      if (!t.status.captured()) {
        throw new SimulatorException(422, "transaction.not_refundable",
            "Only a completed transaction can be refunded; this one is " + t.status);
      }
      if (amount > t.refundable(state)) {
        throw new SimulatorException(422, "refund.amount_exceeds_available",
            "amount " + amount + " is more than the " + t.refundable(state) + " still refundable");
      }
      Refund r = new Refund();
      r.id = Ids.uuid();
      r.authorisationCode = Ids.upperAlphanumeric(10);
      r.transaction = t;
      r.amount = amount;
      r.description = description;
      r.metadata = metadata == null || metadata.isNull() ? null : metadata.deepCopy();
      r.createdAt = clock.instant();
      r.sequence = state.refunds.size();
      if (amount > state.settings.refundApprovalAbove) {
        r.status = RefundStatus.PENDING_AUTHORISATION;
      } else {
        r.status = RefundStatus.COMPLETE;
        r.authorisedAt = r.createdAt;
        r.completedAt = r.createdAt;
      }
      state.refunds.put(r.authorisationCode, r);
      t.refundCodes.add(r.authorisationCode);
      t.settleRefundStatus(state);
      webhooks.send("refund." + r.status.name().toLowerCase(Locale.ROOT), r.toJson());
      // node-sdk types the answer FellohResponse<void>: nothing about the refund comes back.
      return Envelope.ok(Json.object());
    }
  }

  // ---- refunds ---------------------------------------------------------------------------------

  /**
   * {@code POST /agent/refunds}: the organisation's refunds, newest first, those waiting for
   * approval included. node-sdk {@code ListRefundsParams} has {@code organisation}, {@code skip} and
   * {@code take} only; any other field (a {@code keyword}) filters nothing, as Felloh ignores it.
   */
  SandboxResponse listRefunds(SandboxRequest request, Map<String, String> params) {
    auth.requireBearer(request);
    Query q = Query.read(Json.parseObject(request.body()));
    synchronized (state) {
      List<Refund> matches = state.refunds.values().stream()
          .sorted(Comparator.comparing((Refund r) -> r.createdAt).thenComparing(r -> r.sequence).reversed())
          .toList();
      ArrayNode data = Json.array();
      matches.stream().skip(q.skip()).limit(q.take()).forEach(r -> data.add(r.toJson()));
      return Envelope.list(data, matches.size());
    }
  }

  /** {@code GET /agent/refunds/{code}/authorise}: pays out a refund waiting for approval. */
  SandboxResponse authoriseRefund(SandboxRequest request, Map<String, String> params) {
    return decideRefund(request, params.get("code"), true);
  }

  /** {@code GET /agent/refunds/{code}/decline}: refuses a refund waiting for approval. */
  SandboxResponse declineRefund(SandboxRequest request, Map<String, String> params) {
    return decideRefund(request, params.get("code"), false);
  }

  private SandboxResponse decideRefund(SandboxRequest request, String code, boolean approve) {
    auth.requireBearer(request);
    synchronized (state) {
      Refund r = state.refunds.get(code);
      if (r == null) {
        throw new SimulatorException(404, "refund.not_found", "No refund with authorisation code " + code);
      }
      if (r.status != RefundStatus.PENDING_AUTHORISATION) {
        throw new SimulatorException(422, "refund.not_pending",
            "The refund is " + r.status + ", not waiting for authorisation");
      }
      Instant now = clock.instant();
      if (approve) {
        r.status = RefundStatus.COMPLETE;
        r.authorisedAt = now;
        r.completedAt = now;
      } else {
        r.status = RefundStatus.DECLINED;
      }
      r.transaction.settleRefundStatus(state);
      webhooks.send("refund." + r.status.name().toLowerCase(Locale.ROOT), r.toJson());
      // node-sdk RefundsResource.authorise / decline: FellohResponse<void>.
      return Envelope.ok(Json.object());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Session session(String id) {
    Session s = state.sessions.get(id);
    if (s == null) {
      throw new SimulatorException(404, "ecommerce.not_found",
          "The ecommerce id that you are attempting to access does not exist");
    }
    return s;
  }

  private Transaction transaction(String id) {
    Transaction t = state.transactions.get(id);
    if (t == null) {
      throw new SimulatorException(404, "transaction.not_found",
          "The transaction id that you are attempting to access does not exist");
    }
    return t;
  }

  private static boolean contains(String text, String keyword) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
  }

  /** The list filters every list endpoint shares; {@code organisation} is required. */
  record Query(String keyword, long skip, long take, LocalDate dateFrom, LocalDate dateTo) {
    static Query read(JsonNode body) {
      Fields f = new Fields(body);
      String organisation = f.requiredText("organisation");
      String keyword = f.optionalText("keyword");
      long skip = f.integer("skip", false, 0, Integer.MAX_VALUE, 0);
      long take = f.integer("take", false, 1, MAX_TAKE, DEFAULT_TAKE);
      LocalDate from = f.date("date_from");
      LocalDate to = f.date("date_to");
      f.validate();
      FellohAuth.requireOrganisation(organisation);
      return new Query(keyword, skip, take, from, to);
    }

    boolean inDates(Instant at) {
      LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
      return (dateFrom == null || !day.isBefore(dateFrom)) && (dateTo == null || !day.isAfter(dateTo));
    }
  }
}
