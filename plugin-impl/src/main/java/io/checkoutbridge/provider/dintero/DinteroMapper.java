package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.money.Allocation;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a cart to Dintero order items, and an operation's line allocation to Dintero capture or
 * refund items. Pure: no I/O, no clock, deterministic for a given cart (the same cart always gives
 * the same items, so captures and refunds can rebuild the mapping from the payment's lines).
 *
 * <p>Rules:
 * <ol>
 *   <li>Every cart line except discounts becomes one item whose {@code line_id} is the cart line id
 *       (stable, unique, sent again at capture and refund). The Orders API needs a numeric
 *       {@code line_id}: it is the item's 1-based position.
 *   <li>{@code amount} is the line total including VAT in minor units; {@code vat} is the line's
 *       rate; {@code vat_amount} is {@link CartLine#exactTax()} rounded half-even.
 *   <li>Discount lines are spread over the product lines in proportion to their amounts (largest
 *       remainder, exact to the minor unit); what the products cannot absorb goes to fee and
 *       shipping lines the same way. Dintero documents an item amount as "including discounts"
 *       and documents negative amounts only for gift cards; both official plugins fold discounts
 *       into the lines. A spread line's {@code vat_amount} is recomputed from its new amount.
 *   <li>Gift cards stay their own item of type {@code gift_card} with a negative amount.
 *   <li>Shipping is type {@code shipping}, fees {@code surcharge}; products carry no type (the cart
 *       does not say physical or digital).
 *   <li>The order amount is the exact sum of the items, which is the cart total.
 * </ol>
 */
final class DinteroMapper {

  /** Dintero amounts are 32-bit integers (capture and refund bodies say int32). */
  static final long MAX_AMOUNT = Integer.MAX_VALUE;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private DinteroMapper() {}

  /**
   * One Dintero order item.
   *
   * @param lineId the checkout {@code line_id}: the cart line id
   * @param orderLineId the Orders API {@code line_id}: the 1-based position of the item
   * @param kind the cart line's kind
   * @param id the product id or SKU (the cart line id when the line has no SKU)
   * @param description the text the shopper saw
   * @param quantity the cart line's quantity
   * @param amount minor units including VAT and discounts; negative only for gift cards
   * @param vat the VAT rate in percent
   * @param vatAmount the VAT contained in {@code amount}, minor units
   * @param type Dintero's item type, or {@code null} for products
   */
  record Item(String lineId, int orderLineId, LineKind kind, String id, String description, BigDecimal quantity,
      long amount, BigDecimal vat, long vatAmount, String type) {}

  /**
   * A mapped cart.
   *
   * @param currency the currency
   * @param amount the order amount in minor units, the exact sum of the items
   * @param vatAmount the sum of the items' VAT
   * @param items the items in cart order
   * @param spreads for each discount line id, the minor units each item absorbed (item line id →
   *     positive share), in item order; empty for a zero discount
   * @param rules every adjustment made, in plain words
   */
  record Mapping(Currency currency, long amount, long vatAmount, List<Item> items,
      Map<String, Map<String, Long>> spreads, List<String> rules, Map<String, Integer> positions) {

    Mapping(Currency currency, long amount, long vatAmount, List<Item> items, Map<String, Map<String, Long>> spreads,
        List<String> rules) {
      this(currency, amount, vatAmount, items, spreads, rules, positionsOf(items));
    }

    /** Item positions by line id, built once: lookups stay O(1) for carts of thousands of lines. */
    private static Map<String, Integer> positionsOf(List<Item> items) {
      Map<String, Integer> index = new java.util.HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        index.putIfAbsent(items.get(i).lineId(), i);
      }
      return Collections.unmodifiableMap(index);
    }

    Mapping {
      items = List.copyOf(items);
      Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
      spreads.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
      spreads = Collections.unmodifiableMap(copy);
      rules = List.copyOf(rules);
    }

    /** The item for a cart line id, or {@code null} (discount lines have none). */
    Item item(String lineId) {
      int index = indexOf(lineId);
      return index < 0 ? null : items.get(index);
    }

    int indexOf(String lineId) {
      return positions.getOrDefault(lineId, -1);
    }
  }

  /**
   * An item of a capture or refund.
   *
   * @param lineId the checkout {@code line_id}
   * @param orderLineId the Orders API {@code line_id}
   * @param amount minor units
   * @param quantity the units, or zero for a money-only share
   */
  record OperationItem(String lineId, int orderLineId, long amount, BigDecimal quantity) {}

  /**
   * Maps a cart.
   *
   * @throws InvalidRequestException when the cart cannot be expressed in Dintero's units (an
   *     amount beyond Dintero's 32-bit range)
   */
  static Mapping map(Cart cart) throws InvalidRequestException {
    Currency currency = cart.currency();
    List<String> rules = new ArrayList<>();
    List<CartLine> kept = new ArrayList<>();
    for (CartLine line : cart.lines()) {
      checkRange(line.lineId(), line.total());
      if (line.kind() != LineKind.DISCOUNT) {
        kept.add(line);
      }
    }
    long[] amounts = new long[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      CartLine line = kept.get(i);
      amounts[i] = line.total().toMinor();
      BigDecimal product = line.unitPrice().amount().multiply(line.quantity());
      if (product.compareTo(line.total().amount()) != 0) {
        rules.add("line " + line.lineId() + " keeps its total " + line.total() + " although quantity × unit price is "
            + product.stripTrailingZeros().toPlainString() + " " + currency.getCurrencyCode()
            + ": Dintero items carry only the line amount");
      }
    }

    Map<String, Map<String, Long>> spreads = new LinkedHashMap<>();
    for (CartLine line : cart.lines()) {
      if (line.kind() != LineKind.DISCOUNT) {
        continue;
      }
      long discount = -line.total().toMinor();
      if (discount == 0) {
        rules.add("discount line " + line.lineId() + " is zero and is left out");
        spreads.put(line.lineId(), Map.of());
        continue;
      }
      Map<String, Long> shares = spread(line.lineId(), discount, kept, amounts);
      spreads.put(line.lineId(), shares);
      rules.add(describeSpread(line, shares, currency));
    }

    List<Item> items = new ArrayList<>();
    long total = 0;
    long vatTotal = 0;
    for (int i = 0; i < kept.size(); i++) {
      CartLine line = kept.get(i);
      long amount = amounts[i];
      long vatAmount = amount == line.total().toMinor()
          ? toMinorHalfEven(line.exactTax(), currency)
          : vatOf(amount, line.taxRate());
      items.add(new Item(line.lineId(), i + 1, line.kind(), line.sku().isEmpty() ? line.lineId() : line.sku(),
          line.name(), line.quantity(), amount, line.taxRate(), vatAmount, typeOf(line.kind())));
      total += amount;
      vatTotal += vatAmount;
    }
    if (total != cart.total().toMinor()) {
      throw new IllegalStateException("mapped amount " + total + " differs from the cart total " + cart.total());
    }
    if (total > MAX_AMOUNT) {
      throw new InvalidRequestException("cart total " + cart.total() + " is more than Dintero accepts ("
          + MAX_AMOUNT + " minor units)");
    }
    return new Mapping(currency, total, vatTotal, items, spreads, rules);
  }

  /** {@link #operationItems(Mapping, List, Map)} with every item's whole amount open. */
  static List<OperationItem> operationItems(Mapping mapping, List<LineAmount> lines) throws InvalidRequestException {
    return operationItems(mapping, lines, null);
  }

  /**
   * The items of a capture or refund: each allocated line keeps its own {@code line_id}; a discount
   * line's allocation goes to the items that absorbed it, in the same proportions. When an
   * allocation would push an item below zero or beyond what is still open on it, the surplus moves
   * to the next items that have room, in item order, so the items still sum exactly to the
   * operation and no item is ever moved beyond its amount over several operations (an allocation
   * of a whole gross line whose discount is not captured with it, or rounding of discount shares
   * across partial captures).
   *
   * @param open what each item ({@code line_id}) can still take, same sign as the item; items not
   *     named, or all when {@code null}, are open for their whole amount
   * @throws InvalidRequestException naming a line that is not in the payment, or when the lines
   *     cannot carry the amount
   */
  static List<OperationItem> operationItems(Mapping mapping, List<LineAmount> lines, Map<String, Long> open)
      throws InvalidRequestException {
    int n = mapping.items().size();
    long[] amounts = new long[n];
    BigDecimal[] quantities = new BigDecimal[n];
    java.util.Arrays.fill(quantities, BigDecimal.ZERO);
    long target = 0;
    for (LineAmount line : lines) {
      if (!line.amount().currency().equals(mapping.currency())) {
        throw new InvalidRequestException("line " + line.lineId() + " is in " + line.amount().currency()
            + ", the payment in " + mapping.currency());
      }
      long minor = line.amount().toMinor();
      target += minor;
      int index = mapping.indexOf(line.lineId());
      if (index >= 0) {
        amounts[index] += minor;
        quantities[index] = quantities[index].add(line.quantity());
        continue;
      }
      Map<String, Long> shares = mapping.spreads().get(line.lineId());
      if (shares != null && !shares.isEmpty()) {
        long[] weights = new long[shares.size()];
        int[] targets = new int[shares.size()];
        int k = 0;
        for (Map.Entry<String, Long> share : shares.entrySet()) {
          weights[k] = share.getValue();
          targets[k] = mapping.indexOf(share.getKey());
          k++;
        }
        long[] parts = allocate(minor, weights);
        for (int j = 0; j < parts.length; j++) {
          amounts[targets[j]] += parts[j];
        }
        continue;
      }
      if (minor != 0 || shares == null) {
        throw new InvalidRequestException("line " + line.lineId() + " is not part of this Dintero payment");
      }
    }
    rebalance(mapping, amounts, target, open);
    List<OperationItem> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (amounts[i] != 0 || quantities[i].signum() != 0) {
        Item item = mapping.items().get(i);
        result.add(new OperationItem(item.lineId(), item.orderLineId(), amounts[i], quantities[i]));
      }
    }
    return result;
  }

  /**
   * Splits {@code total} in proportion to {@code weights} (all ≥ 0, not all 0) with the largest
   * remainder method: the parts sum exactly to {@code total}, each differs from its exact share by
   * less than one unit, and ties go to the earlier weight. The sign follows {@code total}.
   */
  static long[] allocate(long total, long[] weights) {
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight " + w);
      }
    }
    if (total == 0 || weights.length == 0) {
      return new long[weights.length];
    }
    return Allocation.proportional(total, weights);
  }

  /** The VAT contained in a tax-inclusive amount, rounded half-even: {@code amount × rate / (100 + rate)}. */
  static long vatOf(long amount, BigDecimal rate) {
    if (rate.signum() == 0) {
      return 0;
    }
    return BigDecimal.valueOf(amount).multiply(rate).divide(rate.add(HUNDRED), 0, RoundingMode.HALF_EVEN)
        .longValueExact();
  }

  private static Map<String, Long> spread(String discountLineId, long discount, List<CartLine> kept, long[] amounts)
      throws InvalidRequestException {
    Map<String, Long> shares = new LinkedHashMap<>();
    long left = discount;
    List<List<LineKind>> tiers = List.of(List.of(LineKind.PRODUCT), List.of(LineKind.FEE, LineKind.SHIPPING));
    for (List<LineKind> tier : tiers) {
      if (left == 0) {
        break;
      }
      List<Integer> candidates = new ArrayList<>();
      long room = 0;
      for (int i = 0; i < kept.size(); i++) {
        if (tier.contains(kept.get(i).kind()) && amounts[i] > 0) {
          candidates.add(i);
          room += amounts[i];
        }
      }
      if (room == 0) {
        continue;
      }
      long take = Math.min(left, room);
      long[] weights = new long[candidates.size()];
      for (int j = 0; j < weights.length; j++) {
        weights[j] = amounts[candidates.get(j)];
      }
      long[] parts = allocate(take, weights);
      for (int j = 0; j < parts.length; j++) {
        int index = candidates.get(j);
        amounts[index] -= parts[j];
        if (parts[j] != 0) {
          shares.merge(kept.get(index).lineId(), parts[j], Long::sum);
        }
      }
      left -= take;
    }
    if (left != 0) {
      throw new InvalidRequestException("discount line " + discountLineId
          + " is larger than the lines it could reduce");
    }
    // Keep the shares in item order, whatever order the tiers visited them in.
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (CartLine line : kept) {
      Long share = shares.get(line.lineId());
      if (share != null) {
        ordered.put(line.lineId(), share);
      }
    }
    return ordered;
  }

  private static void rebalance(Mapping mapping, long[] amounts, long target, Map<String, Long> open)
      throws InvalidRequestException {
    List<Item> items = mapping.items();
    long[] lower = new long[amounts.length];
    long[] upper = new long[amounts.length];
    boolean inside = true;
    for (int i = 0; i < amounts.length; i++) {
      Item item = items.get(i);
      long room = open == null ? item.amount() : open.getOrDefault(item.lineId(), item.amount());
      lower[i] = item.amount() < 0 ? Math.min(0, Math.max(item.amount(), room)) : 0;
      upper[i] = item.amount() < 0 ? 0 : Math.max(0, Math.min(item.amount(), room));
      inside &= amounts[i] >= lower[i] && amounts[i] <= upper[i];
    }
    if (inside) {
      return;
    }
    long sum = 0;
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = Math.max(lower[i], Math.min(upper[i], amounts[i]));
      sum += amounts[i];
    }
    long diff = target - sum;
    for (int i = 0; i < amounts.length && diff != 0; i++) {
      long room = diff > 0 ? upper[i] - amounts[i] : lower[i] - amounts[i];
      long step = diff > 0 ? Math.min(room, diff) : Math.max(room, diff);
      amounts[i] += step;
      diff -= step;
    }
    if (diff != 0) {
      throw new InvalidRequestException("the lines of the operation cannot carry "
          + Money.ofMinor(target, mapping.currency()) + " at Dintero: the items have "
          + Money.ofMinor(target - diff, mapping.currency()) + " open");
    }
  }

  private static String describeSpread(CartLine line, Map<String, Long> shares, Currency currency) {
    StringBuilder text = new StringBuilder("discount line ").append(line.lineId()).append(" (")
        .append(line.total()).append(") spread over ");
    boolean first = true;
    for (Map.Entry<String, Long> share : shares.entrySet()) {
      if (!first) {
        text.append(", ");
      }
      first = false;
      text.append("line ").append(share.getKey()).append(" −")
          .append(Money.ofMinor(share.getValue(), currency).amount().toPlainString());
    }
    return text.append(" in proportion to their amounts: Dintero takes item amounts including discounts")
        .append(" and negative amounts only for gift cards").toString();
  }

  private static String typeOf(LineKind kind) {
    return switch (kind) {
      case SHIPPING -> "shipping";
      case FEE -> "surcharge";
      case GIFT_CARD -> "gift_card";
      case PRODUCT, DISCOUNT -> null;
    };
  }

  private static void checkRange(String lineId, Money amount) throws InvalidRequestException {
    if (amount.toMinorBig().abs().compareTo(BigInteger.valueOf(MAX_AMOUNT)) > 0) {
      throw new InvalidRequestException("line " + lineId + ": " + amount + " is more than Dintero accepts ("
          + MAX_AMOUNT + " minor units)");
    }
  }

  private static long toMinorHalfEven(BigDecimal major, Currency currency) {
    return major.movePointRight(Money.decimals(currency)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }
}
