package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a cart to Kibo order items. Pure: no I/O, no clock, safe from any thread.
 *
 * <p>Rules:
 * <ul>
 *   <li>Amounts are in major units with exactly the currency's ISO 4217 decimals (JPY {@code 5},
 *       USD {@code 2.00}, KWD {@code 1.250}); tax is included.
 *   <li>Every cart line becomes an order item, with its kind as {@code itemType}: shipping, fees,
 *       discounts and gift cards are items of their own (discounts and gift cards negative), so the
 *       items always add up to the authorised amount.
 *   <li>Quantities are whole numbers and {@code quantity × unitPrice = totalPrice} exactly. A line
 *       whose total does not divide by its quantity is split into two items whose unit prices
 *       differ by one minor unit; a fractional quantity is sent as 1 × the line total.
 * </ul>
 */
final class KiboMapper {

  /**
   * The currencies accepted in the {@code currency} field. Kibo documents the field as an ISO 4217
   * enum without publishing the list; these are the widely traded currencies with a minor unit.
   */
  static final Set<String> CURRENCIES = Set.of(
      "AED", "ARS", "AUD", "BGN", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK",
      "EGP", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "JOD", "JPY", "KES", "KRW",
      "KWD", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "QAR", "RON",
      "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "USD", "VND", "ZAR");

  /** The ship-from of lines without a supplier: the shop itself. */
  static final String SHOP = "(the shop)";

  private KiboMapper() {}

  /**
   * One order item.
   *
   * @param externalLineID the cart line id; the second part of a split line gets a suffix
   * @param itemType the cart line's kind: PRODUCT, SHIPPING, DISCOUNT, FEE or GIFT_CARD
   * @param sku the storefront's article number, possibly empty
   * @param name what the shopper saw
   * @param quantity whole units, at least 1
   * @param unitPrice price of one unit, tax included, major units
   * @param totalPrice {@code quantity × unitPrice}, exactly
   * @param taxRate percent
   * @param supplierID the marketplace vendor, or {@code null}
   */
  record OrderItem(
      String externalLineID,
      String itemType,
      String sku,
      String name,
      BigInteger quantity,
      BigDecimal unitPrice,
      BigDecimal totalPrice,
      BigDecimal taxRate,
      String supplierID) {}

  /**
   * The result of mapping a cart.
   *
   * @param currency the cart's currency
   * @param amount the amount to authorise, major units, exactly the cart total
   * @param items the order items; their totals add up to {@code amount}
   * @param rules every adjustment made, in plain words
   */
  record Mapping(Currency currency, BigDecimal amount, List<OrderItem> items, List<String> rules) {
    Mapping {
      items = List.copyOf(items);
      rules = List.copyOf(rules);
    }
  }

  /** Money in Kibo's unit: major units with exactly the currency's decimals. */
  static BigDecimal major(Money money) {
    return money.amount().setScale(Money.decimals(money.currency()));
  }

  /**
   * Where the cart's lines ship from: product lines without a supplier ship from the shop; other
   * lines count only when they name a supplier. More than one entry means more than one order.
   */
  static Set<String> shipFroms(Cart cart) {
    Set<String> sources = new LinkedHashSet<>();
    for (CartLine line : cart.lines()) {
      if (line.supplierId() != null && !line.supplierId().isBlank()) {
        sources.add(line.supplierId());
      } else if (line.kind() == LineKind.PRODUCT) {
        sources.add(SHOP);
      }
    }
    return sources;
  }

  static Mapping map(Cart cart) {
    Objects.requireNonNull(cart, "cart");
    Currency currency = cart.currency();
    int decimals = Money.decimals(currency);
    Set<String> usedIds = new HashSet<>();
    for (CartLine line : cart.lines()) {
      usedIds.add(line.lineId());
    }
    List<OrderItem> items = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    for (CartLine line : cart.lines()) {
      BigDecimal total = major(line.total());
      BigInteger quantity = wholeQuantity(line.quantity());
      if (quantity == null) {
        items.add(item(line, line.lineId(), BigInteger.ONE, total, total));
        rules.add("line " + line.lineId() + ": quantity " + line.quantity().stripTrailingZeros().toPlainString()
            + " sent as 1 × " + total.toPlainString()
            + " because Kibo order items take whole quantities");
        continue;
      }
      BigInteger minor = total.unscaledValue();
      BigInteger[] division = minor.abs().divideAndRemainder(quantity);
      BigInteger base = minor.signum() < 0 ? division[0].negate() : division[0];
      BigDecimal unit = new BigDecimal(base, decimals);
      if (division[1].signum() == 0) {
        items.add(item(line, line.lineId(), quantity, unit, total));
        if (unit.compareTo(major(line.unitPrice())) != 0) {
          rules.add("line " + line.lineId() + ": unit price sent as " + unit.toPlainString() + " instead of "
              + major(line.unitPrice()).toPlainString() + " so that " + quantity + " × unit price equals the line total "
              + total.toPlainString());
        }
        continue;
      }
      // Split: (q − r) units at the base price and r units one minor unit further from zero.
      BigInteger larger = division[1];
      BigInteger smaller = quantity.subtract(larger);
      BigDecimal step = new BigDecimal(BigInteger.valueOf(minor.signum()), decimals);
      BigDecimal otherUnit = unit.add(step);
      String secondId = uniqueId(line.lineId() + "#2", usedIds);
      items.add(item(line, line.lineId(), smaller, unit, unit.multiply(new BigDecimal(smaller))));
      items.add(item(line, secondId, larger, otherUnit, otherUnit.multiply(new BigDecimal(larger))));
      rules.add("line " + line.lineId() + " split into " + smaller + " × " + unit.toPlainString() + " and "
          + larger + " × " + otherUnit.toPlainString() + " (item " + secondId
          + ") so that quantity × unit price is exact and the items add up to the line total "
          + total.toPlainString());
    }
    return new Mapping(currency, major(cart.total()), items, rules);
  }

  private static OrderItem item(CartLine line, String id, BigInteger quantity, BigDecimal unit, BigDecimal total) {
    return new OrderItem(id, line.kind().name(), line.sku(), line.name(), quantity, unit, total,
        line.taxRate().stripTrailingZeros().scale() < 0 ? line.taxRate().setScale(0) : line.taxRate().stripTrailingZeros(),
        line.supplierId());
  }

  /** The quantity as a whole number, or {@code null} when it has a fraction. */
  private static BigInteger wholeQuantity(BigDecimal quantity) {
    BigDecimal stripped = quantity.stripTrailingZeros();
    if (stripped.scale() > 0) {
      return null;
    }
    return stripped.toBigIntegerExact();
  }

  private static String uniqueId(String candidate, Set<String> used) {
    String id = candidate;
    while (!used.add(id)) {
      id = id + "#";
    }
    return id;
  }
}
