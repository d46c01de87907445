package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.money.Allocation;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a cart to Kibo's {@code orderItems}: one {@code product} plus {@code itemSpecifics} per
 * product line. Pure: no I/O, no clock, safe from any thread.
 *
 * <p>Kibo carries money on the product items only (the create-order body in public code, see the
 * package documentation): {@code actualPrice} is the unit price without tax, {@code
 * itemTaxOverride} the item's tax (sent with {@code forceItemTaxOverride: true}), and {@code
 * shipping} and {@code shippingTax} the item's share of the delivery. That body adds up exactly:
 * {@code 3 × 1 + 0.60 + 4.13 + 0.82 = 8.55 = authAmount}. So:
 * <ul>
 *   <li>discounts and fees, which Kibo has no item for, are spread over the product lines'
 *       prices; shipping lines are split into net and tax at their own rate and spread over the
 *       product lines as {@code shipping} and {@code shippingTax}. Every spread is {@link
 *       Allocation#proportional} (the split the engine's Allocator makes), weighted by the product
 *       lines' totals, so nothing is lost to rounding;
 *   <li>an item's tax is its discounted total × rate / (100 + rate), rounded half-even to the
 *       minor unit, and its net is the rest, so net + tax is the item's total exactly;
 *   <li>{@code actualPrice × quantity} must equal the net: a net that does not divide by the
 *       quantity is sent as two items whose unit prices differ by one minor unit (the second with
 *       the line id plus {@code #2}), tax and shipping split between them by quantity; a
 *       fractional quantity is sent as 1 × the line;
 *   <li>gift-card lines are not mapped: a gift card is a second payment in Kibo's {@code
 *       orderPayments}, and this adapter authorises one; {@link KiboRequests#validate} refuses
 *       them.
 * </ul>
 * The items then add up to the cart total, which is the authorised amount, to the minor unit.
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

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private KiboMapper() {}

  /**
   * One order item: {@code product} and {@code itemSpecifics}, amounts in major units.
   *
   * @param externalItemID the cart line id; the second part of a split line gets a suffix
   * @param productID the article number, or the line id when the line has none
   * @param partNumber the article number, or the line id when the line has none
   * @param name what the shopper saw
   * @param retailPrice the line's unit price as the shopper saw it, tax included
   * @param quantity whole units, at least 1
   * @param actualPrice the unit price actually charged, without tax, after discounts and fees
   * @param itemTax the item's tax ({@code itemTaxOverride})
   * @param shipping the item's share of the delivery, without tax
   * @param shippingTax the tax on that share
   * @param supplierID the marketplace vendor, or {@code null}
   */
  record OrderItem(
      String externalItemID,
      String productID,
      String partNumber,
      String name,
      BigDecimal retailPrice,
      BigInteger quantity,
      BigDecimal actualPrice,
      BigDecimal itemTax,
      BigDecimal shipping,
      BigDecimal shippingTax,
      String supplierID) {

    /** What this item contributes to the order's total. */
    BigDecimal total() {
      return actualPrice.multiply(new BigDecimal(quantity)).add(itemTax).add(shipping).add(shippingTax);
    }
  }

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

  /**
   * Maps the cart.
   *
   * @throws IllegalArgumentException when the cart cannot be carried by Kibo's items: no product
   *     line, a gift-card line, or discounts larger than a product line's value (say so to the
   *     shopper through {@link KiboRequests#validate}, which calls this first)
   */
  static Mapping map(Cart cart) {
    Objects.requireNonNull(cart, "cart");
    Currency currency = cart.currency();
    int decimals = Money.decimals(currency);
    List<CartLine> products = new ArrayList<>();
    long adjustments = 0;
    long shippingNet = 0;
    long shippingTax = 0;
    List<String> rules = new ArrayList<>();
    for (CartLine line : cart.lines()) {
      switch (line.kind()) {
        case PRODUCT -> products.add(line);
        case DISCOUNT, FEE -> {
          adjustments = Math.addExact(adjustments, line.total().toMinor());
          rules.add((line.kind() == LineKind.DISCOUNT ? "discount " : "fee ") + line.lineId() + " ("
              + major(line.total()).toPlainString() + ") is spread over the product items' actualPrice and"
              + " itemTaxOverride: Kibo's order items have no discount or fee item");
        }
        case SHIPPING -> {
          long gross = line.total().toMinor();
          long tax = taxOf(gross, line.taxRate());
          shippingNet = Math.addExact(shippingNet, gross - tax);
          shippingTax = Math.addExact(shippingTax, tax);
          rules.add("shipping " + line.lineId() + " (" + major(line.total()).toPlainString() + ") is carried as the"
              + " product items' shipping and shippingTax, as Kibo carries shipping per item");
        }
        case GIFT_CARD -> throw new IllegalArgumentException("orderItems: gift card line " + line.lineId()
            + " would be a second payment in orderPayments; Kibo checkouts here authorise one payment: take the"
            + " gift card off the cart or pay with another provider");
      }
    }
    if (products.isEmpty()) {
      throw new IllegalArgumentException("orderItems: the cart has no product line, and Kibo orders are made of"
          + " products (shipping, discounts and fees are carried on them)");
    }
    long[] weights = new long[products.size()];
    long weightSum = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = products.get(i).total().toMinor();
      weightSum += weights[i];
    }
    if (weightSum <= 0) {
      java.util.Arrays.fill(weights, 1);
    }
    long[] adjustShares = Allocation.proportional(adjustments, weights);
    long[] shipShares = Allocation.proportional(shippingNet, weights);
    long[] shipTaxShares = Allocation.proportional(shippingTax, weights);

    Set<String> usedIds = new HashSet<>();
    for (CartLine line : cart.lines()) {
      usedIds.add(line.lineId());
    }
    List<OrderItem> items = new ArrayList<>();
    for (int i = 0; i < products.size(); i++) {
      CartLine line = products.get(i);
      long gross = line.total().toMinor() + adjustShares[i];
      if (gross < 0) {
        throw new IllegalArgumentException("orderItems: the discounts are larger than product line " + line.lineId()
            + " (" + major(line.total()).toPlainString() + "), and Kibo items cannot have a negative price");
      }
      long tax = taxOf(gross, line.taxRate());
      long net = gross - tax;
      BigInteger quantity = wholeQuantity(line.quantity());
      String productId = line.sku().isBlank() ? line.lineId() : line.sku();
      BigDecimal retail = major(line.unitPrice());
      if (quantity == null) {
        items.add(new OrderItem(line.lineId(), productId, productId, line.name(), major(line.total()), BigInteger.ONE,
            minor(net, decimals), minor(tax, decimals), minor(shipShares[i], decimals),
            minor(shipTaxShares[i], decimals), line.supplierId()));
        rules.add("line " + line.lineId() + ": quantity " + line.quantity().stripTrailingZeros().toPlainString()
            + " sent as 1 × the line because Kibo order items take whole quantities");
        continue;
      }
      BigInteger[] division = BigInteger.valueOf(net).divideAndRemainder(quantity);
      long base = division[0].longValueExact();
      if (division[1].signum() == 0) {
        items.add(new OrderItem(line.lineId(), productId, productId, line.name(), retail, quantity,
            minor(base, decimals), minor(tax, decimals), minor(shipShares[i], decimals),
            minor(shipTaxShares[i], decimals), line.supplierId()));
        continue;
      }
      // (q − r) units at the base price and r units one minor unit dearer: q × price is exact.
      long larger = division[1].longValueExact();
      long smaller = quantity.longValueExact() - larger;
      long[] byQuantity = {smaller, larger};
      long[] taxes = Allocation.proportional(tax, byQuantity);
      long[] ships = Allocation.proportional(shipShares[i], byQuantity);
      long[] shipTaxes = Allocation.proportional(shipTaxShares[i], byQuantity);
      String secondId = uniqueId(line.lineId() + "#2", usedIds);
      items.add(new OrderItem(line.lineId(), productId, productId, line.name(), retail, BigInteger.valueOf(smaller),
          minor(base, decimals), minor(taxes[0], decimals), minor(ships[0], decimals), minor(shipTaxes[0], decimals),
          line.supplierId()));
      items.add(new OrderItem(secondId, productId, productId, line.name(), retail, BigInteger.valueOf(larger),
          minor(base + 1, decimals), minor(taxes[1], decimals), minor(ships[1], decimals),
          minor(shipTaxes[1], decimals), line.supplierId()));
      rules.add("line " + line.lineId() + " split into " + smaller + " × " + minor(base, decimals).toPlainString()
          + " and " + larger + " × " + minor(base + 1, decimals).toPlainString() + " (item " + secondId
          + ") so that quantity × actualPrice is exact");
    }
    BigDecimal amount = major(cart.total());
    BigDecimal sum = items.stream().map(OrderItem::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sum.compareTo(amount) != 0) {
      throw new IllegalStateException("order items add up to " + sum + " instead of the cart total " + amount);
    }
    return new Mapping(currency, amount, items, rules);
  }

  /** The tax within a tax-inclusive amount of minor units: amount × rate / (100 + rate), half-even. */
  static long taxOf(long gross, BigDecimal ratePercent) {
    if (ratePercent.signum() == 0 || gross == 0) {
      return 0;
    }
    return BigDecimal.valueOf(gross).multiply(ratePercent)
        .divide(HUNDRED.add(ratePercent), 0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private static BigDecimal minor(long units, int decimals) {
    return BigDecimal.valueOf(units, decimals);
  }

  /** The quantity as a whole number of at least 1, or {@code null} when it has a fraction. */
  private static BigInteger wholeQuantity(BigDecimal quantity) {
    BigDecimal stripped = quantity.stripTrailingZeros();
    if (stripped.scale() > 0 || stripped.signum() <= 0) {
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
