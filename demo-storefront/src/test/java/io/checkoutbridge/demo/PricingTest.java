package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {
  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  @Test
  void anEmptyBasketHasNoLinesAndNoShipping() {
    PricedCart priced = Pricing.price(new ShopCart());
    assertThat(priced.isEmpty()).isTrue();
    assertThat(priced.lines()).isEmpty();
  }

  @Test
  void productLinesAreQuantityTimesPriceAndShippingIsALineOfItsOwn() {
    ShopCart basket = new ShopCart();
    basket.add("MUG-STONE", 3);
    PricedCart priced = Pricing.price(basket);
    assertThat(priced.lines()).extracting(CartLine::lineId).containsExactly("p-mug-stone", "shipping");
    assertThat(priced.lines().get(0).total()).isEqualTo(gbp("37.50"));
    assertThat(priced.shippingCost()).isEqualTo(gbp("4.95"));
    assertThat(priced.total()).isEqualTo(gbp("42.45"));
    assertThat(priced.toCart().total()).isEqualTo(priced.total());
  }

  @Test
  void theSpringCodeTakesTenPercentOffGoodsWithOneDiscountLinePerVatRate() {
    ShopCart basket = new ShopCart();
    basket.add("LAMP-OAK", 2);
    basket.add("SEAT-CHILD", 1);
    basket.add("BOOK-BIRDS", 1);
    basket.discountCode(" spring10 ");
    PricedCart priced = Pricing.price(basket);
    assertThat(priced.appliedCode()).isEqualTo("SPRING10");
    assertThat(priced.lines()).filteredOn(l -> l.kind() == LineKind.DISCOUNT)
        .extracting(CartLine::lineId, CartLine::taxRate, CartLine::total)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("discount-20", new BigDecimal("20"), gbp("-9.80")),
            org.assertj.core.groups.Tuple.tuple("discount-5", new BigDecimal("5"), gbp("-8.90")),
            org.assertj.core.groups.Tuple.tuple("discount-0", BigDecimal.ZERO, gbp("-1.90")));
    // 205.99 of goods less 20.60: free standard delivery from 100.00
    assertThat(priced.goods()).isEqualTo(gbp("205.99"));
    assertThat(priced.discount()).isEqualTo(gbp("-20.60"));
    assertThat(priced.lines()).noneMatch(l -> l.kind() == LineKind.SHIPPING);
    assertThat(priced.total()).isEqualTo(gbp("185.39"));
  }

  @Test
  void anUnknownCodeIsReportedAndChangesNothing() {
    ShopCart basket = new ShopCart();
    basket.add("MUG-STONE", 1);
    basket.discountCode("WINTER50");
    PricedCart priced = Pricing.price(basket);
    assertThat(priced.codeProblem()).contains("WINTER50");
    assertThat(priced.discount().isZero()).isTrue();
  }

  @Test
  void expressDeliveryIsNeverFree() {
    ShopCart basket = new ShopCart();
    basket.add("THROW-WOOL", 2);
    basket.shipping(Shipping.EXPRESS);
    assertThat(Pricing.price(basket).shippingCost()).isEqualTo(gbp("9.95"));
  }

  @Test
  void vatIsReportedPerRateFromTheLinesTotals() {
    ShopCart basket = new ShopCart();
    basket.add("LAMP-OAK", 1); // 49.00 at 20% holds 8.1666..
    basket.add("SEAT-CHILD", 1); // 89.00 at 5% holds 4.2380..
    basket.add("BOOTS-KIDS", 1); // zero-rated
    PricedCart priced = Pricing.price(basket);
    assertThat(priced.vatByRate()).containsOnlyKeys(new BigDecimal("20"), new BigDecimal("5"));
    assertThat(priced.vatByRate().get(new BigDecimal("20"))).isEqualTo(gbp("8.17"));
    assertThat(priced.vatByRate().get(new BigDecimal("5"))).isEqualTo(gbp("4.24"));
  }

  @Test
  void quantitiesAreCappedAndUnknownArticlesIgnored() {
    ShopCart basket = new ShopCart();
    basket.add("MUG-STONE", 15);
    basket.add("MUG-STONE", 15);
    basket.add("NO-SUCH-THING", 1);
    assertThat(basket.quantities()).containsOnly(java.util.Map.entry("MUG-STONE", ShopCart.MAX_QUANTITY));
    basket.set("MUG-STONE", 0);
    assertThat(basket.isEmpty()).isTrue();
  }
}
