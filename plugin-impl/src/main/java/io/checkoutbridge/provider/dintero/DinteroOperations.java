package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import io.checkoutbridge.provider.support.JsonResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Moving money on a Dintero transaction: capture, refund and void ({@code POST
 * {checkout-url}/transactions/{id}/capture|refund|void}, bodies as in the Payments spec and the
 * WooCommerce plugin's {@code class-dintero-checkout-capture-order.php} and {@code
 * …-refund-order.php}), each followed by its record on the order. Thread-safe.
 */
final class DinteroOperations {
  private final DinteroClient client;
  private final DinteroOrderRecords records;

  DinteroOperations(DinteroClient client, DinteroOrderRecords records) {
    this.client = client;
    this.records = records;
  }

  /**
   * A capture or refund: the operation's lines (or its amount spread over what is open per item) as
   * Dintero items, {@code POST /transactions/{id}/capture|refund}, then the record on the order.
   */
  OperationResult moveMoney(ProviderPayment payment, ProviderOperation operation, String call,
      String referenceField, String reason, String recordKind) throws PaymentException {
    if (!operation.amount().isPositive()) {
      throw new InvalidRequestException(call + " amount must be positive, not " + operation.amount());
    }
    Mapping mapping = DinteroItems.mappingOf(payment);
    boolean capture = "capture".equals(call);
    Map<String, Long> captured = DinteroItems.itemTotals(payment, DinteroProvider.REF_ITEMS_CAPTURED);
    Map<String, Long> refunded = DinteroItems.itemTotals(payment, DinteroProvider.REF_ITEMS_REFUNDED);
    Map<String, Long> open = new LinkedHashMap<>();
    for (DinteroMapper.Item item : mapping.items()) {
      long done = captured.getOrDefault(item.lineId(), 0L);
      long back = refunded.getOrDefault(item.lineId(), 0L);
      // Without any capture on record (older payments) an item's whole amount may be refunded.
      open.put(item.lineId(), capture ? item.amount() - done : (captured.isEmpty() ? item.amount() : done) - back);
    }
    List<OperationItem> items = operation.lines().isEmpty()
        ? DinteroItems.proportional(mapping, operation.amount().toMinor(), open)
        : DinteroMapper.operationItems(mapping, operation.lines(), open);
    long sum = items.stream().mapToLong(OperationItem::amount).sum();
    if (sum != operation.amount().toMinor()) {
      throw new InvalidRequestException("the " + call + " lines sum to " + Money.ofMinor(sum, mapping.currency())
          + ", the amount is " + operation.amount());
    }
    String transactionId = transactionId(payment);
    // The reference is the shop's order reference, as the WooCommerce plugin sends its order id
    // (class-dintero-checkout-capture-order.php): it is what the settlement report shows. It is not
    // unique per operation, so the operation's own key travels separately (see DinteroClient).
    ObjectNode body = DinteroRequests.operation(sum, referenceField, settlementReference(payment), reason, items);
    Map<String, Long> after = new LinkedHashMap<>(capture ? captured : refunded);
    for (OperationItem item : items) {
      after.merge(item.lineId(), item.amount(), Long::sum);
    }
    Map<String, String> tracking = Map.of(capture ? DinteroProvider.REF_ITEMS_CAPTURED : DinteroProvider.REF_ITEMS_REFUNDED, DinteroItems.itemTotalsJson(after));
    JsonResponse response = client.transactionOperation(transactionId, call, body, operation.idempotencyKey());
    return outcome(payment, transactionId, response, call, operation.idempotencyKey(), recordKind, items, tracking);
  }

