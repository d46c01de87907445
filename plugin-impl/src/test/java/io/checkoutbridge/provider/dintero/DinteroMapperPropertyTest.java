package io.checkoutbridge.provider.dintero;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.engine.Allocator;
import io.checkoutbridge.provider.dintero.DinteroMapper.Item;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For random carts (fractional quantities, discounts larger than a line, gift cards, 0-, 2- and
 * 3-decimal currencies, mixed VAT rates) the mapped session passes Dintero's checks and sums
 * exactly; operation items built from any allocation the engine could send sum exactly too.
 *
 * <p>Sources of the checks: order {@code amount} = Σ {@code items.amount}, int32
 * ({@code SessionOrderUpdate}); unique {@code line_id}, {@code vat} with at most 2 decimals,
 * {@code type} {@code gift_card} (negative) and {@code shipping} ({@code OrderItem}), all in
 * Dintero.Node.SDK {@code src/generated/payments.d.ts}; a unique numeric {@code line_id} on the
 * draft order: seed 002 "Create order". The {@code vat_amount} = amount · vat / (100 + vat) ± 1
 * tolerance is unverified (payments.d.ts says only "used for display purposes"); the sandbox
 * assumes the same tolerance.
 */
class DinteroMapperPropertyTest {

  private static final List<String> CURRENCIES = List.of("JPY", "NOK", "KWD", "SEK", "EUR");
  private static final List<String> RATES = List.of("0", "6", "8.25", "12", "12.5", "15", "25");

  @Property(tries = 500)
  void mappedSessionSatisfiesDinterosValidation(@ForAll("carts") Cart cart) throws Exception {
    Mapping mapping = DinteroMapper.map(cart);

    long sum = mapping.items().stream().mapToLong(Item::amount).sum();
    assertThat(mapping.amount()).as("order amount = Σ items").isEqualTo(sum);
    assertThat(mapping.amount()).as("exactly the cart total").isEqualTo(cart.total().toMinor());
    assertThat(mapping.vatAmount()).isEqualTo(mapping.items().stream().mapToLong(Item::vatAmount).sum());

    Set<String> lineIds = new HashSet<>();
    Set<Integer> orderLineIds = new HashSet<>();
    for (Item item : mapping.items()) {
      assertThat(lineIds.add(item.lineId())).as("unique line_id " + item.lineId()).isTrue();
      assertThat(orderLineIds.add(item.orderLineId())).as("unique numeric line_id").isTrue();
      assertThat(item.vat()).as("vat present").isNotNull();
      assertThat(item.vat().stripTrailingZeros().scale()).as("vat has at most 2 decimals").isLessThanOrEqualTo(2);
      long expectedVat = BigDecimal.valueOf(item.amount()).multiply(item.vat())
          .divide(item.vat().add(BigDecimal.valueOf(100)), 0, RoundingMode.HALF_EVEN).longValueExact();
      assertThat(item.vatAmount()).as("vat_amount of " + item.lineId()).isBetween(expectedVat - 1, expectedVat + 1);
      if (item.kind() == LineKind.GIFT_CARD) {
        assertThat(item.amount()).isNotPositive();
        assertThat(item.type()).isEqualTo("gift_card");
      } else {
        assertThat(item.amount()).as("only gift cards go negative").isNotNegative();
      }
      assertThat(Math.abs(item.amount())).isLessThanOrEqualTo(DinteroMapper.MAX_AMOUNT);
    }
    for (CartLine line : cart.lines()) {
      if (line.kind() == LineKind.SHIPPING) {
        assertThat(mapping.item(line.lineId()).type()).isEqualTo("shipping");
      }
      if (line.kind() == LineKind.DISCOUNT) {
        assertThat(mapping.item(line.lineId())).isNull();
        long absorbed = mapping.spreads().get(line.lineId()).values().stream().mapToLong(Long::longValue).sum();
        assertThat(absorbed).as("discount " + line.lineId() + " fully spread").isEqualTo(-line.total().toMinor());
      }
    }
  }

  @Property(tries = 300)
  void fullAllocationGivesBackTheMappedItems(@ForAll("carts") Cart cart) throws Exception {
    Mapping mapping = DinteroMapper.map(cart);
    List<LineAmount> all = cart.lines().stream()
        .map(line -> new LineAmount(line.lineId(), line.quantity(), line.total())).toList();

    List<OperationItem> items = DinteroMapper.operationItems(mapping, all);

    for (OperationItem item : items) {
      assertThat(item.amount()).isEqualTo(mapping.item(item.lineId()).amount());
    }
    assertThat(items.stream().mapToLong(OperationItem::amount).sum()).isEqualTo(cart.total().toMinor());
  }

  @Property(tries = 500)
  void partialAllocationSumsExactlyWithinEachItem(@ForAll("carts") Cart cart, @ForAll("fractions") List<Integer> percents)
      throws Exception {
    Mapping mapping = DinteroMapper.map(cart);
    List<LineAmount> lines = new ArrayList<>();
    long target = 0;
    for (int i = 0; i < cart.lines().size(); i++) {
      CartLine line = cart.lines().get(i);
      int percent = percents.get(i % percents.size());
      Money part = Money.of(line.total().amount().multiply(BigDecimal.valueOf(percent))
          .divide(BigDecimal.valueOf(100), line.total().amount().scale(), RoundingMode.DOWN), cart.currency());
      lines.add(new LineAmount(line.lineId(), BigDecimal.ZERO, part));
      target += part.toMinor();
    }
    Assume.that(target > 0 && target <= cart.total().toMinor());

    List<OperationItem> items = DinteroMapper.operationItems(mapping, lines);

    assertThat(items.stream().mapToLong(OperationItem::amount).sum()).isEqualTo(target);
    for (OperationItem item : items) {
      long cap = mapping.item(item.lineId()).amount();
      assertThat(item.amount()).isBetween(Math.min(0, cap), Math.max(0, cap));
    }
  }

