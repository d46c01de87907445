package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.testing.ScriptedProvider;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin called from inside a storefront's transaction, a {@code @Transactional} CDI bean's
 * and a stateless EJB's, on the server's JTA datasource: the call works, and the ledger commits
 * on its own. The shop's transaction then rolls back, which undoes the shop's own row (so the
 * transaction was real and did roll back) and nothing of the payment: a payment the provider knows
 * of, or money it moved, is never forgotten because the caller failed afterwards.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionalCallerIT {
  private static final String NAME = "transactional-caller";

  @Deployment
  static WebArchive deployment() {
    return Deployments.storefront(NAME, Map.of())
        .addClasses(Deployments.class, LedgerQueries.class, TransactionalShop.class, TransactionalShop.ShopFailure.class,
            StatelessShop.class)
        .addAsLibraries(Deployments.jars("plugin-impl-0.1.0-SNAPSHOT-tests", "assertj-core-", "byte-buddy-"))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject
  TransactionalShop transactionalShop;

  @Inject
  StatelessShop statelessShop;

  @Inject
  Payments payments;

  @Inject
  ScriptedProvider provider;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource database;

  @BeforeEach
  void shopTable() throws SQLException {
    try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS it_shop_order (order_reference VARCHAR(80) NOT NULL)");
    }
  }

  private static String order(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aPaymentStartedInATransactionalBeanThatRollsBackStaysInTheLedger() throws Exception {
    String order = order("TX");
    TransactionalShop.ShopFailure failure = catchThrowableOfType(TransactionalShop.ShopFailure.class,
        () -> transactionalShop.startThenFail(order));

    assertThat(failure).as("the shop's own failure, not the plugin's").isNotNull();
    assertThat(shopOrders(order)).as("the shop's transaction rolled back").isZero();
    assertLedger(failure.paymentId(), order, "STARTED", "0");
  }

  @Test
  void aCaptureInATransactionalBeanThatRollsBackStaysInTheLedger() throws Exception {
    String order = order("TXC");
    String id = authorizedPayment(order);
    TransactionalShop.ShopFailure failure = catchThrowableOfType(TransactionalShop.ShopFailure.class,
        () -> transactionalShop.captureThenFail(id, order));

    assertThat(failure).isNotNull();
    assertThat(shopOrders(order + "-captured")).isZero();
    assertLedger(id, order, "CAPTURED", "5395");
    assertThat(provider.calls(io.checkoutbridge.api.spi.OperationKind.CAPTURE)).isPositive();
  }

  @Test
  void aPaymentStartedInAStatelessBeanThatRollsBackStaysInTheLedger() throws Exception {
    String order = order("EJB");
    String id = statelessShop.startThenRollBack(order);

    assertThat(shopOrders(order)).as("the EJB's transaction rolled back").isZero();
    assertLedger(id, order, "STARTED", "0");
  }

  @Test
  void aCaptureInAStatelessBeanThatRollsBackStaysInTheLedger() throws Exception {
    String order = order("EJBC");
    String id = authorizedPayment(order);
    PaymentView captured = statelessShop.captureThenRollBack(id, order);

    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(shopOrders(order + "-captured")).isZero();
    assertLedger(id, order, "CAPTURED", "5395");
  }

  @Test
  void aRefusalFromThePluginDoesNotRollTheCallersTransactionBack() throws Exception {
    String order = order("TXR");
    String refusal = transactionalShop.refusedThenCommit(order);

    assertThat(refusal).as("a checked refusal, then a runtime exception").isEqualTo("not_found NullPointerException");
    assertThat(shopOrders(order)).as("the shop's transaction committed").isEqualTo(1);
  }

  private String authorizedPayment(String order) throws Exception {
    String id = payments.start(ScriptedProvider.ID, io.checkoutbridge.testing.Carts.request(order)).paymentId();
    provider.authorize(id);
    assertThat(payments.refresh(id).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    return id;
  }

  private void assertLedger(String id, String order, String status, String capturedMinor) throws SQLException {
    try (Connection c = database.getConnection()) {
      assertThat(row(c, "SELECT order_reference, status, captured_minor FROM cb_payment WHERE id = ?", id))
          .containsExactly(order, status, capturedMinor);
    }
    assertThat(payments.payment(id)).get().extracting(PaymentView::status).isEqualTo(PaymentStatus.valueOf(status));
  }

  private long shopOrders(String order) throws SQLException {
    try (Connection c = database.getConnection()) {
      return Long.parseLong(row(c, "SELECT COUNT(*) FROM it_shop_order WHERE order_reference = ?", order).get(0));
    }
  }
}
