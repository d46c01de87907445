package io.checkoutbridge.cdi;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.PaymentException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Payments} a storefront injects: the engine, always run outside the caller's
 * transaction.
 *
 * <p>Why: the ledger commits on its own connection the moment the provider has answered, because
 * the provider's side cannot be rolled back. Run inside a caller's JTA transaction (a
 * {@code @Transactional} bean, an EJB), the server's datasource would enlist that connection in
 * the caller's transaction: the engine's own commit is then refused (IronJacamar: "You cannot set
 * autocommit during a managed transaction"), and were it not, a rollback of the caller would erase
 * the record of a payment the provider has started, or of money it has moved.
 *
 * <p>How: {@link TxType#NOT_SUPPORTED} makes the container suspend the caller's transaction for
 * the duration of each call and resume it afterwards, so the engine's connections are plain local
 * transactions. It is the Jakarta Transactions interceptor every Jakarta EE server provides (Web
 * Profile included) and the only portable way to suspend a transaction:
 * {@code TransactionSynchronizationRegistry} and {@code UserTransaction} can observe or end the
 * caller's transaction but not set it aside, and the {@code TransactionManager} that can is
 * server-specific. Interceptors apply to managed beans, not to an object a producer method
 * returns, hence this bean in front of the engine. The caller's transaction is untouched: the
 * plugin's exceptions do not mark it for rollback.
 */
@ApplicationScoped
@Transactional(TxType.NOT_SUPPORTED)
public class StorefrontPayments implements Payments {

  @Inject
  CheckoutBridgeRuntime runtime;

  private Payments engine() {
    return runtime.paymentEngine();
  }

  @Override
  public List<ProviderInfo> providers() {
    return engine().providers();
  }

  @Override
  public CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException {
    return engine().start(providerId, request);
  }

  @Override
  public Optional<PaymentView> payment(String paymentId) {
    return engine().payment(paymentId);
  }

  @Override
  public List<PaymentView> paymentsForOrder(String orderReference) {
    return engine().paymentsForOrder(orderReference);
  }

  @Override
  public Optional<PaymentStatus> orderStatus(String orderReference) {
    return engine().orderStatus(orderReference);
  }

  @Override
  public PaymentView refresh(String paymentId) throws PaymentException {
    return engine().refresh(paymentId);
  }

  @Override
  public PaymentView capture(String paymentId, AdminCommand command) throws PaymentException {
    return engine().capture(paymentId, command);
  }

  @Override
  public PaymentView refund(String paymentId, AdminCommand command) throws PaymentException {
    return engine().refund(paymentId, command);
  }

  @Override
  public PaymentView voidAuthorization(String paymentId, AdminCommand command) throws PaymentException {
    return engine().voidAuthorization(paymentId, command);
  }
}
