package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void everyCharacterThatCouldOpenMarkupOrLeaveAnAttributeIsEscaped() {
    assertThat(Html.escape("<script>alert('x')</script> & \"q\"")).isEqualTo(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void amountsArePoundsWithATrueMinusSign() {
    assertThat(Html.money(Money.of("1234.5", "GBP"))).isEqualTo("£1,234.50");
    assertThat(Html.money(Money.of("-9.80", "GBP"))).isEqualTo("\u2212£9.80");
  }

  @Test
  void aCardNeverShowsMoreThanItsLastFourDigits() {
    PaymentMethodDetails.Card card = new PaymentMethodDetails.Card("4111 1111 1111 1111", "12", "2030", "123", null);
    assertThat(card.toString()).doesNotContain("41111111").contains("1111");
  }

  @Test
  void customerIdsAreStablePerEmailIgnoringCase() {
    assertThat(CheckoutForm.customerId("Ada@Example.com")).isEqualTo(CheckoutForm.customerId("ada@example.com"))
        .matches("cust-[0-9a-f]{16}");
  }
}
