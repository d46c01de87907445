package io.checkoutbridge.testing;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider whose decisions and failures a test scripts. It keeps a real ledger per
 * payment (authorised, captured, refunded, voided) and refuses what a real provider would refuse,
 * so the engine can be driven end to end before, and independently of, the real adapters.
 */
@ApplicationScoped
public class ScriptedProvider implements PaymentProvider {
  public static final String ID = "scripted";

  /** How the next call of an operation misbehaves. */
  public enum Fault {
    /** The provider does the operation, but the answer never arrives (a timeout). */
    TIMEOUT_AFTER_APPLY,
    /** The provider fails before doing anything (a 503). */
    ERROR_BEFORE_APPLY,
    /** The provider refuses the operation. */
    DECLINE,
    /** The provider accepts the operation for approval and decides later. */
    ACCEPT_FOR_APPROVAL,
    /** The server stops before the request leaves: the provider never hears of it. */
    CRASH_BEFORE_APPLY,
    /** The provider does the operation and the server stops before its answer is written down. */
    CRASH_AFTER_APPLY
  }

  /** The server stopping in the middle of a call: nothing after it on that thread runs. */
  public static final class ServerStopped extends Error {
    private static final long serialVersionUID = 1L;

    public ServerStopped(String where) {
      super("scripted: the server stopped " + where);
    }
  }

