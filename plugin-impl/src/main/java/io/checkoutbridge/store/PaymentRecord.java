package io.checkoutbridge.store;

import io.checkoutbridge.api.PaymentStatus;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;

/** The {@code cb_payment} row: identity, references and the cached ledger summary. */
public record PaymentRecord(
    String id,
    String provider,
    String orderReference,
    String merchantReference,
    String providerPaymentId,
    Currency currency,
    long totalMinor,
    PaymentStatus status,
    String customerName,
    String customerEmail,
    Map<String, String> refs,
    Instant lastRefreshedAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public PaymentRecord {
    refs = Map.copyOf(refs);
  }
}
