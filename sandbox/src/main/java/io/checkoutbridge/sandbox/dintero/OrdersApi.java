package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The accounts host's Orders API: draft orders, orders and the payment facts recorded on them. */
final class OrdersApi {

  private static final Pattern GENERATED_ID = Pattern.compile("^(ALPHANUMERIC|NUMERIC)_(\\d{1,2})$");

  private final DinteroState state;
  private final DinteroAuth auth;
  private final Clock clock;

  OrdersApi(DinteroState state, DinteroAuth auth, Clock clock) {
    this.state = state;
    this.auth = auth;
    this.clock = clock;
  }

  SandboxResponse createDraft(SandboxRequest request, Map<String, String> params) {
    String aid = params.get("aid");
    auth.requireBearerFor(request, aid);
    ObjectNode body = Json.parseObject(request.body());
    List<FieldError> errors = new ArrayList<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    long gross = 0;
    long tax = 0;

    JsonNode order = body.get("order");
    if (order == null || !order.isObject()) {
      throw invalid(List.of(new FieldError("order", "is required")));
    }
    String currency = Json.text(order, "currency");
    if (currency == null || !SessionValidator.isIsoCurrency(currency)) {
      errors.add(new FieldError("order.currency", "must be an ISO 4217 currency code"));
    }
    JsonNode items = order.get("items");
    if (items == null || !items.isArray() || items.isEmpty()) {
      errors.add(new FieldError("order.items", "at least one item is required"));
    } else {
      for (int i = 0; i < items.size(); i++) {
        String field = "order.items[" + i + "]";
        JsonNode item = items.get(i);
        JsonNode lineId = item.get("line_id");
        JsonNode amount = item.get("gross_amount");
        if (!Json.isLong(amount)) {
          errors.add(new FieldError(field + ".gross_amount", "must be an integer (minor units)"));
        } else {
          gross += amount.longValue();
        }
        if (!Json.isLong(lineId)) {
          errors.add(new FieldError(field + ".line_id", "is required and must be an integer"));
        } else if (lines.putIfAbsent(String.valueOf(lineId.longValue()),
            Json.isLong(amount) ? amount.longValue() : 0L) != null) {
          errors.add(new FieldError(field + ".line_id", "duplicate line_id " + lineId.asText()));
        }
        JsonNode quantity = item.get("quantity");
        if (quantity == null || !quantity.isNumber() || quantity.decimalValue().signum() <= 0) {
          errors.add(new FieldError(field + ".quantity", "must be a number greater than 0"));
        }
        JsonNode taxLines = item.get("tax_lines");
        if (taxLines != null && !taxLines.isNull()) {
          if (!taxLines.isArray()) {
            errors.add(new FieldError(field + ".tax_lines", "must be an array"));
          } else {
            for (int t = 0; t < taxLines.size(); t++) {
              JsonNode line = taxLines.get(t);
              if (!Json.isLong(line.get("amount"))) {
                errors.add(new FieldError(field + ".tax_lines[" + t + "].amount",
                    "must be an integer (minor units)"));
              } else {
                tax += line.get("amount").longValue();
              }
              if (line.get("percentage") == null || !line.get("percentage").isNumber()) {
                errors.add(new FieldError(field + ".tax_lines[" + t + "].percentage",
                    "must be a number"));
              }
            }
          }
        }
      }
    }
    String generator = body.path("options").path("generate_order_id").asText(null);
    String givenId = Json.text(order, "id");
    Matcher m = generator == null ? null : GENERATED_ID.matcher(generator);
    if (generator != null && !m.matches()) {
      errors.add(new FieldError("options.generate_order_id",
          "must be ALPHANUMERIC_<n> or NUMERIC_<n>, e.g. ALPHANUMERIC_9"));
    } else if (generator == null && givenId == null) {
      errors.add(new FieldError("order.id", "is required unless options.generate_order_id is set"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    int length = m == null ? 0 : Integer.parseInt(m.group(2));
    if (m != null && (length < 4 || length > 32)) {
      throw invalid(List.of(new FieldError("options.generate_order_id", "length must be 4-32")));
    }
    synchronized (state) {
      String orderId = givenId;
      if (orderId == null) {
        do {
          orderId = m.group(1).equals("NUMERIC") ? Ids.digits(length) : Ids.upperAlphanumeric(length);
        } while (orderIdTaken(orderId));
      } else if (orderIdTaken(orderId)) {
        throw SimulatorException.conflict("order_exists", "Order id already used: " + orderId);
      }
      DraftOrder draft = new DraftOrder(Ids.uuid(), aid, body, orderId, gross, gross - tax, lines,
          clock.instant());
      state.drafts.put(draft.id, draft);
      return SandboxResponse.json(200, draft.toJson());
    }
  }

  SandboxResponse getDraft(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerFor(request, params.get("aid"));
    synchronized (state) {
      return SandboxResponse.json(200, draft(params).toJson());
    }
  }

  /** {@code PUT .../draft_orders/{id}/complete} with {@code {}} → {@code {"orders":[...]}}. */
  SandboxResponse complete(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerFor(request, params.get("aid"));
    if (request.bodyLength() > 0) {
      Json.parseObject(request.body()); // {} expected; anything else must at least be an object
    }
    synchronized (state) {
      DraftOrder draft = draft(params);
      if (draft.completedAt != null) {
        throw SimulatorException.conflict("draft_already_completed",
            "Draft order " + draft.id + " was already completed as order " + draft.orderId);
      }
      Instant now = clock.instant();
      draft.completedAt = now;
      ShoppingOrder order = new ShoppingOrder(draft.orderId, draft.accountId, draft, now);
      state.orders.put(order.id, order);
      ObjectNode out = Json.object();
      out.putArray("orders").add(order.toJson(false));
      return SandboxResponse.json(200, out);
    }
  }

  SandboxResponse getOrder(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerFor(request, params.get("aid"));
    synchronized (state) {
      return SandboxResponse.json(200, order(params).toJson(true));
    }
  }

  SandboxResponse listRecords(SandboxRequest request, Map<String, String> params, String kind) {
    auth.requireBearerFor(request, params.get("aid"));
    synchronized (state) {
      ShoppingOrder order = order(params);
      ObjectNode out = Json.object();
      out.set(kind, ShoppingOrder.array(records(order, kind)));
      return SandboxResponse.json(200, out);
    }
  }

  /**
   * Records an authorization, capture or refund: {@code {items:[{amount,line_id}],
   * payment_details:{payment_id}, success:true}}. Successful records must stay within the order
   * per line: authorised ≤ line gross amount, captured ≤ authorised, refunded ≤ captured.
   */
  SandboxResponse addRecord(SandboxRequest request, Map<String, String> params, String kind) {
    DinteroState.Grant grant = auth.requireBearerFor(request, params.get("aid"));
    ObjectNode body = Json.parseObject(request.body());
    List<FieldError> errors = new ArrayList<>();
    List<LineBook.Movement> movements = new ArrayList<>();
    long total = 0;
    JsonNode items = body.get("items");
    if (items == null || !items.isArray() || items.isEmpty()) {
      errors.add(new FieldError("items", "at least one item is required"));
    } else {
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String lineId = lineId(item.get("line_id"));
        if (lineId == null) {
          errors.add(new FieldError("items[" + i + "].line_id", "is required and must be an integer"));
        }
        if (!Json.isLong(item.get("amount"))) {
          errors.add(new FieldError("items[" + i + "].amount", "must be an integer (minor units)"));
        } else if (lineId != null) {
          movements.add(new LineBook.Movement(lineId, item.get("amount").longValue(), i));
          total += item.get("amount").longValue();
        }
      }
    }
    checkAmount(body, total, errors);
    JsonNode success = body.get("success");
    if (success != null && !success.isBoolean()) {
      errors.add(new FieldError("success", "must be a boolean"));
    }
    JsonNode details = body.get("payment_details");
    if (details != null && !details.isNull() && !details.isObject()) {
      errors.add(new FieldError("payment_details", "must be an object"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    boolean ok = success == null || success.booleanValue();
    synchronized (state) {
      ShoppingOrder order = order(params);
      if (order.status.equals("cancelled") && !kind.equals("refunds")) {
        throw SimulatorException.conflict("order_cancelled", "Order " + order.id + " is cancelled");
      }
      if (ok) {
        switch (kind) {
          case "authorizations" -> {
            order.authorized.check(movements, "items", order.authorized::limit, "authorized");
            order.authorized.apply(movements);
          }
          case "captures" -> {
            order.captured.check(movements, "items", order.authorized::total, "captured");
            order.captured.apply(movements);
          }
          default -> {
            order.refunded.check(movements, "items", order.captured::total, "refunded");
            order.refunded.apply(movements);
          }
        }
      } else {
        // failed attempts are kept for the record but must still name real lines
        order.authorized.check(movements, "items", order.authorized::limit, "recorded");
      }
      Instant now = clock.instant();
      ObjectNode record = body.deepCopy();
      record.put("id", Ids.uuid());
      record.put("amount", total);
      record.put("success", ok);
      record.put("created_at", Timestamps.iso(now));
      record.put("created_by", grant.clientId());
      if (!record.has("processed_at")) {
        record.put("processed_at", Timestamps.iso(now));
      }
      if (!record.has("processed_by")) {
        record.put("processed_by", grant.clientId());
      }
      records(order, kind).add(record);
      order.updatedAt = now;
      return SandboxResponse.json(200, record);
    }
  }

  /**
   * A record's top-level {@code amount}, when sent: "Total monetary amount for the operation in
   * smallest unit for the currency" (the orders API reference's record schema), so it must be an
   * integer equal to the sum of the items.
   */
  private static void checkAmount(JsonNode body, long itemsTotal, List<FieldError> errors) {
    JsonNode amount = body.get("amount");
    if (amount == null || amount.isNull()) {
      return;
    }
    if (!Json.isLong(amount)) {
      errors.add(new FieldError("amount", "must be an integer (minor units)"));
    } else if (amount.longValue() != itemsTotal) {
      errors.add(new FieldError("amount", "must equal the sum of the items (" + itemsTotal + ")"));
    }
  }

  /**
   * {@code POST …/orders/{id}/cancellations} (the orders API reference: "Create a cancellation for
   * an order"; the spec-orders changelog moved the cancel record here): the same record shape as a
   * capture, {@code amount} checked against the items, then the order is cancelled.
   */
  SandboxResponse cancellation(SandboxRequest request, Map<String, String> params) {
    JsonNode body = request.bodyLength() == 0 ? Json.object() : Json.parseObject(request.body());
    long total = 0;
    for (JsonNode item : body.path("items")) {
      total += item.path("amount").asLong(0);
    }
    List<FieldError> errors = new ArrayList<>();
    checkAmount(body, total, errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    cancel(request, params);
    synchronized (state) {
      ShoppingOrder order = order(params);
      return SandboxResponse.json(200, order.cancellations.get(order.cancellations.size() - 1));
    }
  }

  SandboxResponse cancel(SandboxRequest request, Map<String, String> params) {
    DinteroState.Grant grant = auth.requireBearerFor(request, params.get("aid"));
    JsonNode body = request.bodyLength() == 0 ? Json.object() : Json.parseObject(request.body());
    synchronized (state) {
      ShoppingOrder order = order(params);
      if (!order.status.equals("cancelled")) {
        Instant now = clock.instant();
        order.status = "cancelled";
        order.updatedAt = now;
        ObjectNode record = ((ObjectNode) body).deepCopy();
        record.put("id", Ids.uuid());
        record.put("created_at", Timestamps.iso(now));
        record.put("created_by", grant.clientId());
        order.cancellations.add(record);
      }
      return SandboxResponse.json(200, order.toJson(true));
    }
  }

  private boolean orderIdTaken(String id) {
    return state.orders.containsKey(id)
        || state.drafts.values().stream().anyMatch(d -> d.orderId.equals(id));
  }

  private DraftOrder draft(Map<String, String> params) {
    DraftOrder d = state.drafts.get(params.get("id"));
    if (d == null || !d.accountId.equals(params.get("aid"))) {
      throw SimulatorException.notFound("Draft order not found: " + params.get("id"));
    }
    return d;
  }

  private ShoppingOrder order(Map<String, String> params) {
    ShoppingOrder o = state.orders.get(params.get("orderId"));
    if (o == null || !o.accountId.equals(params.get("aid"))) {
      throw SimulatorException.notFound("Order not found: " + params.get("orderId"));
    }
    return o;
  }

  private static List<ObjectNode> records(ShoppingOrder order, String kind) {
    return switch (kind) {
      case "authorizations" -> order.authorizations;
      case "captures" -> order.captures;
      default -> order.refunds;
    };
  }

  /** Orders API line ids are numbers; a numeric string is accepted too. */
  private static String lineId(JsonNode node) {
    if (Json.isLong(node)) {
      return String.valueOf(node.longValue());
    }
    if (node != null && node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
      return String.valueOf(Long.parseLong(node.asText()));
    }
    return null;
  }

  private static SimulatorException invalid(List<FieldError> errors) {
    return new SimulatorException(400, "validation_error",
        "Invalid request: " + errors.get(0).field() + " " + errors.get(0).message(), errors);
  }
}
