package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.column;
import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole checkout with the scripted provider inside WildFly, over real HTTP to the plugin's
 * endpoints, checked in the database: start, callback before the return, duplicate callback,
 * return, partial capture by lines, capture of the rest, partial refund; then a payment held for
 * review that the pending page follows to the end; then forged and oversized callbacks.
 */
@ExtendWith(ArquillianExtension.class)
class ScriptedCheckoutFlowIT {
  private static final String NAME = "scripted-flow";

  @Deployment
  static WebArchive deployment() {
    return Deployments.storefront(NAME, Map.of("checkout-bridge.pending.poll-interval", "PT0S",
            "checkout-bridge.callback.max-body-bytes", "2048", "checkout-bridge.callback.retry-after", "PT1S"))
        .addClasses(Deployments.class, LedgerQueries.class)
        .addAsLibraries(Deployments.jars("plugin-impl-0.1.0-SNAPSHOT-tests", "assertj-core-", "byte-buddy-"))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject
  Payments payments;

  @Inject
  ScriptedProvider provider;

  @Inject
  CheckoutBridgeRuntime runtime;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource ledger;

  private final HttpClient http = Deployments.httpClient();

  @Test
  void checkoutWithCallbackBeforeReturnDuplicateCallbackCapturesAndRefund() throws Exception {
    String order = "IT-" + UUID.randomUUID().toString().substring(0, 8);
    CheckoutStart start = payments.start(ScriptedProvider.ID, Carts.request(order));
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    String id = start.paymentId();

    provider.authorize(id); // the shopper approves on the provider's page
    URI callback = runtime.endpoints().callbackUrl(ScriptedProvider.ID, id);
    HttpResponse<String> first = post(callback, "{\"event\":\"authorized\"}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("accepted");
    long versionAfterCallback = awaitStatus(id, PaymentStatus.AUTHORIZED).version();

    HttpResponse<String> duplicate = post(callback, "{\"event\":\"authorized\"}");
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(duplicate.body()).contains("duplicate");
    assertThat(payments.payment(id).orElseThrow().version()).isEqualTo(versionAfterCallback);

    HttpResponse<String> back = get(runtime.endpoints().returnUrl(ScriptedProvider.ID, id));
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.headers().firstValue("Location")).contains("/" + NAME + "/orders/" + order);

    payments.capture(id, command(Selection.lines(Map.of("l1", BigDecimal.ONE, "s1", BigDecimal.ONE))));
    payments.capture(id, command(Selection.remaining()));
    PaymentView refunded = payments.refund(id, command(Selection.amount(Money.of("7.50", "GBP"))));
    assertThat(refunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT status, authorized_minor, captured_minor, refunded_minor FROM cb_payment WHERE id = ?", id))
          .containsExactly("PARTIALLY_REFUNDED", "5395", "5395", "750");
      assertThat(column(c, "SELECT kind FROM cb_payment_event WHERE payment_id = ? ORDER BY seq", id)).containsExactly(
          "CREATED", "AUTHORIZED", "CAPTURE_REQUESTED", "CAPTURED", "CAPTURE_REQUESTED", "CAPTURED", "REFUND_REQUESTED",
          "REFUNDED");
      assertThat(row(c, "SELECT COUNT(*), SUM(deliveries) FROM cb_callback_inbox WHERE payment_id = ?", id))
          .containsExactly("1", "2");
      assertThat(row(c, "SELECT captured_minor FROM cb_payment_line WHERE payment_id = ? AND line_id = 's1'", id))
          .containsExactly("495");
    }
  }

  @Test
  void aPaymentHeldForReviewIsFollowedByThePendingPageUntilPaid() throws Exception {
    String order = "IT-" + UUID.randomUUID().toString().substring(0, 8);
    String id = payments.start(ScriptedProvider.ID, Carts.request(order)).paymentId();
    provider.holdForReview(id);
    HttpResponse<String> back = get(runtime.endpoints().returnUrl(ScriptedProvider.ID, id));
    assertThat(back.statusCode()).isEqualTo(303);
    String pending = back.headers().firstValue("Location").orElseThrow();
    assertThat(pending).contains("/payments/pending?pid=" + id);

    HttpResponse<String> waiting = get(URI.create("http://127.0.0.1:" + Deployments.httpPort() + pending));
    assertThat(waiting.statusCode()).isEqualTo(200);
    assertThat(waiting.body()).contains("http-equiv=\"refresh\"").contains(order);
    assertThat(payments.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);

    provider.authorize(id); // the review ends well; no callback ever arrives
    HttpResponse<String> done = get(URI.create("http://127.0.0.1:" + Deployments.httpPort() + pending));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).contains("/" + NAME + "/orders/" + order);
    assertThat(payments.orderStatus(order)).contains(PaymentStatus.AUTHORIZED);
  }

  @Test
  void aForgedSealAndAnOversizedBodyChangeNothing() throws Exception {
    String id = payments.start(ScriptedProvider.ID, Carts.request("IT-" + UUID.randomUUID().toString().substring(0, 8)))
        .paymentId();
    provider.authorize(id);
    String sealed = runtime.endpoints().callbackUrl(ScriptedProvider.ID, id).toString();
    URI forged = URI.create(sealed.substring(0, sealed.indexOf("&seal=")) + "&seal=" + "A".repeat(43));
    HttpResponse<String> refused = post(forged, "{}");
    assertThat(refused.statusCode()).isEqualTo(401);
    HttpResponse<String> tooBig = post(URI.create(sealed), "x".repeat(4096));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    PaymentView untouched = payments.payment(id).orElseThrow();
    assertThat(untouched.status()).isEqualTo(PaymentStatus.STARTED);
    assertThat(untouched.events()).hasSize(1);
  }

  @Test
  void aCallbackThatCannotBeAppliedNowIsRetriedByThePluginUntilItIs() throws Exception {
    String id = payments.start(ScriptedProvider.ID, Carts.request("IT-" + UUID.randomUUID().toString().substring(0, 8)))
        .paymentId();
    provider.authorize(id);
    provider.failFetches(true); // the provider's API is down when its notification arrives
    try {
      HttpResponse<String> accepted = post(runtime.endpoints().callbackUrl(ScriptedProvider.ID, id), "{}");
      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(accepted.body()).contains("accepted");
      awaitInbox(id, "SELECT attempts > 0 FROM cb_callback_inbox WHERE payment_id = ?");
      assertThat(payments.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
    } finally {
      provider.failFetches(false);
    }

    // No second delivery, no refresh: the plugin's own retry applies it (retry-after is 1 s here).
    awaitStatus(id, PaymentStatus.AUTHORIZED);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT outcome, next_attempt_at FROM cb_callback_inbox WHERE payment_id = ?", id))
          .containsExactly("APPLIED", null);
    }
  }

  private PaymentView awaitStatus(String id, PaymentStatus status) throws Exception {
    long until = System.nanoTime() + 20_000_000_000L;
    PaymentView view = payments.payment(id).orElseThrow();
    while (view.status() != status && System.nanoTime() < until) {
      Thread.sleep(50);
      view = payments.payment(id).orElseThrow();
    }
    assertThat(view.status()).as("status of " + id).isEqualTo(status);
    return view;
  }

  private void awaitInbox(String id, String condition) throws Exception {
    long until = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < until) {
      try (Connection c = ledger.getConnection()) {
        List<String> answer = row(c, condition, id);
        if (!answer.isEmpty() && "TRUE".equalsIgnoreCase(answer.get(0))) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never true for " + id + ": " + condition);
  }

  private HttpResponse<String> post(URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "integration test", "it-admin", "it-" + UUID.randomUUID());
  }

}
