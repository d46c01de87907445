package io.checkoutbridge.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineView;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentEventView;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.store.PaymentSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;

/**
 * The admin API's JSON. Amounts are exact decimal strings in the payment's currency, with as many
 * decimals as the currency has ({@code "53.95"} GBP, {@code "5000"} JPY, {@code "1.250"} KWD);
 * quantities are plain decimal strings; times are ISO-8601 instants. Customer texts are sent as
 * they are: the page shows them as text, never as markup. Nothing secret is included: no provider
 * references, raw responses or card data.
 */
final class AdminJson {
  /** Reads request bodies: decimals stay exact, trailing garbage is refused. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private AdminJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String amount(Money money) {
    return money.amount().toPlainString();
  }

  static String quantity(BigDecimal quantity) {
    BigDecimal plain = quantity.stripTrailingZeros();
    return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
  }

  private static void putInstant(ObjectNode node, String field, Instant instant) {
    if (instant == null) {
      node.putNull(field);
    } else {
      node.put(field, instant.toString());
    }
  }

  private static void putCurrency(ObjectNode node, Currency currency) {
    node.put("currency", currency.getCurrencyCode());
    node.put("decimals", Money.decimals(currency));
  }

  /** A row of the list. */
  static ObjectNode summary(PaymentSummary p, Map<String, String> providerNames) {
    ObjectNode node = object();
    node.put("id", p.id());
    node.put("orderReference", p.orderReference());
    node.put("provider", p.provider());
    node.put("providerName", providerNames.getOrDefault(p.provider(), p.provider()));
    node.put("status", p.status().name());
    node.put("customerName", p.customerName());
    node.put("customerEmail", p.customerEmail());
    putCurrency(node, p.currency());
    node.put("total", amount(Money.ofMinor(p.totalMinor(), p.currency())));
    node.put("authorized", amount(Money.ofMinor(p.authorizedMinor(), p.currency())));
    node.put("captured", amount(Money.ofMinor(p.capturedMinor(), p.currency())));
    node.put("refunded", amount(Money.ofMinor(p.refundedMinor(), p.currency())));
    node.put("voided", amount(Money.ofMinor(p.voidedMinor(), p.currency())));
    node.put("pending", amount(Money.ofMinor(p.pendingMinor(), p.currency())));
    putInstant(node, "createdAt", p.createdAt());
    return node;
  }

