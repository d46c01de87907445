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

  /** GBX is documented; other codes only as {@code GET /enums} would list them. */
  static FellohEnums.Code code(String iso) {
    return switch (iso) {
      case "GBP" -> FellohEnums.GBX;
      case "EUR" -> new FellohEnums.Code("EUX", Currency.getInstance("EUR"), 100);
      case "USD" -> new FellohEnums.Code("USX", Currency.getInstance("USD"), 100);
      default -> throw new IllegalArgumentException(iso);
    };
  }

  @Test
  void poundsBecomePenceWithTheGbxCode() throws Exception {
    FellohMapper.Mapping mapping = FellohMapper.map(cartOf("GBP", "19.99", "0.01"), code("GBP"));

    assertThat(mapping.amount()).isEqualTo(2000);
    assertThat(mapping.currencyCode()).isEqualTo("GBX");
    assertThat(mapping.total()).isEqualTo(Money.of("20.00", "GBP"));
    assertThat(mapping.rules()).hasSize(2);
  }

  @Test
  void dollarsAndEurosBecomeCentsUnderTheCodesEnumsLists() throws Exception {
    assertThat(FellohMapper.map(cartOf("USD", "0.99"), code("USD")).currencyCode()).isEqualTo("USX");
    assertThat(FellohMapper.map(cartOf("EUR", "1000.00"), code("EUR")).amount()).isEqualTo(100000);
  }

  @Test
  void discountsAreAlreadyInTheTotal() throws Exception {
    assertThat(FellohMapper.map(cartOf("GBP", "100.00", "-15.50"), code("GBP")).amount()).isEqualTo(8450);
  }

  @Test
  void zeroTotalIsRefused() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("GBP", "10.00", "-10.00"), code("GBP")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void cartInAnotherCurrencyThanTheCodeIsRefused() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("EUR", "1.00"), FellohEnums.GBX))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not in GBP");
  }

  @Test
  void totalAboveWhatFellohTakesIsRefused() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("GBP", "21474836.48"), code("GBP")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("more than Felloh takes");
  }

  @Test
  void fellohAmountsMapBackToTheirCurrencies() {
    assertThat(FellohMapper.fromLowestDenomination(12345, FellohEnums.GBX)).isEqualTo(Money.of("123.45", "GBP"));
    assertThat(FellohMapper.fromLowestDenomination(7, code("EUR"))).isEqualTo(Money.of("0.07", "EUR"));
  }
}
