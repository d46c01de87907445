package io.checkoutbridge.ops;

import io.checkoutbridge.store.AttentionQueries.Reason;

/**
 * What each "needs attention" reason means to an admin and what they can do about it. The
 * actions are the ones the admin has: "Refresh from provider" on the payment (asks the provider
 * now and applies its answer, idempotent), the provider's own back office, and patience where the
 * plugin retries by itself.
 */
public final class NeedsAttention {
  private NeedsAttention() {}

  /** One line saying why the payment is listed. */
  public static String why(Reason reason) {
    return switch (reason) {
      case STARTED_TOO_LONG -> "Started and not finished: the shopper may have left, or the provider's answer is late.";
      case OUTCOME_UNKNOWN -> "Started, and the plugin could not learn from the provider how the start ended.";
      case PENDING_TOO_LONG -> "The provider has kept it pending for longer than expected.";
      case OPERATION_AWAITING_PROVIDER -> "A capture, refund or void was sent and the provider's answer is not known yet.";
      case CALLBACK_NOT_APPLIED -> "A notification from the provider was received but could not be applied; it is retried.";
      case CALLBACK_MISMATCH -> "A notification's payment at the provider does not match this one (amount, currency or"
          + " reference); nothing was applied.";
    };
  }

  /** What the admin can do. */
  public static String action(Reason reason) {
    return switch (reason) {
      case STARTED_TOO_LONG -> "Refresh from provider. If the provider has no such payment, nothing was taken and"
          + " nothing needs doing.";
      case OUTCOME_UNKNOWN -> "Look the order reference up in the provider's back office, then Refresh from provider.";
      case PENDING_TOO_LONG -> "Refresh from provider; if it stays pending, ask the provider about it.";
      case OPERATION_AWAITING_PROVIDER -> "Refresh from provider. Do not send the action again: the pending amount is"
          + " settled as soon as the provider answers.";
      case CALLBACK_NOT_APPLIED -> "Refresh from provider applies the provider's current state now; the retries stop"
          + " once it is applied.";
      case CALLBACK_MISMATCH -> "Compare the payment with the provider's back office before capturing or refunding;"
          + " contact the provider if they differ.";
    };
  }
}