  @Property(tries = 300)
  void successiveCapturesNeverOverdrawAnItemAndEndExactly(@ForAll("carts") Cart cart,
      @ForAll("fractions") List<Integer> percents) throws Exception {
    Assume.that(cart.total().isPositive());
    Mapping mapping = DinteroMapper.map(cart);
    long total = cart.total().toMinor();
    long[] lineOpen = cart.lines().stream().mapToLong(l -> l.total().toMinor()).toArray();
    java.util.Map<String, Long> itemOpen = new java.util.LinkedHashMap<>();
    mapping.items().forEach(item -> itemOpen.put(item.lineId(), item.amount()));
    long left = total;
    for (int step = 0; step <= percents.size() && left > 0; step++) {
      long amount = step == percents.size() ? left : Math.min(left, Math.max(1, total * percents.get(step) / 100));
      // what the engine sends: its own allocator spreads the amount over what is open per cart line
      long[] shares = Allocator.allocate(amount, lineOpen);
      List<LineAmount> lines = new ArrayList<>();
      for (int i = 0; i < shares.length; i++) {
        if (shares[i] != 0) {
          lines.add(new LineAmount(cart.lines().get(i).lineId(), BigDecimal.ZERO,
              Money.ofMinor(shares[i], cart.currency())));
          lineOpen[i] -= shares[i];
        }
      }

      List<OperationItem> items = DinteroMapper.operationItems(mapping, lines, itemOpen);

      assertThat(items.stream().mapToLong(OperationItem::amount).sum()).isEqualTo(amount);
      for (OperationItem item : items) {
        long open = itemOpen.get(item.lineId());
        assertThat(item.amount()).as("item " + item.lineId() + " within what is open")
            .isBetween(Math.min(0, open), Math.max(0, open));
        itemOpen.put(item.lineId(), open - item.amount());
      }
      left -= amount;
    }
    assertThat(itemOpen.values()).as("everything captured in the end").allMatch(v -> v == 0);
  }

  @Provide
  Arbitrary<List<Integer>> fractions() {
    return Arbitraries.integers().between(0, 100).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Cart> carts() {
    Arbitrary<String> currency = Arbitraries.of(CURRENCIES);
    return currency.flatMap(code -> {
      Currency cur = Money.currency(code);
      Arbitrary<List<CartLine>> products = product(cur).list().ofMinSize(1).ofMaxSize(5);
      Arbitrary<Integer> shippingMinor = Arbitraries.integers().between(-1, 20_000);
      Arbitrary<Integer> feeMinor = Arbitraries.integers().between(-1, 5_000);
      Arbitrary<Integer> discountPercent = Arbitraries.integers().between(0, 100);
      Arbitrary<Integer> discountCount = Arbitraries.integers().between(0, 2);
      Arbitrary<Integer> giftPercent = Arbitraries.integers().between(0, 100);
      Arbitrary<String> rate = Arbitraries.of(RATES);
      return Combinators.combine(products, shippingMinor, feeMinor, discountPercent, discountCount, giftPercent, rate)
          .as((lines, ship, fee, dPct, dCount, gPct, discountRate) ->
              Tuple.of(cur, lines, ship, fee, dPct, dCount, gPct, discountRate))
          .map(t -> cart(t.get1(), t.get2(), t.get3(), t.get4(), t.get5(), t.get6(), t.get7(), t.get8()));
    });
  }

  private static Arbitrary<CartLine> product(Currency currency) {
    Arbitrary<Integer> unitMinor = Arbitraries.integers().between(0, 500_000);
    Arbitrary<BigDecimal> quantity = Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("25"))
        .ofScale(3).filter(q -> q.signum() > 0);
    Arbitrary<String> rate = Arbitraries.of(RATES);
    Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    return Combinators.combine(unitMinor, quantity, rate, id).as((unit, qty, r, lineId) ->
        CartLine.of("p-" + lineId, LineKind.PRODUCT, "SKU-" + lineId, "Product " + lineId, qty.toPlainString(),
            Money.ofMinor(unit, currency), r));
  }

  private static Cart cart(Currency currency, List<CartLine> products, int shipping, int fee, int discountPercent,
      int discountCount, int giftPercent, String discountRate) {
    List<CartLine> lines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (CartLine line : products) {
      if (ids.add(line.lineId())) {
        lines.add(line);
      }
    }
    if (shipping >= 0) {
      lines.add(CartLine.of("ship", LineKind.SHIPPING, "", "Shipping", "1", Money.ofMinor(shipping, currency), "25"));
    }
    if (fee >= 0) {
      lines.add(CartLine.of("fee", LineKind.FEE, "", "Fee", "1", Money.ofMinor(fee, currency), "25"));
    }
    long positive = lines.stream().mapToLong(l -> l.total().toMinor()).sum();
    // The discounts together take up to all of it: often more than any single line.
    long discount = positive * discountPercent / 100;
    for (int i = 0; i < discountCount; i++) {
      long part = i == discountCount - 1 ? discount : discount / 2;
      discount -= part;
      lines.add(CartLine.of("disc-" + i, LineKind.DISCOUNT, "", "Discount " + i, "1",
          Money.ofMinor(-part, currency), discountRate));
    }
    long left = lines.stream().mapToLong(l -> l.total().toMinor()).sum();
    long gift = left * giftPercent / 100;
    if (gift > 0) {
      lines.add(CartLine.of("gift", LineKind.GIFT_CARD, "", "Gift card", "1", Money.ofMinor(-gift, currency), "0"));
    }
    return new Cart(currency, lines);
  }
}
