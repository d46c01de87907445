package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.codec.Digests;
import io.checkoutbridge.provider.dintero.DinteroMapper.Mapping;
import io.checkoutbridge.provider.dintero.DinteroMapper.OperationItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dintero's Order Management records of what happened to the money: the authorization, captures,
 * refunds and the cancellation, each {@code POST …/shopping/orders/{order_id}/<kind>} with
 * {@link DinteroRequests#orderRecord}. The Orders API moves no money (docs.dintero.com
 * order-management overview), so recording never fails a payment: the money has moved, a failure
 * is logged and the next state fetch records what is missing, once, guarded by the payment's
 * {@code order_recorded.*} flags. Thread-safe.
 */
final class DinteroOrderRecords {
  private static final System.Logger LOG = System.getLogger(DinteroOrderRecords.class.getName());

  private final DinteroClient client;
  private final AuthorizationRecordings authorizationRecordings = new AuthorizationRecordings(Duration.ofSeconds(10));

  DinteroOrderRecords(DinteroClient client) {
    this.client = client;
  }

  /**
   * Records one operation made through the adapter, under its event's key.
   *
   * @param kind {@code captures}, {@code refunds} or {@code cancellations}
   * @return the flag to add to the payment's refs, or none when recording failed
   */
  Map<String, String> recordOperation(ProviderPayment payment, String transactionId, String kind,
      List<OperationItem> items, String eventKey) {
    try {
      String orderId = payment.ref(DinteroProvider.REF_ORDER).orElse(payment.merchantReference());
      client.recordOnOrder(orderId, kind, DinteroRequests.orderRecord(items, transactionId));
      return Map.of(recordedRef(eventKey), "true");
    } catch (PaymentException e) {
      LOG.log(System.Logger.Level.WARNING, "the " + kind + " record of transaction " + transactionId
          + " could not be written on the order; it is recorded at the next state fetch: " + e);
      return Map.of();
    }
  }

  /** Whether the order already holds an authorization record for the transaction. */
  private boolean authorizationAlreadyRecorded(String orderId, String transactionId) {
    try {
      for (JsonNode record : client.orderRecords(orderId, "authorizations").body().path("authorizations")) {
        if (transactionId.equals(record.path("payment_details").path("payment_id").asText(null))) {
          return true;
        }
      }
      return false;
    } catch (PaymentException unreadable) {
      return false;
    }
  }

  /**
   * Records on the order what the transaction shows and the order lacks: the authorization first
   * (once, across nodes), then every capture, refund and void not yet flagged. Failures are logged
   * and tried again at the next state fetch.
   *
   * @return the flags to add to the payment's refs
   */
  Map<String, String> recordOnOrder(ProviderPayment payment, String orderId, DinteroTransaction transaction) {
    Map<String, String> refs = new LinkedHashMap<>();
    Mapping mapping;
    try {
      mapping = DinteroItems.mappingOf(payment);
    } catch (InvalidRequestException e) {
      LOG.log(System.Logger.Level.WARNING, "Dintero order records skipped for order " + orderId + ": " + e);
      return refs;
    }
    if (payment.ref(DinteroProvider.REF_AUTHORIZATION_RECORDED).isEmpty()) {
      try {
        authorizationRecordings.recordOnce(transaction.id(), () -> client.recordOnOrder(orderId, "authorizations",
            DinteroRequests.orderRecord(DinteroRequests.wholeOrder(mapping), transaction.id())));
        refs.put(DinteroProvider.REF_AUTHORIZATION_RECORDED, "true");
      } catch (PaymentException e) {
        if (!e.retryable() && authorizationAlreadyRecorded(orderId, transaction.id())) {
          // Another node's fetch (or one that gave up waiting for a slow record) recorded it.
          refs.put(DinteroProvider.REF_AUTHORIZATION_RECORDED, "true");
          return refs;
        }
        LOG.log(System.Logger.Level.WARNING, "recording the authorization of transaction " + transaction.id()
            + " on Dintero order " + orderId + " failed; it is tried again at the next state fetch: " + e);
        return refs; // captures and refunds go on the order only after its authorization
      }
    }
    for (DinteroTransaction.Event event : transaction.events()) {
      String flag = recordedRef(event.key());
      if (payment.ref(flag).isPresent()) {
        continue;
      }
      if (event.legacyKeys().stream().anyMatch(legacy -> payment.ref(recordedRef(legacy)).isPresent())) {
        refs.put(flag, "true"); // recorded by an earlier version under its old key
        continue;
      }
      String kind = switch (event.event()) {
        case "CAPTURE" -> "captures";
        case "REFUND" -> "refunds";
        default -> "cancellations";
      };
      try {
        List<OperationItem> items = DinteroItems.itemsOf(mapping, event);
        client.recordOnOrder(orderId, kind, DinteroRequests.orderRecord(items, transaction.id()));
        refs.put(flag, "true");
      } catch (PaymentException e) {
        LOG.log(System.Logger.Level.WARNING, "recording a " + event.event() + " of transaction " + transaction.id()
            + " on Dintero order " + orderId + " failed; it is tried again at the next state fetch: " + e);
      }
    }
    return refs;
  }

  /** The flag that says the event with {@code key} is on the order: {@code order_recorded.<16 hex>}. */
  static String recordedRef(String key) {
    return DinteroProvider.REF_RECORDED_PREFIX + Digests.sha256Hex(key).substring(0, 16);
  }
}
