package io.checkoutbridge.api;

import java.util.Objects;

/**
 * A capture, refund or void asked for by a person or by the storefront.
 *
 * @param selection what it covers
 * @param reason why, shown in the history (required)
 * @param actor who asks: the admin's user name or {@code storefront}
 * @param idempotencyKey the same key for the same intent (one form submission): repeating a command
 *     with a key already used returns the first outcome and moves no money
 */
public record AdminCommand(Selection selection, String reason, String actor, String idempotencyKey) {

  /**
   * Checks and normalises the components.
   *
   * @param selection what it covers
   * @param reason why, shown in the history (required)
   * @param actor who asks: the admin's user name or {@code storefront}
   * @param idempotencyKey the same key for the same intent (one form submission): repeating a command with a key already used returns the first outcome and moves no money
   */
  public AdminCommand {
    Objects.requireNonNull(selection, "selection");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    if (reason.length() > 500) {
      throw new IllegalArgumentException("the reason may have at most 500 characters");
    }
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("an actor is required");
    }
    if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,100}")) {
      throw new IllegalArgumentException("idempotency key must be 8 to 100 letters, digits or . _ : -");
    }
  }
}
