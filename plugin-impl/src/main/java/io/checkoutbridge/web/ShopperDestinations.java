package io.checkoutbridge.web;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.config.CoreSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the shopper's browser goes after the provider: the storefront's configured success or
 * failure page, or the plugin's pending page. Targets come only from configuration (no open
 * redirect); paths are inside the storefront application.
 */
final class ShopperDestinations {
  private final CoreSettings settings;
  private final SealedEndpoints endpoints;

  ShopperDestinations(CoreSettings settings, SealedEndpoints endpoints) {
    this.settings = settings;
    this.endpoints = endpoints;
  }

  /** The final page for a decided payment, or {@code null} while the provider has not decided. */
  String finalPage(HttpServletRequest request, PaymentView payment) {
    return finalPage(request, payment.status(), payment.orderReference(), payment.paymentId());
  }

  /** The storefront page for a decided payment, or {@code null} while it is undecided. */
  String finalPage(HttpServletRequest request, PaymentStatus status, String orderReference, String paymentId) {
    if (status.paid()) {
      return resolve(request, settings.successUrl(), orderReference, paymentId);
    }
    if (status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED || status == PaymentStatus.VOIDED) {
      return resolve(request, settings.failureUrl(), orderReference, paymentId);
    }
    return null;
  }

  String pendingPage(HttpServletRequest request, PaymentView payment) {
    return request.getContextPath() + SealedEndpoints.PENDING_PATH + "?" + endpoints.query(Seal.Purpose.PENDING, payment.paymentId());
  }

  String failurePage(HttpServletRequest request, PaymentView payment) {
    return resolve(request, settings.failureUrl(), payment.orderReference(), payment.paymentId());
  }

  private static String resolve(HttpServletRequest request, String template, String orderReference, String paymentId) {
    String target = template
        .replace("{orderReference}", URLEncoder.encode(orderReference, StandardCharsets.UTF_8))
        .replace("{paymentId}", URLEncoder.encode(paymentId, StandardCharsets.UTF_8));
    return target.startsWith("/") ? request.getContextPath() + target : target;
  }
}
