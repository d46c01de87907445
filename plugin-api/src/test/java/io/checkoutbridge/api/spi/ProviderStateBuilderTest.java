package io.checkoutbridge.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderStateBuilderTest {

  @Test
  void eachNamedAmountLandsInItsOwnComponent() {
    ProviderState state = ProviderState.builder(AuthorizationState.AUTHORIZED, Money.of("100.00", "GBP"))
        .captured(Money.of("60.00", "GBP"))
        .refunded(Money.of("10.00", "GBP"))
        .voided(Money.of("40.00", "GBP"))
        .providerStatus("ON_HOLD")
        .merchantReference("order-7")
        .providerPaymentId("pay_1")
        .providerRequestId("req_1")
        .refs(Map.of("session", "s_1"))
        .refusedOperations(Set.of("rf_9"))
        .build();

    assertThat(state).isEqualTo(new ProviderState(AuthorizationState.AUTHORIZED, "ON_HOLD", "order-7",
        Money.of("100.00", "GBP"), Money.of("60.00", "GBP"), Money.of("10.00", "GBP"),
        Money.of("40.00", "GBP"), "pay_1", "req_1", Map.of("session", "s_1"), Set.of("rf_9")));
  }

  @Test
  void amountsNotNamedAreZeroInThePaymentsCurrency() {
    ProviderState state = ProviderState.builder(AuthorizationState.PENDING, Money.of("5", "JPY")).build();

    assertThat(state.captured()).isEqualTo(Money.of("0", "JPY"));
    assertThat(state.refunded()).isEqualTo(Money.of("0", "JPY"));
    assertThat(state.voided()).isEqualTo(Money.of("0", "JPY"));
    assertThat(state.refs()).isEmpty();
    assertThat(state.refusedOperations()).isEmpty();
  }

  @Test
  void aMissingAmountIsRefusedAtOnce() {
    assertThatThrownBy(() -> ProviderState.builder(AuthorizationState.AUTHORIZED, null))
        .isInstanceOf(NullPointerException.class).hasMessage("amount");
  }
}
