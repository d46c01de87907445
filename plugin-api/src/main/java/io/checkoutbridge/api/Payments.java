package io.checkoutbridge.api;

import io.checkoutbridge.api.error.PaymentException;
import java.util.List;
import java.util.Optional;

/**
 * What a storefront calls. Inject it ({@code @Inject Payments payments}).
 *
 * <p>Implementations are thread-safe. Every method that changes a payment goes through one place,
 * under a per-payment lock, in one database transaction; illegal moves (capturing more than is
 * authorized, refunding before capture, anything after a void) are refused with an
 * {@link io.checkoutbridge.api.error.IllegalTransitionException} before the provider is called.
 */
public interface Payments {

  /**
   * The providers enabled by configuration, in the configured order.
   *
   * @return the providers a shopper may choose from
   */
  List<ProviderInfo> providers();

  /**
   * Starts an attempt to pay {@code request} with a provider. Creates the payment, asks the
   * provider for the next step and returns it. A new attempt for the same order reference is
   * allowed (the shopper may switch providers); a paid attempt is never undone by another.
   *
   * @param providerId one of {@link ProviderInfo#id()} from {@link #providers()}
   * @param request the order, cart and customer
   * @return the payment id and the shopper's next step
   * @throws io.checkoutbridge.api.error.InvalidRequestException when the cart, customer or
   *     payment details do not satisfy the provider; nothing is sent then
   * @throws PaymentException when the provider refuses or cannot be reached
   */
  CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException;

  /**
   * One payment as it stands.
   *
   * @param paymentId the id from {@link CheckoutStart#paymentId()}
   * @return the payment, or empty for an unknown id
   */
  Optional<PaymentView> payment(String paymentId);

  /**
   * Every attempt for an order, newest first.
   *
   * @param orderReference the storefront's order reference
   * @return the attempts; empty for an unknown order
   */
  List<PaymentView> paymentsForOrder(String orderReference);

  /**
   * The order's status across its attempts, as the shop needs it: the newest attempt that is paid
   * and not wholly refunded if there is one (the order is paid); else a provider still deciding
   * ({@link PaymentStatus#PENDING}: do not ask the shopper to pay again); else a wholly refunded
   * attempt; else the newest attempt's status.
   *
   * @param orderReference the storefront's order reference
   * @return the status, or {@link Optional#empty()} for an unknown order
   */
  Optional<PaymentStatus> orderStatus(String orderReference);

  /**
   * Asks the provider for its truth now and applies it (forward only).
   *
   * @param paymentId the payment
   * @return the payment after the provider's state is applied
   * @throws PaymentException when the payment is unknown or the provider cannot be asked
   */
  PaymentView refresh(String paymentId) throws PaymentException;

  /**
   * Captures part or all of the open authorization.
   *
   * @param paymentId the payment
   * @param command the amount (and lines, where the provider takes them) and the actor
   * @return the payment after the capture
   * @throws PaymentException when the move is illegal, declined or the provider cannot be reached
   */
  PaymentView capture(String paymentId, AdminCommand command) throws PaymentException;

  /**
   * Refunds part or all of what was captured.
   *
   * @param paymentId the payment
   * @param command the amount (and lines, where the provider takes them) and the actor
   * @return the payment after the refund
   * @throws PaymentException when the move is illegal, declined or the provider cannot be reached
   */
  PaymentView refund(String paymentId, AdminCommand command) throws PaymentException;

  /**
   * Releases the authorization that is still open (all of it before any capture).
   *
   * @param paymentId the payment
   * @param command the actor and reason
   * @return the payment after the void
   * @throws PaymentException when the move is illegal, declined or the provider cannot be reached
   */
  PaymentView voidAuthorization(String paymentId, AdminCommand command) throws PaymentException;
}
