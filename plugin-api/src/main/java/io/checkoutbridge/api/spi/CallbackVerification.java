package io.checkoutbridge.api.spi;

import java.util.Objects;

/**
 * A verified callback.
 *
 * @param dedupeKey identifies this delivery's content: a second delivery with the same key is
 *     answered 2xx and changes nothing
 * @param description a short text for the webhook log, without secrets
 */
public record CallbackVerification(String dedupeKey, String description) {
  public CallbackVerification {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
  }
}
