package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.provider.support.JsonHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a cart to Hokodo order items. Pure: no I/O, no clock, thread-safe.
 *
 * <p>Hokodo's order guide (seed 001, "The 5 unbreakable rules of Order Items") states five rules
 * for items, and this mapper guarantees all of them for every cart it accepts:
 * <ol>
 *   <li>amounts include tax (cart lines already do);
 *   <li>for each item {@code total_amount = quantity × unit_price} exactly;
 *   <li>discounts are items with negative totals;
 *   <li>shipping is an item;
 *   <li>amounts are minor units with at most 5 decimals. By default the mapper sends integers
 *       ({@code places = 0}): every public Hokodo client does (Hokodo's Magento plugin {@code
 *       Model/RequestBuilder/OrderBuilder.php} sends {@code (int) round(x * 100)} for unit price and
 *       total; the independent {@code inikoo/aurora} client uses {@code floor}), and the guide's own
 *       request examples are integers. Up to 5 decimals ({@code amount-decimals}) stays possible.
 * </ol>
 * The line total the shopper saw is always kept. The unit price is {@code total / quantity}: sent
 * as is when it has at most {@code places} decimals, otherwise the line is split (an integral
 * quantity {@code 3} for {@code 1000} becomes {@code 2 × 333} and {@code 1 × 334}) or, for a
 * fractional quantity, completed by a rounding item. Each split is reported as a rule. (The Magento
 * plugin instead rounds the unit price and lets {@code quantity × unit_price} differ from the total.)
 *
 * <p>Item {@code tax_amount} follows the guide's formula {@code total_amount × tax_rate / 100}
 * (seed 001: "tax_amount = total_amount × tax / 100", example 6000 at 20 % → 1200), although the
 * same guide says amounts include tax; the Magento plugin sends {@code tax_amount: 0, tax_rate:
 * "0"} instead. The seed is the product specification, so its rule is kept. Taxes are rounded to
 * {@code places} decimals by largest remainder: the order's {@code tax_amount} is the exact sum of
 * the items and equals the sum of the exact item taxes rounded half-even once, so no rounding
 * difference accumulates; the order's {@code total_amount} is the exact sum of the item totals.
 */
final class HokodoMapper {
  /** Hokodo accepts amounts in minor units with up to this many decimals (seed 001, rule 5). */
  static final int MAX_DECIMALS = 5;
  /** The default: integer minor units, as every public Hokodo client sends. */
  static final int DEFAULT_PLACES = 0;
  /** Hokodo keeps quantities with three decimals ({@code "1.000"}). */
  static final int MAX_QUANTITY_DECIMALS = 3;
  /** Hokodo's order guide (seed 001) writes {@code tax_rate} with two decimals ({@code "20.00"}). */
  static final int MAX_TAX_RATE_DECIMALS = 2;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private HokodoMapper() {}

