package io.checkoutbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.engine.Endpoints;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.engine.SweepPolicy;
import io.checkoutbridge.engine.Sweeper;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.dintero.DinteroProviderFactory;
import io.checkoutbridge.provider.felloh.FellohProviderFactory;
import io.checkoutbridge.provider.hokodo.HokodoProviderFactory;
import io.checkoutbridge.provider.kibo.KiboProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.sandbox.Fault;
import io.checkoutbridge.sandbox.FaultMode;
import io.checkoutbridge.sandbox.JournalEntry;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.FlakyDataSource;
import io.checkoutbridge.testing.SandboxServer;
import io.checkoutbridge.testing.TestClock;
import io.checkoutbridge.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix: for each provider and each step it supports (start, capture, refund, void),
 * each fault at a moment that hurts, against the provider sandbox over real HTTP with the adapters'
 * own clients and timeouts, on H2 and on PostgreSQL. After each case the sweeper runs (on a new
 * engine when the server stopped), and the case checks that the ledger equals the provider's truth
 * (as the adapter reads it from the sandbox), that no payment the provider holds money for is
 * unknown to the ledger, and that the sandbox's journal shows the money-moving request sent at most
 * once (never twice, whatever the fault).
 *
 * <p>The faults: the provider times out before it acts (sandbox {@code timeout-before}); it acts and
 * the answer times out ({@code timeout}); it acts and a 503 comes back ({@code error-after}); it
 * answers and the database fails before the answer is written; the server stops after the first
 * phase, before the call; the server stops after the provider answered, before the last phase.
 */
class FaultMatrixTest {

