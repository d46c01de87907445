package io.checkoutbridge.provider.hokodo;

import static io.checkoutbridge.provider.hokodo.HokodoTestData.GBP;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.gbp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class HokodoMapperTest {

  private static HokodoMapper.Source source(String id, String type, String quantity, String total) {
    return new HokodoMapper.Source(id, null, type, "item " + id, null, null, null,
        new BigDecimal(quantity), new BigDecimal(total), new BigDecimal("20"));
  }

  private static String plainOf(BigDecimal value) {
    return HokodoMapper.plain(value);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  /** Seed 001's example table, in the optional mode with up to 5 decimals (rule 5 of the guide). */
  @Test
  void seedExampleTableMapsToItsTotals() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(
        source("1", "product", "5", "6000"),
        source("2", "product", "10", "300000"),
        source("3", "discount", "1", "-50000"),
        source("4", "shipping", "1", "111.93")), 5);

    assertThat(mapping.items()).extracting(HokodoMapper.Item::unitPrice)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(dec("1200"), dec("30000"), dec("-50000"), dec("111.93"));
    assertThat(mapping.items()).extracting(HokodoMapper.Item::totalAmount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(dec("6000"), dec("300000"), dec("-50000"), dec("111.93"));
    assertThat(mapping.items()).extracting(HokodoMapper.Item::taxAmount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(dec("1200"), dec("60000"), dec("-10000"), dec("22.386"));
    assertThat(mapping.totalAmount()).isEqualByComparingTo("256111.93");
    assertThat(mapping.taxAmount()).isEqualByComparingTo("51222.386");
    assertThat(mapping.rules()).isEmpty();
  }

  @Test
  void seedExampleItemsSerialiseLikeTheGuide() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(
        source("1", "product", "5", "6000"), source("4", "shipping", "1", "111.93")), 5);
    JsonNode items = HokodoMapper.itemsJson(mapping);

    assertThat(items.get(0).toString()).isEqualTo("{\"item_id\":\"1\",\"type\":\"product\",\"description\":\"item 1\","
        + "\"quantity\":\"5.00\",\"unit_price\":1200,\"tax_rate\":\"20.00\",\"total_amount\":6000,\"tax_amount\":1200,"
        + "\"metadata\":{\"line_id\":\"1\"}}");
    assertThat(items.get(1).path("unit_price").isIntegralNumber()).isFalse();
    assertThat(items.get(1).path("unit_price").decimalValue()).isEqualByComparingTo("111.93");
    assertThat(items.get(1).path("tax_amount").toString()).isEqualTo("22.386");
  }

  @Test
  void cartLinesLikeTheSeedMapToIntegerMinorUnits() throws Exception {
    Cart cart = new Cart(GBP, List.of(
        CartLine.of("1", LineKind.PRODUCT, "702.611.50", "Super ergonomic chair", "5", gbp("12.00"), "20")
            .withSupplier("7363", "Cool chair wholesaler"),
        CartLine.of("2", LineKind.PRODUCT, "", "Desk", "10", gbp("300.00"), "20"),
        CartLine.of("3", LineKind.DISCOUNT, "", "Super discount", "1", gbp("-500.00"), "20"),
        CartLine.of("4", LineKind.SHIPPING, "", "shipping", "1", gbp("1.12"), "20")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    assertThat(mapping.items()).extracting(HokodoMapper.Item::type)
        .containsExactly("product", "product", "discount", "shipping");
    assertThat(mapping.totalAmount()).isEqualByComparingTo("256112");
    // Integers by default, as Hokodo's Magento plugin sends ((int) round(x * 100), OrderBuilder.php):
    // the seed's taxes 1200 + 60000 - 10000 + 22.4 = 51222.4 are sent as 51222, item by item.
    assertThat(mapping.taxAmount()).isEqualByComparingTo("51222");
    assertThat(mapping.items()).extracting(HokodoMapper.Item::taxAmount).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(dec("1200"), dec("60000"), dec("-10000"), dec("22"));
    assertThat(HokodoMapper.itemsJson(mapping)).allMatch(item -> item.path("unit_price").isIntegralNumber()
        && item.path("total_amount").isIntegralNumber() && item.path("tax_amount").isIntegralNumber());
    JsonNode chair = HokodoMapper.itemJson(mapping.items().get(0));
    assertThat(chair.path("supplier_id").asText()).isEqualTo("7363");
    assertThat(chair.path("supplier_name").asText()).isEqualTo("Cool chair wholesaler");
    assertThat(chair.path("reference").asText()).isEqualTo("702.611.50");
    assertThat(HokodoMapper.itemJson(mapping.items().get(1)).has("reference")).isFalse();
    assertThat(HokodoMapper.itemJson(mapping.items().get(2)).path("total_amount").asLong()).isEqualTo(-50000);
    assertThat(mapping.rules()).hasSize(3).allMatch(rule -> !rule.contains("split"))
        .contains("tax 22.4 of item 4 rounded to 22");
  }

  @Test
  void threeUnitsForTenPoundsAreSplitIntoTwoAt333AndOneAt334() throws Exception {
    Cart cart = new Cart(GBP, List.of(new CartLine("L3", LineKind.PRODUCT, "PEN", "Pens", new BigDecimal("3"),
        gbp("3.33"), new BigDecimal("20"), gbp("10.00"), null, null)));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    assertThat(mapping.items()).hasSize(2);
    HokodoMapper.Item first = mapping.items().get(0);
    HokodoMapper.Item second = mapping.items().get(1);
    assertThat(first.itemId()).isEqualTo("L3");
    assertThat(first.quantity()).isEqualByComparingTo("2");
    assertThat(first.unitPrice()).isEqualByComparingTo("333");
    assertThat(second.itemId()).isEqualTo("L3~2");
    assertThat(second.quantity()).isEqualByComparingTo("1");
    assertThat(second.unitPrice()).isEqualByComparingTo("334");
    assertThat(second.lineId()).isEqualTo("L3");
    assertThat(mapping.totalAmount()).isEqualByComparingTo("1000");
    assertThat(mapping.taxAmount()).isEqualByComparingTo("200");
    assertThat(mapping.rules()).anyMatch(rule -> rule.equals(
        "line 1 (Pens) split into 2 × 333 and 1 × 334 so that quantity × unit price is exact (line total 1000)"));
  }

  @Test
  void splitDiscountStaysNegativeInEveryPart() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(source("d", "discount", "3", "-1000")));

    assertThat(mapping.items()).allMatch(item -> item.totalAmount().signum() < 0 && item.unitPrice().signum() < 0);
    assertThat(mapping.items()).extracting(HokodoMapper.Item::unitPrice)
        .usingElementComparator(BigDecimal::compareTo).containsExactly(dec("-333"), dec("-334"));
    assertThat(mapping.totalAmount()).isEqualByComparingTo("-1000");
  }

  @Test
  void unitPriceWithDecimalsIsSplitIntoIntegersByDefault() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(source("s", "product", "32", "1000")));

    // 1000 / 32 = 31.25: 24 × 31 + 8 × 32 = 1000, all integers.
    assertThat(mapping.items()).extracting(i -> plainOf(i.quantity()) + "×" + plainOf(i.unitPrice()))
        .containsExactly("24×31", "8×32");
    assertThat(mapping.totalAmount()).isEqualByComparingTo("1000");
    assertThat(mapping.taxAmount()).isEqualByComparingTo("200");
  }

  @Test
  void exactDecimalUnitPriceIsSentWithDecimalsInsteadOfSplitting() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(source("s", "product", "32", "1000")), 5);

    assertThat(mapping.items()).singleElement().satisfies(item -> {
      assertThat(item.unitPrice()).isEqualByComparingTo("31.25");
      assertThat(item.quantity().multiply(item.unitPrice())).isEqualByComparingTo(item.totalAmount());
    });
    assertThat(mapping.rules()).singleElement().asString().contains("31.25 (1000 / 32)");
  }

  @Test
  void fractionalQuantityKeepsTheLineTotalWithARoundingItem() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(source("kg", "product", "1.5", "1000")));

    assertThat(mapping.items()).hasSize(2);
    HokodoMapper.Item main = mapping.items().get(0);
    HokodoMapper.Item rounding = mapping.items().get(1);
    assertThat(main.quantity()).isEqualByComparingTo("1.5");
    assertThat(main.unitPrice()).isEqualByComparingTo("666");
    assertThat(main.totalAmount()).isEqualByComparingTo("999");
    assertThat(rounding.itemId()).isEqualTo("kg~rounding");
    assertThat(rounding.description()).isEqualTo("item kg (rounding)");
    assertThat(rounding.totalAmount()).isEqualByComparingTo("1");
    assertThat(mapping.totalAmount()).isEqualByComparingTo("1000");
    assertThat(HokodoMapper.itemJson(main).path("quantity").asText()).isEqualTo("1.50");
    assertThat(mapping.rules()).anyMatch(rule -> rule.contains("rounding item of 1"));
    // 999 × 20 % = 199.8 and 1 × 20 % = 0.2: 200 in all, kept by the largest remainder.
    assertThat(mapping.taxAmount()).isEqualByComparingTo("200");
  }

  @Test
  void fractionalQuantityWhoseProductWouldHaveDecimalsGetsAUnitPriceThatStaysInteger() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(source("kg", "product", "1.25", "1001")));

    // 1.25 × 800 = 1000 (1.25 × 800 is the largest integral product below 1001 with an integral unit price
    // that is a multiple of 4), then a rounding item of 1.
    assertThat(mapping.items()).extracting(HokodoMapper.Item::totalAmount)
        .usingElementComparator(BigDecimal::compareTo).containsExactly(dec("1000"), dec("1"));
    assertThat(mapping.items().get(0).unitPrice()).isEqualByComparingTo("800");
  }

  @Test
  void quantityWithFourDecimalsIsRefusedNamingTheLine() {
    Cart cart = new Cart(GBP, List.of(new CartLine("bulk", LineKind.PRODUCT, "", "Sand", new BigDecimal("1.2345"),
        gbp("1.00"), new BigDecimal("20"), gbp("1.23"), null, null)));

    assertThatThrownBy(() -> HokodoMapper.map(cart))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cart.lines[bulk].quantity")
        .hasMessageContaining("line 1 (Sand)");
  }

  @Test
  void giftCardIsSentAsADiscountItemAndSaysSo() throws Exception {
    Cart cart = new Cart(GBP, List.of(
        CartLine.of("p", LineKind.PRODUCT, "", "Saw", "1", gbp("50.00"), "20"),
        CartLine.of("fee", LineKind.FEE, "", "Handling", "1", gbp("2.00"), "20"),
        CartLine.of("gc", LineKind.GIFT_CARD, "", "Gift card", "1", gbp("-10.00"), "0")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    assertThat(mapping.items()).extracting(HokodoMapper.Item::type).containsExactly("product", "fee", "discount");
    assertThat(mapping.items().get(2).taxAmount()).isEqualByComparingTo("0");
    assertThat(HokodoMapper.itemJson(mapping.items().get(2)).path("tax_rate").asText()).isEqualTo("0.00");
    assertThat(mapping.rules()).contains("line 3 (Gift card): gift card sent as a discount item");
  }

  @Test
  void itemTaxBeyondFiveDecimalsIsRoundedAndSaysSo() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(new HokodoMapper.Source("t", null, "product",
        "Rope", null, null, null, new BigDecimal("1.125"), new BigDecimal("2"), new BigDecimal("17.55"))), 5);

    assertThat(mapping.items()).allMatch(item -> HokodoMapper.decimals(item.taxAmount()) <= 5);
    assertThat(mapping.rules()).anyMatch(rule -> rule.contains("rounded to"));
    assertThat(mapping.taxAmount()).isEqualByComparingTo(
        mapping.items().stream().map(HokodoMapper.Item::taxAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Test
  void yenAndDinarUseTheirOwnMinorUnits() throws Exception {
    Cart yen = new Cart(Money.currency("JPY"), List.of(
        CartLine.of("a", LineKind.PRODUCT, "", "Tea", "3", Money.of("1000", "JPY"), "10")));
    Cart dinar = new Cart(Money.currency("KWD"), List.of(
        CartLine.of("a", LineKind.PRODUCT, "", "Tea", "1", Money.of("1.234", "KWD"), "0")));

    assertThat(HokodoMapper.map(yen).totalAmount()).isEqualByComparingTo("3000");
    assertThat(HokodoMapper.map(dinar).totalAmount()).isEqualByComparingTo("1234");
  }

  @Test
  void lineIdsThatCollideWithSplitIdsStayUnique() {
    HokodoMapper.Mapping mapping = HokodoMapper.mapSources(List.of(
        source("x~2", "product", "1", "5"), source("x", "product", "3", "1000")));

    assertThat(mapping.items()).extracting(HokodoMapper.Item::itemId).doesNotHaveDuplicates()
        .containsExactly("x~2", "x", "x~2~2");
  }
}
