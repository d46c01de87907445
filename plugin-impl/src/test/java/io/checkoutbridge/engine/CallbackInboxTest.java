package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The callback inbox: a delivery is recorded first and applied after, once per pass for all the
 * payment's pending deliveries; one whose processing fails stays due and is retried later.
 */
class CallbackInboxTest {

  private static CallbackVerification delivery(String key) {
    return new CallbackVerification("scripted:" + key, "test " + key);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anAcceptedDeliveryChangesNothingUntilItIsProcessed(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-1")).paymentId();
      f.provider.authorize(id);
      int fetches = f.provider.fetches();

      assertThat(f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a"))).isEqualTo(CallbackOutcome.ACCEPTED);
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
      assertThat(f.provider.fetches()).isEqualTo(fetches);
      assertThat(inbox(f, id)).containsExactly("scripted:a|1|null|0|due");

      assertThat(f.engine.processCallbacks(id)).contains(CallbackOutcome.APPLIED);
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(inbox(f, id)).containsExactly("scripted:a|1|APPLIED|0|-");
      assertThat(f.engine.processCallbacks(id)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void deliveriesWaitingTogetherShareOneFetch(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-2")).paymentId();
      f.provider.authorize(id);
      for (String key : List.of("a", "b", "c")) {
        f.engine.acceptCallback(ScriptedProvider.ID, id, delivery(key));
      }
      int fetches = f.provider.fetches();

      assertThat(f.engine.processCallbacks(id)).contains(CallbackOutcome.APPLIED);

      assertThat(f.provider.fetches()).isEqualTo(fetches + 1);
      assertThat(inbox(f, id)).containsExactly("scripted:a|1|APPLIED|0|-", "scripted:b|1|APPLIED|0|-",
          "scripted:c|1|APPLIED|0|-");
      assertThat(f.notifications).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRepeatIsCountedAndAProcessedRepeatIsADuplicate(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-3")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a"));

      assertThat(f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a")))
          .as("delivered again before it was processed: still to do").isEqualTo(CallbackOutcome.ACCEPTED);
      f.engine.processCallbacks(id);
      long version = f.engine.payment(id).orElseThrow().version();
      assertThat(f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a"))).isEqualTo(CallbackOutcome.DUPLICATE);

      assertThat(inbox(f, id)).containsExactly("scripted:a|3|APPLIED|0|-");
      assertThat(f.engine.processCallbacks(id)).isEmpty();
      assertThat(f.engine.payment(id).orElseThrow().version()).isEqualTo(version);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aDeliveryForAnotherProvidersPaymentIsNotFoundAndNotRecorded(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-4")).paymentId();

      assertThatThrownBy(() -> f.engine.acceptCallback("dintero", id, delivery("x")))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> f.engine.acceptCallback(ScriptedProvider.ID, "no-such-payment", delivery("y")))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

      assertThat(inbox(f, id)).isEmpty();
      assertThat(count(f, "SELECT COUNT(*) FROM cb_callback_inbox")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aFailedPassLeavesTheDeliveriesDueLaterWithADoublingWait(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-5")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a"));
      f.provider.failFetches(true);

      Instant before = f.clock.instant();
      assertThatThrownBy(() -> f.engine.processCallbacks(id)).isInstanceOf(PaymentException.class);
      assertThatThrownBy(() -> f.engine.processCallbacks(id)).isInstanceOf(PaymentException.class);
      Instant after = f.clock.instant();

      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
      assertThat(inbox(f, id)).singleElement().asString().startsWith("scripted:a|1|null|2|due");
      Instant due = nextAttempt(f, id);
      assertThat(due).as("second failure: twice the first wait of 30 s")
          .isBetween(before.plusSeconds(60), after.plusSeconds(60));
      assertThat(lastError(f, id)).startsWith(ErrorCode.TRANSIENT_NETWORK.code());
      assertThat(f.engine.dueCallbacks(before, 10)).isEmpty();
      assertThat(f.engine.dueCallbacks(after.plusSeconds(61), 10)).containsExactly(id);

      f.provider.failFetches(false);
      assertThat(f.engine.processCallbacks(id)).contains(CallbackOutcome.APPLIED);
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(f.engine.dueCallbacks(after.plusSeconds(3600), 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anAcceptedDeliveryNeverProcessedFallsDueAfterTheRetryWait(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("INBOX-6")).paymentId();
      Instant accepted = f.clock.instant();
      f.engine.acceptCallback(ScriptedProvider.ID, id, delivery("a"));

      assertThat(f.engine.dueCallbacks(accepted.plusSeconds(29), 10)).isEmpty();
      assertThat(f.engine.dueCallbacks(accepted.plusSeconds(31), 10)).containsExactly(id);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void retryWaitsDoubleUpToAnHour(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      assertThat(f.engine.retryDelay(0)).isEqualTo(Duration.ofSeconds(30));
      assertThat(f.engine.retryDelay(1)).isEqualTo(Duration.ofSeconds(60));
      assertThat(f.engine.retryDelay(6)).isEqualTo(Duration.ofSeconds(1920));
      assertThat(f.engine.retryDelay(7)).isEqualTo(Duration.ofHours(1));
      assertThat(f.engine.retryDelay(1_000)).isEqualTo(Duration.ofHours(1));
    }
  }

  /** Inbox rows of a payment as {@code key|deliveries|outcome|attempts|due or -}. */
  static List<String> inbox(EngineFixture f, String paymentId) throws Exception {
    try (Connection c = f.database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT dedupe_key, deliveries, outcome, attempts, next_attempt_at"
            + " FROM cb_callback_inbox WHERE payment_id = ? ORDER BY id")) {
      s.setString(1, paymentId);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|"
              + (rs.getObject(5) == null ? "-" : "due"));
        }
      }
      return rows;
    }
  }

  private static Instant nextAttempt(EngineFixture f, String paymentId) throws Exception {
    try (Connection c = f.database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT next_attempt_at FROM cb_callback_inbox WHERE payment_id = ?")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class)).orElseThrow().toInstant();
      }
    }
  }

  private static String lastError(EngineFixture f, String paymentId) throws Exception {
    try (Connection c = f.database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT last_error FROM cb_callback_inbox WHERE payment_id = ?")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long count(EngineFixture f, String sql) throws Exception {
    try (Connection c = f.database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
