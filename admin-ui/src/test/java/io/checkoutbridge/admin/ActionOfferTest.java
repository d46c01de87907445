package io.checkoutbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The actions offered follow the provider's capabilities and the ledger, as the engine does. */
class ActionOfferTest {
  private static final Money ZERO = Money.zero(Carts.GBP);

  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  private static PaymentView payment(AuthorizationState auth, String captured, String refunded, String voided,
      String pendingCapture) {
    Ledger ledger = new Ledger(Carts.GBP, auth, auth == AuthorizationState.AUTHORIZED ? gbp("53.95") : ZERO,
        gbp(captured), gbp(refunded), gbp(voided), gbp(pendingCapture), ZERO, ZERO);
    return new PaymentView("0b6f3c1e-5d7a-4a43-9a55-0d1c4f2b8e9a", ScriptedProvider.ID, "ORDER-1", ledger.status(),
        ledger, gbp("53.95"), "Ada Lovelace", "ada@example.com", null, List.of(), List.of(), Instant.EPOCH,
        Instant.EPOCH, 1);
  }

  private static PaymentView authorized() {
    return payment(AuthorizationState.AUTHORIZED, "0", "0", "0", "0");
  }

  /** The scripted provider with only some capabilities. */
  private static PaymentProvider providerWith(Capability... capabilities) {
    Set<Capability> caps = capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities);
    return new ScriptedProvider() {
      @Override
      public Set<Capability> capabilities() {
        return caps;
      }

      @Override
      public String displayName() {
        return "Limited";
      }
    };
  }

  @Test
  void anAuthorizedPaymentWithAFullProviderOffersEverythingButRefund() {
    List<ActionOffer> offers = ActionOffer.offers(authorized(), new ScriptedProvider());
    ActionOffer capture = offers.get(0);
    assertThat(capture.available()).isTrue();
    assertThat(capture.modes()).containsExactly("remaining", "amount", "lines");
    assertThat(capture.max()).isEqualTo(gbp("53.95"));
    ActionOffer refund = offers.get(1);
    assertThat(refund.available()).isFalse();
    assertThat(refund.why()).contains("nothing has been captured yet");
    ActionOffer voidOffer = offers.get(2);
    assertThat(voidOffer.available()).isTrue();
    assertThat(voidOffer.label()).isEqualTo("Void");
    assertThat(voidOffer.modes()).containsExactly("remaining", "amount");
  }

  @Test
  void afterAPartialCaptureTheRestCanBeCapturedRefundedOrVoided() {
    PaymentView p = payment(AuthorizationState.AUTHORIZED, "20.00", "5.00", "0", "0");
    List<ActionOffer> offers = ActionOffer.offers(p, new ScriptedProvider());
    assertThat(offers.get(0).max()).isEqualTo(gbp("33.95"));
    assertThat(offers.get(1).max()).isEqualTo(gbp("15.00"));
    assertThat(offers.get(1).modes()).containsExactly("remaining", "amount", "lines");
    assertThat(offers.get(2).label()).isEqualTo("Void the remainder");
    assertThat(offers.get(2).max()).isEqualTo(gbp("33.95"));
  }

  @Test
  void capabilitiesTheProviderLacksAreNotOffered() {
    PaymentProvider wholeOnly = providerWith(Capability.CAPTURE, Capability.REFUND, Capability.VOID);
    List<ActionOffer> fresh = ActionOffer.offers(authorized(), wholeOnly);
    assertThat(fresh.get(0).modes()).containsExactly("remaining");
    assertThat(fresh.get(2).modes()).containsExactly("remaining");

    List<ActionOffer> afterCapture = ActionOffer.offers(payment(AuthorizationState.AUTHORIZED, "53.95", "0", "0", "0"),
        wholeOnly);
    assertThat(afterCapture.get(0).available()).isFalse();
    assertThat(afterCapture.get(1).modes()).containsExactly("remaining");

    PaymentProvider oneCapture = providerWith(Capability.CAPTURE, Capability.PARTIAL_CAPTURE, Capability.VOID);
    List<ActionOffer> partly = ActionOffer.offers(payment(AuthorizationState.AUTHORIZED, "10.00", "0", "0", "0"),
        oneCapture);
    assertThat(partly.get(0).why()).isEqualTo("Limited allows one capture per payment");
    assertThat(partly.get(1).why()).isEqualTo("Limited refunds are not available through this plugin");
    assertThat(partly.get(2).why()).isEqualTo("Limited cannot void what is left after a capture");
  }

  @Test
  void nothingIsOfferedWhileAnOperationIsPendingOrBeforeAuthorization() {
    PaymentView pending = payment(AuthorizationState.AUTHORIZED, "0", "0", "0", "10.00");
    assertThat(ActionOffer.offers(pending, new ScriptedProvider()))
        .allSatisfy(o -> assertThat(o.why()).contains("waiting for the provider's answer"));
    PaymentView declined = payment(AuthorizationState.DECLINED, "0", "0", "0", "0");
    assertThat(ActionOffer.offers(declined, new ScriptedProvider()))
        .allSatisfy(o -> assertThat(o.why()).startsWith("the payment is declined"));
    assertThat(ActionOffer.offers(authorized(), null))
        .allSatisfy(o -> assertThat(o.why()).isEqualTo("the provider 'scripted' is not enabled"));
  }

  @Test
  void aFullyVoidedPaymentOffersNothing() {
    PaymentView voided = payment(AuthorizationState.AUTHORIZED, "0", "0", "53.95", "0");
    List<ActionOffer> offers = ActionOffer.offers(voided, new ScriptedProvider());
    assertThat(offers).noneMatch(ActionOffer::available);
    assertThat(offers.get(0).why()).isEqualTo("nothing is left to capture");
  }
}
