package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroTestSupport.NOK;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.discountedCart;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.line;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.seedCart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.provider.dintero.DinteroMapper.Item;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where each checked item field comes from.
 * <ul>
 *   <li>The seed cart's amount 39800, {@code vat_amount} 7960, {@code vat} 25, item id
 *       {@code 175938}, quantity 2: seed 002, "Create session" (the draft order's numeric
 *       {@code line_id} 1: "Create order").</li>
 *   <li>{@code amount} is the line total including VAT and discounts, in the currency's smallest
 *       unit (so 0-decimal JPY and 3-decimal KWD); {@code vat_amount} likewise; {@code vat} a
 *       percentage; {@code quantity} may be decimal ("sold by weight"); {@code type} one of
 *       {@code shipping}, {@code surcharge}, {@code gift_card} ("usually a negative number"):
 *       Dintero.Node.SDK {@code src/generated/payments.d.ts}, {@code OrderItem}.</li>
 *   <li>Order {@code amount} = Σ {@code items.amount} (+ shipping option), {@code Format: int32}
 *       (hence the refused yacht): payments.d.ts {@code SessionOrderUpdate}.</li>
 *   <li>Spreading a discount over the products is the plugin's rule, resting on {@code OrderItem}'s
 *       "including VAT and discounts"; how Dintero rounds {@code vat_amount} is unverified ("only
 *       used for display purposes"), the mapper rounds half-even.</li>
 *   <li>Capture/refund item allocation: {@code items{line_id, amount, quantity}} as in the capture
 *       and refund bodies of payments.d.ts; largest-remainder splitting is the plugin's own.</li>
 * </ul>
 */
class DinteroMapperTest {

  @Test
  void seedCartMapsToTheSeedExampleExactly() throws Exception {
    Mapping mapping = DinteroMapper.map(seedCart());

    assertThat(mapping.amount()).isEqualTo(39800);
    assertThat(mapping.vatAmount()).isEqualTo(7960);
    assertThat(mapping.rules()).isEmpty();
    assertThat(mapping.items()).containsExactly(new Item("1", 1, LineKind.PRODUCT, "175938",
        "Stablestol for utendørsbruk", new BigDecimal("2"), 39800, new BigDecimal("25"), 7960, null));
  }

  @Test
  void discountIsSpreadOverTheProductsInProportionToTheirAmounts() throws Exception {
    Mapping mapping = DinteroMapper.map(discountedCart());

    assertThat(mapping.items()).extracting(Item::lineId, Item::amount, Item::vatAmount, Item::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("A", 24000L, 4800L, null),
        org.assertj.core.groups.Tuple.tuple("B", 8000L, 1043L, null),
        org.assertj.core.groups.Tuple.tuple("S", 4900L, 980L, "shipping"));
    assertThat(mapping.amount()).isEqualTo(36900).isEqualTo(discountedCart().total().toMinor());
    assertThat(mapping.spreads()).containsOnlyKeys("D");
    assertThat(mapping.spreads().get("D")).containsExactly(
        java.util.Map.entry("A", 6000L), java.util.Map.entry("B", 2000L));
    assertThat(mapping.rules()).singleElement().asString()
        .contains("discount line D (-80.00 NOK) spread over line A −60.00, line B −20.00");
  }

  @Test
  void discountLargerThanTheProductsSpillsOntoShipping() throws Exception {
    Cart cart = new Cart(NOK, List.of(
        CartLine.of("A", LineKind.PRODUCT, "SKU-A", "Mug", "1", Money.of("20.00", "NOK"), "25"),
        CartLine.of("S", LineKind.SHIPPING, "", "Delivery", "1", Money.of("49.00", "NOK"), "25"),
        CartLine.of("D", LineKind.DISCOUNT, "", "Voucher", "1", Money.of("-50.00", "NOK"), "25")));

    Mapping mapping = DinteroMapper.map(cart);

    assertThat(mapping.items()).extracting(Item::lineId, Item::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 0L), org.assertj.core.groups.Tuple.tuple("S", 1900L));
    assertThat(mapping.amount()).isEqualTo(1900);
    assertThat(mapping.spreads().get("D")).containsExactly(
        java.util.Map.entry("A", 2000L), java.util.Map.entry("S", 3000L));
  }

  @Test
  void giftCardStaysANegativeGiftCardItem() throws Exception {
    Cart cart = new Cart(NOK, List.of(
        CartLine.of("A", LineKind.PRODUCT, "SKU-A", "Chair", "1", Money.of("300.00", "NOK"), "25"),
        CartLine.of("F", LineKind.FEE, "", "Invoice fee", "1", Money.of("29.00", "NOK"), "25"),
        CartLine.of("G", LineKind.GIFT_CARD, "", "Gift card 1234", "1", Money.of("-100.00", "NOK"), "0")));

    Mapping mapping = DinteroMapper.map(cart);

    assertThat(mapping.items()).extracting(Item::lineId, Item::amount, Item::vatAmount, Item::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("A", 30000L, 6000L, null),
        org.assertj.core.groups.Tuple.tuple("F", 2900L, 580L, "surcharge"),
        org.assertj.core.groups.Tuple.tuple("G", -10000L, 0L, "gift_card"));
    assertThat(mapping.amount()).isEqualTo(22900);
  }

  @Test
  void amountsFollowTheCurrencysMinorUnit() throws Exception {
    Cart yen = new Cart(Money.currency("JPY"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "T-1", "Tea", "3", Money.of("1000", "JPY"), "8")));
    Cart dinar = new Cart(Money.currency("KWD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "D-1", "Dates", "2", Money.of("1.234", "KWD"), "5")));

    assertThat(DinteroMapper.map(yen).items().get(0).amount()).isEqualTo(3000);
    assertThat(DinteroMapper.map(yen).items().get(0).vatAmount()).isEqualTo(222); // 3000 × 8 / 108 = 222.2
    assertThat(DinteroMapper.map(dinar).items().get(0).amount()).isEqualTo(2468);
    assertThat(DinteroMapper.map(dinar).items().get(0).vatAmount()).isEqualTo(118); // 2468 × 5 / 105 = 117.5 → 118
  }

  @Test
  void fractionalQuantityIsSentAsIs() throws Exception {
    Cart cart = new Cart(NOK, List.of(
        CartLine.of("1", LineKind.PRODUCT, "CHEESE", "Cheese by weight", "1.375", Money.of("189.90", "NOK"), "15")));

    Item item = DinteroMapper.map(cart).items().get(0);

    assertThat(item.quantity()).isEqualByComparingTo("1.375");
    assertThat(item.amount()).isEqualTo(26111); // 1.375 × 189.90 = 261.1125 → 261.11
  }

  @Test
  void lineTotalThatDiffersFromQuantityTimesUnitPriceIsKeptAndReported() throws Exception {
    CartLine odd = new CartLine("1", LineKind.PRODUCT, "P", "Pens", new BigDecimal("3"), Money.of("3.33", "NOK"),
        new BigDecimal("25"), Money.of("10.00", "NOK"), null, null);

    Mapping mapping = DinteroMapper.map(new Cart(NOK, List.of(odd)));

    assertThat(mapping.amount()).isEqualTo(1000);
    assertThat(mapping.rules()).singleElement().asString().contains("line 1 keeps its total 10.00 NOK");
  }

  @Test
  void zeroDiscountIsLeftOutAndSaidSo() throws Exception {
    Cart cart = new Cart(NOK, List.of(
        CartLine.of("A", LineKind.PRODUCT, "SKU-A", "Chair", "1", Money.of("300.00", "NOK"), "25"),
        CartLine.of("D", LineKind.DISCOUNT, "", "No discount", "1", Money.of("0.00", "NOK"), "25")));

    Mapping mapping = DinteroMapper.map(cart);

    assertThat(mapping.items()).extracting(Item::lineId).containsExactly("A");
    assertThat(mapping.rules()).containsExactly("discount line D is zero and is left out");
    assertThat(DinteroMapper.operationItems(mapping, List.of(line("A", "1", "300.00"), line("D", "1", "0.00"))))
        .extracting(OperationItem::amount).containsExactly(30000L);
  }

  @Test
  void amountBeyondDinterosRangeIsRefusedNamingTheLine() {
    Cart cart = new Cart(NOK, List.of(
        CartLine.of("yacht", LineKind.PRODUCT, "Y", "Yacht", "1", Money.of("30000000.00", "NOK"), "25")));

    assertThatThrownBy(() -> DinteroMapper.map(cart))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("line yacht");
  }

  @Test
  void allocateSplitsExactlyWithLargestRemainder() {
    assertThat(DinteroMapper.allocate(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    assertThat(DinteroMapper.allocate(-100, new long[] {1, 1, 1})).containsExactly(-34, -33, -33);
    assertThat(DinteroMapper.allocate(7, new long[] {10, 0, 30})).containsExactly(2, 0, 5);
    assertThat(DinteroMapper.allocate(0, new long[] {5, 5})).containsExactly(0, 0);
  }

  @Test
  void fullCaptureOfADiscountedCartSendsTheMappedItems() throws Exception {
    Mapping mapping = DinteroMapper.map(discountedCart());

    List<OperationItem> items = DinteroMapper.operationItems(mapping, List.of(
        line("A", "1", "300.00"), line("B", "2", "100.00"), line("S", "1", "49.00"), line("D", "1", "-80.00")));

    assertThat(items).containsExactly(
        new OperationItem("A", 1, 24000, new BigDecimal("1")),
        new OperationItem("B", 2, 8000, new BigDecimal("2")),
        new OperationItem("S", 3, 4900, new BigDecimal("1")));
  }

  @Test
  void discountAllocationGoesToTheItemsThatAbsorbedIt() throws Exception {
    Mapping mapping = DinteroMapper.map(discountedCart());

    List<OperationItem> items = DinteroMapper.operationItems(mapping, List.of(
        line("B", "2", "100.00"), line("D", "0", "-20.00")));

    // D's 20.00 share is split 3:1 over A and B; A had nothing allocated, so its part moves to B's limit.
    assertThat(items.stream().mapToLong(OperationItem::amount).sum()).isEqualTo(8000);
    assertThat(items).allSatisfy(item -> assertThat(item.amount()).isBetween(0L, mapping.item(item.lineId()).amount()));
  }

  @Test
  void grossAllocationBeyondAnItemMovesToItemsWithRoom() throws Exception {
    Mapping mapping = DinteroMapper.map(discountedCart());

    List<OperationItem> items = DinteroMapper.operationItems(mapping, List.of(line("A", "1", "300.00")));

    assertThat(items).containsExactly(
        new OperationItem("A", 1, 24000, new BigDecimal("1")),
        new OperationItem("B", 2, 6000, BigDecimal.ZERO));
  }

  @Test
  void itemsNeverTakeMoreThanIsStillOpenOnThem() throws Exception {
    Mapping mapping = DinteroMapper.map(discountedCart());

    List<OperationItem> items = DinteroMapper.operationItems(mapping,
        List.of(line("B", "2", "100.00"), line("S", "1", "49.00"), line("D", "1", "-80.00")),
        java.util.Map.of("A", 0L, "B", 2000L, "S", 4900L));

    assertThat(items).extracting(OperationItem::lineId, OperationItem::amount).containsExactly(
        org.assertj.core.groups.Tuple.tuple("B", 2000L), org.assertj.core.groups.Tuple.tuple("S", 4900L));
  }

  @Test
  void allocationToAnUnknownLineIsRefusedNamingIt() throws Exception {
    Mapping mapping = DinteroMapper.map(seedCart());

    assertThatThrownBy(() -> DinteroMapper.operationItems(mapping, List.of(line("99", "1", "10.00"))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("line 99");
  }

  @Test
  void allocationBeyondTheWholeOrderIsRefused() throws Exception {
    Mapping mapping = DinteroMapper.map(seedCart());

    assertThatThrownBy(() -> DinteroMapper.operationItems(mapping, List.of(line("1", "3", "597.00"))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot carry");
  }

  @Test
  void sameCartAlwaysMapsTheSame() throws Exception {
    assertThat(DinteroMapper.map(discountedCart())).isEqualTo(DinteroMapper.map(discountedCart()));
  }
}
