package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.provider.support.JsonResponse;

/**
 * Hokodo's post-sale actions: {@code POST payment/deferred_payments/{id}/capture|capture_remaining|
 * refund|void|void_remaining} (the Magento plugin's {@code etc/di.xml} and
 * {@code Gateway/Command/PostSale/*.php}), each after the storefront's invoice or credit note when
 * it supplies one. Thread-safe.
 */
final class HokodoPostSale {
  private final HokodoClient client;

  HokodoPostSale(HokodoClient client) {
    this.client = client;
  }

  /**
   * Uploads the document, when there is one, then sends the action.
   *
   * @param action the path's last segment
   * @param withAmount whether the body carries the amount ({@code void_remaining} does not)
   * @param documentType {@code invoice}, {@code credit_note} or {@code null}
   */
  OperationResult send(ProviderPayment payment, ProviderOperation operation, String action,
      boolean withAmount, String documentType) throws PaymentException {
    String deferredId = payment.ref(HokodoProvider.REF_DEFERRED_PAYMENT).orElseThrow(() -> new IllegalTransitionException(
        "Hokodo has no deferred payment for payment " + payment.paymentId() + " yet"));
    Document document = operation.document();
    if (document != null && documentType != null) {
      String orderId = payment.ref(HokodoProvider.REF_ORDER).orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND,
          "payment " + payment.paymentId() + " has no Hokodo order"));
      client.uploadDocument(orderId, document, documentType,
          HokodoRequests.description(operation, operation.amount()), operation.amount().toMinor(),
          operation.idempotencyKey() + ":" + documentType);
    }
    String path = "payment/deferred_payments/" + deferredId + "/" + action;
    JsonResponse response = client.sendPost(path,
        HokodoRequests.postSale(operation, payment.paymentId(), withAmount), operation.idempotencyKey());
    if (response.successful()) {
      return OperationResult.succeeded(response.requestId(), postSaleReference(response.body()), response.scrubbed());
    }
    int status = response.status();
    if (status == 400 || status == 409 || status == 422) {
      String reason = HokodoClient.errorMessage(response);
      return OperationResult.declined(response.requestId(),
          "Hokodo refused the " + action + (reason.isBlank() ? "" : ": " + reason), response.scrubbed());
    }
    throw client.http().failure("POST /" + path, response);
  }

  /**
   * Hokodo answers a post-sale action with the post-sale event it recorded, {@code {created, type,
   * amount, currency, metadata, changes}}, which has no {@code id} (Hokodo's Magento plugin,
   * {@code Test/Integration/Gateway/Service/PostSaleTest.php} and {@code
   * Api/Data/Gateway/DeferredPaymentsPostSaleActionInterface.php}). The event's type and creation
   * time name it: {@code capture@2020-10-15T19:53:42.345Z}; {@code null} when either is missing.
   */
  static String postSaleReference(JsonNode event) {
    String type = event.path("type").asText("");
    String created = event.path("created").asText("");
    if (type.isBlank() || created.isBlank()) {
      return null;
    }
    return type + "@" + created;
  }
}
