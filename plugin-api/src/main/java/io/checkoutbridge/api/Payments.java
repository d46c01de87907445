package io.checkoutbridge.api;

import io.checkoutbridge.api.error.PaymentException;
import java.util.List;
import java.util.Optional;

/**
 * What a storefront calls. Inject it ({@code @Inject Payments payments}).
 *
 * <p>Implementations are thread-safe. Every method that changes a payment goes through one place,
 * under a per-payment lock, in one database transaction; illegal moves (capturing more than is
 * authorised, refunding before capture, anything after a void) are refused with an
 * {@link io.checkoutbridge.api.error.IllegalTransitionException} before the provider is called.
 */
public interface Payments {

  /** The providers enabled by configuration, in the configured order. */
  List<ProviderInfo> providers();

  /**
   * Starts an attempt to pay {@code request} with a provider. Creates the payment, asks the
   * provider for the next step and returns it. A new attempt for the same order reference is
   * allowed (the shopper may switch providers); a paid attempt is never undone by another.
   *
   * @throws io.checkoutbridge.api.error.InvalidRequestException when the cart, customer or
   *     payment details do not satisfy the provider; nothing is sent then
   */
  CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException;

  Optional<PaymentView> payment(String paymentId);

  /** Every attempt for an order, newest first. */
  List<PaymentView> paymentsForOrder(String orderReference);

  /**
   * The order's status across its attempts, as the shop needs it: the newest attempt that is paid
   * and not wholly refunded if there is one (the order is paid); else a provider still deciding
   * ({@link PaymentStatus#PENDING}: do not ask the shopper to pay again); else a wholly refunded
   * attempt; else the newest attempt's status. {@link Optional#empty()} for an unknown order.
   */
  Optional<PaymentStatus> orderStatus(String orderReference);

  /** Asks the provider for its truth now and applies it (forward only). */
  PaymentView refresh(String paymentId) throws PaymentException;

  PaymentView capture(String paymentId, AdminCommand command) throws PaymentException;

  PaymentView refund(String paymentId, AdminCommand command) throws PaymentException;

  /** Releases the authorisation that is still open (all of it before any capture). */
  PaymentView voidAuthorization(String paymentId, AdminCommand command) throws PaymentException;
}
