package io.checkoutbridge.engine;

import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.testing.FlakyDataSource;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestClock;
import io.checkoutbridge.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine on a fresh database with the scripted provider. */
final class EngineFixture implements AutoCloseable {
  final TestDatabase database;
  final ScriptedProvider provider;
  final List<PaymentStatusChanged> notifications = new CopyOnWriteArrayList<>();
  final TestClock clock = TestClock.startingNow();
  final FlakyDataSource dataSource;
  final Endpoints endpoints;
  final PaymentEngine engine;

  EngineFixture(TestDatabase.Kind kind) {
    this(kind, Duration.ofMinutes(1));
  }

  EngineFixture(TestDatabase.Kind kind, Duration resolveAfter) {
    this(kind, resolveAfter, new ScriptedProvider());
  }

  EngineFixture(TestDatabase.Kind kind, Duration resolveAfter, ScriptedProvider provider) {
    this.provider = provider;
    database = TestDatabase.create(kind);
    dataSource = new FlakyDataSource(database.dataSource());
    endpoints = new Endpoints() {
      @Override
      public URI returnUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/return/" + providerId + "?pid=" + paymentId);
      }

      @Override
      public URI callbackUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/callback/" + providerId + "?pid=" + paymentId);
      }
    };
    engine = new PaymentEngine(new Database(dataSource), Map.of(ScriptedProvider.ID, provider), endpoints,
        clock, notifications::add, null, resolveAfter, Duration.ofSeconds(30), SWEEP);
  }

  /** A new engine on the same database and provider: the server after a restart. */
  PaymentEngine restarted() {
    return new PaymentEngine(new Database(dataSource), Map.of(ScriptedProvider.ID, provider), endpoints, clock,
        notifications::add, null, engine.resolveAfter(), Duration.ofSeconds(30), SWEEP);
  }

  static final SweepPolicy SWEEP = new SweepPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10),
      Duration.ofHours(1), Duration.ofMinutes(2));

  Sweeper sweeper(PaymentEngine on) {
    return new Sweeper(on, new Database(dataSource), clock, SWEEP);
  }

  @Override
  public void close() throws java.sql.SQLException {
    database.close();
  }
}
