package io.checkoutbridge.api.spi;

import java.util.Objects;

/**
 * A verified callback.
 *
 * @param dedupeKey identifies this delivery's content: a second delivery with the same key is
 *     answered 2xx and changes nothing
 * @param description a short text for the webhook log, without secrets
 * @param paymentReference for providers that send every notification to one URL per merchant
 *     (Felloh): the provider's id naming the payment (its merchant reference or its own payment id),
 *     used only after the provider's signature has verified; {@code null} when the callback URL
 *     carries the plugin's sealed payment id
 */
public record CallbackVerification(String dedupeKey, String description, String paymentReference) {

  /**
   * Checks and normalises the components.
   *
   * @param dedupeKey identifies this delivery's content: a second delivery with the same key is answered 2xx and changes nothing
   * @param description a short text for the webhook log, without secrets
   * @param paymentReference for providers that send every notification to one URL per merchant (Felloh): the provider's id naming the payment (its merchant reference or its own payment id), used only after the provider's signature has verified; {@code null} when the callback URL carries the plugin's sealed payment id
   */
  public CallbackVerification {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
  }

  /**
   * A verified delivery to a sealed per-payment URL.
   *
   * @param dedupeKey identifies this delivery's content
   * @param description a short text for the webhook log, without secrets
   */
  public CallbackVerification(String dedupeKey, String description) {
    this(dedupeKey, description, null);
  }
}
