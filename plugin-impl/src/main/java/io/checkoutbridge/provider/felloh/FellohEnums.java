package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.provider.support.JsonResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What {@code GET /enums} says (node-sdk {@code src/types/enums.ts}: {@code currency{CODE:
 * {minor_unit, major_unit, division_factor}}}, {@code transaction.status[]}, {@code refund.status[]}),
 * read once and kept for {@link #TTL}. Thread-safe.
 *
 * <p>Felloh's documentation names only {@code GBX} (pence of GBP, division factor 100: the
 * ecommerce and transaction examples, and node-sdk {@code tests/integration/enums.test.ts}); that is
 * all this adapter assumes when {@code /enums} cannot be read. Any other currency is sent only when
 * {@code /enums} lists a code whose {@code major_unit} is that currency.
 */
final class FellohEnums {
  private static final Logger LOG = Logger.getLogger(FellohEnums.class.getName());
  /** How long an answer of {@code GET /enums} is used before it is read again. */
  static final Duration TTL = Duration.ofHours(6);

  /** A Felloh currency code and the ISO currency it counts. */
  record Code(String code, Currency currency, long divisionFactor) {}

  /** The documented one: {@code GBX}, pence. */
  static final Code GBX = new Code("GBX", Currency.getInstance("GBP"), 100);

  /** Status words already logged as unknown, so each is logged once per process. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private record Snapshot(Map<String, Code> codes, List<String> transactionStatuses, List<String> refundStatuses,
      Instant readAt) {}

  private final FellohClient client;
  private final Clock clock;
  private volatile Snapshot snapshot;

  FellohEnums(FellohClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The code to send for {@code currency}, from {@code /enums}. */
  Optional<Code> codeFor(Currency currency) throws PaymentException {
    if (currency.equals(GBX.currency())) {
      return Optional.of(GBX);
    }
    for (Code code : current().codes().values()) {
      if (code.currency().equals(currency)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  /** The currency a Felloh code stands for: {@code GBX} without a call, any other from {@code /enums}. */
  Optional<Code> code(String fellohCode) throws PaymentException {
    String key = fellohCode == null ? GBX.code() : fellohCode.toUpperCase(Locale.ROOT);
    if (key.equals(GBX.code())) {
      return Optional.of(GBX);
    }
    return Optional.ofNullable(current().codes().get(key));
  }

  /** The transaction statuses {@code /enums} lists ({@code transaction.status[]}). */
  List<String> transactionStatuses() throws PaymentException {
    return current().transactionStatuses();
  }

  /** Logs a status word this adapter does not map, once per word. */
  static void unknownStatus(String kind, String status) {
    if (LOGGED.add(kind + ":" + status)) {
      LOG.warning(() -> "Felloh " + kind + " status " + status + " is not one this adapter maps; it is treated"
          + " as not decided yet and asked again later");
    }
  }

  private Snapshot current() throws PaymentException {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s != null && now.isBefore(s.readAt().plus(TTL))) {
      return s;
    }
    synchronized (this) {
      s = snapshot;
      if (s != null && now.isBefore(s.readAt().plus(TTL))) {
        return s;
      }
      s = read(client.enums(), now);
      snapshot = s;
      return s;
    }
  }

  private static Snapshot read(JsonResponse response, Instant now) {
    JsonNode data = response.body().path("data");
    Map<String, Code> codes = new TreeMap<>();
    data.path("currency").fields().forEachRemaining(e -> {
      String major = FellohJson.text(e.getValue().path("major_unit"));
      long factor;
      try {
        factor = FellohJson.integer(e.getValue().path("division_factor"));
      } catch (IllegalArgumentException noFactor) {
        return;
      }
      if (major == null || factor < 1) {
        return;
      }
      try {
        Currency currency = Currency.getInstance(major.toUpperCase(Locale.ROOT));
        // Only a code whose factor matches the currency's minor unit is an exact lowest denomination.
        if (currency.getDefaultFractionDigits() >= 0
            && factor == (long) Math.pow(10, currency.getDefaultFractionDigits())) {
          codes.put(e.getKey().toUpperCase(Locale.ROOT), new Code(e.getKey().toUpperCase(Locale.ROOT), currency,
              factor));
        }
      } catch (IllegalArgumentException notIso) {
        // a code for something that is not an ISO currency: never sent
      }
    });
    return new Snapshot(Map.copyOf(codes), words(data.path("transaction").path("status")),
        words(data.path("refund").path("status")), now);
  }

  private static List<String> words(JsonNode array) {
    List<String> words = new ArrayList<>();
    array.forEach(w -> {
      String word = FellohJson.status(w);
      if (!word.isEmpty()) {
        words.add(word);
      }
    });
    return List.copyOf(words);
  }
}
