package io.checkoutbridge.engine;

/** What a callback delivery did. */
public enum CallbackOutcome {
  /** Recorded in the inbox; the provider's state is applied after the answer. */
  ACCEPTED,
  /** The provider's state was fetched and applied (possibly with no change). */
  APPLIED,
  /** The same delivery was processed before: nothing done. */
  DUPLICATE,
  /** The provider's state does not match the payment: nothing applied, recorded for an admin. */
  MISMATCH
}