  private static final class Account {
    AuthorizationState auth = AuthorizationState.NONE;
    Money amount;
    Money captured;
    Money refunded;
    Money voided;
    String reference;
  }

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final Map<OperationKind, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<OperationKind, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private volatile boolean fetchFails;
  private volatile boolean declineNextStart;
  private volatile Fault startFault;
  private volatile boolean serverSide;
  private volatile Runnable afterStart = () -> { };
  private volatile RuntimeException fetchBug;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Scripted test provider";
  }

  @Override
  public Set<Capability> capabilities() {
    if (serverSide) {
      return EnumSet.of(Capability.SERVER_SIDE_AUTHORIZATION, Capability.CAPTURE, Capability.PARTIAL_CAPTURE,
          Capability.MULTIPLE_CAPTURES, Capability.REFUND, Capability.PARTIAL_REFUND, Capability.VOID,
          Capability.VOID_REMAINING);
    }
    return EnumSet.of(Capability.REDIRECT, Capability.CAPTURE, Capability.PARTIAL_CAPTURE,
        Capability.MULTIPLE_CAPTURES, Capability.PER_LINE_CAPTURE, Capability.REFUND, Capability.PARTIAL_REFUND,
        Capability.VOID, Capability.VOID_REMAINING);
  }

  @Override
  public void validate(CheckoutRequest request) throws InvalidRequestException {
    if (request.customer().lastName() == null || request.customer().lastName().isBlank()) {
      throw new InvalidRequestException("customer.lastName is required");
    }
  }

  @Override
  public StartResult start(StartContext context) throws PaymentException {
    if (declineNextStart) {
      declineNextStart = false;
      throw new DeclinedException("scripted decline at start");
    }
    Fault fault = startFault;
    startFault = null;
    if (fault == Fault.ERROR_BEFORE_APPLY) {
      throw new TransientNetworkException("scripted 503 at start");
    }
    Account account = new Account();
    Money total = context.request().cart().total();
    account.amount = total;
    account.captured = Money.zero(total.currency());
    account.refunded = Money.zero(total.currency());
    account.voided = Money.zero(total.currency());
    account.reference = "ref-" + context.paymentId();
    if (serverSide) {
      account.auth = AuthorizationState.AUTHORIZED;
    }
    accounts.put(context.paymentId(), account);
    afterStart.run();
    if (fault == Fault.TIMEOUT_AFTER_APPLY) {
      throw new TransientNetworkException("scripted timeout after start");
    }
    if (serverSide) {
      return new StartResult(new NextStep.Done(io.checkoutbridge.api.PaymentStatus.AUTHORIZED), account.reference,
          Map.of("scripted_id", context.paymentId()), new ProviderState(AuthorizationState.AUTHORIZED, "AUTHORIZED",
              account.reference, total, account.captured, account.refunded, account.voided,
              "scripted-" + context.paymentId(), "req-start", Map.of()));
    }
    return new StartResult(new NextStep.Redirect(URI.create("https://scripted.invalid/pay/" + context.paymentId())),
        account.reference, Map.of("scripted_id", context.paymentId()), null);
  }

  // ---- what the shopper does on the provider's page ----

  public void authorize(String paymentId) {
    decide(paymentId, AuthorizationState.AUTHORIZED);
  }

  public void decline(String paymentId) {
    decide(paymentId, AuthorizationState.DECLINED);
  }

  public void holdForReview(String paymentId) {
    decide(paymentId, AuthorizationState.PENDING);
  }

  private void decide(String paymentId, AuthorizationState state) {
    Account account = account(paymentId);
    synchronized (account) {
      account.auth = state;
    }
  }

  /** Pretends the provider captured on its own (auto-capture). */
  public void captureAtProvider(String paymentId, Money amount) {
    Account account = account(paymentId);
    synchronized (account) {
      account.captured = account.captured.plus(amount);
    }
  }

  /** Reports a different amount than the payment's (a tampered or confused provider). */
  public void misreportAmount(String paymentId, Money amount) {
    Account account = account(paymentId);
    synchronized (account) {
      account.amount = amount;
    }
  }

  // ---- scripting ----

  public void failNext(OperationKind kind, Fault fault) {
    faults.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add(fault);
  }

  /** The next start is declined at once, as a server-side authorisation can be. */
  public void declineNextStart() {
    declineNextStart = true;
  }

  /** The next start misbehaves: {@link Fault#TIMEOUT_AFTER_APPLY} or {@link Fault#ERROR_BEFORE_APPLY}. */
  public void failNextStart(Fault fault) {
    startFault = fault;
  }

  /** Starts authorise at once, server to server, as a card provider does ({@code true}), or redirect. */
  public void authorizeServerSide(boolean value) {
    serverSide = value;
  }

  /** Runs after the provider has acted on a start and before it answers. */
  public void afterStart(Runnable hook) {
    afterStart = hook;
  }

  /** Every fetch of the state fails with this bug (not a {@link PaymentException}) until {@code null}. */
  public void breakFetches(RuntimeException bug) {
    fetchBug = bug;
  }

  /** The provider refuses an operation it had accepted for approval. */
  public void refuseAccepted(String idempotencyKey) {
    refused.add("approval-" + idempotencyKey);
  }

  public void failFetches(boolean fail) {
    this.fetchFails = fail;
  }

  public int calls(OperationKind kind) {
    return calls.computeIfAbsent(kind, k -> new AtomicInteger()).get();
  }

  public int fetches() {
    return fetches.get();
  }

  public void reset() {
    accounts.clear();
    faults.clear();
    calls.clear();
    fetches.set(0);
    refused.clear();
    fetchFails = false;
    declineNextStart = false;
    startFault = null;
    fetchBug = null;
  }

  // ---- the provider API ----

  @Override
  public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
    fetches.incrementAndGet();
    RuntimeException bug = fetchBug;
    if (bug != null) {
      throw bug;
    }
    if (fetchFails) {
      throw new TransientNetworkException("scripted provider is down");
    }
    Account account = account(payment.paymentId());
    synchronized (account) {
      return new ProviderState(account.auth, account.auth.name(), account.reference, account.amount,
          account.captured, account.refunded, account.voided, "scripted-" + payment.paymentId(), "req-fetch", Map.of(),
          Set.copyOf(refused));
    }
  }

  @Override
  public OperationResult capture(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operate(payment, operation);
  }

  @Override
  public OperationResult refund(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operate(payment, operation);
  }

  @Override
  public OperationResult cancel(ProviderPayment payment, ProviderOperation operation) throws PaymentException {
    return operate(payment, operation);
  }

  private OperationResult operate(ProviderPayment payment, ProviderOperation op) throws PaymentException {
    calls.computeIfAbsent(op.kind(), k -> new AtomicInteger()).incrementAndGet();
    Fault fault = faults.getOrDefault(op.kind(), new ConcurrentLinkedQueue<>()).poll();
    if (fault == Fault.ERROR_BEFORE_APPLY) {
      throw new TransientNetworkException("scripted 503 for " + op.kind());
    }
    if (fault == Fault.CRASH_BEFORE_APPLY) {
      throw new ServerStopped("before the " + op.kind() + " was sent");
    }
    if (fault == Fault.DECLINE) {
      return OperationResult.declined("req-decline", "scripted refusal", "{}");
    }
    if (fault == Fault.ACCEPT_FOR_APPROVAL) {
      return OperationResult.pending("req-approval", "approval-" + op.idempotencyKey(), "{}");
    }
    Account account = account(payment.paymentId());
    synchronized (account) {
      if (account.auth != AuthorizationState.AUTHORIZED) {
        throw new DeclinedException("not authorized at the provider");
      }
      switch (op.kind()) {
        case CAPTURE -> {
          Money open = account.amount.minus(account.captured).minus(account.voided);
          if (op.amount().greaterThan(open)) {
            throw new InvalidRequestException("over-capture at the provider");
          }
          account.captured = account.captured.plus(op.amount());
        }
        case REFUND -> {
          if (op.amount().greaterThan(account.captured.minus(account.refunded))) {
            throw new InvalidRequestException("over-refund at the provider");
          }
          account.refunded = account.refunded.plus(op.amount());
        }
        case VOID -> account.voided = account.voided.plus(op.amount());
      }
    }
    if (fault == Fault.TIMEOUT_AFTER_APPLY) {
      throw new TransientNetworkException("scripted timeout after " + op.kind());
    }
    if (fault == Fault.CRASH_AFTER_APPLY) {
      throw new ServerStopped("after the provider did the " + op.kind());
    }
    return OperationResult.succeeded("req-" + op.idempotencyKey(), op.kind() + "-" + op.idempotencyKey(), "{}");
  }

  @Override
  public Preview preview(CheckoutRequest request) {
    return new Preview(ID, List.of(new Preview.Request("POST", "/pay", "{}")), List.of());
  }

  private Account account(String paymentId) {
    Account account = accounts.get(paymentId);
    if (account == null) {
      throw new IllegalStateException("no scripted account for " + paymentId);
    }
    return account;
  }
}
