package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refunds as Felloh answers them. Thread-safe.
 *
 * <ul>
 *   <li>{@code POST /agent/transactions/{id}/refund {amount, description, metadata}} answers no
 *       data (node-sdk {@code src/resources/transactions.ts}: {@code FellohResponse<void>}); the
 *       refund is then found in the refunds list by the idempotency key its metadata carries.
 *   <li>{@code POST /agent/refunds {organisation, skip, take}} (node-sdk {@code ListRefundsParams}:
 *       no filter by transaction) is read page by page until a page is short or {@code meta.count}
 *       is reached (node-sdk {@code src/pagination.ts}), and filtered here by
 *       {@code transaction.id} (node-sdk {@code Refund}).
 *   <li>A refund waiting for approval is decided with {@code GET /agent/refunds/{authorisation_code}/
 *       authorise} or {@code /decline} (node-sdk {@code src/resources/refunds.ts}).
 * </ul>
 */
final class FellohRefunds {
  private static final Logger LOG = Logger.getLogger(FellohRefunds.class.getName());
  /** Refunds read per page; the list documents {@code take} without a maximum, the SDK uses 25. */
  static final int PAGE = 100;
  /** A list longer than this many pages is refused rather than read for ever. */
  static final int MAX_PAGES = 1_000;
  /** Felloh's refund description is free text; keep it short. */
  static final int MAX_DESCRIPTION = 255;
  /** The metadata key that names the plugin's refund action. */
  static final String KEY = "idempotency_key";

  static final Set<String> DONE = Set.of("AUTHORISED", "AUTHORIZED", "COMPLETE", "COMPLETED");
  static final Set<String> REFUSED = Set.of("DECLINED", "REJECTED", "FAILED", "CANCELLED", "CANCELED");
  static final Set<String> AWAITING_APPROVAL = Set.of("PENDING_AUTHORISATION", "PENDING_AUTHORIZATION");

  /**
   * One refund of a transaction as Felloh lists it.
   *
   * @param authorisationCode Felloh's code, used to authorise or decline it
   * @param amount the amount
   * @param status Felloh's word ({@code status.id})
   * @param key the plugin's idempotency key from its metadata, or {@code null}
   */
  record Refund(String authorisationCode, Money amount, String status, String key) {
    boolean done() {
      return DONE.contains(status);
    }

    boolean refused() {
      return REFUSED.contains(status);
    }

    boolean awaitingApproval() {
      return AWAITING_APPROVAL.contains(status);
    }
  }

  /** What a transaction's refunds add up to. */
  record Summary(Money done, Set<String> refused, List<Refund> awaitingApproval) {}

  private final FellohSettings settings;
  private final FellohClient client;
  private final FellohEnums enums;

  FellohRefunds(FellohSettings settings, FellohClient client, FellohEnums enums) {
    this.settings = settings;
    this.client = client;
    this.enums = enums;
  }

  /**
   * Sends the refund once, then looks for it in the list: paid out is succeeded, waiting for
   * approval or not listed yet is pending, refused is declined. A failure to read the list after
   * Felloh accepted the refund is pending (the state check settles it), never a failure.
   */
  OperationResult refund(ProviderPayment payment, ProviderOperation operation, String transactionId,
      FellohEnums.Code code) throws PaymentException {
    long amount = FellohMapper.toLowestDenomination(operation.amount(), code, "refund amount");
    if (amount <= 0) {
      throw new InvalidRequestException("refund amount: must be positive, got " + operation.amount());
    }
    ObjectNode body = JsonHttp.object();
    body.put("amount", amount);
    body.put("description", description(operation.reason()));
    // Felloh documents no idempotency key; the metadata lets this adapter (and a person) find it.
    body.putObject("metadata")
        .put(KEY, operation.idempotencyKey())
        .put("payment_id", payment.paymentId())
        .put("order_reference", payment.orderReference());
    JsonResponse response = client.refund(transactionId, body);
    Optional<Refund> mine;
    try {
      // Newest first: the refund just made is on the first page; stop there once it is found.
      mine = read(transactionId, code, r -> operation.idempotencyKey().equals(r.key())).stream()
          .filter(r -> operation.idempotencyKey().equals(r.key())).findFirst();
    } catch (PaymentException unreadable) {
      LOG.info(() -> "refund of " + transactionId + " accepted; its list could not be read now: " + unreadable.code());
      mine = Optional.empty();
    }
    if (mine.isEmpty()) {
      return OperationResult.pending(response.requestId(), operation.idempotencyKey(), response.scrubbed());
    }
    Refund refund = mine.get();
    String reference = Optional.ofNullable(refund.authorisationCode()).orElse(operation.idempotencyKey());
    if (refund.done()) {
      return OperationResult.succeeded(response.requestId(), reference, response.scrubbed());
    }
    if (refund.refused()) {
      return OperationResult.declined(response.requestId(),
          "Felloh " + refund.status().toLowerCase(Locale.ROOT) + " the refund", response.scrubbed());
    }
    return OperationResult.pending(response.requestId(), reference, response.scrubbed());
  }

