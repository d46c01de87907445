package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading Hokodo's offer: its {@code offered_payment_plans} with {@code status} offered, declined or
 * expired, {@code valid_until} and {@code payment_url} (the Magento plugin's
 * {@code Test/Integration/Gateway/Service/OfferTest.php}, {@code Api/Data/PaymentPlanInterface.php}).
 * Thread-safe.
 */
final class HokodoOffers {
  private final Clock clock;

  HokodoOffers(Clock clock) {
    this.clock = clock;
  }

  /** The first plan still offered (status {@code offered} and not past {@code valid_until}). */
  Optional<JsonNode> firstOfferedPlan(JsonNode offer) {
    for (JsonNode plan : offer.path("offered_payment_plans")) {
      String status = plan.path("status").asText("offered");
      if ("offered".equals(status) && !expired(plan) && !plan.path("payment_url").asText("").isBlank()) {
        return Optional.of(plan);
      }
    }
    return Optional.empty();
  }

  private boolean expired(JsonNode plan) {
    String validUntil = plan.path("valid_until").asText("");
    if (validUntil.isEmpty()) {
      return false;
    }
    try {
      return OffsetDateTime.parse(validUntil).toInstant().isBefore(clock.instant());
    } catch (DateTimeParseException unreadable) {
      return false;
    }
  }

  /** With no plan on offer: DECLINED when Hokodo declined every plan, otherwise FAILED (expired). */
  static AuthorizationState planVerdict(JsonNode offer) {
    JsonNode plans = offer.path("offered_payment_plans");
    if (!plans.isArray() || plans.isEmpty()) {
      return AuthorizationState.DECLINED;
    }
    for (JsonNode plan : plans) {
      if (!"declined".equals(plan.path("status").asText(""))) {
        return AuthorizationState.FAILED;
      }
    }
    return AuthorizationState.DECLINED;
  }

  static String planSummary(JsonNode offer) {
    List<String> parts = new ArrayList<>();
    for (JsonNode plan : offer.path("offered_payment_plans")) {
      String code = plan.path("rejection_reason").path("code").asText("");
      parts.add(plan.path("name").asText(plan.path("id").asText("plan")) + " " + plan.path("status").asText("?")
          + (code.isEmpty() ? "" : " (" + code + ")"));
    }
    return parts.isEmpty() ? "no plans" : String.join(", ", parts);
  }

  static URI paymentUrl(JsonNode plan) throws PaymentException {
    try {
      return URI.create(plan.path("payment_url").asText());
    } catch (IllegalArgumentException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Hokodo offered a plan with an unreadable payment_url");
    }
  }
}
