package io.checkoutbridge.sandbox.kibo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the simulator remembers, guarded by synchronising on this object. No card number is
 * ever kept: an authorisation holds at most the last four digits.
 */
final class KiboState {

  /** An access token issued to an API key. */
  record Grant(String apiKey, Instant expiresAt) {}

  /**
   * One authorisation.
   *
   * @param orderId the order id reserved for it
   * @param authToken the token create-order must carry as {@code authorizationID}
   * @param paymentMethodToken a reusable token for the payment method
   * @param externalCartId the client's cart id
   * @param manufacturerId the manufacturer
   * @param catalogId the catalog
   * @param currency ISO code
   * @param amount major units as sent
   * @param paymentType CC, PP, TOKEN or GC
   * @param lastFour a card's or gift card's last four digits, else null
   * @param testOrder whether flagged as a test
   * @param createdAt when authorised
   * @param usedByOrder the order that consumed it, or null
   */
  record Authorization(String orderId, String authToken, String paymentMethodToken,
      String externalCartId, long manufacturerId, long catalogId, String currency, BigDecimal amount,
      String paymentType, String lastFour, boolean testOrder, Instant createdAt, String usedByOrder) {

    Authorization usedBy(String order) {
      return new Authorization(orderId, authToken, paymentMethodToken, externalCartId, manufacturerId,
          catalogId, currency, amount, paymentType, lastFour, testOrder, createdAt, order);
    }
  }

  /** An order created with an authorisation. */
  record Order(String orderId, String externalOrderId, long manufacturerId, long catalogId, String currency,
      BigDecimal total, int items, String shippingMethod, String status, boolean testOrder, Instant createdAt) {}

  final Map<String, Grant> tokens = new LinkedHashMap<>();
  /** By auth token. */
  final Map<String, Authorization> authorizations = new LinkedHashMap<>();
  /** Auth token by external cart id. */
  final Map<String, String> cartIds = new LinkedHashMap<>();
  /** By order id. */
  final Map<String, Order> orders = new LinkedHashMap<>();
  /** Order id by manufacturer id and external order id. */
  final Map<String, String> externalOrderIds = new LinkedHashMap<>();
  long nextOrderNumber = 100_000_001L;

  void clear() {
    tokens.clear();
    authorizations.clear();
    cartIds.clear();
    orders.clear();
    externalOrderIds.clear();
    nextOrderNumber = 100_000_001L;
  }
}