  /**
   * A payment with its ledger, lines, history and the actions offered now. Each offered action
   * carries a fresh idempotency key: the form that shows it sends it back, so that the same form
   * sent twice moves money once; {@code seen} names the last history entry shown.
   */
  static ObjectNode payment(PaymentView p, PaymentProvider provider) {
    ObjectNode node = object();
    node.put("id", p.paymentId());
    node.put("orderReference", p.orderReference());
    node.put("status", p.status().name());
    ObjectNode prov = node.putObject("provider");
    prov.put("id", p.providerId());
    prov.put("name", provider == null ? p.providerId() : provider.displayName());
    prov.put("enabled", provider != null);
    ArrayNode caps = prov.putArray("capabilities");
    if (provider != null) {
      provider.capabilities().stream().sorted().map(Capability::name).forEach(caps::add);
    }
    node.put("providerPaymentId", p.providerPaymentId());
    ObjectNode customer = node.putObject("customer");
    customer.put("name", p.customerName());
    customer.put("email", p.customerEmail());
    putCurrency(node, p.total().currency());
    node.put("total", amount(p.total()));
    putInstant(node, "createdAt", p.createdAt());
    putInstant(node, "updatedAt", p.updatedAt());
    node.put("version", p.version());
    node.put("seen", p.events().isEmpty() ? 0 : p.events().get(p.events().size() - 1).sequence());

    Ledger l = p.ledger();
    ObjectNode ledger = node.putObject("ledger");
    ledger.put("authorization", l.authorization().name());
    ledger.put("authorized", amount(l.authorized()));
    ledger.put("captured", amount(l.captured()));
    ledger.put("refunded", amount(l.refunded()));
    ledger.put("voided", amount(l.voided()));
    ledger.put("pendingCapture", amount(l.pendingCapture()));
    ledger.put("pendingRefund", amount(l.pendingRefund()));
    ledger.put("pendingVoid", amount(l.pendingVoid()));
    ledger.put("pending", amount(l.pendingCapture().plus(l.pendingRefund()).plus(l.pendingVoid())));
    ledger.put("capturable", amount(l.capturable()));
    ledger.put("refundable", amount(l.refundable()));
    ledger.put("voidable", amount(l.voidable()));

    ArrayNode lines = node.putArray("lines");
    for (LineView v : p.lines()) {
      CartLine line = v.line();
      ObjectNode o = lines.addObject();
      o.put("id", line.lineId());
      o.put("kind", line.kind().name());
      o.put("sku", line.sku());
      o.put("name", line.name());
      o.put("quantity", quantity(line.quantity()));
      o.put("unitPrice", amount(line.unitPrice()));
      o.put("taxRate", quantity(line.taxRate()));
      o.put("total", amount(line.total()));
      o.put("capturedQuantity", quantity(v.capturedQuantity()));
      o.put("capturedAmount", amount(v.capturedAmount()));
      o.put("refundedQuantity", quantity(v.refundedQuantity()));
      o.put("refundedAmount", amount(v.refundedAmount()));
      o.put("capturableQuantity", quantity(line.quantity().subtract(v.capturedQuantity()).max(BigDecimal.ZERO)));
      o.put("capturableAmount", amount(v.capturableAmount()));
      o.put("refundableQuantity", quantity(v.capturedQuantity().subtract(v.refundedQuantity()).max(BigDecimal.ZERO)));
      o.put("refundableAmount", amount(v.refundableAmount()));
    }

    ArrayNode events = node.putArray("events");
    for (PaymentEventView e : p.events()) {
      ObjectNode o = events.addObject();
      o.put("sequence", e.sequence());
      o.put("kind", e.kind());
      if (e.amount() == null) {
        o.putNull("amount");
      } else {
        o.put("amount", amount(e.amount()));
      }
      ArrayNode parts = o.putArray("lines");
      for (LineAmount a : e.lines()) {
        ObjectNode part = parts.addObject();
        part.put("line", a.lineId());
        part.put("quantity", quantity(a.quantity()));
        part.put("amount", amount(a.amount()));
      }
      o.put("actor", e.actor());
      o.put("reason", e.reason());
      o.put("providerRequestId", e.providerRequestId());
      putInstant(o, "createdAt", e.createdAt());
    }

    ObjectNode actions = node.putObject("actions");
    for (ActionOffer offer : ActionOffer.offers(p, provider)) {
      ObjectNode o = actions.putObject(AdminApi.actionName(offer.kind()));
      o.put("label", offer.label());
      o.put("available", offer.available());
      o.put("why", offer.why());
      ArrayNode modes = o.putArray("modes");
      offer.modes().forEach(modes::add);
      o.put("max", amount(offer.max()));
      if (offer.available()) {
        o.put("idempotencyKey", "admin-" + UUID.randomUUID());
      }
    }
    return node;
  }

  /** What the provider said when asked, and whether it matched the payment and was applied. */
  static ObjectNode providerView(ProviderState s, boolean applied) {
    ObjectNode node = object();
    node.put("applied", applied);
    node.put("authorization", s.authorization().name());
    node.put("providerStatus", s.providerStatus());
    node.put("merchantReference", s.merchantReference());
    node.put("currency", s.amount().currency().getCurrencyCode());
    node.put("amount", amount(s.amount()));
    node.put("captured", amount(s.captured()));
    node.put("refunded", amount(s.refunded()));
    node.put("voided", amount(s.voided()));
    node.put("providerPaymentId", s.providerPaymentId());
    node.put("providerRequestId", s.providerRequestId());
    node.put("fetchedAt", Instant.now().toString());
    return node;
  }
}
