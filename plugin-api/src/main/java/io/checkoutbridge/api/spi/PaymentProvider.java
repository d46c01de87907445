package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * One payment provider. A provider written outside this project is discovered as a CDI bean only
 * (any bean implementing this interface in a deployment the container scans); there is no
 * {@code java.util.ServiceLoader} entry for this interface. The built-in providers are created by
 * the implementation from configuration and are not a public extension point.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Thread-safe; no per-payment state in fields (the engine keeps it in the database).
 *   <li>Never log or put into an exception message a secret or card number.
 *   <li>Mutating calls ({@link #capture}, {@link #refund}, {@link #cancel}) are not retried blindly:
 *       on a timeout throw {@link io.checkoutbridge.api.error.TransientNetworkException}; the engine
 *       resolves the outcome with {@link #fetchState}.
 *   <li>Provider-specific units (pence codes, major units, 5-decimal minor units) stay inside the
 *       adapter.
 * </ul>
 */
public interface PaymentProvider {

  /**
   * Stable lower-case id used in URLs and configuration: {@code dintero}, {@code hokodo}, ...
   *
   * @return the id; never changes between releases of a provider
   */
  String id();

  /**
   * The name shown to shoppers.
   *
   * @return the display name
   */
  String displayName();

  /**
   * What this provider can do; admin actions are offered only where the capability is present.
   *
   * @return the capabilities, never {@code null}
   */
  Set<Capability> capabilities();

  /**
   * Whether this provider is enabled and fully configured. Disabled providers are not offered.
   *
   * @return {@code true} when the provider may be offered
   */
  default boolean enabled() {
    return true;
  }

  /**
   * Checks a request against the provider's rules without any I/O.
   *
   * @param request the storefront's checkout request
   * @throws InvalidRequestException naming the first field or line that breaks a rule
   */
  void validate(CheckoutRequest request) throws InvalidRequestException;

  /**
   * Creates what the provider needs and tells the shopper's next step.
   *
   * @param context the request, the payment id and the plugin's URLs for this attempt
   * @return the next step and the provider ids to remember
   * @throws PaymentException when the provider refuses or cannot be reached
   */
  StartResult start(StartContext context) throws PaymentException;

  /**
   * The provider's current truth about the payment. Safe to call any time, any number of times.
   *
   * @param payment what the engine remembers of the payment
   * @return the provider's state now
   * @throws PaymentException when the provider cannot be asked
   */
  ProviderState fetchState(ProviderPayment payment) throws PaymentException;

  /**
   * Verifies a callback's provider signature where the provider signs (the plugin has already
   * checked its own URL seal) and names the delivery for de-duplication. Must not trust or parse
   * amounts from the body: the engine re-fetches state.
   *
   * <p>The default suits providers that do not sign: the seal is the proof, and the key is a
   * digest of the body and query.
   *
   * @param callback the request as received
   * @return the delivery's de-duplication key and what was verified
   * @throws SignatureException when a signature is missing or wrong
   */
  default CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(callback.url().getRawQuery()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(callback.body());
      return new CallbackVerification(id() + ":" + HexFormat.of().formatHex(sha.digest()), "unsigned callback");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Captures {@link ProviderOperation#amount()} of the authorization.
   *
   * @param payment what the engine remembers of the payment
   * @param operation the amount, lines and idempotency key of this capture
   * @return what the provider answered
   * @throws PaymentException when the provider refuses or cannot be reached
   */
  OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  /**
   * Refunds {@link ProviderOperation#amount()} of what was captured.
   *
   * @param payment what the engine remembers of the payment
   * @param operation the amount, lines and idempotency key of this refund
   * @return what the provider answered
   * @throws PaymentException when the provider refuses or cannot be reached
   */
  OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  /**
   * Voids the authorization (all of it, or the rest when {@link ProviderOperation#remaining()}): the
   * provider's side of {@link io.checkoutbridge.api.Payments#voidAuthorization} and
   * {@link OperationKind#VOID}.
   *
   * @param payment what the engine remembers of the payment
   * @param operation the amount and idempotency key of this void
   * @return what the provider answered
   * @throws PaymentException when the provider refuses or cannot be reached
   */
  OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  /**
   * Checks the credentials and that the provider's API answers, with the cheapest call it has (a
   * token request or a read); sends nothing that creates or changes a payment. Used by the admin's
   * self-test and once at start-up, where a failure is a warning, never a failed deployment.
   *
   * <p>The default sends nothing and says so: a provider without a self-test is never reported as
   * working.
   *
   * @return what the check found
   * @throws PaymentException when the provider refused the credentials or could not be reached; the
   *     message names the provider and the setting to look at, never a secret
   */
  default SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.notChecked();
  }

  /**
   * The requests {@link #start} would send for {@code request}, with every mapping rule applied.
   *
   * @param request the storefront's checkout request
   * @return the requests, without secrets
   * @throws InvalidRequestException when the request breaks a rule of the provider
   */
  Preview preview(CheckoutRequest request) throws InvalidRequestException;
}
