package io.checkoutbridge.sandbox.kibo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v2/createOrder/authorize} and {@code POST /api/v2/createOrder/}. */
final class OrderApi {

  static final Set<String> ITEM_TYPES = Set.of("PRODUCT", "SHIPPING", "DISCOUNT", "FEE", "GIFT_CARD");
  private static final Set<String> NEGATIVE_ITEMS = Set.of("DISCOUNT", "GIFT_CARD");
  private static final String MERCHANT = "(the merchant)";

  private final KiboState state;
  private final KiboAuth auth;
  private final Clock clock;
  private final Set<Long> manufacturers;

  OrderApi(KiboState state, KiboAuth auth, Clock clock, Set<Long> manufacturers) {
    this.state = state;
    this.auth = auth;
    this.clock = clock;
    this.manufacturers = Set.copyOf(manufacturers);
  }

  /** Checks the request as seed 004 describes, asks the "gateway", and reserves an order id. */
  SandboxResponse authorize(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerAndApiKey(request);
    ObjectNode body = Json.parseObject(request.body());
    Checks checks = new Checks();
    // The docs' parameter table spells it externalCardID; the example sends externalCartID.
    String cartId = checks.string(body, "", "externalCartID", 1, 255, false);
    if (cartId == null && Checks.field(body, "externalCartID") == null) {
      cartId = checks.string(body, "", "externalCardID", 1, 255, false);
      if (cartId == null && Checks.field(body, "externalCardID") == null) {
        checks.missing("externalCartID");
      }
    }
    Long manufacturer = checks.integer(body, "", "manufacturerID", 1, true);
    Long catalog = checks.integer(body, "", "catalogID", 0, true);
    String currency = checks.currency(body, "currency");
    checks.locale(body, "locale");
    checks.customer(body);
    PaymentMethods.Summary method = PaymentMethods.check(checks, body, clock);
    BigDecimal amount = checks.amount(body, "", "amount", currency, true);
    if (amount != null && amount.signum() < 0) {
      checks.invalid("amount", "must be at least 0");
    }
    Boolean testOrder = checks.bool(body, "", "testOrder");
    JsonNode shipping = checks.object(body, "", "shippingAddress", false);
    if (shipping != null) {
      checks.address(shipping, "shippingAddress");
    }
    checks.throwIfAny();
    requireManufacturer(manufacturer);
    if (method.declined()) {
      throw new SimulatorException(402, KiboStatus.PAYMENT_DECLINED,
          "The payment gateway declined the card ending " + method.lastFour());
    }

    KiboState.Authorization authorization;
    synchronized (state) {
      String previous = state.cartIds.get(cartId);
      if (previous != null) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "externalCartID " + cartId
            + " was already authorized (order " + state.authorizations.get(previous).orderId() + ")",
            List.of(new SimulatorException.FieldError("externalCartID", "already authorized")));
      }
      String orderId = Long.toString(state.nextOrderNumber++);
      authorization = new KiboState.Authorization(orderId, "auth-" + Ids.hex(16), "pmt-" + Ids.base62(20), cartId,
          manufacturer, catalog, currency, amount, method.type(), method.lastFour(), Boolean.TRUE.equals(testOrder),
          clock.instant(), null);
      state.authorizations.put(authorization.authToken(), authorization);
      state.cartIds.put(cartId, authorization.authToken());
    }
    ObjectNode out = Json.object();
    out.put("orderID", authorization.orderId());
    out.put("paymentMethodToken", authorization.paymentMethodToken());
    out.put("authToken", authorization.authToken());
    out.put("status", "AUTHORIZED");
    out.put("amount", amount);
    out.put("currency", currency);
    if (method.type().equals("CC")) {
      out.put("ccLastFour", method.lastFour());
    }
    return SandboxResponse.json(200, out).withHeader("X-Request-ID", Ids.uuid());
  }

  /**
   * Creates the order for an unused authorisation whose amount its items add up to exactly; a
   * split order (items shipping from more than one supplier) and a second order on one
   * authorisation are refused.
   */
  SandboxResponse createOrder(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerAndApiKey(request);
    ObjectNode body = Json.parseObject(request.body());
    Checks checks = new Checks();
    String externalOrderId = checks.string(body, "", "externalOrderID", 1, 100, true);
    Long manufacturer = checks.integer(body, "", "manufacturerID", 1, true);
    Long catalog = checks.integer(body, "", "catalogID", 0, true);
    checks.locale(body, "locale");
    String currency = checks.currency(body, "currency");
    checks.customer(body);
    JsonNode items = Checks.field(body, "orderItems");
    BigDecimal total = BigDecimal.ZERO;
    Set<String> shipFroms = new LinkedHashSet<>();
    if (items == null) {
      checks.missing("orderItems");
    } else if (!items.isArray() || items.isEmpty()) {
      checks.invalid("orderItems", "must be a non-empty array");
    } else {
      for (int i = 0; i < items.size(); i++) {
        BigDecimal line = item(checks, items.get(i), "orderItems[" + i + "]", currency, shipFroms);
        total = line == null ? total : total.add(line);
      }
    }
    checks.string(body, "", "shippingMethod", 1, 50, true);
    JsonNode shipping = checks.object(body, "", "shippingAddress", true);
    if (shipping != null) {
      checks.address(shipping, "shippingAddress");
    }
    String customerIp = checks.string(body, "", "customerIP", 2, 45, false);
    if (customerIp != null && !customerIp.matches("[0-9A-Fa-f.:]+")) {
      checks.invalid("customerIP", "must be an IPv4 or IPv6 address");
    }
    String authorizationId = checks.string(body, "", "authorizationID", 1, 255, true);
    checks.throwIfAny();
    requireManufacturer(manufacturer);
    if (shipFroms.size() > 1) {
      throw new SimulatorException(400, "INVALID_REQUEST_DATA", "Split orders are not supported: the orderItems ship"
          + " from " + String.join(", ", shipFroms) + "; each order needs its own authorization",
          List.of(new SimulatorException.FieldError("orderItems", "ship from more than one supplier")));
    }

    KiboState.Order order;
    synchronized (state) {
      KiboState.Authorization authorization = state.authorizations.get(authorizationId);
      if (authorization == null) {
        throw new SimulatorException(400, "INVALID_ID", "authorizationID is not a known authorization",
            List.of(new SimulatorException.FieldError("authorizationID", "unknown")));
      }
      if (authorization.usedByOrder() != null) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "authorizationID was already used for order "
            + authorization.usedByOrder() + "; each order needs its own authorization",
            List.of(new SimulatorException.FieldError("authorizationID", "already used")));
      }
      if (authorization.manufacturerId() != manufacturer || authorization.catalogId() != catalog
          || !authorization.currency().equals(currency)) {
        throw new SimulatorException(400, "ID_MISMATCH", "manufacturerID, catalogID and currency must match the"
            + " authorization's (" + authorization.manufacturerId() + ", " + authorization.catalogId() + ", "
            + authorization.currency() + ")",
            List.of(new SimulatorException.FieldError("authorizationID", "belongs to another manufacturer, catalog"
                + " or currency")));
      }
      if (total.compareTo(authorization.amount()) != 0) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "orderItems add up to " + total.toPlainString()
            + " but the authorization is for " + authorization.amount().toPlainString(),
            List.of(new SimulatorException.FieldError("orderItems", "total differs from the authorized amount")));
      }
      String key = manufacturer + "/" + externalOrderId;
      String existing = state.externalOrderIds.get(key);
      if (existing != null) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "externalOrderID " + externalOrderId
            + " is already used by order " + existing,
            List.of(new SimulatorException.FieldError("externalOrderID", "already used")));
      }
      order = new KiboState.Order(authorization.orderId(), externalOrderId, manufacturer, catalog, currency, total,
          items.size(), Json.text(body, "shippingMethod"), "OPEN", authorization.testOrder(), clock.instant());
      state.orders.put(order.orderId(), order);
      state.externalOrderIds.put(key, order.orderId());
      state.authorizations.put(authorizationId, authorization.usedBy(order.orderId()));
    }
    ObjectNode out = Json.object();
    out.put("orderID", order.orderId());
    out.put("externalOrderID", order.externalOrderId());
    out.put("orderStatus", order.status());
    return SandboxResponse.json(201, out).withHeader("X-Request-ID", Ids.uuid());
  }

  /** Checks one order item; returns its total, or null when invalid. */
  private static BigDecimal item(Checks checks, JsonNode item, String path, String currency, Set<String> shipFroms) {
    if (item == null || !item.isObject()) {
      checks.invalid(path, "must be an object");
      return null;
    }
    checks.string(item, path, "externalLineID", 1, 100, true);
    String type = checks.oneOf(item, path, "itemType", ITEM_TYPES, true);
    checks.string(item, path, "sku", 0, 100, false);
    checks.string(item, path, "name", 1, 255, true);
    Long quantity = checks.integer(item, path, "quantity", 1, true);
    BigDecimal unit = checks.amount(item, path, "unitPrice", currency, true);
    BigDecimal total = checks.amount(item, path, "totalPrice", currency, true);
    BigDecimal taxRate = checks.number(item, path, "taxRate", false);
    if (taxRate != null && (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.valueOf(100)) > 0)) {
      checks.invalid(path + ".taxRate", "must be 0 to 100");
    }
    String supplier = checks.string(item, path, "supplierID", 1, 100, false);
    if (supplier != null) {
      shipFroms.add(supplier);
    } else if ("PRODUCT".equals(type)) {
      shipFroms.add(MERCHANT);
    }
    if (quantity == null || unit == null || total == null || type == null) {
      return null;
    }
    if (unit.multiply(BigDecimal.valueOf(quantity)).compareTo(total) != 0) {
      checks.invalid(path + ".totalPrice", "must equal quantity × unitPrice (" + quantity + " × "
          + unit.toPlainString() + ")");
      return null;
    }
    boolean negative = NEGATIVE_ITEMS.contains(type);
    if (negative ? total.signum() > 0 : total.signum() < 0) {
      checks.invalid(path + ".totalPrice", "must be " + (negative ? "zero or negative" : "zero or positive")
          + " for a " + type + " item");
      return null;
    }
    return total;
  }

  private void requireManufacturer(Long manufacturer) {
    if (!manufacturers.contains(manufacturer)) {
      throw new SimulatorException(404, "NOT_FOUND", "manufacturerID " + manufacturer + " not found",
          List.of(new SimulatorException.FieldError("manufacturerID", "unknown manufacturer")));
    }
  }
}