  /**
   * 202: accepted, decided later. 2xx: done unless the answer's event for this request says it
   * failed. 402: declined. Anything else: the mapped exception. A success is then recorded on the
   * order under the event's own key (so the state fetch does not record it again); a failure to
   * record is logged and retried by the next state fetch.
   *
   * @param key the operation's idempotency key: the pending reference of a 202
   */
  private OperationResult outcome(ProviderPayment payment, String transactionId, JsonResponse response, String call,
      String key, String recordKind, List<OperationItem> items, Map<String, String> tracking)
      throws PaymentException {
    String raw = response.scrubbed();
    if (response.status() == 402) {
      return OperationResult.declined(response.requestId(), DinteroClient.errorMessage(response), raw);
    }
    if (!response.successful()) {
      throw client.failure("POST /transactions/" + transactionId + "/" + call, response);
    }
    Map<String, String> refs = new LinkedHashMap<>(tracking);
    if (payment.ref(DinteroProvider.REF_TRANSACTION).isEmpty()) {
      refs.put(DinteroProvider.REF_TRANSACTION, transactionId);
    }
    if (response.status() == 202) {
      return new OperationResult(OperationResult.Outcome.PENDING, response.requestId(), key, null, raw, refs);
    }
    JsonNode event = eventFor(response.body(), call, response.requestId());
    if (event != null && event.has("success") && !event.path("success").asBoolean()) {
      String message = event.path("error").path("message").asText("Dintero refused the " + call);
      return OperationResult.declined(response.requestId(), message, raw);
    }
    String eventKey = event == null ? null : DinteroTransaction.keyOf(event, call.toUpperCase(Locale.ROOT));
    String providerReference = event == null ? null : event.path("id").asText(eventKey);
    if (eventKey != null) {
      List<OperationItem> recorded = items != null ? items
          : DinteroItems.remainderOf(DinteroItems.mappingOf(payment), event);
      refs.putAll(records.recordOperation(payment, transactionId, recordKind, recorded, eventKey));
    }
    return new OperationResult(OperationResult.Outcome.SUCCEEDED, response.requestId(), providerReference, null, raw,
        refs);
  }

  /**
   * The answer's event for this request: the one whose {@code request_id} is the answer's request
   * id (the Payments spec's {@code TransactionEvent.request_id}), else the newest of its kind.
   */
  private static JsonNode eventFor(JsonNode tx, String call, String requestId) {
    String kind = call.toUpperCase(Locale.ROOT);
    JsonNode newest = null;
    for (JsonNode event : tx.path("events")) {
      if (!kind.equals(event.path("event").asText())) {
        continue;
      }
      if (requestId != null && requestId.equals(event.path("request_id").asText(null))) {
        return event;
      }
      newest = event;
    }
    return newest;
  }

  /**
   * What Dintero's settlement report shows as the capture or refund reference: the shop's order
   * reference (the WooCommerce plugin sends its order id), else the Dintero order id.
   */
  private static String settlementReference(ProviderPayment payment) {
    String reference = payment.orderReference();
    return reference != null && !reference.isBlank() ? reference
        : payment.ref(DinteroProvider.REF_ORDER).orElse(payment.merchantReference());
  }

  /**
   * {@code POST /transactions/{id}/void} without a body (Dintero's void takes none and has no
   * reference field), then the cancellation record on the order. Before any capture it releases the
   * whole authorization. After a part capture it releases what is left, only for the payment
   * products the Payments spec lists under "Void on part capture" ({@link
   * DinteroTransaction#VOID_AFTER_PART_CAPTURE}); for any other (Dintero's own card acquiring among
   * them) it is refused before Dintero is asked. A void of part of what is open does not exist.
   */
  OperationResult voidRemaining(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    if (!operation.remaining()) {
      throw new InvalidRequestException("Dintero voids the whole open authorization only, not "
          + operation.amount());
    }
    String transactionId = transactionId(payment);
    JsonNode tx = client.transaction(transactionId).body();
    DinteroTransaction transaction = DinteroTransaction.parse(tx);
    String productType = tx.path("payment_product_type").asText("");
    if (transaction.captured().isPositive() && !DinteroTransaction.VOID_AFTER_PART_CAPTURE.contains(productType)) {
      throw new InvalidRequestException("Dintero cannot void what is left after a capture for payment product "
          + (productType.isEmpty() ? "(unknown)" : productType) + "; only for " + String.join(", ",
              DinteroTransaction.VOID_AFTER_PART_CAPTURE.stream().sorted().toList()));
    }
    JsonResponse response = client.transactionOperation(transactionId, "void", null, operation.idempotencyKey());
    return outcome(payment, transactionId, response, "void", operation.idempotencyKey(), "cancellations", null,
        Map.of());
  }

  /** The remembered transaction, else the one found by the order id (a safe read). */
  String transactionId(ProviderPayment payment) throws PaymentException {
    Optional<String> known = payment.ref(DinteroProvider.REF_TRANSACTION);
    if (known.isPresent()) {
      return known.get();
    }
    String orderId = payment.ref(DinteroProvider.REF_ORDER).orElse(payment.merchantReference());
    JsonNode tx = DinteroTransaction.choose(client.transactionsFor(orderId).body(), orderId);
    if (tx == null) {
      throw new InvalidRequestException("Dintero has no transaction for order " + orderId + " yet");
    }
    return tx.path("id").asText();
  }
}
