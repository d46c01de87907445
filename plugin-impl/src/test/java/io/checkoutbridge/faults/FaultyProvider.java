package io.checkoutbridge.faults;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import java.util.Set;

/**
 * A real adapter with the server's own failures around its money-moving calls: the server
 * stopping just before a call or just after the provider answered, or the database failing just
 * after the answer. Reads ({@link #fetchState}) pass straight through.
 */
final class FaultyProvider implements PaymentProvider {

  /** The server stopping: nothing after it on that thread runs. */
  static final class ServerStopped extends Error {
    private static final long serialVersionUID = 1L;

    ServerStopped(String where) {
      super("the server stopped " + where);
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws PaymentException;
  }

  private final PaymentProvider real;
  private final FaultMatrixTest.Hooks hooks;

  FaultyProvider(PaymentProvider real, FaultMatrixTest.Hooks hooks) {
    this.real = real;
    this.hooks = hooks;
  }

  private <T> T around(Call<T> call) throws PaymentException {
    Runnable before = hooks.beforeCall;
    if (before != null) {
      hooks.beforeCall = null;
      before.run();
    }
    T answer = call.run();
    Runnable after = hooks.afterAnswer;
    if (after != null) {
      hooks.afterAnswer = null;
      after.run();
    }
    return answer;
  }

  @Override
  public String id() {
    return real.id();
  }

  @Override
  public String displayName() {
    return real.displayName();
  }

  @Override
  public Set<Capability> capabilities() {
    return real.capabilities();
  }

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    real.validate(request);
  }

  @Override
  public StartResult start(StartContext context) throws PaymentException {
    return around(() -> real.start(context));
  }

  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    return real.fetchState(payment);
  }

  @Override
  public CallbackVerification verifyCallback(CallbackRequest callback) throws SignatureException {
    return real.verifyCallback(callback);
  }

  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return around(() -> real.capture(payment, operation));
  }

  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return around(() -> real.refund(payment, operation));
  }

  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return around(() -> real.cancel(payment, operation));
  }

  @Override
  public Preview preview(CheckoutRequest request) throws InvalidRequestException {
    return real.preview(request);
  }
}