  /**
   * One line to map, its amount in minor units.
   *
   * @param lineId the cart line id
   * @param label how rules name the line, such as {@code line 3 (Chair)}
   * @param type Hokodo item type ({@code product}, {@code shipping}, {@code discount}, {@code fee})
   * @param description the text the buyer sees
   * @param reference the SKU, or {@code null}
   * @param supplierId the marketplace vendor's id, or {@code null}
   * @param supplierName the marketplace vendor's name, or {@code null}
   * @param quantity positive, at most 3 decimals
   * @param total line total in minor units, tax included, at most 5 decimals
   * @param taxRate percent, at most 2 decimals
   */
  record Source(
      String lineId,
      String label,
      String type,
      String description,
      String reference,
      String supplierId,
      String supplierName,
      BigDecimal quantity,
      BigDecimal total,
      BigDecimal taxRate) {
    Source {
      Objects.requireNonNull(lineId, "lineId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(quantity, "quantity");
      Objects.requireNonNull(total, "total");
      Objects.requireNonNull(taxRate, "taxRate");
      label = label == null ? "line " + lineId : label;
    }
  }

  /**
   * One Hokodo order item; amounts in minor units.
   *
   * @param itemId unique within the order: the line id, then {@code <line id>~2} for the second
   *     part of a split line and {@code <line id>~rounding} for a rounding item
   * @param lineId the cart line it comes from
   */
  record Item(
      String itemId,
      String lineId,
      String type,
      String description,
      String reference,
      String supplierId,
      String supplierName,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal taxRate,
      BigDecimal totalAmount,
      BigDecimal taxAmount) {}

  /**
   * The mapped order amounts.
   *
   * @param items in cart order, split parts next to each other
   * @param totalAmount the exact sum of the items' totals
   * @param taxAmount the exact sum of the items' taxes
   * @param rules every adjustment made, in plain words
   */
  record Mapping(List<Item> items, BigDecimal totalAmount, BigDecimal taxAmount, List<String> rules) {
    Mapping {
      items = List.copyOf(items);
      rules = List.copyOf(rules);
    }
  }

  /**
   * Maps a cart.
   *
   * @throws InvalidRequestException naming the first line Hokodo cannot take
   */
  static Mapping map(Cart cart) throws InvalidRequestException {
    return map(cart, DEFAULT_PLACES);
  }

  /**
   * Maps a cart with amounts of at most {@code places} decimals in minor units.
   *
   * @param places 0 (integers, the default) to {@value #MAX_DECIMALS}
   * @throws InvalidRequestException naming the first line Hokodo cannot take
   */
  static Mapping map(Cart cart, int places) throws InvalidRequestException {
    int decimals = Money.decimals(cart.currency());
    List<Source> sources = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int position = 0;
    for (CartLine line : cart.lines()) {
      position++;
      String label = "line " + position + " (" + line.name() + ")";
      BigDecimal quantity = line.quantity().stripTrailingZeros();
      if (Math.max(0, quantity.scale()) > MAX_QUANTITY_DECIMALS) {
        throw new InvalidRequestException("cart.lines[" + line.lineId() + "].quantity: " + label + " has quantity "
            + quantity.toPlainString() + "; Hokodo keeps at most " + MAX_QUANTITY_DECIMALS + " decimals");
      }
      if (Math.max(0, line.taxRate().stripTrailingZeros().scale()) > MAX_TAX_RATE_DECIMALS) {
        throw new InvalidRequestException("cart.lines[" + line.lineId() + "].taxRate: " + label + " has tax rate "
            + line.taxRate().toPlainString() + "; Hokodo takes at most " + MAX_TAX_RATE_DECIMALS + " decimals");
      }
      if (line.kind() == LineKind.GIFT_CARD) {
        notes.add(label + ": gift card sent as a discount item");
      }
      sources.add(new Source(line.lineId(), label, type(line.kind()), line.name(),
          line.sku().isEmpty() ? null : line.sku(), line.supplierId(), line.supplierName(),
          quantity, line.total().amount().movePointRight(decimals), line.taxRate()));
    }
    Mapping mapping = mapSources(sources, places);
    List<String> rules = new ArrayList<>();
    rules.add("amounts are minor units of " + cart.currency().getCurrencyCode()
        + (places == 0 ? " (integers)" : " with at most " + places + " decimals")
        + " with tax included; discounts are items with negative totals, shipping is an item");
    rules.add("item tax_amount = total_amount × tax_rate / 100 (Hokodo's order guide), rounded by largest"
        + " remainder; the order's total_amount and tax_amount are the exact sums of the items");
    rules.addAll(notes);
    rules.addAll(mapping.rules());
    return new Mapping(mapping.items(), mapping.totalAmount(), mapping.taxAmount(), rules);
  }

  /**
   * Maps lines given directly in minor units (which may carry decimals).
   *
   * @throws IllegalArgumentException when a line cannot be expressed within 5 decimals
   */
  static Mapping mapSources(List<Source> sources) {
    return mapSources(sources, DEFAULT_PLACES);
  }

  /** {@link #mapSources(List)} with amounts of at most {@code places} decimals. */
  static Mapping mapSources(List<Source> sources, int places) {
    if (places < 0 || places > MAX_DECIMALS) {
      throw new IllegalArgumentException("places must be 0 to " + MAX_DECIMALS);
    }
    List<Item> exact = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Source source : sources) {
      for (Item item : mapLine(source, ids, rules, places)) {
        exact.add(item);
        total = total.add(item.totalAmount());
      }
    }
    List<Item> items = roundTaxes(exact, places, rules);
    BigDecimal tax = BigDecimal.ZERO;
    for (Item item : items) {
      tax = tax.add(item.taxAmount());
    }
    return new Mapping(items, total, tax, rules);
  }

