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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v2/createOrder/authorize} and {@code POST /api/v2/createOrder/}. */
final class OrderApi {

  /** The status of a new order: Kibo's order search documents searching for READY orders. */
  static final String READY = "READY";
  private static final String CODE = "[A-Z][A-Z0-9_]{0,49}";

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
   * Creates the order for an unused authorisation, checking every field the sources name (see the
   * package documentation's table): {@code orderPayments} carrying the authorisation, items as
   * {@code product} plus {@code itemSpecifics} adding up to the authorised amount, {@code
   * shippingMethod} as an object, {@code customerIP}. Today's old shapes (a string shipping
   * method, a top-level {@code authorizationID}, flat items) are refused as Kibo would.
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
    String customerIp = checks.string(body, "", "customerIP", 2, 45, true);
    if (customerIp != null && !isIp(customerIp)) {
      checks.invalid("customerIP", "must be the consumer's external IPv4 or IPv6 address");
    }
    checks.customer(body);
    JsonNode items = Checks.field(body, "orderItems");
    BigDecimal total = BigDecimal.ZERO;
    if (items == null) {
      checks.missing("orderItems");
    } else if (!items.isArray() || items.isEmpty()) {
      checks.invalid("orderItems", "must be a non-empty array");
    } else {
      for (int i = 0; i < items.size(); i++) {
        BigDecimal line = item(checks, items.get(i), "orderItems[" + i + "]", currency);
        total = line == null ? total : total.add(line);
      }
    }
    JsonNode shippingMethod = Checks.field(body, "shippingMethod");
    if (shippingMethod == null) {
      checks.missing("shippingMethod");
    } else if (!shippingMethod.isObject()) {
      checks.invalid("shippingMethod", "must be an object {shipType, deliveryMethod}");
    } else {
      String shipType = checks.string(shippingMethod, "shippingMethod", "shipType", 1, 50, true);
      String delivery = checks.string(shippingMethod, "shippingMethod", "deliveryMethod", 1, 50, true);
      if (shipType != null && !shipType.matches(CODE)) {
        checks.invalid("shippingMethod.shipType", "must be a Kibo code such as EXPRESS_1_DAY");
      }
      if (delivery != null && !delivery.matches(CODE)) {
        checks.invalid("shippingMethod.deliveryMethod", "must be a Kibo code such as SHIP_TO_HOME");
      }
    }
    JsonNode shipping = checks.object(body, "", "shippingAddress", true);
    if (shipping != null) {
      checks.address(shipping, "shippingAddress");
    }
    if (Checks.field(body, "authorizationID") != null) {
      checks.invalid("authorizationID", "is not an order field: the authorization goes in"
          + " orderPayments[].authorizationID");
    }
    String authorizationId = null;
    BigDecimal authAmount = null;
    JsonNode payments = Checks.field(body, "orderPayments");
    if (payments == null) {
      checks.missing("orderPayments");
    } else if (!payments.isArray() || payments.size() != 1) {
      checks.invalid("orderPayments", "must hold exactly one payment: one authorization per order");
    } else {
      JsonNode payment = payments.get(0);
      String path = "orderPayments[0]";
      JsonNode method = checks.object(payment, path, "paymentMethod", true);
      if (method != null) {
        PaymentMethods.checkOrderPayment(checks, method, path + ".paymentMethod");
      }
      checks.string(payment, path, "transactionID", 1, 255, true);
      authorizationId = checks.string(payment, path, "authorizationID", 1, 255, true);
      authAmount = checks.amount(payment, path, "authAmount", currency, true);
    }
    Boolean testOrder = checks.bool(body, "", "isTestOrder");
    checks.bool(body, "", "allowSplit");
    checks.bool(body, "", "forceItemTaxOverride");
    checks.throwIfAny();
    requireManufacturer(manufacturer);
    if (body.path("allowSplit").asBoolean(false)) {
      throw new SimulatorException(400, "INVALID_REQUEST_DATA", "Split orders are not supported: each order needs"
          + " its own authorization", List.of(new SimulatorException.FieldError("allowSplit", "must be false")));
    }

