package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.codec.Digests;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.util.Optional;

/**
 * Hokodo's notifications to the offer's {@code urls.notification}: {@code {"created", "data":
 * {"order": {…, "deferred_payment": {id, number, status}}}}} (the Magento plugin's
 * {@code etc/webapi.xml} and {@code Api/DeferredPaymentProcessorInterface.php}; {@code inikoo/aurora}
 * {@code ar_web_hokodo_notification.php} reads the same fields). A notification is only a cue: the
 * adapter fetches the order and the deferred payment again. Pure; thread-safe.
 */
final class HokodoNotifications {
  private HokodoNotifications() {}

  /**
   * Hokodo does not sign notifications: the seal on our callback URL (checked by the engine) is the
   * proof. The key names the event: the order, the deferred payment's id and status and the
   * notification's time, so Hokodo's retries of one notification are recognised; a body that is
   * not such JSON is keyed by its digest. Amounts in the body are never read.
   */
  static Optional<CallbackVerification> verify(CallbackRequest callback) {
    JsonNode body;
    try {
      body = JsonHttp.MAPPER.readTree(callback.body());
    } catch (IOException notJson) {
      body = null;
    }
    JsonNode order = body == null ? null : body.path("data").path("order");
    if (order == null || !order.path("id").isTextual()) {
      return Optional.empty();
    }
    JsonNode deferred = order.path("deferred_payment");
    String deferredId = HokodoProvider.idOf(deferred).orElse("");
    String status = deferred.path("status").asText("");
    String created = body.path("created").asText("");
    String orderId = order.path("id").asText();
    String key = HokodoProvider.ID + ":" + Digests.sha256Hex(orderId + "\n" + deferredId + "\n" + status + "\n" + created);
    String description = "notification for " + orderId
        + (deferredId.isEmpty() ? "" : ", deferred payment " + deferredId + " " + status);
    return Optional.of(new CallbackVerification(key, description));
  }

}
