package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payment as a provider adapter sees it when asked for state or for an operation.
 *
 * @param paymentId the plugin's id
 * @param orderReference the storefront's order reference
 * @param merchantReference what was returned as {@link StartResult#merchantReference()}
 * @param total the amount the shopper was asked for
 * @param lines the cart lines
 * @param refs the provider ids remembered for this payment
 */
public record ProviderPayment(
    String paymentId,
    String orderReference,
    String merchantReference,
    Money total,
    List<CartLine> lines,
    Map<String, String> refs) {

  /**
   * Checks and normalises the components.
   *
   * @param paymentId the plugin's id
   * @param orderReference the storefront's order reference
   * @param merchantReference what was returned as {@link StartResult#merchantReference()}
   * @param total the amount the shopper was asked for
   * @param lines the cart lines
   * @param refs the provider ids remembered for this payment
   */
  public ProviderPayment {
    lines = List.copyOf(lines);
    refs = Map.copyOf(refs);
  }

  /**
   * A provider id remembered for this payment.
   *
   * @param key the name the provider stored it under
   * @return the id, or empty
   */
  public Optional<String> ref(String key) {
    return Optional.ofNullable(refs.get(key));
  }
}
