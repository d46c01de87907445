package io.checkoutbridge.admin;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.PaymentProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an admin may capture, refund or void a payment now, how (everything, an amount, chosen
 * lines) and up to how much: the provider's capabilities and the ledger decide, with the same
 * rules the engine enforces. The page shows only what is offered; the engine still has the last
 * word.
 *
 * @param kind the operation
 * @param label the button's words
 * @param available whether the form is offered
 * @param why when not available, the reason in a few words
 * @param modes {@code remaining}, {@code amount}, {@code lines}: what the form may select
 * @param max the most the operation may move now
 */
record ActionOffer(OperationKind kind, String label, boolean available, String why, List<String> modes, Money max) {
  static final String REMAINING = "remaining";
  static final String AMOUNT = "amount";
  static final String LINES = "lines";

  ActionOffer {
    modes = List.copyOf(modes);
  }

  /** The three offers for a payment; {@code provider} is {@code null} when it is not enabled. */
  static List<ActionOffer> offers(PaymentView payment, PaymentProvider provider) {
    return List.of(capture(payment, provider), refund(payment, provider), voidOffer(payment, provider));
  }

  static ActionOffer capture(PaymentView payment, PaymentProvider provider) {
    Ledger ledger = payment.ledger();
    String label = "Capture";
    String blocked = blocked(payment, provider, "captured");
    if (blocked != null) {
      return refused(OperationKind.CAPTURE, label, blocked, ledger);
    }
    Set<Capability> caps = provider.capabilities();
    if (!caps.contains(Capability.CAPTURE)) {
      return refused(OperationKind.CAPTURE, label, provider.displayName() + " captures are not available through this plugin", ledger);
    }
    if (ledger.capturable().isZero()) {
      return refused(OperationKind.CAPTURE, label, "nothing is left to capture", ledger);
    }
    if (ledger.captured().isPositive() && !caps.contains(Capability.MULTIPLE_CAPTURES)) {
      return refused(OperationKind.CAPTURE, label, provider.displayName() + " allows one capture per payment", ledger);
    }
    return offered(OperationKind.CAPTURE, label, caps.contains(Capability.PARTIAL_CAPTURE), true, ledger.capturable());
  }

  static ActionOffer refund(PaymentView payment, PaymentProvider provider) {
    Ledger ledger = payment.ledger();
    String label = "Refund";
    String blocked = blocked(payment, provider, "refunded");
    if (blocked != null) {
      return refused(OperationKind.REFUND, label, blocked, ledger);
    }
    Set<Capability> caps = provider.capabilities();
    if (!caps.contains(Capability.REFUND)) {
      return refused(OperationKind.REFUND, label, provider.displayName() + " refunds are not available through this plugin", ledger);
    }
    if (ledger.refundable().isZero()) {
      return refused(OperationKind.REFUND, label, ledger.captured().isZero()
          ? "nothing has been captured yet, so nothing can be refunded" : "nothing is left to refund", ledger);
    }
    return offered(OperationKind.REFUND, label, caps.contains(Capability.PARTIAL_REFUND), true, ledger.refundable());
  }

  static ActionOffer voidOffer(PaymentView payment, PaymentProvider provider) {
    Ledger ledger = payment.ledger();
    boolean afterCapture = ledger.captured().isPositive();
    String label = afterCapture ? "Void the remainder" : "Void";
    String blocked = blocked(payment, provider, "voided");
    if (blocked != null) {
      return refused(OperationKind.VOID, label, blocked, ledger);
    }
    Set<Capability> caps = provider.capabilities();
    if (afterCapture && !caps.contains(Capability.VOID_REMAINING)) {
      return refused(OperationKind.VOID, label, provider.displayName() + " cannot void what is left after a capture", ledger);
    }
    if (!afterCapture && !caps.contains(Capability.VOID)) {
      return refused(OperationKind.VOID, label, provider.displayName() + " voids are not available through this plugin", ledger);
    }
    if (ledger.voidable().isZero()) {
      return refused(OperationKind.VOID, label, "nothing is left to void", ledger);
    }
    return offered(OperationKind.VOID, label, caps.contains(Capability.VOID_REMAINING), false, ledger.voidable());
  }

  /** Why nothing at all can be done now, or {@code null}. */
  private static String blocked(PaymentView payment, PaymentProvider provider, String done) {
    if (provider == null) {
      return "the provider '" + payment.providerId() + "' is not enabled";
    }
    if (payment.ledger().authorization() != AuthorizationState.AUTHORIZED) {
      return "the payment is " + payment.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + ", so nothing can be " + done;
    }
    if (payment.ledger().hasPendingOperation()) {
      return "another capture, refund or void is waiting for the provider's answer; refresh from the provider to settle it";
    }
    return null;
  }

  private static ActionOffer offered(OperationKind kind, String label, boolean partial, boolean byLine, Money max) {
    List<String> modes = new ArrayList<>(List.of(REMAINING));
    if (partial) {
      modes.add(AMOUNT);
      if (byLine) {
        modes.add(LINES);
      }
    }
    return new ActionOffer(kind, label, true, null, modes, max);
  }

  private static ActionOffer refused(OperationKind kind, String label, String why, Ledger ledger) {
    return new ActionOffer(kind, label, false, why, List.of(), Money.zero(ledger.currency()));
  }
}