    KiboState.Order order;
    synchronized (state) {
      KiboState.Authorization authorization = state.authorizations.get(authorizationId);
      if (authorization == null) {
        throw new SimulatorException(400, "INVALID_ID", "orderPayments[0].authorizationID is not a known"
            + " authorization", List.of(new SimulatorException.FieldError("orderPayments[0].authorizationID",
                "unknown")));
      }
      String key = manufacturer + "/" + externalOrderId;
      String existing = state.externalOrderIds.get(key);
      if (existing != null) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "externalOrderID " + externalOrderId
            + " is already used by order " + existing,
            List.of(new SimulatorException.FieldError("externalOrderID", "already used")));
      }
      if (authorization.usedByOrder() != null) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "the authorization was already used for order "
            + authorization.usedByOrder() + "; each order needs its own authorization",
            List.of(new SimulatorException.FieldError("orderPayments[0].authorizationID", "already used")));
      }
      if (authorization.manufacturerId() != manufacturer || authorization.catalogId() != catalog
          || !authorization.currency().equals(currency)) {
        throw new SimulatorException(400, "ID_MISMATCH", "manufacturerID, catalogID and currency must match the"
            + " authorization's (" + authorization.manufacturerId() + ", " + authorization.catalogId() + ", "
            + authorization.currency() + ")",
            List.of(new SimulatorException.FieldError("orderPayments[0].authorizationID", "belongs to another"
                + " manufacturer, catalog or currency")));
      }
      if (authAmount.compareTo(authorization.amount()) != 0) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "orderPayments[0].authAmount "
            + authAmount.toPlainString() + " differs from the authorized " + authorization.amount().toPlainString(),
            List.of(new SimulatorException.FieldError("orderPayments[0].authAmount", "not the authorized amount")));
      }
      if (total.compareTo(authAmount) != 0) {
        throw new SimulatorException(400, "INVALID_REQUEST_DATA", "orderItems add up to " + total.toPlainString()
            + " (actualPrice × quantity + itemTaxOverride + shipping + shippingTax) but authAmount is "
            + authAmount.toPlainString(),
            List.of(new SimulatorException.FieldError("orderItems", "total differs from the authorized amount")));
      }
      String orderId = authorization.orderId();
      order = new KiboState.Order(orderId, externalOrderId, manufacturer, catalog, currency, total,
          items.size(), shippingMethod.path("shipType").asText() + "/" + shippingMethod.path("deliveryMethod").asText(),
          READY, Boolean.TRUE.equals(testOrder), clock.instant());
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

  /**
   * Kibo's order search, {@code GET /api/v2/order/?…}: filters {@code manufacturerID}, {@code
   * orderID} (comma-separated), {@code externalOrderID} and {@code orderStatus}, pages with {@code
   * perPage} (default 10, at most 100) and {@code page} (from 1). Answer {@code {totalCount,
   * collection[order]}}.
   */
  SandboxResponse searchOrders(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerAndApiKey(request);
    Checks checks = new Checks();
    Long manufacturer = queryLong(checks, request, "manufacturerID");
    int perPage = queryLong(checks, request, "perPage") == null ? 10
        : (int) Math.min(100, Math.max(1, queryLong(checks, request, "perPage")));
    int page = queryLong(checks, request, "page") == null ? 1 : (int) Math.max(1, queryLong(checks, request, "page"));
    checks.throwIfAny();
    Set<String> orderIds = request.queryParam("orderID").map(v -> Set.of(v.split(","))).orElse(null);
    String external = request.queryParam("externalOrderID").orElse(null);
    String status = request.queryParam("orderStatus").orElse(null);
    List<ObjectNode> matches = new java.util.ArrayList<>();
    synchronized (state) {
      for (KiboState.Order o : state.orders.values()) {
        if ((manufacturer == null || o.manufacturerId() == manufacturer)
            && (orderIds == null || orderIds.contains(o.orderId()))
            && (external == null || external.equals(o.externalOrderId()))
            && (status == null || status.equals(o.status()))) {
          matches.add(view(o));
        }
      }
    }
    ObjectNode out = Json.object();
    out.put("totalCount", matches.size());
    com.fasterxml.jackson.databind.node.ArrayNode collection = out.putArray("collection");
    matches.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(collection::add);
    return SandboxResponse.json(200, out).withHeader("X-Request-ID", Ids.uuid());
  }

  /** {@code GET /api/v2/order/{orderID}}: one order, or 404 NOT_FOUND. */
  SandboxResponse getOrder(SandboxRequest request, Map<String, String> params) {
    auth.requireBearerAndApiKey(request);
    ObjectNode view;
    synchronized (state) {
      KiboState.Order order = state.orders.get(params.get("orderID"));
      if (order == null) {
        throw new SimulatorException(404, "NOT_FOUND", "order " + params.get("orderID") + " not found");
      }
      view = view(order);
    }
    return SandboxResponse.json(200, view).withHeader("X-Request-ID", Ids.uuid());
  }

  /** An order as search and read show it; call holding the state's lock. */
  private ObjectNode view(KiboState.Order order) {
    ObjectNode node = Json.object();
    node.put("orderID", order.orderId());
    node.put("externalOrderID", order.externalOrderId());
    node.put("manufacturerID", order.manufacturerId());
    node.put("catalogID", order.catalogId());
    node.put("currency", order.currency());
    node.put("orderStatus", order.status());
    node.put("isTestOrder", order.testOrder());
    com.fasterxml.jackson.databind.node.ArrayNode payments = node.putArray("orderPayments");
    state.authorizations.values().stream().filter(a -> order.orderId().equals(a.usedByOrder())).forEach(a ->
        payments.addObject().put("paymentType", a.paymentType()).put("authAmount", a.amount())
            .put("paymentStatus", "AUTHORIZED"));
    return node;
  }

  private static Long queryLong(Checks checks, SandboxRequest request, String name) {
    String value = request.queryParam(name).orElse(null);
    if (value == null) {
      return null;
    }
    if (!value.matches("\\d{1,18}")) {
      checks.invalid(name, "must be a whole number");
      return null;
    }
    return Long.parseLong(value);
  }

  private static boolean isIp(String text) {
    if (text.matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
  }

  /**
   * Checks one order item, {@code {product{productID, partNumber?, name, retailPrice?,
   * offerPrice?}, itemSpecifics{externalItemID?, quantity, actualPrice, shipping?, shippingTax?,
   * itemTaxOverride?}}}; returns what it adds to the order, or null when invalid.
   */
  private static BigDecimal item(Checks checks, JsonNode item, String path, String currency) {
    if (item == null || !item.isObject()) {
      checks.invalid(path, "must be an object");
      return null;
    }
    JsonNode product = checks.object(item, path, "product", true);
    if (product != null) {
      String p = path + ".product";
      checks.string(product, p, "productID", 1, 100, true);
      checks.string(product, p, "partNumber", 1, 100, false);
      checks.string(product, p, "name", 1, 255, true);
      nonNegative(checks, product, p, "retailPrice", currency, false);
      nonNegative(checks, product, p, "offerPrice", currency, false);
    }
    JsonNode specifics = checks.object(item, path, "itemSpecifics", true);
    if (specifics == null || product == null) {
      return null;
    }
    String s = path + ".itemSpecifics";
    checks.string(specifics, s, "externalItemID", 1, 100, false);
    Long quantity = checks.integer(specifics, s, "quantity", 1, true);
    BigDecimal price = nonNegative(checks, specifics, s, "actualPrice", currency, true);
    BigDecimal ship = nonNegative(checks, specifics, s, "shipping", currency, false);
    BigDecimal shipTax = nonNegative(checks, specifics, s, "shippingTax", currency, false);
    BigDecimal tax = nonNegative(checks, specifics, s, "itemTaxOverride", currency, false);
    if (quantity == null || price == null) {
      return null;
    }
    return price.multiply(BigDecimal.valueOf(quantity)).add(zeroIfNull(ship)).add(zeroIfNull(shipTax))
        .add(zeroIfNull(tax));
  }

  private static BigDecimal nonNegative(Checks checks, JsonNode parent, String path, String name, String currency,
      boolean required) {
    BigDecimal value = checks.amount(parent, path, name, currency, required);
    if (value != null && value.signum() < 0) {
      checks.invalid(path + "." + name, "must be at least 0");
      return null;
    }
    return value;
  }

  private static BigDecimal zeroIfNull(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private void requireManufacturer(Long manufacturer) {
    if (!manufacturers.contains(manufacturer)) {
      throw new SimulatorException(404, "NOT_FOUND", "manufacturerID " + manufacturer + " not found",
          List.of(new SimulatorException.FieldError("manufacturerID", "unknown manufacturer")));
    }
  }
}
