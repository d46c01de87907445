package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import io.checkoutbridge.store.SweepStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Starts checkouts: creates the payment, asks the provider for the shopper's next step and records
 * its answer. A start whose answer was lost leaves the payment open ("being confirmed") for the
 * sweeper, never failed; where the start itself may have taken money, the shopper is sent to wait
 * for the outcome rather than to pay again.
 *
 * <p>Thread-safe.
 */
final class CheckoutStarts {
  private static final Logger LOG = Logger.getLogger(CheckoutStarts.class.getName());

  private final TransactionCore core;
  private final Database db;
  private final PaymentStore store;
  private final SweepStore sweeps;
  private final StateReconciliation reconciliation;
  private final Endpoints endpoints;
  private final SweepPolicy sweep;

  CheckoutStarts(TransactionCore core, StateReconciliation reconciliation, Endpoints endpoints) {
    this.core = core;
    this.db = core.db;
    this.store = core.store;
    this.sweeps = core.sweeps;
    this.reconciliation = reconciliation;
    this.endpoints = endpoints;
    this.sweep = core.sweep;
  }

  CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException {
    PaymentProvider provider = core.provider(providerId)
        .orElseThrow(() -> new InvalidRequestException("no enabled payment provider '" + providerId + "'"));
    provider.validate(request);
    String paymentId = UUID.randomUUID().toString();
    Instant now = core.now();
    PaymentRecord record = new PaymentRecord(paymentId, providerId, request.orderReference(), null, null,
        request.cart().currency(), request.cart().total().toMinor(), PaymentStatus.STARTED,
        TransactionCore.truncate(request.customer().fullName(), 200),
        TransactionCore.truncate(request.customer().email(), 250), Map.of(),
        null, now, now, 0);
    db.inTransaction(c -> {
      store.insertPayment(c, record, request.cart().lines());
      store.append(c, paymentId, 1, core.event(EventKind.CREATED, record.totalMinor(), List.of(), null, null, "shopper",
          null, null, null, null));
      sweeps.schedule(c, paymentId, now.plus(sweep.firstAfter()));
      return null;
    });
    StartContext context = new StartContext(paymentId, request, endpoints.returnUrl(providerId, paymentId),
        endpoints.callbackUrl(providerId, paymentId), core.memory(providerId));
    StartResult result;
    try {
      result = provider.start(context);
    } catch (PaymentException e) {
      if (TwoPhaseOperations.unknownOutcome(e)) {
        return startUnconfirmed(provider, paymentId, e);
      }
      EventKind outcome = e.code() == ErrorCode.DECLINED ? EventKind.DECLINED : EventKind.START_FAILED;
      core.transition(paymentId, tx -> {
        tx.append(core.event(outcome, null, List.of(), null, null, "provider",
            e.code().code() + ": " + e.getMessage(), e.providerRequestId(), null, null));
        return null;
      });
      throw e;
    }
    try {
      recordStart(paymentId, result);
    } catch (PaymentException unsaved) {
      // The provider acted and its answer could not be written down. The shopper is not sent to a
      // page whose payment the ledger could not find again; where the start itself authorised,
      // they wait for the outcome rather than pay again.
      return startUnconfirmed(provider, paymentId, unsaved);
    }
    return new CheckoutStart(paymentId, result.next());
  }

  /** How often the answer of a start is written before giving up: the provider has acted by then. */
  static final int START_WRITE_ATTEMPTS = 3;

  /**
   * Writes the provider's answer to a start. The provider has acted, so its ids must not be lost
   * to a database that fails for a moment: the write is tried again a few times, shortly.
   */
  void recordStart(String paymentId, StartResult result) throws PaymentException {
    for (int attempt = 1; ; attempt++) {
      try {
        core.transition(paymentId, tx -> {
          tx.merchantReference = result.merchantReference();
          tx.refs.putAll(result.refs());
          if (result.state() != null) {
            reconciliation.applyState(tx, result.state());
          }
          return null;
        });
        return;
      } catch (PaymentException e) {
        if (e.code() != ErrorCode.STORAGE || attempt >= START_WRITE_ATTEMPTS) {
          throw e;
        }
        LOG.warning(() -> "payment " + paymentId + ": the provider's answer to the start could not be saved,"
            + " trying again: " + e.getMessage());
        pause(Duration.ofMillis(50L * attempt));
      }
    }
  }

  /**
   * A start whose answer was lost: the payment stays open (STARTED, "being confirmed") and the
   * {@link Sweeper} settles it from the provider's state. Where the start itself authorises
   * (server to server), the money may be committed, so the shopper is sent to wait for the
   * outcome, never back to pay again. Where the shopper still had to go to the provider's page,
   * nothing the provider holds can take money without them, and the caller is told to try again.
   */
  CheckoutStart startUnconfirmed(PaymentProvider provider, String paymentId, PaymentException cause)
      throws PaymentException {
    try {
      core.transition(paymentId, tx -> {
        tx.append(core.event(EventKind.START_UNCONFIRMED, null, List.of(), null, null, "provider",
            cause.code().code() + ": " + cause.getMessage(), cause.providerRequestId(), null, null));
        return null;
      });
    } catch (PaymentException unrecorded) {
      cause.addSuppressed(unrecorded); // the payment is STARTED and due for a sweep all the same
    }
    if (provider.capabilities().contains(Capability.SERVER_SIDE_AUTHORIZATION)) {
      LOG.warning(() -> "payment " + paymentId + ": the provider's answer to the authorisation was lost; it is"
          + " being confirmed from the provider's state: " + cause);
      return new CheckoutStart(paymentId, new NextStep.Done(PaymentStatus.STARTED));
    }
    throw new TransientNetworkException("the provider did not answer in time; the shopper was not sent to pay,"
        + " so this attempt cannot take money: start again", cause.providerRequestId(), cause);
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
