package io.checkoutbridge.api.spi;

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
 * One payment provider. Implementations are discovered as CDI beans and through
 * {@code META-INF/services/io.checkoutbridge.api.spi.PaymentProvider}.
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

  /** Stable lower-case id used in URLs and configuration: {@code dintero}, {@code hokodo}, ... */
  String id();

  /** The name shown to shoppers. */
  String displayName();

  Set<Capability> capabilities();

  /** Whether this provider is enabled and fully configured. Disabled providers are not offered. */
  default boolean enabled() {
    return true;
  }

  /**
   * Checks a request against the provider's rules without any I/O.
   *
   * @throws InvalidRequestException naming the first field or line that breaks a rule
   */
  void validate(CheckoutRequest request) throws InvalidRequestException;

  /** Creates what the provider needs and tells the shopper's next step. */
  StartResult start(StartContext context) throws PaymentException;

  /** The provider's current truth about the payment. Safe to call any time, any number of times. */
  ProviderState fetchState(ProviderPayment payment) throws PaymentException;

  /**
   * Verifies a callback's provider signature where the provider signs (the plugin has already
   * checked its own URL seal) and names the delivery for de-duplication. Must not trust or parse
   * amounts from the body: the engine re-fetches state.
   *
   * <p>The default suits providers that do not sign: the seal is the proof, and the key is a
   * digest of the body and query.
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

  OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  /** Voids the authorisation (all of it, or the rest when {@link ProviderOperation#remaining()}). */
  OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException;

  /**
   * Checks the credentials and that the provider's API answers, with the cheapest call it has (a
   * token request or a read); sends nothing that creates or changes a payment. Used by the admin's
   * self-test and once at start-up, where a failure is a warning, never a failed deployment.
   *
   * <p>The default sends nothing and says so: a provider without a self-test is never reported as
   * working.
   *
   * @throws PaymentException when the provider refused the credentials or could not be reached; the
   *     message names the provider and the setting to look at, never a secret
   */
  default SelfTestResult selfTest() throws PaymentException {
    return SelfTestResult.notChecked();
  }

  /** The requests {@link #start} would send for {@code request}, with every mapping rule applied. */
  Preview preview(CheckoutRequest request) throws InvalidRequestException;
}
