package io.checkoutbridge.it;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A storefront's stateless session bean: each method runs in the container's transaction
 * (REQUIRED), writes the shop's order row, calls the plugin and then marks its transaction for
 * rollback.
 */
@Stateless
public class StatelessShop {
  @Inject
  Payments payments;

  @Resource
  SessionContext context;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource shopDatabase;

  public String startThenRollBack(String orderReference) throws PaymentException, SQLException {
    TransactionalShop.saveOrder(shopDatabase, orderReference);
    String paymentId = payments.start(ScriptedProvider.ID, Carts.request(orderReference)).paymentId();
    context.setRollbackOnly();
    return paymentId;
  }

  public PaymentView captureThenRollBack(String paymentId, String orderReference) throws PaymentException, SQLException {
    TransactionalShop.saveOrder(shopDatabase, orderReference + "-captured");
    PaymentView captured = payments.capture(paymentId, new AdminCommand(Selection.remaining(), "shipped",
        "storefront", "capture-" + paymentId));
    context.setRollbackOnly();
    return captured;
  }
}
