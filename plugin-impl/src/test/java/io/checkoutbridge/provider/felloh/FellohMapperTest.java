package io.checkoutbridge.provider.felloh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class FellohMapperTest {

  private static Cart cartOf(String currency, String... unitPrices) {
    List<CartLine> lines = new java.util.ArrayList<>();
    for (int i = 0; i < unitPrices.length; i++) {
      Money price = Money.of(unitPrices[i], currency);
      LineKind kind = price.isNegative() ? LineKind.DISCOUNT : LineKind.PRODUCT;
      lines.add(CartLine.of("l" + i, kind, "S" + i, "Line " + i, "1", price, "0"));
    }
    return new Cart(Currency.getInstance(currency), lines);
  }

  @Test
  void poundsBecomePenceWithTheGbxCode() throws Exception {
    FellohMapper.Mapping mapping = FellohMapper.map(cartOf("GBP", "19.99", "0.01"));

    assertThat(mapping.amount()).isEqualTo(2000);
    assertThat(mapping.currencyCode()).isEqualTo("GBX");
    assertThat(mapping.total()).isEqualTo(Money.of("20.00", "GBP"));
    assertThat(mapping.rules()).hasSize(2);
  }

  @Test
  void dollarsAndEurosBecomeCents() throws Exception {
    assertThat(FellohMapper.map(cartOf("USD", "0.99")).currencyCode()).isEqualTo("USX");
    assertThat(FellohMapper.map(cartOf("EUR", "1000.00")).amount()).isEqualTo(100000);
  }

  @Test
  void discountsAreAlreadyInTheTotal() throws Exception {
    assertThat(FellohMapper.map(cartOf("GBP", "100.00", "-15.50")).amount()).isEqualTo(8450);
  }

  @Test
  void zeroTotalIsRefused() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("GBP", "10.00", "-10.00")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void currencyWithoutAFellohCodeIsRefusedNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("KWD", "1.234")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("cart currency: Felloh takes GBP (as GBX), EUR (as EUX), USD (as USX); KWD is not accepted");
  }

  @Test
  void totalAboveWhatFellohTakesIsRefused() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("GBP", "21474836.48")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("more than Felloh takes");
  }

  @Test
  void fellohCodesMapBackToTheirCurrencies() {
    assertThat(FellohMapper.currencyOf("GBX")).contains(Currency.getInstance("GBP"));
    assertThat(FellohMapper.currencyOf("EUX")).contains(Currency.getInstance("EUR"));
    assertThat(FellohMapper.currencyOf("GBP")).isEmpty();
    assertThat(FellohMapper.fromLowestDenomination(12345, Currency.getInstance("GBP")))
        .isEqualTo(Money.of("123.45", "GBP"));
  }
}
