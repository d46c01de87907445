package io.checkoutbridge.it;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.testing.Carts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A storefront's {@code @Transactional} CDI bean: it writes its own order row in its transaction,
 * calls the plugin, and then fails, so the container rolls its transaction back.
 */
@ApplicationScoped
public class TransactionalShop {
  /** The shop's failure after the plugin answered; carries the payment id the plugin gave. */
  public static final class ShopFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String paymentId;

    ShopFailure(String paymentId) {
      super("the shop failed after the plugin answered", null, false, false);
      this.paymentId = paymentId;
    }

    public String paymentId() {
      return paymentId;
    }
  }

  @Inject
  Payments payments;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource shopDatabase;

  @Transactional
  public void startThenFail(String orderReference) throws PaymentException, SQLException {
    saveOrder(shopDatabase, orderReference);
    String paymentId = payments.start(io.checkoutbridge.testing.ScriptedProvider.ID, Carts.request(orderReference))
        .paymentId();
    throw new ShopFailure(paymentId);
  }

  @Transactional
  public PaymentView captureThenFail(String paymentId, String orderReference) throws PaymentException, SQLException {
    saveOrder(shopDatabase, orderReference + "-captured");
    payments.capture(paymentId, new AdminCommand(Selection.remaining(), "shipped", "storefront",
        "capture-" + paymentId));
    throw new ShopFailure(paymentId);
  }

  /**
   * Asks for things the plugin refuses (a checked refusal, then a programming error), handles both,
   * and commits its own row; answers the refusals.
   */
  @Transactional
  public String refusedThenCommit(String orderReference) throws SQLException {
    String refusal;
    try {
      payments.refund(java.util.UUID.randomUUID().toString(), new AdminCommand(Selection.remaining(), "returned",
          "storefront", "refund-" + orderReference));
      refusal = null;
    } catch (PaymentException e) {
      refusal = e.code().code();
    }
    try {
      payments.start(io.checkoutbridge.testing.ScriptedProvider.ID, null);
    } catch (RuntimeException | PaymentException e) {
      refusal += " " + e.getClass().getSimpleName();
    }
    saveOrder(shopDatabase, orderReference);
    return refusal;
  }

  static void saveOrder(DataSource database, String orderReference) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO it_shop_order (order_reference) VALUES (?)")) {
      s.setString(1, orderReference);
      s.executeUpdate();
    }
  }
}
