package io.checkoutbridge.web;

import io.checkoutbridge.engine.Endpoints;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the return and callback URLs given to providers, each carrying the payment id and its seal. */
public final class SealedEndpoints implements Endpoints {
  public static final String RETURN_PATH = "/payments/return/";
  public static final String CALLBACK_PATH = "/payments/callback/";
  public static final String PENDING_PATH = "/payments/pending";
  public static final String STATUS_PATH = "/payments/status";

  private final URI publicUrl;
  private final Seal seal;

  public SealedEndpoints(URI publicUrl, Seal seal) {
    String base = publicUrl.toString();
    this.publicUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.seal = seal;
  }

  @Override
  public URI returnUrl(String providerId, String paymentId) {
    return URI.create(publicUrl + RETURN_PATH + providerId + "?" + query(paymentId));
  }

  @Override
  public URI callbackUrl(String providerId, String paymentId) {
    return URI.create(publicUrl + CALLBACK_PATH + providerId + "?" + query(paymentId));
  }

  /** {@code pid=…&seal=…} for a payment. */
  public String query(String paymentId) {
    return "pid=" + URLEncoder.encode(paymentId, StandardCharsets.UTF_8) + "&seal=" + seal.seal(paymentId);
  }
}
