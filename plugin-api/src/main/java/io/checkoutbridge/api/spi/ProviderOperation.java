package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One capture, refund or void, already checked against the ledger by the engine.
 *
 * @param kind what to do
 * @param amount the money; for a void, the authorization released
 * @param lines the amount per line, summing exactly to {@code amount}
 * @param remaining {@code true} when this takes everything still open (capture or void the rest),
 *     for providers with a dedicated call
 * @param idempotencyKey stable for this operation: send it to providers that accept one
 * @param reason the admin's reason
 * @param document the invoice (capture) or credit note (refund) when the storefront supplies
 *     one, else {@code null}
 */
public record ProviderOperation(
    OperationKind kind,
    Money amount,
    List<LineAmount> lines,
    boolean remaining,
    String idempotencyKey,
    String reason,
    Document document) {

  /**
   * Checks and normalises the components.
   *
   * @param kind what to do
   * @param amount the money; for a void, the authorization released
   * @param lines the amount per line, summing exactly to {@code amount}
   * @param remaining {@code true} when this takes everything still open (capture or void the rest), for providers with a dedicated call
   * @param idempotencyKey stable for this operation: send it to providers that accept one
   * @param reason the admin's reason
   * @param document the invoice (capture) or credit note (refund) when the storefront supplies one, else {@code null}
   */
  public ProviderOperation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    lines = List.copyOf(lines);
  }

  /**
   * The document that goes with the operation (an invoice or credit note), if any.
   *
   * @return the document, or empty
   */
  public Optional<Document> documentIfAny() {
    return Optional.ofNullable(document);
  }
}
