package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentStatusChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {
  private final Orders orders = new Orders();
  private final ShopCart basket = new ShopCart();

  private Order order() {
    basket.add("MUG-STONE", 1);
    return orders.create(Pricing.price(basket), "Ada Lovelace", "ada@example.com",
        new Address("Ada Lovelace", "1 Lane", null, "London", null, "N1 1AA", "GB", null));
  }

  private void change(Order order, String paymentId, PaymentStatus from, PaymentStatus to) {
    orders.onPaymentStatusChanged(new PaymentStatusChanged(paymentId, "dintero", order.reference(), from, to,
        Ledger.empty(Catalog.CURRENCY), Instant.now()));
  }

  @Test
  void anOrderIsPaidOnceItsPaymentIsAuthorisedAndRefundedWhenAllOfItIs() {
    Order order = order();
    assertThat(order.reference()).matches("HF-[A-Z2-9]{8}");
    assertThat(order.state()).isEqualTo(Order.State.AWAITING_PAYMENT);
    change(order, "p1", PaymentStatus.STARTED, PaymentStatus.AUTHORIZED);
    assertThat(order.state()).isEqualTo(Order.State.PAID);
    change(order, "p1", PaymentStatus.AUTHORIZED, PaymentStatus.AUTHORIZED); // delivered twice
    assertThat(order.state()).isEqualTo(Order.State.PAID);
    change(order, "p1", PaymentStatus.CAPTURED, PaymentStatus.REFUNDED);
    assertThat(order.state()).isEqualTo(Order.State.REFUNDED);
  }

  @Test
  void aLateDeclineOfAnotherAttemptNeverUndoesAPaidOne() {
    Order order = order();
    change(order, "first", PaymentStatus.STARTED, PaymentStatus.DECLINED);
    assertThat(order.state()).isEqualTo(Order.State.PAYMENT_FAILED);
    change(order, "second", PaymentStatus.STARTED, PaymentStatus.AUTHORIZED);
    change(order, "first", PaymentStatus.DECLINED, PaymentStatus.FAILED);
    assertThat(order.state()).isEqualTo(Order.State.PAID);
  }

  @Test
  void aVoidedAuthorisationCancelsTheOrder() {
    Order order = order();
    change(order, "p1", PaymentStatus.STARTED, PaymentStatus.AUTHORIZED);
    change(order, "p1", PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
    assertThat(order.state()).isEqualTo(Order.State.CANCELLED);
  }

  @Test
  void eventsForUnknownOrdersAreIgnored() {
    orders.onPaymentStatusChanged(new PaymentStatusChanged("p", "dintero", "HF-UNKNOWN1", PaymentStatus.STARTED,
        PaymentStatus.AUTHORIZED, Ledger.empty(Catalog.CURRENCY), Instant.now()));
    assertThat(orders.find("HF-UNKNOWN1")).isEmpty();
  }
}
