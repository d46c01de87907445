package io.checkoutbridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.provider.felloh.FellohProvider;
import java.util.List;

/**
 * Felloh refunds that wait for approval at Felloh: shown on the payment with the two actions the
 * plugin may take there (Felloh's {@code authorise} and {@code decline}). A refund of another
 * payment is never acted on.
 */
final class FellohApprovals {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(FellohApprovals.class.getName());
  static final String LABEL = "awaiting approval at Felloh";

  private FellohApprovals() {}

  /** Whether {@code action} is one of this class's: {@code authorise} or {@code decline}. */
  static boolean handles(String action) {
    return action.equals("authorise") || action.equals("decline");
  }

  /**
   * Adds {@code approvals} to the payment's JSON when Felloh holds refunds of it for approval. When
   * Felloh cannot be asked now the page shows the payment without them (a reload asks again).
   */
  static void describe(ObjectNode node, PaymentView p, PaymentProvider provider) {
    List<FellohProvider.RefundAwaitingApproval> waiting;
    try {
      waiting = waiting(p, provider);
    } catch (PaymentException e) {
      LOG.warning(() -> "refunds awaiting approval at Felloh for payment " + p.paymentId() + " not read: " + e.code());
      return;
    }
    if (waiting.isEmpty()) {
      return;
    }
    ObjectNode approvals = node.putObject("approvals");
    approvals.put("label", LABEL);
    approvals.putArray("actions").add("authorise").add("decline");
    ArrayNode refunds = approvals.putArray("refunds");
    for (FellohProvider.RefundAwaitingApproval r : waiting) {
      refunds.addObject().put("code", r.authorisationCode()).put("amount", r.amount().amount().toPlainString());
    }
  }

  /** Authorises or declines refund {@code code} of this payment at Felloh. */
  static void act(String action, String code, PaymentView p, PaymentProvider provider) throws PaymentException {
    boolean mine = waiting(p, provider).stream().anyMatch(r -> r.authorisationCode().equals(code));
    if (!mine) {
      throw new InvalidRequestException("code: no refund of this payment is " + LABEL + " under that code");
    }
    FellohProvider felloh = (FellohProvider) provider;
    if (action.equals("authorise")) {
      felloh.authoriseRefund(code);
    } else {
      felloh.declineRefund(code);
    }
  }

  private static List<FellohProvider.RefundAwaitingApproval> waiting(PaymentView p, PaymentProvider provider)
      throws PaymentException {
    if (!(provider instanceof FellohProvider felloh) || p.providerPaymentId() == null
        || !p.ledger().pendingRefund().isPositive()) {
      return List.of();
    }
    return felloh.refundsAwaitingApproval(p.providerPaymentId(), p.total().currency());
  }
}
