package io.checkoutbridge.api;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** What the storefront does next for the shopper after a checkout has started. */
public sealed interface NextStep {

  /** Send the shopper's browser to the provider's page (HTTP 303 or a link). */
  record Redirect(URI url) implements NextStep {
    /**
     * Requires the URL.
     *
     * @param url the provider's page
     */
    public Redirect {
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * Show the provider's element in the storefront's page.
   *
   * @param element the provider's element name, such as {@code hokodo-checkout} or
   *     {@code felloh-iframe}
   * @param parameters what the element needs (offer id, iframe URL); never secrets
   * @param fallbackUrl a hosted page that does the same without the element
   */
  record Embed(String element, Map<String, String> parameters, URI fallbackUrl) implements NextStep {
    /**
     * Copies the parameters.
     *
     * @param element the provider's element name
     * @param parameters what the element needs; never secrets
     * @param fallbackUrl a hosted page that does the same without the element
     */
    public Embed {
      parameters = Map.copyOf(parameters);
    }
  }

  /** Nothing more for the shopper to do: the provider decided at once (server-side authorization). */
  record Done(io.checkoutbridge.api.PaymentStatus status) implements NextStep {}
}
