package io.checkoutbridge.engine;

import java.net.URI;

/** The sealed URLs a provider is given for one payment. */
public interface Endpoints {
  /** Where the provider sends the shopper back. */
  URI returnUrl(String providerId, String paymentId);

  /** Where the provider sends server-to-server notifications. */
  URI callbackUrl(String providerId, String paymentId);
}
