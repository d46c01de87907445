/**
 * One exception hierarchy. Every failure is a subclass of
 * {@link io.checkoutbridge.api.error.PaymentException}, one subclass per
 * {@link io.checkoutbridge.api.error.ErrorCode}, carrying the code, the provider's request id where
 * a provider answered, and whether trying again may help. Messages never contain secrets or card
 * data.
 */
package io.checkoutbridge.api.error;
