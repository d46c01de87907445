package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import io.checkoutbridge.provider.support.JsonHttp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which Dintero items an amount touches: a payment's mapping, an event's items, amounts spread in
 * proportion, and the per-item totals kept in the payment's refs. Pure; thread-safe.
 */
final class DinteroItems {
  private static final System.Logger LOG = System.getLogger(DinteroItems.class.getName());

  private DinteroItems() {}

  /** The mapping of the payment's cart: the same items, line ids and discount shares as at start. */
  static Mapping mappingOf(ProviderPayment payment) throws InvalidRequestException {
    try {
      return DinteroMapper.map(new Cart(payment.total().currency(), payment.lines()));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("the payment's lines do not form a cart: " + e.getMessage());
    }
  }

  /** The items a void released: the event's own, else its amount spread over the order. */
  static List<OperationItem> remainderOf(Mapping mapping, JsonNode event) {
    long amount = event.path("amount").canConvertToLong() ? event.path("amount").asLong() : -1;
    if (amount < 0) {
      return DinteroRequests.wholeOrder(mapping);
    }
    return itemsOf(mapping, new DinteroTransaction.Event("VOID", "", amount, event.path("items"), ""));
  }

  /** The items of an event: its own when they name our lines, else its amount spread over the order. */
  static List<OperationItem> itemsOf(Mapping mapping, DinteroTransaction.Event event) {
    List<OperationItem> items = new ArrayList<>();
    long sum = 0;
    for (JsonNode item : event.items()) {
      DinteroMapper.Item mapped = mapping.item(item.path("line_id").asText(""));
      if (mapped == null || !item.path("amount").canConvertToLong()) {
        items.clear();
        sum = -1;
        break;
      }
      long amount = item.path("amount").asLong();
      sum += amount;
      BigDecimal quantity = item.path("quantity").isNumber() ? item.path("quantity").decimalValue() : BigDecimal.ZERO;
      items.add(new OperationItem(mapped.lineId(), mapped.orderLineId(), amount, quantity));
    }
    if (!items.isEmpty() && sum == event.amount()) {
      return items;
    }
    return proportional(mapping, event.amount());
  }

  /** {@code amount} spread over the positive items in proportion to their amounts. */
  static List<OperationItem> proportional(Mapping mapping, long amount) {
    return proportional(mapping, amount, null);
  }

  /**
   * {@code amount} spread over the positive items in proportion to what is open on them (their
   * whole amounts when nothing is known to be open).
   */
  static List<OperationItem> proportional(Mapping mapping, long amount, Map<String, Long> open) {
    List<DinteroMapper.Item> positive = mapping.items().stream().filter(i -> i.amount() > 0).toList();
    long[] weights = positive.stream()
        .mapToLong(i -> open == null ? i.amount() : Math.max(0, open.getOrDefault(i.lineId(), i.amount())))
        .toArray();
    if (Arrays.stream(weights).sum() == 0) {
      weights = positive.stream().mapToLong(DinteroMapper.Item::amount).toArray();
    }
    long[] parts = weights.length == 0 || Arrays.stream(weights).sum() == 0
        ? new long[weights.length] : DinteroMapper.allocate(amount, weights);
    List<OperationItem> items = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != 0) {
        DinteroMapper.Item item = positive.get(i);
        items.add(new OperationItem(item.lineId(), item.orderLineId(), parts[i], BigDecimal.ZERO));
      }
    }
    return items;
  }

  /** Captured and refunded amounts per item, summed from the transaction's events (the truth). */
  static Map<String, String> itemTotalsFromEvents(ProviderPayment payment, DinteroTransaction transaction) {
    Mapping mapping;
    try {
      mapping = mappingOf(payment);
    } catch (InvalidRequestException e) {
      return Map.of();
    }
    Map<String, Long> captured = new LinkedHashMap<>();
    Map<String, Long> refunded = new LinkedHashMap<>();
    for (DinteroTransaction.Event event : transaction.events()) {
      Map<String, Long> target = switch (event.event()) {
        case "CAPTURE" -> captured;
        case "REFUND" -> refunded;
        default -> null;
      };
      if (target != null) {
        for (OperationItem item : itemsOf(mapping, event)) {
          target.merge(item.lineId(), item.amount(), Long::sum);
        }
      }
    }
    Map<String, String> refs = new LinkedHashMap<>();
    if (!captured.isEmpty()) {
      refs.put(DinteroProvider.REF_ITEMS_CAPTURED, itemTotalsJson(captured));
    }
    if (!refunded.isEmpty()) {
      refs.put(DinteroProvider.REF_ITEMS_REFUNDED, itemTotalsJson(refunded));
    }
    return refs;
  }

  static Map<String, Long> itemTotals(ProviderPayment payment, String key) {
    Map<String, Long> totals = new LinkedHashMap<>();
    payment.ref(key).ifPresent(text -> {
      try {
        JsonHttp.MAPPER.readTree(text).properties().forEach(e -> {
          if (e.getValue().canConvertToLong()) {
            totals.put(e.getKey(), e.getValue().asLong());
          }
        });
      } catch (java.io.IOException e) {
        LOG.log(System.Logger.Level.WARNING, "ignoring the unreadable " + key + " ref of payment "
            + payment.paymentId());
      }
    });
    return totals;
  }

  static String itemTotalsJson(Map<String, Long> totals) {
    ObjectNode json = JsonHttp.object();
    totals.forEach(json::put);
    return json.toString();
  }

}
