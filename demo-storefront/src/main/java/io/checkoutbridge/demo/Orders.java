package io.checkoutbridge.demo;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.PaymentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The shop's orders, in memory (the demo starts empty every time). Listens to the plugin's status
 * events to mark its orders paid, failed, cancelled or refunded.
 */
@ApplicationScoped
public class Orders {
  private static final Logger LOG = Logger.getLogger(Orders.class.getName());
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  /** A new order with a fresh reference such as {@code HF-7K2QW9XA}. */
  public Order create(PricedCart cart, String customerName, String customerEmail, Address deliveryAddress) {
    while (true) {
      Order order = new Order(newReference(), cart, customerName, customerEmail, deliveryAddress, clock.instant());
      if (orders.putIfAbsent(order.reference(), order) == null) {
        return order;
      }
    }
  }

  public Optional<Order> find(String reference) {
    return reference == null ? Optional.empty() : Optional.ofNullable(orders.get(reference));
  }

  /** The given orders that exist, newest first. */
  public List<Order> findAll(java.util.Collection<String> references) {
    return references.stream().map(orders::get).filter(java.util.Objects::nonNull)
        .sorted(Comparator.comparing(Order::createdAt).reversed()).toList();
  }

  void attemptStarted(Order order, String paymentId, String providerId) {
    order.attempt(paymentId, providerId, clock.instant());
  }

  /** Marks the shop's order from a committed change of one of its payments. */
  void onPaymentStatusChanged(@Observes PaymentStatusChanged change) {
    Order order = orders.get(change.orderReference());
    if (order == null) {
      return; // a payment of an order this shop instance does not know (an earlier run)
    }
    Order.State before = order.state();
    order.apply(change);
    Order.State after = order.state();
    if (before != after) {
      LOG.info(() -> "order " + change.orderReference() + ": " + before + " -> " + after + " (payment "
          + change.paymentId() + " " + change.previous() + " -> " + change.current() + ")");
    }
  }

  private static String newReference() {
    StringBuilder ref = new StringBuilder("HF-");
    for (int i = 0; i < 8; i++) {
      ref.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return ref.toString();
  }
}
