package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inbox recognises a repeated delivery per payment and provider: a body already accepted for
 * one payment, posted again for another, is a new delivery of that other payment, not a duplicate
 * of the first one that is then never applied.
 */
class CallbackInboxPerPaymentTest {
  private static final CallbackVerification SAME_BODY = new CallbackVerification("scripted:same-body", "replayed");

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aBodyAcceptedForOnePaymentIsANewDeliveryForAnother(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String a = f.engine.start(ScriptedProvider.ID, Carts.request("PER-PAYMENT-A")).paymentId();
      String b = f.engine.start(ScriptedProvider.ID, Carts.request("PER-PAYMENT-B")).paymentId();
      f.provider.authorize(a);
      f.provider.authorize(b);
      assertThat(f.engine.handleCallback(ScriptedProvider.ID, a, SAME_BODY)).isEqualTo(CallbackOutcome.APPLIED);

      assertThat(f.engine.acceptCallback(ScriptedProvider.ID, b, SAME_BODY)).isEqualTo(CallbackOutcome.ACCEPTED);
      assertThat(CallbackInboxTest.inbox(f, b)).containsExactly("scripted:same-body|1|null|0|due");
      assertThat(f.engine.processCallbacks(b)).contains(CallbackOutcome.APPLIED);
      assertThat(f.engine.payment(b).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);

      assertThat(f.engine.acceptCallback(ScriptedProvider.ID, a, SAME_BODY)).isEqualTo(CallbackOutcome.DUPLICATE);
      assertThat(CallbackInboxTest.inbox(f, a)).containsExactly("scripted:same-body|2|APPLIED|0|-");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aKnownBodyForAnUnknownPaymentIsNotFound(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String a = f.engine.start(ScriptedProvider.ID, Carts.request("PER-PAYMENT-C")).paymentId();
      f.engine.acceptCallback(ScriptedProvider.ID, a, SAME_BODY);

      assertThatThrownBy(() -> f.engine.acceptCallback(ScriptedProvider.ID, "no-such-payment", SAME_BODY))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> f.engine.acceptCallback("other-provider", a, SAME_BODY))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThat(CallbackInboxTest.inbox(f, a)).containsExactly("scripted:same-body|1|null|0|due");
    }
  }
}
