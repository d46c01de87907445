package io.checkoutbridge.ledger;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.OperationKind;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a payment's ledger from its history. Pure and deterministic: the same events give the
 * same ledger, which is how the stored amounts are checked and rebuilt.
 */
public final class LedgerReplay {

  /**
   * An operation asked of the provider whose completion has not been recorded.
   *
   * @param accepted the provider accepted it and decides later
   * @param acceptedReference the provider's reference for it when accepted, else {@code null}
   */
  public record OpenOperation(LedgerEvent request, OperationKind kind, boolean accepted, String acceptedReference) {}

  /** Captured and refunded parts of one line. */
  public record LineTotals(BigDecimal capturedQuantity, long capturedMinor, BigDecimal refundedQuantity, long refundedMinor) {
    public static final LineTotals ZERO = new LineTotals(BigDecimal.ZERO, 0, BigDecimal.ZERO, 0);

    LineTotals plusCaptured(LineAmount a) {
      return new LineTotals(capturedQuantity.add(a.quantity()), capturedMinor + a.amount().toMinor(), refundedQuantity, refundedMinor);
    }

    LineTotals plusRefunded(LineAmount a) {
      return new LineTotals(capturedQuantity, capturedMinor, refundedQuantity.add(a.quantity()), refundedMinor + a.amount().toMinor());
    }
  }

  /** The replayed state. */
  public record Result(Ledger ledger, Map<Integer, OpenOperation> open, Map<String, LineTotals> lines) {
    public LineTotals line(String lineId) {
      return lines.getOrDefault(lineId, LineTotals.ZERO);
    }
  }

  private LedgerReplay() {}

  public static Result replay(Currency currency, List<LedgerEvent> events) {
    AuthorizationState auth = AuthorizationState.NONE;
    long authorized = 0;
    long captured = 0;
    long refunded = 0;
    long voided = 0;
    Map<Integer, OpenOperation> open = new LinkedHashMap<>();
    Map<String, LineTotals> lines = new HashMap<>();

    for (LedgerEvent e : events) {
      switch (e.kind()) {
        case AUTHORIZATION_PENDING -> auth = move(auth, AuthorizationState.PENDING);
        case AUTHORIZED -> {
          if (auth.canMoveTo(AuthorizationState.AUTHORIZED)) {
            auth = AuthorizationState.AUTHORIZED;
            authorized = e.amount();
          }
        }
        case DECLINED -> auth = move(auth, AuthorizationState.DECLINED);
        case FAILED, START_FAILED -> auth = move(auth, AuthorizationState.FAILED);
        case CAPTURE_REQUESTED, REFUND_REQUESTED, VOID_REQUESTED ->
            open.put(e.seq(), new OpenOperation(e, e.kind().requestedOperation(), false, null));
        case OPERATION_ACCEPTED -> {
          OpenOperation op = open.get(e.parentSeq());
          if (op != null) {
            open.put(e.parentSeq(), new OpenOperation(op.request(), op.kind(), true, e.providerReference()));
          }
        }
        case CAPTURED -> {
          close(open, e);
          captured += e.amount();
          for (LineAmount a : e.lines()) {
            lines.merge(a.lineId(), LineTotals.ZERO.plusCaptured(a), (old, x) -> old.plusCaptured(a));
          }
        }
        case REFUNDED -> {
          close(open, e);
          refunded += e.amount();
          for (LineAmount a : e.lines()) {
            lines.merge(a.lineId(), LineTotals.ZERO.plusRefunded(a), (old, x) -> old.plusRefunded(a));
          }
        }
        case VOIDED -> {
          close(open, e);
          voided += e.amount();
        }
        case CAPTURE_FAILED, REFUND_FAILED, VOID_FAILED -> close(open, e);
        case CREATED, START_UNCONFIRMED, STATE_MISMATCH -> {
          // no money moves
        }
      }
    }
    long pendingCapture = 0;
    long pendingRefund = 0;
    long pendingVoid = 0;
    for (OpenOperation op : open.values()) {
      switch (op.kind()) {
        case CAPTURE -> pendingCapture += op.request().amount();
        case REFUND -> pendingRefund += op.request().amount();
        case VOID -> pendingVoid += op.request().amount();
      }
    }
    Ledger ledger = new Ledger(currency, auth,
        Money.ofMinor(authorized, currency), Money.ofMinor(captured, currency),
        Money.ofMinor(refunded, currency), Money.ofMinor(voided, currency),
        Money.ofMinor(pendingCapture, currency), Money.ofMinor(pendingRefund, currency),
        Money.ofMinor(pendingVoid, currency));
    return new Result(ledger, Map.copyOf(open), Map.copyOf(lines));
  }

  private static AuthorizationState move(AuthorizationState from, AuthorizationState to) {
    return from.canMoveTo(to) ? to : from;
  }

  private static void close(Map<Integer, OpenOperation> open, LedgerEvent completion) {
    if (completion.parentSeq() != null) {
      open.remove(completion.parentSeq());
    }
  }
}