  private static final Duration RESOLVE_AFTER = Duration.ofSeconds(30);
  /** The window is short so that earlier cases' abandoned payments leave the sweeps early. */
  private static final SweepPolicy SWEEP = new SweepPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1),
      Duration.ofSeconds(90), Duration.ofSeconds(20));
  /** The adapters' clients give up long before a faulty sandbox answers. */
  private static final HttpSettings HTTP = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(300),
      Duration.ofSeconds(3));
  private static final long FAULT_DELAY_MS = 1000;

  /**
   * Cases that lose a payment today, outside the engine: Kibo authorises in the start itself and
   * its adapter reads Kibo's state only from the ids the start returned, so when that answer is
   * lost the authorisation cannot be found (an order search by the external id would find it).
   * Listed so that the matrix fails if any other case loses money, and when these are fixed.
   */
  private static final Set<String> KNOWN_GAPS = Set.of(
      "kibo START TIMEOUT_AFTER_THE_PROVIDER_ACTED",
      "kibo START ERROR_5XX_AFTER_THE_PROVIDER_ACTED",
      "kibo START SERVER_STOPS_AFTER_THE_ANSWER");

  enum Step { START, CAPTURE, REFUND, VOID }

  enum Moment {
    TIMEOUT_BEFORE_THE_PROVIDER_ACTS,
    TIMEOUT_AFTER_THE_PROVIDER_ACTED,
    ERROR_5XX_AFTER_THE_PROVIDER_ACTED,
    DATABASE_FAILS_AFTER_THE_ANSWER,
    SERVER_STOPS_BEFORE_THE_CALL,
    SERVER_STOPS_AFTER_THE_ANSWER
  }

  /**
   * One provider as the matrix drives it: its settings against the sandbox, the sandbox's name of
   * each step's operation (for scripted faults), the path of each money-moving request (for the
   * journal), and the hosted page's button a paying shopper presses.
   */
  private record Spec(String id, ProviderFactory factory, Function<String, Map<String, String>> settings,
      Map<Step, String> operations, Map<Step, Pattern> paths, String payAction) {}

  private static final List<Spec> PROVIDERS = List.of(
      new Spec("dintero", new DinteroProviderFactory(), base -> Map.of(
          "checkout-bridge.dintero.enabled", "true",
          "checkout-bridge.dintero.account-id", "T12345678",
          "checkout-bridge.dintero.client-id", "sandbox-client-id",
          "checkout-bridge.dintero.client-secret", "sandbox-client-secret",
          "checkout-bridge.dintero.profile-id", "T12345678.demo-shop",
          "checkout-bridge.dintero.checkout-url", base + "/dintero/checkout/v1",
          "checkout-bridge.dintero.api-url", base + "/dintero/api/v1"),
          Map.of(Step.START, "session", Step.CAPTURE, "capture", Step.REFUND, "refund", Step.VOID, "void"),
          Map.of(Step.START, Pattern.compile(".*/sessions-profile$"),
              Step.CAPTURE, Pattern.compile(".*/transactions/[^/]+/capture$"),
              Step.REFUND, Pattern.compile(".*/transactions/[^/]+/refund$"),
              Step.VOID, Pattern.compile(".*/transactions/[^/]+/void$")),
          "approve"),
      new Spec("hokodo", new HokodoProviderFactory(), base -> Map.of(
          "checkout-bridge.hokodo.enabled", "true",
          "checkout-bridge.hokodo.api-key", "sandbox-hokodo-api-key",
          "checkout-bridge.hokodo.base-url", base + "/hokodo/v1",
          "checkout-bridge.hokodo.checkout-mode", "redirect"),
          Map.of(Step.START, "offer", Step.CAPTURE, "capture", Step.REFUND, "refund", Step.VOID, "void"),
          Map.of(Step.START, Pattern.compile(".*/payment/offers$"),
              Step.CAPTURE, Pattern.compile(".*/(capture|capture_remaining)$"),
              Step.REFUND, Pattern.compile(".*/refund$"),
              Step.VOID, Pattern.compile(".*/(void|void_remaining)$")),
          "accept"),
      new Spec("felloh", new FellohProviderFactory(), base -> Map.of(
          "checkout-bridge.felloh.enabled", "true",
          "checkout-bridge.felloh.public-key", "sandbox-felloh-public-key",
          "checkout-bridge.felloh.private-key", "sandbox-felloh-private-key",
          "checkout-bridge.felloh.organisation", "X9876",
          "checkout-bridge.felloh.base-url", base + "/felloh",
          "checkout-bridge.felloh.pay-url", base + "/felloh/embed",
          "checkout-bridge.felloh.link-url", base + "/felloh/pay",
          // Pre-authorised, so that Felloh's complete (capture) and reverse (void) are in the matrix.
          "checkout-bridge.felloh.authorisation-only", "true",
          "checkout-bridge.felloh.webhook-secret", "fault-matrix-felloh-webhook-secret"),
          Map.of(Step.START, "create_payment_link", Step.CAPTURE, "complete", Step.REFUND, "refund",
              Step.VOID, "reverse"),
          Map.of(Step.START, Pattern.compile(".*/agent/payment-links$"),
              Step.CAPTURE, Pattern.compile(".*/transactions/[^/]+/complete$"),
              Step.REFUND, Pattern.compile(".*/transactions/[^/]+/refund$"),
              Step.VOID, Pattern.compile(".*/transactions/[^/]+/reverse$")),
          "card"),
      new Spec("kibo", new KiboProviderFactory(), base -> Map.of(
          "checkout-bridge.kibo.enabled", "true",
          "checkout-bridge.kibo.api-key", "sandbox-kibo-api-key",
          "checkout-bridge.kibo.secret-key", "sandbox-kibo-secret-key",
          "checkout-bridge.kibo.token-url", base + "/kibo/oauthserver/oauth2/token",
          "checkout-bridge.kibo.base-url", base + "/kibo/api/v2",
          "checkout-bridge.kibo.manufacturer-id", "1010",
          "checkout-bridge.kibo.test-orders", "true"),
          Map.of(Step.START, "authorize"),
          Map.of(Step.START, Pattern.compile(".*/createOrder/authorize$")),
          null));

  /** What the cases found, counted. */
  private static final class Tally {
    int cases;
    int lost;
    int doubled;
    int different;
    final List<String> problems = new ArrayList<>();
    final List<String> knownGaps = new ArrayList<>();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void everyProviderEveryStepEveryFaultEndsWithTheLedgerEqualToTheProvider(TestDatabase.Kind kind) throws Exception {
    Tally tally = new Tally();
    long began = System.nanoTime();
    try (SandboxServer server = new SandboxServer(); TestDatabase database = TestDatabase.create(kind)) {
      World world = new World(server, database);
      for (Spec spec : PROVIDERS) {
        for (Step step : Step.values()) {
          if (!world.supports(spec, step)) {
            continue;
          }
          for (Moment moment : Moment.values()) {
            world.run(spec, step, moment, tally);
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "fault matrix on %s: %d cases in %d ms; lost payments %d, double movements %d,"
        + " ledgers different from the provider %d; known gaps outside the engine %d%n", kind, tally.cases,
        (System.nanoTime() - began) / 1_000_000, tally.lost, tally.doubled, tally.different, tally.knownGaps.size());
    tally.problems.forEach(p -> System.out.println("  " + p));
    tally.knownGaps.forEach(p -> System.out.println("  known gap: " + p));
    assertThat(tally.problems).isEmpty();
    assertThat(tally.knownGaps).containsExactlyInAnyOrderElementsOf(KNOWN_GAPS);
    assertThat(tally.cases).as("3 providers x 4 steps + Kibo's start, x 6 moments").isEqualTo((3 * 4 + 1) * 6);
  }

  /** The sandbox, the database and the clock the cases share; each case builds its own engine. */
  private static final class World {
    final SandboxServer server;
    final FlakyDataSource dataSource;
    final TestClock clock = TestClock.startingNow();
    final OkHttpClient http = HttpClients.create(HTTP);
    final OkHttpClient shopper = new OkHttpClient.Builder().followRedirects(false).build();
    final Map<String, PaymentProvider> providers = new java.util.HashMap<>();
    final Hooks hooks = new Hooks();
    final Endpoints endpoints = new Endpoints() {
      // A closed loopback port: the sandbox's callbacks go nowhere, so only the sweeper settles.
      @Override
      public URI returnUrl(String providerId, String paymentId) {
        return URI.create("http://127.0.0.1:9/payments/return/" + providerId + "?pid=" + paymentId);
      }

      @Override
      public URI callbackUrl(String providerId, String paymentId) {
        return URI.create("http://127.0.0.1:9/payments/callback/" + providerId + "?pid=" + paymentId);
      }
    };
    int number;

    World(SandboxServer server, TestDatabase database) {
      this.server = server;
      this.dataSource = new FlakyDataSource(database.dataSource());
      for (Spec spec : PROVIDERS) {
        PaymentProvider real = spec.factory().create(Settings.of(spec.settings().apply(server.baseUrl())), http,
            clock);
        providers.put(spec.id(), new FaultyProvider(real, hooks));
      }
    }

    boolean supports(Spec spec, Step step) {
      if (!spec.operations().containsKey(step)) {
        return false;
      }
      var caps = providers.get(spec.id()).capabilities();
      return switch (step) {
        case START -> true;
        case CAPTURE -> caps.contains(io.checkoutbridge.api.Capability.CAPTURE);
        case REFUND -> caps.contains(io.checkoutbridge.api.Capability.REFUND);
        case VOID -> caps.contains(io.checkoutbridge.api.Capability.VOID);
      };
    }

    PaymentEngine engine() {
      return new PaymentEngine(new Database(dataSource), providers, endpoints, clock, (PaymentStatusChanged c) -> { },
          null, RESOLVE_AFTER, Duration.ofSeconds(30), SWEEP);
    }

    CheckoutRequest request(String order) {
      return new CheckoutRequest(order, Carts.standard(), Carts.customer(), Locale.UK, true,
          new PaymentMethodDetails.Card("4111111111111111", "10", "2030", "123", "Ada Lovelace"), null)
          .withCustomerIp("203.0.113.10");
    }

    /** The shopper on the provider's page presses the paying button. */
    void pay(Spec spec, NextStep next) throws Exception {
      URI page = next instanceof NextStep.Redirect r ? r.url()
          : next instanceof NextStep.Embed e ? e.fallbackUrl() : null;
      if (page == null || spec.payAction() == null) {
        return;
      }
      try (Response response = shopper.newCall(new Request.Builder().url(page.toString())
          .post(new FormBody.Builder().add("action", spec.payAction()).build()).build()).execute()) {
        if (response.code() >= 400) {
          throw new IllegalStateException(spec.id() + " pay page answered " + response.code() + " at " + page);
        }
      }
    }

    void run(Spec spec, Step step, Moment moment, Tally tally) {
      String label = spec.id() + " " + step + " " + moment;
      tally.cases++;
      String order = "FM-" + (++number) + "-" + UUID.randomUUID().toString().substring(0, 6);
      PaymentEngine engine = engine();
      String paymentId = null;
      try {
        if (step != Step.START) {
          paymentId = setUp(engine, spec, step, order);
        }
        long mark = lastJournalSeq();
        arm(spec, step, moment);
        boolean stopped = false;
        try {
          switch (step) {
            case START -> {
              CheckoutStart start = engine.start(spec.id(), request(order));
              paymentId = start.paymentId();
              pay(spec, start.next());
            }
            case CAPTURE -> engine.capture(paymentId, command());
            case REFUND -> engine.refund(paymentId, command());
            case VOID -> engine.voidAuthorization(paymentId, command());
          }
        } catch (PaymentException expected) {
          // the admin or the shopper is told; what counts is what the ledger ends up saying
        } catch (FaultyProvider.ServerStopped expected) {
          stopped = true;
        } finally {
          disarm();
        }
        if (paymentId == null) {
          paymentId = engine.paymentsForOrder(order).get(0).paymentId();
        }
        PaymentEngine after = stopped ? engine() : engine;
        Sweeper sweeper = new Sweeper(after, new Database(dataSource), clock, SWEEP);
        clock.advance(RESOLVE_AFTER.plus(SWEEP.firstAfter()).plusSeconds(1));
        sweeper.sweepDue();
        // A loaded machine can make a sweep's own read time out: the sweeper then looks again later.
        for (int round = 0; round < 4 && unsettled(after, paymentId); round++) {
          clock.advance(SWEEP.maxDelay().plusSeconds(1));
          sweeper.sweepDue();
        }
        check(label, spec, step, moment, after, paymentId, mark, tally);
      } catch (Exception | AssertionError e) {
        tally.problems.add(label + ": " + e);
      }
    }

    /** An authorised payment (captured too, for a refund), made without faults; tried again on a slow machine. */
    private String setUp(PaymentEngine engine, Spec spec, Step step, String order) throws Exception {
      Exception last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          CheckoutStart start = engine.start(spec.id(), request(order + "-" + attempt));
          pay(spec, start.next());
          PaymentView authorized = read(() -> engine.refresh(start.paymentId()));
          if (authorized.ledger().authorization() != AuthorizationState.AUTHORIZED) {
            throw new IllegalStateException("setup: not authorised but " + authorized.status());
          }
          if (step == Step.REFUND) {
            engine.capture(start.paymentId(), command());
          }
          return start.paymentId();
        } catch (PaymentException e) {
          last = e;
        }
      }
      throw last;
    }

    private static boolean unsettled(PaymentEngine engine, String paymentId) {
      PaymentView view = engine.payment(paymentId).orElseThrow();
      return view.ledger().hasPendingOperation()
          && view.events().stream().noneMatch(e -> e.kind().equals("OPERATION_ACCEPTED"));
    }

    @FunctionalInterface
    private interface Read<T> {
      T run() throws PaymentException;
    }

    /** A read of the provider's state, tried again when a loaded machine makes it time out. */
    private static <T> T read(Read<T> read) throws PaymentException {
      for (int attempt = 1; ; attempt++) {
        try {
          return read.run();
        } catch (io.checkoutbridge.api.error.TransientNetworkException e) {
          if (attempt >= 3) {
            throw e;
          }
        }
      }
    }

    private void check(String label, Spec spec, Step step, Moment moment, PaymentEngine engine, String paymentId,
        long mark, Tally tally) throws Exception {
      List<JournalEntry> sent = server.sandbox().journal().entries(spec.id(), JournalEntry.IN, mark).stream()
          .filter(e -> spec.paths().get(step).matcher(e.path()).matches()).toList();
      if (sent.size() > 1) {
        tally.doubled++;
        tally.problems.add(label + ": the " + step + " request was sent " + sent.size() + " times");
      }
      boolean acted = sent.stream().anyMatch(e -> !"timeout-before".equals(e.fault()));
      PaymentView view = engine.payment(paymentId).orElseThrow();
      Ledger ledger = view.ledger();
      ProviderState truth;
      try {
        truth = read(() -> engine.refreshFromProvider(paymentId)).providerState();
      } catch (PaymentException unreadable) {
        truth = null; // the provider's ids never reached the ledger: nothing to read it by
      }
      if (truth == null || truth.authorization() == AuthorizationState.NONE) {
        // Without a readable provider payment, money can only have moved where the start itself
        // authorises (server to server) and the provider acted.
        boolean serverSide = providers.get(spec.id()).capabilities()
            .contains(io.checkoutbridge.api.Capability.SERVER_SIDE_AUTHORIZATION);
        if (step == Step.START && serverSide && acted && ledger.authorization() != AuthorizationState.AUTHORIZED) {
          if (KNOWN_GAPS.contains(label)) {
            tally.knownGaps.add(label);
            return;
          }
          tally.lost++;
          tally.problems.add(label + ": the provider authorised, the ledger says " + view.status());
        } else if (ledger.authorized().isPositive()) {
          tally.different++;
          tally.problems.add(label + ": the ledger says authorised, the provider holds nothing");
        }
        return;
      }
      view = engine.payment(paymentId).orElseThrow();
      ledger = view.ledger();
      boolean pendingAccepted = view.events().stream().anyMatch(e -> e.kind().equals("OPERATION_ACCEPTED"));
      List<String> differences = new ArrayList<>();
      if (truth.authorization() == AuthorizationState.AUTHORIZED
          && ledger.authorization() != AuthorizationState.AUTHORIZED) {
        tally.lost++;
        differences.add("the provider authorised, the ledger says " + view.status());
      }
      if (!ledger.captured().equals(truth.captured())) {
        differences.add("captured " + ledger.captured() + " vs the provider's " + truth.captured());
      }
      if (!ledger.refunded().equals(truth.refunded()) && !(pendingAccepted && truth.refunded().isZero())) {
        differences.add("refunded " + ledger.refunded() + " vs the provider's " + truth.refunded());
      }
      if (!ledger.voided().equals(truth.voided())) {
        differences.add("voided " + ledger.voided() + " vs the provider's " + truth.voided());
      }
      if (ledger.hasPendingOperation() && !pendingAccepted) {
        differences.add("an operation is still unsettled after the sweep");
      }
      if (!differences.isEmpty()) {
        tally.different++;
        tally.problems.add(label + ": " + String.join("; ", differences));
      }
    }

    private long lastJournalSeq() {
      List<JournalEntry> all = server.sandbox().journal().entries();
      return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private void arm(Spec spec, Step step, Moment moment) {
      String operation = spec.operations().get(step);
      switch (moment) {
        case TIMEOUT_BEFORE_THE_PROVIDER_ACTS -> server.sandbox().faults().add(
            Fault.of(spec.id(), operation, FaultMode.TIMEOUT_BEFORE).withDelayMs(FAULT_DELAY_MS));
        case TIMEOUT_AFTER_THE_PROVIDER_ACTED -> server.sandbox().faults().add(
            Fault.of(spec.id(), operation, FaultMode.TIMEOUT).withDelayMs(FAULT_DELAY_MS));
        case ERROR_5XX_AFTER_THE_PROVIDER_ACTED -> server.sandbox().faults().add(
            Fault.of(spec.id(), operation, FaultMode.ERROR_AFTER));
        case DATABASE_FAILS_AFTER_THE_ANSWER -> hooks.afterAnswer = () -> dataSource.failNext(1);
        case SERVER_STOPS_BEFORE_THE_CALL -> hooks.beforeCall = () -> {
          throw new FaultyProvider.ServerStopped("before the call");
        };
        case SERVER_STOPS_AFTER_THE_ANSWER -> hooks.afterAnswer = () -> {
          throw new FaultyProvider.ServerStopped("after the provider answered");
        };
      }
    }

    private void disarm() {
      server.sandbox().faults().clear(null);
      hooks.beforeCall = null;
      hooks.afterAnswer = null;
    }

    private static AdminCommand command() {
      return new AdminCommand(Selection.remaining(), "fault matrix", "admin", "fm-" + UUID.randomUUID());
    }
  }

  /** What the next money-moving call does around the real adapter; set and cleared by a case. */
  static final class Hooks {
    volatile Runnable beforeCall;
    volatile Runnable afterAnswer;
  }
}