  /** Every refund of {@code transactionId}, reading every page of the organisation's refunds. */
  List<Refund> list(String transactionId, FellohEnums.Code code) throws PaymentException {
    return read(transactionId, code, r -> false);
  }

  /** The refunds of {@code transactionId}, page by page, until the list ends or one is {@code enough}. */
  private List<Refund> read(String transactionId, FellohEnums.Code code, java.util.function.Predicate<Refund> enough)
      throws PaymentException {
    List<Refund> mine = new ArrayList<>();
    long skip = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode query = JsonHttp.object()
          .put("organisation", settings.organisation())
          .put("skip", skip)
          .put("take", PAGE);
      JsonResponse response = client.listRefunds(query);
      JsonNode data = response.body().path("data");
      boolean found = false;
      for (JsonNode refund : data) {
        if (transactionId.equals(FellohJson.text(refund.path("transaction").path("id")))) {
          Refund r = refund(refund, code, response);
          mine.add(r);
          found |= enough.test(r);
        }
      }
      if (found) {
        return mine;
      }
      skip += data.size();
      long count;
      try {
        count = FellohJson.integer(response.body().path("meta").path("count"));
      } catch (IllegalArgumentException noCount) {
        count = Long.MAX_VALUE; // no count: read until a short page
      }
      if (data.size() < PAGE || skip >= count) {
        return mine;
      }
    }
    throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Felloh's refunds list is longer than "
        + (long) MAX_PAGES * PAGE + " refunds; refunds of " + transactionId + " were not all read", null, null);
  }

  /** The refunds of a transaction, summed. */
  Summary summary(String transactionId, FellohEnums.Code code) throws PaymentException {
    Money done = Money.zero(code.currency());
    Set<String> refused = new HashSet<>();
    List<Refund> awaiting = new ArrayList<>();
    for (Refund refund : list(transactionId, code)) {
      if (refund.done()) {
        done = done.plus(refund.amount());
      } else if (refund.refused()) {
        // Whichever reference refund() reported: the code when it found the refund, else the key.
        if (refund.authorisationCode() != null) {
          refused.add(refund.authorisationCode());
        }
        if (refund.key() != null) {
          refused.add(refund.key());
        }
      } else if (refund.awaitingApproval()) {
        awaiting.add(refund);
      } else {
        FellohEnums.unknownStatus("refund", refund.status());
      }
    }
    return new Summary(done, Set.copyOf(refused), List.copyOf(awaiting));
  }

  /** Approves a refund waiting at Felloh; answers Felloh's request id. */
  String authorise(String authorisationCode) throws PaymentException {
    return client.authoriseRefund(requireCode(authorisationCode)).requestId();
  }

  /** Declines a refund waiting at Felloh; answers Felloh's request id. */
  String decline(String authorisationCode) throws PaymentException {
    return client.declineRefund(requireCode(authorisationCode)).requestId();
  }

  private static String requireCode(String code) throws InvalidRequestException {
    if (code == null || !code.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw new InvalidRequestException("authorisationCode: expected a Felloh refund authorisation code");
    }
    return code;
  }

  private static Refund refund(JsonNode refund, FellohEnums.Code code, JsonResponse response) throws PaymentException {
    long amount;
    try {
      amount = FellohJson.integer(refund.path("amount"));
    } catch (IllegalArgumentException e) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Felloh listed a refund without a whole amount",
          response.requestId(), null);
    }
    String status = FellohJson.status(refund.path("status"));
    return new Refund(FellohJson.text(refund.path("authorisation_code")),
        FellohMapper.fromLowestDenomination(amount, code), status.isEmpty() ? "UNKNOWN" : status,
        FellohJson.text(refund.path("metadata").path(KEY)));
  }

  private static String description(String reason) {
    String text = reason == null || reason.isBlank() ? "Refund" : reason.strip();
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
  }
}
