package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.Money;
import java.util.Optional;

/**
 * Supplied by the storefront (as a CDI bean or through {@code META-INF/services}) when a provider
 * wants documents with captures and refunds (Hokodo invoices and credit notes).
 */
public interface DocumentSource {
  /**
   * The document for an operation.
   *
   * @param orderReference the storefront's order
   * @param kind capture (invoice) or refund (credit note)
   * @param amount the money of the operation
   * @return the document, or empty when the storefront has none
   */
  Optional<Document> documentFor(String orderReference, OperationKind kind, Money amount);
}
