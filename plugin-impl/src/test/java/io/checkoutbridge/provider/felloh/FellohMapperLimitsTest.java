package io.checkoutbridge.provider.felloh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The largest amount Felloh takes, worked by hand: 2^31 - 1 = 2,147,483,647 pence = £21,474,836.47. */
class FellohMapperLimitsTest {

  private static Cart cartOf(String pounds) {
    return new Cart(Money.currency("GBP"),
        List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Machine", "1", Money.of(pounds, "GBP"), "20")));
  }

  @Test
  void theLargestAmountIsSentWhole() throws Exception {
    FellohMapper.Mapping mapping = FellohMapper.map(cartOf("21474836.47"), FellohEnums.GBX);

    assertThat(mapping.amount()).isEqualTo(2_147_483_647L);
    assertThat(mapping.rules()).anySatisfy(rule -> assertThat(rule).contains("the cart line is sent as one amount"));
  }

  @Test
  void onePennyMoreIsRefusedByName() {
    assertThatThrownBy(() -> FellohMapper.map(cartOf("21474836.48"), FellohEnums.GBX))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("more than Felloh takes in one payment");
  }
}