  /**
   * Rounds the exact item taxes to {@code places} decimals so that their sum is the exact total
   * tax rounded half-even: each is rounded down, then the units left over go one by one to the
   * items with the largest remainders (ties to the earlier item).
   */
  private static List<Item> roundTaxes(List<Item> exact, int places, List<String> rules) {
    BigDecimal exactSum = BigDecimal.ZERO;
    for (Item item : exact) {
      exactSum = exactSum.add(item.taxAmount());
    }
    BigDecimal target = exactSum.setScale(places, RoundingMode.HALF_EVEN);
    BigDecimal[] rounded = new BigDecimal[exact.size()];
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < rounded.length; i++) {
      rounded[i] = exact.get(i).taxAmount().setScale(places, RoundingMode.FLOOR);
      sum = sum.add(rounded[i]);
    }
    BigDecimal unit = BigDecimal.ONE.movePointLeft(places);
    long left = target.subtract(sum).divide(unit).longValueExact();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rounded.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> exact.get(b).taxAmount().subtract(rounded[b])
        .compareTo(exact.get(a).taxAmount().subtract(rounded[a])));
    for (int n = 0; n < left && n < order.size(); n++) {
      int i = order.get(n);
      rounded[i] = rounded[i].add(unit);
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < rounded.length; i++) {
      Item e = exact.get(i);
      if (rounded[i].compareTo(e.taxAmount()) != 0) {
        rules.add("tax " + plain(e.taxAmount()) + " of item " + e.itemId() + " rounded to " + plain(rounded[i]));
      }
      items.add(new Item(e.itemId(), e.lineId(), e.type(), e.description(), e.reference(), e.supplierId(),
          e.supplierName(), e.quantity(), e.unitPrice(), e.taxRate(), e.totalAmount(), normal(rounded[i])));
    }
    return items;
  }

  private static List<Item> mapLine(Source s, Set<String> ids, List<String> rules, int places) {
    BigDecimal q = s.quantity().stripTrailingZeros();
    BigDecimal t = s.total();
    if (q.signum() <= 0) {
      throw new IllegalArgumentException(s.label() + ": quantity must be positive");
    }
    requireDecimals(t, s.label() + " total", places);
    BigDecimal exact = exactQuotient(t, q, places);
    if (exact != null) {
      if (decimals(exact) > decimals(t)) {
        rules.add(s.label() + ": unit price " + plain(exact) + " (" + plain(t) + " / " + plain(q)
            + ") sent with decimals so that quantity × unit price is exact");
      }
      return List.of(item(s, unique(s.lineId(), ids), q, exact, places));
    }
    int k = decimals(t);
    BigDecimal step = BigDecimal.ONE.movePointLeft(k);
    if (t.signum() < 0) {
      step = step.negate();
    }
    // Truncating towards zero keeps every part on the sign of the line (a discount stays negative).
    BigDecimal unit = t.divide(q, k, RoundingMode.DOWN);
    if (decimals(q) == 0) {
      BigDecimal count = t.subtract(q.multiply(unit)).divide(step).stripTrailingZeros();
      BigDecimal first = q.subtract(count);
      BigDecimal second = unit.add(step);
      rules.add(s.label() + " split into " + plain(first) + " × " + plain(unit) + " and " + plain(count)
          + " × " + plain(second) + " so that quantity × unit price is exact (line total " + plain(t) + ")");
      return List.of(
          item(s, unique(s.lineId(), ids), first, unit, places),
          item(s, unique(s.lineId() + "~2", ids), count, second, places));
    }
    unit = unitWithExactProduct(q, unit, k, places);
    BigDecimal main = q.multiply(unit);
    BigDecimal rest = t.subtract(main);
    requireDecimals(main, s.label() + " total", places);
    requireDecimals(rest, s.label() + " rounding", places);
    rules.add(s.label() + ": " + plain(q) + " × " + plain(unit) + " = " + plain(main) + " plus a rounding item of "
        + plain(rest) + " so that quantity × unit price is exact and the line total " + plain(t) + " is kept");
    Source rounding = new Source(s.lineId(), s.label(), s.type(), s.description() + " (rounding)", s.reference(),
        s.supplierId(), s.supplierName(), BigDecimal.ONE, rest, s.taxRate());
    return List.of(
        item(s, unique(s.lineId(), ids), q, unit, places),
        item(rounding, unique(s.lineId() + "~rounding", ids), BigDecimal.ONE, rest, places));
  }

  /**
   * The largest unit price (towards zero) not beyond {@code unit}, with {@code k} decimals, whose
   * product with the fractional quantity {@code q} has at most {@code places} decimals: with
   * {@code q = Q / 10^s} and {@code unit = U / 10^k}, {@code Q × U} must be a multiple of
   * {@code D = 10^(s + k - places)}, so {@code U} is a multiple of {@code D / gcd(Q, D)}.
   */
  private static BigDecimal unitWithExactProduct(BigDecimal q, BigDecimal unit, int k, int places) {
    int s = decimals(q);
    int exponent = s + k - places;
    if (exponent <= 0) {
      return unit;
    }
    java.math.BigInteger d = java.math.BigInteger.TEN.pow(exponent);
    java.math.BigInteger stepU = d.divide(q.movePointRight(s).toBigIntegerExact().abs().gcd(d));
    java.math.BigInteger u = unit.movePointRight(k).toBigIntegerExact();
    java.math.BigInteger truncated = u.divide(stepU).multiply(stepU); // towards zero, keeps the sign
    return new BigDecimal(truncated, k);
  }

  /** An item with its exact (not yet rounded) tax; {@link #roundTaxes} rounds it. */
  private static Item item(Source s, String itemId, BigDecimal quantity, BigDecimal unitPrice, int places) {
    BigDecimal total = quantity.multiply(unitPrice);
    requireDecimals(unitPrice, s.label() + " unit price", places);
    requireDecimals(total, s.label() + " total", places);
    BigDecimal exactTax = total.multiply(s.taxRate()).divide(HUNDRED);
    return new Item(itemId, s.lineId(), s.type(), s.description(), s.reference(), s.supplierId(), s.supplierName(),
        quantity, normal(unitPrice), s.taxRate(), normal(total), exactTax);
  }

  /** {@code t / q} when it terminates within {@code places} decimals, else {@code null}. */
  private static BigDecimal exactQuotient(BigDecimal t, BigDecimal q, int places) {
    try {
      BigDecimal quotient = t.divide(q).stripTrailingZeros();
      return decimals(quotient) <= places ? quotient : null;
    } catch (ArithmeticException nonTerminating) {
      return null;
    }
  }

  private static String unique(String wanted, Set<String> ids) {
    String id = wanted;
    for (int n = 2; !ids.add(id); n++) {
      id = wanted + "~" + n;
    }
    return id;
  }

  private static void requireDecimals(BigDecimal value, String what, int places) {
    if (decimals(value) > places) {
      throw new IllegalArgumentException(what + " " + plain(value) + " needs more than " + places
          + " decimals in minor units");
    }
  }

  static String type(LineKind kind) {
    return switch (kind) {
      case PRODUCT -> "product";
      case SHIPPING -> "shipping";
      case DISCOUNT, GIFT_CARD -> "discount";
      case FEE -> "fee";
    };
  }

  /** Decimals after stripping trailing zeros, never negative. */
  static int decimals(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  private static BigDecimal normal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static String plain(BigDecimal value) {
    return normal(value).toPlainString();
  }

  /** An amount as Hokodo wants it: an integer where exact, else a decimal number. */
  static JsonNode number(BigDecimal value) {
    BigDecimal v = normal(value);
    if (v.scale() == 0) {
      return v.unscaledValue().bitLength() < 63 ? LongNode.valueOf(v.longValueExact()) : BigIntegerNode.valueOf(v.toBigIntegerExact());
    }
    return DecimalNode.valueOf(v);
  }

  /** {@code "5.00"}, {@code "1.50"}, {@code "1.125"}: at least two decimals, like Hokodo's guide. */
  static String quantity(BigDecimal quantity) {
    BigDecimal q = normal(quantity);
    return (q.scale() < 2 ? q.setScale(2) : q).toPlainString();
  }

  /** {@code "20.00"}. */
  static String taxRate(BigDecimal rate) {
    return rate.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  static ArrayNode itemsJson(Mapping mapping) {
    ArrayNode array = JsonHttp.MAPPER.createArrayNode();
    for (Item item : mapping.items()) {
      array.add(itemJson(item));
    }
    return array;
  }

  static ObjectNode itemJson(Item item) {
    ObjectNode json = JsonHttp.object();
    json.put("item_id", item.itemId());
    json.put("type", item.type());
    json.put("description", item.description());
    putIfPresent(json, "reference", item.reference());
    putIfPresent(json, "supplier_id", item.supplierId());
    putIfPresent(json, "supplier_name", item.supplierName());
    json.put("quantity", quantity(item.quantity()));
    json.set("unit_price", number(item.unitPrice()));
    json.put("tax_rate", taxRate(item.taxRate()));
    json.set("total_amount", number(item.totalAmount()));
    json.set("tax_amount", number(item.taxAmount()));
    json.putObject("metadata").put("line_id", item.lineId());
    return json;
  }

  private static void putIfPresent(ObjectNode json, String field, String value) {
    if (value != null && !value.isBlank()) {
      json.put(field, value);
    }
  }
}
