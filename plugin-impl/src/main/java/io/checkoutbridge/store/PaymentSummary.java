package io.checkoutbridge.store;

import io.checkoutbridge.api.PaymentStatus;
import java.time.Instant;
import java.util.Currency;

/**
 * One row of the admin list: a payment's identity and its cached ledger summary, read from
 * {@code cb_payment} alone (no lines, no history). Amounts are in the currency's minor unit.
 *
 * @param pendingMinor the sum of the captures, refunds and voids still awaiting the provider
 */
public record PaymentSummary(
    String id,
    String provider,
    String orderReference,
    PaymentStatus status,
    Currency currency,
    long totalMinor,
    long authorizedMinor,
    long capturedMinor,
    long refundedMinor,
    long voidedMinor,
    long pendingMinor,
    String customerName,
    String customerEmail,
    Instant createdAt,
    Instant updatedAt) {}
