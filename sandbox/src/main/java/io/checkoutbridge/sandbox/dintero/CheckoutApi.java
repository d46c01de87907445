package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.SimulatorException.FieldError;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The checkout host: sessions, transactions and their capture / refund / void, the secret. */
final class CheckoutApi {

  private final DinteroState state;
  private final DinteroAuth auth;
  private final DinteroCallbacks callbacks;
  private final Clock clock;

  CheckoutApi(DinteroState state, DinteroAuth auth, DinteroCallbacks callbacks, Clock clock) {
    this.state = state;
    this.auth = auth;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  // ---- sessions ----

  SandboxResponse createSession(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    Map<String, Long> lines = SessionValidator.validate(body);
    CheckoutSession session;
    synchronized (state) {
      String id = grant.accountId() + "." + Ids.base62(22);
      String hosted = request.baseUrl() + "/" + DinteroSimulator.ID + "/pay/" + id;
      session = new CheckoutSession(id, grant.accountId(), body, lines, hosted, clock.instant());
      state.sessions.put(id, session);
    }
    ObjectNode out = Json.object();
    out.put("id", session.id);
    out.put("url", session.hostedUrl);
    if (request.queryParam("include_session").filter("true"::equals).isPresent()) {
      synchronized (state) {
        out.set("session", session.toJson());
      }
    }
    return SandboxResponse.json(200, out);
  }

  SandboxResponse getSession(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    synchronized (state) {
      return SandboxResponse.json(200, session(grant, params.get("id")).toJson());
    }
  }

  /** Cancels an unpaid session, voiding an AUTHORIZED transaction; refuses anything further on. */
  SandboxResponse cancelSession(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    String requestId = Ids.uuid();
    synchronized (state) {
      CheckoutSession session = session(grant, params.get("id"));
      if (session.cancelledAt != null) {
        return SandboxResponse.json(200, session.toJson());
      }
      Instant now = clock.instant();
      if (session.transactionId != null) {
        Transaction tx = state.transactions.get(session.transactionId);
        if (tx.status == TransactionStatus.AUTHORIZED) {
          applyVoid(tx, grant.clientId(), requestId, now);
        } else if (tx.status != TransactionStatus.DECLINED && tx.status != TransactionStatus.FAILED
            && tx.status != TransactionStatus.AUTHORIZATION_VOIDED) {
          throw SimulatorException.badRequest("session_cancel_not_allowed",
              "A session whose transaction is " + tx.status + " cannot be cancelled");
        }
      }
      if (session.outcome == null) {
        session.outcome = CheckoutSession.Outcome.CANCELLED;
      }
      session.cancelledAt = now;
      session.event("CANCELLED", now);
      return SandboxResponse.json(200, session.toJson()).withHeader("request-id", requestId);
    }
  }

  // ---- transactions ----

  SandboxResponse getTransaction(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    synchronized (state) {
      Transaction tx = transaction(grant, params.get("id"));
      ObjectNode out = tx.toJson();
      if (request.queryParams("includes").stream().anyMatch(v -> v.contains("session"))) {
        CheckoutSession s = state.sessions.get(tx.sessionId);
        if (s != null) {
          out.set("session", s.toJson());
        }
      }
      return SandboxResponse.json(200, out);
    }
  }

  /** {@code GET /transactions}: a JSON array, newest first, filtered, {@code limit} 1-100. */
  SandboxResponse listTransactions(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    int limit = 10;
    String rawLimit = request.queryParam("limit").orElse(null);
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw new SimulatorException(400, "validation_error", "limit must be 1-100",
            List.of(new FieldError("limit", "must be an integer from 1 to 100")));
      }
    }
    String reference = request.queryParam("merchant_reference").orElse(null);
    String sessionId = request.queryParam("session_id").orElse(null);
    List<String> statuses = request.queryParams("status");
    synchronized (state) {
      List<Transaction> all = new ArrayList<>(state.transactions.values());
      Collections.reverse(all);
      ArrayNode out = Json.array();
      for (Transaction tx : all) {
        if (out.size() >= limit) {
          break;
        }
        if (tx.accountId.equals(grant.accountId())
            && (reference == null || reference.equals(tx.merchantReference))
            && (sessionId == null || sessionId.equals(tx.sessionId))
            && (statuses.isEmpty() || statuses.contains(tx.status.name()))) {
          out.add(tx.toJson());
        }
      }
      return SandboxResponse.json(200, out);
    }
  }

  SandboxResponse capture(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    String requestId = Ids.uuid();
    synchronized (state) {
      Transaction tx = transaction(grant, params.get("id"));
      applyCapture(tx, body, grant.clientId(), requestId);
      return ok(tx, requestId);
    }
  }

  SandboxResponse refund(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    ObjectNode body = Json.parseObject(request.body());
    String requestId = Ids.uuid();
    synchronized (state) {
      Transaction tx = transaction(grant, params.get("id"));
      applyRefund(tx, body, grant.clientId(), requestId);
      return ok(tx, requestId);
    }
  }

  /** Voids an AUTHORIZED transaction. The body is ignored ({@code {}} or {@code {"id":..}}). */
  SandboxResponse voidTransaction(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearer(request);
    String requestId = Ids.uuid();
    synchronized (state) {
      Transaction tx = transaction(grant, params.get("id"));
      applyVoidRequest(tx, grant.clientId(), requestId);
      return ok(tx, requestId);
    }
  }

  /**
   * A capture of {@code body.amount} (with optional {@code items}, {@code capture_reference}),
   * whoever asked: the API or an admin in the back office. Sends the {@code CAPTURE} callback when
   * the session's callback URL asked for it. The caller holds the state lock.
   */
  void applyCapture(Transaction tx, ObjectNode body, String actor, String requestId) {
    long amount = positiveAmount(body);
    String reference = optionalText(body, "capture_reference");
    List<LineBook.Movement> items = movements(body, amount);
    if (!tx.status.canCapture() || tx.remainingToCapture() == 0) {
      throw invalidState(tx, "captured");
    }
    if (amount > tx.remainingToCapture()) {
      throw new SimulatorException(400, "amount_exceeds_authorized",
          "Capture of " + amount + " exceeds the " + tx.remainingToCapture()
              + " left to capture", List.of(new FieldError("amount",
                  "at most " + tx.remainingToCapture() + " may be captured")));
    }
    if (items != null) {
      tx.capturedLines.check(items, "items", tx.capturedLines::limit, "captured");
      tx.capturedLines.apply(items);
    } else {
      tx.capturedWithoutItems = true;
    }
    Instant now = clock.instant();
    tx.captured += amount;
    tx.status = tx.captured == tx.amount
        ? TransactionStatus.CAPTURED : TransactionStatus.PARTIALLY_CAPTURED;
    ObjectNode event = event("CAPTURE", tx, amount, body.get("items"), actor, requestId,
        reference, now);
    callbacks.eventApplied(state.sessions.get(tx.sessionId), tx, "CAPTURE",
        event.get("id").asText());
  }

  /** A refund, from the API or the back office; see {@link #applyCapture}. */
  void applyRefund(Transaction tx, ObjectNode body, String actor, String requestId) {
    long amount = positiveAmount(body);
    String reference = optionalText(body, "refund_reference");
    List<LineBook.Movement> items = movements(body, amount);
    if (!tx.status.canRefund()) {
      throw invalidState(tx, "refunded");
    }
    if (amount > tx.remainingToRefund()) {
      throw new SimulatorException(400, "amount_exceeds_captured",
          "Refund of " + amount + " exceeds the " + tx.remainingToRefund()
              + " captured and not yet refunded", List.of(new FieldError("amount",
                  "at most " + tx.remainingToRefund() + " may be refunded")));
    }
    if (items != null) {
      // per line, refunds may not pass what was captured on that line (unknown when a
      // capture came without items; then the authorised line amount is the bound)
      tx.refundedLines.check(items, "items", line -> tx.capturedWithoutItems
          ? tx.refundedLines.limit(line) : tx.capturedLines.total(line), "refunded");
      tx.refundedLines.apply(items);
    }
    Instant now = clock.instant();
    tx.refunded += amount;
    boolean fullyCaptured = tx.status == TransactionStatus.CAPTURED
        || tx.status == TransactionStatus.PARTIALLY_REFUNDED;
    tx.status = !fullyCaptured ? TransactionStatus.PARTIALLY_CAPTURED_REFUNDED
        : tx.refunded == tx.captured ? TransactionStatus.REFUNDED
        : TransactionStatus.PARTIALLY_REFUNDED;
    ObjectNode event = event("REFUND", tx, amount, body.get("items"), actor, requestId,
        reference, now);
    String reason = optionalText(body, "reason");
    if (reason != null) {
      event.putObject("metadata").put("reason", reason);
    }
    callbacks.eventApplied(state.sessions.get(tx.sessionId), tx, "REFUND",
        event.get("id").asText());
  }

  /**
   * A void, from the API or the back office. An AUTHORIZED transaction is voided whole; after a
   * partial capture only the payment product types the spec lists under "Void on part capture"
   * may void the remainder ({@link Transaction#voidsAfterPartCapture}).
   */
  void applyVoidRequest(Transaction tx, String actor, String requestId) {
    if (tx.status == TransactionStatus.PARTIALLY_CAPTURED && !tx.voidsAfterPartCapture()) {
      throw SimulatorException.badRequest("void_not_allowed",
          "Payment product " + tx.paymentProductType
              + " cannot void the remainder after a partial capture");
    }
    if ((tx.status != TransactionStatus.AUTHORIZED
        && tx.status != TransactionStatus.PARTIALLY_CAPTURED) || tx.remainingToCapture() == 0) {
      throw invalidState(tx, "voided");
    }
    applyVoid(tx, actor, requestId, clock.instant());
  }

  /** {@code POST /admin/signature}: creates (or rotates) the callback-signing secret. */
  SandboxResponse createSignatureSecret(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerOrApiKey(request);
    String secret = Ids.hex(32);
    synchronized (state) {
      state.signatureSecret = secret;
    }
    ObjectNode out = Json.object();
    out.put("secret", secret);
    return SandboxResponse.json(200, out);
  }

  // ---- helpers (callers hold the state lock where they touch state) ----

  private void applyVoid(Transaction tx, String actor, String requestId, Instant now) {
    long remaining = tx.remainingToCapture();
    // A void after a part capture releases the rest; the captured money stays captured.
    // (Which status Dintero shows then is not documented; PARTIALLY_CAPTURED with nothing left to
    // capture is assumed.)
    tx.status = tx.captured == 0 ? TransactionStatus.AUTHORIZATION_VOIDED
        : TransactionStatus.PARTIALLY_CAPTURED;
    tx.voided += remaining;
    ObjectNode event = event("VOID", tx, remaining, null, actor, requestId, null, now);
    callbacks.eventApplied(state.sessions.get(tx.sessionId), tx, "VOID", event.get("id").asText());
  }

  private ObjectNode event(String type, Transaction tx, long amount, JsonNode items,
      String actor, String requestId, String reference, Instant now) {
    ObjectNode e = Json.object();
    e.put("id", Ids.uuid());
    e.put("event", type);
    e.put("transaction_status", tx.status.name());
    e.put("amount", amount);
    if (items != null && items.isArray()) {
      e.set("items", items.deepCopy());
    }
    e.put("success", true);
    e.put("created_at", Timestamps.iso(now));
    e.put("created_by", actor);
    e.put("request_id", requestId);
    if (reference != null) {
      e.put("event_reference", reference);
    }
    tx.events.add(e);
    tx.updatedAt = now;
    return e;
  }

  private static SandboxResponse ok(Transaction tx, String requestId) {
    return SandboxResponse.json(200, tx.toJson()).withHeader("request-id", requestId);
  }

  private static SimulatorException invalidState(Transaction tx, String verb) {
    return SimulatorException.badRequest("invalid_transaction_state",
        "A transaction with status " + tx.status + " cannot be " + verb);
  }

  private CheckoutSession session(DinteroState.Grant grant, String id) {
    CheckoutSession s = state.sessions.get(id);
    if (s == null || !s.accountId.equals(grant.accountId())) {
      throw SimulatorException.notFound("Session not found: " + id);
    }
    return s;
  }

  private Transaction transaction(DinteroState.Grant grant, String id) {
    Transaction tx = state.transactions.get(id);
    if (tx == null || !tx.accountId.equals(grant.accountId())) {
      throw SimulatorException.notFound("Transaction not found: " + id);
    }
    return tx;
  }

  private static long positiveAmount(ObjectNode body) {
    JsonNode amount = body.get("amount");
    if (!Json.isLong(amount) || amount.longValue() <= 0 || amount.longValue() > Integer.MAX_VALUE) {
      throw new SimulatorException(400, "validation_error", "amount is required",
          List.of(new FieldError("amount", "must be a positive integer (minor units, int32)")));
    }
    return amount.longValue();
  }

  private static String optionalText(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new SimulatorException(400, "validation_error", field + " must be a string",
          List.of(new FieldError(field, "must be a non-empty string")));
    }
    return v.asText();
  }

  /** The capture/refund items, or null when absent; their amounts must add up to {@code amount}. */
  private static List<LineBook.Movement> movements(ObjectNode body, long amount) {
    JsonNode items = body.get("items");
    if (items == null || items.isNull()) {
      return null;
    }
    if (!items.isArray()) {
      throw new SimulatorException(400, "validation_error", "items must be an array",
          List.of(new FieldError("items", "must be an array")));
    }
    List<FieldError> errors = new ArrayList<>();
    List<LineBook.Movement> out = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String field = "items[" + i + "]";
      JsonNode lineId = item.get("line_id");
      JsonNode itemAmount = item.get("amount");
      if (lineId == null || !lineId.isTextual() || lineId.asText().isEmpty()) {
        errors.add(new FieldError(field + ".line_id", "is required and must be a string"));
      }
      if (!Json.isLong(itemAmount)) {
        errors.add(new FieldError(field + ".amount", "is required and must be an integer"));
      }
      JsonNode quantity = item.get("quantity");
      if (quantity != null && !quantity.isNull()
          && (!quantity.isNumber() || quantity.decimalValue().signum() <= 0)) {
        errors.add(new FieldError(field + ".quantity", "must be a number greater than 0"));
      }
      if (lineId != null && lineId.isTextual() && Json.isLong(itemAmount)) {
        out.add(new LineBook.Movement(lineId.asText(), itemAmount.longValue(), i));
        sum += itemAmount.longValue();
      }
    }
    if (!errors.isEmpty()) {
      throw new SimulatorException(400, "validation_error", "Invalid items", errors);
    }
    if (sum != amount) {
      throw new SimulatorException(400, "items_amount_mismatch",
          "The items add up to " + sum + " but amount is " + amount,
          List.of(new FieldError("items", "amounts must add up to amount (" + amount + ")")));
    }
    return out;
  }
}
