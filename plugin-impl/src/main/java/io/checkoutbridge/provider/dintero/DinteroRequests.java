package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.provider.dintero.DinteroMapper.Item;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import io.checkoutbridge.provider.support.JsonHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/** The JSON bodies Dintero receives, built from mapped values. Pure; shared by start and preview. */
final class DinteroRequests {

  /** Query parameter added to the callback URL so failed payments are reported too. */
  static final String REPORT_ERROR = "report_error";
  /**
   * Query parameter, repeated once per event, asking Dintero to call back when a capture, refund or
   * void happens after the payment, including those made in Dintero's back office. Source: the
   * Payments spec changelog ({@code report_event=<event>}, example
   * {@code ?report_event=CAPTURE&report_event=REFUND}) and the WooCommerce plugin's
   * {@code Dintero_Checkout_Callback::callback_url}, which appends
   * {@code &report_event=CAPTURE&report_event=REFUND&report_event=VOID}.
   */
  static final String REPORT_EVENT = "report_event";
  /** The events asked for, in the WooCommerce plugin's order. */
  static final List<String> REPORTED_EVENTS = List.of("CAPTURE", "REFUND", "VOID");

  // Quantities and VAT rates are decimals: never let them reach the wire as 1E+1.
  private static final ObjectWriter PLAIN = JsonHttp.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

  private DinteroRequests() {}

