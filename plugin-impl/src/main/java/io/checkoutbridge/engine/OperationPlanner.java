package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.LedgerReplay;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an admin's selection into an exact plan, or refuses it before any provider call. Pure:
 * reads the ledger and the per-line totals, writes nothing.
 */
final class OperationPlanner {
  private OperationPlanner() {}

  static Plan plan(OperationKind kind, Selection selection, Ledger ledger, List<CartLine> lines,
      LedgerReplay.Result replay) throws PaymentException {
    if (ledger.authorization() != io.checkoutbridge.api.AuthorizationState.AUTHORIZED) {
      throw new IllegalTransitionException("cannot " + verb(kind) + " a payment that is " + ledger.status());
    }
    Money open = switch (kind) {
      case CAPTURE -> ledger.capturable();
      case REFUND -> ledger.refundable();
      case VOID -> ledger.voidable();
    };
    if (open.isZero()) {
      throw new IllegalTransitionException(switch (kind) {
        case CAPTURE -> "nothing left to capture (" + describe(ledger) + ")";
        case REFUND -> ledger.captured().isZero() ? "nothing has been captured yet, so nothing can be refunded"
            : "nothing left to refund (" + describe(ledger) + ")";
        case VOID -> "nothing left to void (" + describe(ledger) + ")";
      });
    }
    if (selection instanceof Selection.Remaining) {
      return new Plan(open, allocate(kind, open, lines, replay), true);
    }
    if (selection instanceof Selection.Amount amount) {
      Money m = amount.amount();
      if (!m.currency().equals(ledger.currency())) {
        throw new InvalidRequestException("the amount is in " + m.currency() + " but the payment is in " + ledger.currency());
      }
      if (!m.isPositive()) {
        throw new InvalidRequestException("the amount must be positive");
      }
      if (m.greaterThan(open)) {
        throw new IllegalTransitionException("cannot " + verb(kind) + " " + m + ": at most " + open + " is open");
      }
      return new Plan(m, allocate(kind, m, lines, replay), m.equals(open));
    }
    if (kind == OperationKind.VOID) {
      throw new InvalidRequestException("a void releases an amount, not lines");
    }
    Map<String, BigDecimal> chosen = ((Selection.Lines) selection).quantities();
    List<LineAmount> shares = new ArrayList<>();
    Money total = Money.zero(ledger.currency());
    for (CartLine line : lines) {
      BigDecimal qty = chosen.get(line.lineId());
      if (qty == null) {
        continue;
      }
      if (qty.signum() <= 0) {
        throw new InvalidRequestException("line " + line.lineId() + ": the quantity must be positive");
      }
      LedgerReplay.LineTotals t = replay.line(line.lineId());
      BigDecimal doneQty = kind == OperationKind.CAPTURE ? t.capturedQuantity() : t.refundedQuantity();
      BigDecimal limitQty = kind == OperationKind.CAPTURE ? line.quantity() : t.capturedQuantity();
      BigDecimal openQty = limitQty.subtract(doneQty);
      if (qty.compareTo(openQty) > 0) {
        throw new IllegalTransitionException("line " + line.lineId() + ": at most " + openQty.stripTrailingZeros().toPlainString()
            + " can be " + (kind == OperationKind.CAPTURE ? "captured" : "refunded"));
      }
      long openMinor = kind == OperationKind.CAPTURE
          ? line.total().toMinor() - t.capturedMinor()
          : t.capturedMinor() - t.refundedMinor();
      long priced = line.total().amount().multiply(qty).divide(line.quantity(), line.total().amount().scale(),
          RoundingMode.HALF_EVEN).movePointRight(line.total().amount().scale()).longValueExact();
      // An earlier amount-based operation may already have taken money (not units) from this line:
      // never take more than the money still open on it.
      long minor = qty.compareTo(openQty) == 0 ? openMinor
          : (openMinor >= 0 ? Math.min(priced, openMinor) : Math.max(priced, openMinor));
      Money share = Money.ofMinor(minor, ledger.currency());
      shares.add(new LineAmount(line.lineId(), qty, share));
      total = total.plus(share);
    }
    for (String id : chosen.keySet()) {
      if (lines.stream().noneMatch(l -> l.lineId().equals(id))) {
        throw new InvalidRequestException("the payment has no line " + id);
      }
    }
    if (!total.isPositive()) {
      throw new InvalidRequestException("the chosen lines add up to " + total + "; choose lines worth more than nothing");
    }
    if (total.greaterThan(open)) {
      throw new IllegalTransitionException("cannot " + verb(kind) + " " + total + ": at most " + open + " is open");
    }
    return new Plan(total, shares, total.equals(open));
  }

  /** Spreads {@code amount} over what is open per line (a void concerns no line). */
  static List<LineAmount> allocate(OperationKind kind, Money amount, List<CartLine> lines, LedgerReplay.Result replay) {
    if (kind == OperationKind.VOID) {
      return List.of();
    }
    long[] open = new long[lines.size()];
    long sum = 0;
    for (int i = 0; i < lines.size(); i++) {
      LedgerReplay.LineTotals t = replay.line(lines.get(i).lineId());
      open[i] = kind == OperationKind.CAPTURE ? lines.get(i).total().toMinor() - t.capturedMinor() : t.capturedMinor() - t.refundedMinor();
      sum += open[i];
    }
    long minor = amount.toMinor();
    if (sum < minor) {
      // The provider moved more than the lines show (a provider-side capture of a surcharge): keep the
      // ledger exact at payment level and attribute no lines rather than invent a split.
      return List.of();
    }
    long[] shares = Allocator.allocate(minor, open);
    List<LineAmount> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (shares[i] == 0) {
        continue;
      }
      CartLine line = lines.get(i);
      BigDecimal qty = open[i] == shares[i]
          ? (kind == OperationKind.CAPTURE ? line.quantity().subtract(replay.line(line.lineId()).capturedQuantity())
              : replay.line(line.lineId()).capturedQuantity().subtract(replay.line(line.lineId()).refundedQuantity()))
          : BigDecimal.ZERO;
      result.add(new LineAmount(line.lineId(), qty, Money.ofMinor(shares[i], amount.currency())));
    }
    return result;
  }

  private static String verb(OperationKind kind) {
    return switch (kind) {
      case CAPTURE -> "capture";
      case REFUND -> "refund";
      case VOID -> "void";
    };
  }

  private static String describe(Ledger l) {
    return "authorized " + l.authorized() + ", captured " + l.captured() + ", refunded " + l.refunded()
        + ", voided " + l.voided();
  }
}
