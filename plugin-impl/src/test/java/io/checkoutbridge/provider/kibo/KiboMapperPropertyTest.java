package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any cart Kibo can carry: the authorised amount has exactly the currency's decimals and
 * equals the cart total, and the items ({@code actualPrice × quantity + itemTaxOverride + shipping
 * + shippingTax}) add up to it exactly, with no negative amount anywhere.
 */
class KiboMapperPropertyTest {

  /** One generated line before it becomes a {@link CartLine}. */
  record LineSeed(LineKind kind, BigDecimal quantity, long unitMinor, long totalOffsetMinor, boolean storefrontRounded) {}

  @Provide
  Arbitrary<Cart> carts() {
    Arbitrary<Currency> currency = Arbitraries.of("USD", "JPY", "KWD", "EUR", "CLP", "BHD", "GBP").map(Money::currency);
    Arbitrary<BigDecimal> wholeQuantity = Arbitraries.integers().between(1, 250).map(BigDecimal::valueOf);
    Arbitrary<BigDecimal> fractionalQuantity = Arbitraries.bigDecimals().between(new BigDecimal("0.001"),
        new BigDecimal("99.999")).ofScale(3);
    Arbitrary<LineSeed> line = Combinators.combine(
        Arbitraries.of(LineKind.PRODUCT, LineKind.PRODUCT, LineKind.PRODUCT, LineKind.SHIPPING, LineKind.FEE,
            LineKind.DISCOUNT),
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, wholeQuantity), net.jqwik.api.Tuple.of(1, fractionalQuantity)),
        Arbitraries.longs().between(0, 5_000_000),
        Arbitraries.longs().between(-500, 500),
        Arbitraries.of(true, false)).as(LineSeed::new);
    return Combinators.combine(currency, line.list().ofMinSize(1).ofMaxSize(12))
        .as(KiboMapperPropertyTest::cart)
        .filter(cart -> cart != null);
  }

  private static Cart cart(Currency currency, List<LineSeed> seeds) {
    List<CartLine> lines = new ArrayList<>();
    int n = 0;
    for (LineSeed seed : seeds) {
      boolean negative = seed.kind().negative();
      Money unit = Money.ofMinor(negative ? -seed.unitMinor() : seed.unitMinor(), currency);
      Money total = unit.times(seed.quantity(), java.math.RoundingMode.HALF_EVEN);
      if (seed.storefrontRounded()) {
        Money shifted = total.plus(Money.ofMinor(seed.totalOffsetMinor(), currency));
        // keep the sign the line kind demands
        total = negative ? (shifted.isPositive() ? total : shifted) : (shifted.isNegative() ? total : shifted);
      }
      lines.add(new CartLine("L" + n++, seed.kind(), "SKU", "Item", seed.quantity(), unit, BigDecimal.TEN, total,
          null, null));
    }
    Money sum = Money.zero(currency);
    for (CartLine l : lines) {
      sum = sum.plus(l.total());
    }
    // Kibo orders are made of products: always one, big enough to carry every discount
    long discounts = lines.stream().filter(l -> l.kind() == LineKind.DISCOUNT).mapToLong(l -> l.total().toMinor()).sum();
    long products = lines.stream().filter(l -> l.kind() == LineKind.PRODUCT).mapToLong(l -> l.total().toMinor()).sum();
    lines.add(CartLine.of("TOPUP", LineKind.PRODUCT, "SKU", "Item", "1",
        Money.ofMinor(Math.max(1, -discounts - products + 1), currency), "20"));
    return new Cart(currency, lines);
  }

  @Property(tries = 500)
  void amountHasTheCurrencysDecimalsAndEqualsTheCartTotal(@ForAll("carts") Cart cart) {
    KiboMapper.Mapping mapping = KiboMapper.map(cart);
    int decimals = Money.decimals(cart.currency());

    assertThat(mapping.amount().scale()).isEqualTo(decimals);
    assertThat(mapping.amount()).isEqualTo(cart.total().amount());
  }

  @Property(tries = 500)
  void orderItemsAddUpExactlyToTheAuthorisedAmount(@ForAll("carts") Cart cart) {
    KiboMapper.Mapping mapping = KiboMapper.map(cart);
    int decimals = Money.decimals(cart.currency());

    BigDecimal sum = BigDecimal.ZERO.setScale(decimals);
    for (KiboMapper.OrderItem item : mapping.items()) {
      assertThat(item.quantity()).isGreaterThanOrEqualTo(BigInteger.ONE);
      for (BigDecimal amount : List.of(item.actualPrice(), item.itemTax(), item.shipping(), item.shippingTax())) {
        assertThat(amount.scale()).isEqualTo(decimals);
        assertThat(amount.signum()).isGreaterThanOrEqualTo(0);
      }
      sum = sum.add(item.actualPrice().multiply(new BigDecimal(item.quantity()))).add(item.itemTax())
          .add(item.shipping()).add(item.shippingTax());
    }
    assertThat(sum).isEqualTo(mapping.amount());
  }

  @Property(tries = 300)
  void everyProductLineIsCarriedAndNothingElseBecomesAnItem(@ForAll("carts") Cart cart) {
    KiboMapper.Mapping mapping = KiboMapper.map(cart);
    Map<String, Long> byLine = mapping.items().stream().collect(Collectors.groupingBy(
        item -> item.externalItemID().replaceAll("#.*", ""), Collectors.counting()));

    for (CartLine line : cart.lines()) {
      if (line.kind() == LineKind.PRODUCT) {
        assertThat(byLine).as("line %s", line.lineId()).containsKey(line.lineId());
      } else {
        assertThat(byLine).doesNotContainKey(line.lineId());
      }
    }
    assertThat(mapping.items().size()).isLessThanOrEqualTo(2 * cart.lines().size());
  }
}