  static RequestBody body(JsonNode json) {
    try {
      return RequestBody.create(PLAIN.writeValueAsBytes(json), JsonHttp.JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON exactly as {@link #body} sends it, for the preview. */
  static String text(JsonNode json) {
    try {
      return PLAIN.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The audience of the account's tokens: the account's URL on the API host. */
  static String audience(DinteroSettings settings) {
    return settings.apiUrl() + "/accounts/" + settings.accountId();
  }

  static ObjectNode token(DinteroSettings settings) {
    ObjectNode body = JsonHttp.object();
    body.put("grant_type", "client_credentials");
    body.put("audience", audience(settings));
    return body;
  }

  /** Seed 002's draft order: numeric line ids, gross amounts and tax lines. */
  static ObjectNode draftOrder(Mapping mapping) {
    ObjectNode body = JsonHttp.object();
    body.putObject("options").put("generate_order_id", "ALPHANUMERIC_9");
    ObjectNode order = body.putObject("order");
    order.put("currency", mapping.currency().getCurrencyCode());
    ArrayNode items = order.putArray("items");
    for (Item item : mapping.items()) {
      ObjectNode node = items.addObject();
      node.put("id", item.id());
      node.put("line_id", item.orderLineId());
      node.put("quantity", plain(item.quantity()));
      node.put("gross_amount", item.amount());
      ObjectNode tax = node.putArray("tax_lines").addObject();
      tax.put("amount", item.vatAmount());
      tax.put("percentage", plain(item.vat()));
      node.put("description", item.description());
    }
    return body;
  }

  /**
   * The checkout session for a completed order.
   *
   * @param orderId the completed order's id, used as {@code merchant_reference}
   */
  static ObjectNode session(DinteroSettings settings, CheckoutRequest request, Mapping mapping, String orderId,
      URI returnUrl, URI callbackUrl) {
    ObjectNode body = JsonHttp.object();
    ObjectNode url = body.putObject("url");
    url.put("return_url", returnUrl.toString());
    url.put("callback_url", callbackUrl(callbackUrl).toString());
    ObjectNode order = body.putObject("order");
    order.put("amount", mapping.amount());
    order.put("currency", mapping.currency().getCurrencyCode());
    order.put("merchant_reference", orderId);
    order.put("merchant_reference_2", request.orderReference());
    order.put("vat_amount", mapping.vatAmount());
    ArrayNode items = order.putArray("items");
    for (Item item : mapping.items()) {
      ObjectNode node = items.addObject();
      node.put("id", item.id());
      node.put("line_id", item.lineId());
      node.put("description", item.description());
      node.put("quantity", plain(item.quantity()));
      node.put("amount", item.amount());
      node.put("vat_amount", item.vatAmount());
      node.put("vat", plain(item.vat()));
      if (item.type() != null) {
        node.put("type", item.type());
      }
    }
    Customer customer = request.customer();
    ObjectNode shopper = body.putObject("customer");
    shopper.put("email", customer.email());
    if (customer.phone() != null && customer.phone().matches("\\+\\d{7,15}")) {
      shopper.put("phone_number", customer.phone());
    }
    body.put("profile_id", settings.profileId());
    if (!request.captureLater()) {
      body.putObject("configuration").put("auto_capture", true);
    }
    return body;
  }

  /**
   * The callback URL given to Dintero: the plugin's sealed URL (its {@code pid} and {@code seal}
   * kept) plus {@code report_error=true} and {@code report_event=CAPTURE&report_event=REFUND&
   * report_event=VOID}, so that money moved in Dintero's back office reaches the ledger through a
   * callback like any other (the callback is only a cue: the transaction is fetched again). Callbacks
   * stay GET, Dintero's default: the body is never trusted, and a POST body (the whole transaction)
   * could outgrow the endpoint's size limit, which Dintero would take as a permanent 4xx failure.
   * Parameters already present are not added twice.
   */
  static URI callbackUrl(URI sealed) {
    HttpUrl parsed = HttpUrl.get(sealed.toString());
    HttpUrl.Builder url = parsed.newBuilder();
    boolean changed = false;
    if (parsed.queryParameter(REPORT_ERROR) == null) {
      url.addQueryParameter(REPORT_ERROR, "true");
      changed = true;
    }
    List<String> asked = parsed.queryParameterValues(REPORT_EVENT);
    for (String event : REPORTED_EVENTS) {
      if (!asked.contains(event)) {
        url.addQueryParameter(REPORT_EVENT, event);
        changed = true;
      }
    }
    return changed ? url.build().uri() : sealed;
  }

  /** Capture or refund body; {@code referenceField} is {@code capture_reference} or {@code refund_reference}. */
  static ObjectNode operation(long amount, String referenceField, String reference, String reason,
      List<OperationItem> items) {
    ObjectNode body = JsonHttp.object();
    body.put("amount", amount);
    body.put(referenceField, reference);
    if (reason != null && !reason.isBlank()) {
      body.put("reason", reason);
    }
    ArrayNode array = body.putArray("items");
    for (OperationItem item : items) {
      ObjectNode node = array.addObject();
      node.put("line_id", item.lineId());
      node.put("amount", item.amount());
      if (item.quantity().signum() > 0) {
        node.put("quantity", plain(item.quantity()));
      }
    }
    return body;
  }

  /**
   * An authorization, capture, refund or cancellation record on the order: seed 002's {@code items},
   * {@code payment_details.payment_id} and {@code success}, plus the top-level {@code amount}
   * ("Total monetary amount for the operation in smallest unit for the currency") that the orders
   * API reference shows on every record (docs.dintero.com api-reference: orderlist
   * {@code aid_orders_id_captures_get}, ordercancellations "Get Cancellation details"); it is the
   * sum of the items.
   */
  static ObjectNode orderRecord(List<OperationItem> items, String transactionId) {
    ObjectNode body = JsonHttp.object();
    ArrayNode array = body.putArray("items");
    long amount = 0;
    for (OperationItem item : items) {
      ObjectNode node = array.addObject();
      node.put("amount", item.amount());
      node.put("line_id", item.orderLineId());
      amount += item.amount();
    }
    body.put("amount", amount);
    body.putObject("payment_details").put("payment_id", transactionId);
    body.put("success", true);
    return body;
  }

  /** Every item at its full amount: what an authorization covers. */
  static List<OperationItem> wholeOrder(Mapping mapping) {
    return mapping.items().stream()
        .filter(item -> item.amount() != 0)
        .map(item -> new OperationItem(item.lineId(), item.orderLineId(), item.amount(), item.quantity()))
        .toList();
  }

  static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
