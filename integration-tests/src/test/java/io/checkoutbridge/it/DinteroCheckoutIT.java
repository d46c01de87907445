package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dintero end to end inside WildFly, over real HTTP: the plugin's adapter talks to the sandbox's
 * Dintero simulator deployed in the same WAR, the shopper acts on the simulator's hosted page, and
 * the simulator's signed callbacks reach the plugin's callback endpoint.
 */
@ExtendWith(ArquillianExtension.class)
class DinteroCheckoutIT {
  private static final String NAME = "dintero-flow";
  private static final String SIGNATURE_SECRET = "dintero-it-callback-signing-secret";
  private static final String SANDBOX_SECRET_PROPERTY = "checkoutbridge.sandbox.dintero.signature-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Gives the simulator the callback secret before its servlet starts (listeners run first). */
  @WebListener
  public static class SandboxSignatureSecret implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
      System.setProperty(SANDBOX_SECRET_PROPERTY, SIGNATURE_SECRET);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      System.clearProperty(SANDBOX_SECRET_PROPERTY);
    }
  }

  @Deployment
  static WebArchive deployment() {
    String sandbox = Deployments.baseUrl(NAME) + "/sandbox/dintero";
    Map<String, String> config = Map.ofEntries(
        Map.entry("checkout-bridge.providers", "dintero"),
        Map.entry("checkout-bridge.pending.poll-interval", "PT0S"),
        Map.entry("checkout-bridge.http.read-timeout", "PT2S"),
        Map.entry("checkout-bridge.http.call-timeout", "PT10S"),
        Map.entry("checkout-bridge.dintero.enabled", "true"),
        Map.entry("checkout-bridge.dintero.account-id", "T12345678"),
        Map.entry("checkout-bridge.dintero.client-id", "sandbox-client-id"),
        Map.entry("checkout-bridge.dintero.client-secret", "sandbox-client-secret"),
        Map.entry("checkout-bridge.dintero.profile-id", "default_profile"),
        Map.entry("checkout-bridge.dintero.checkout-url", sandbox + "/checkout/v1"),
        Map.entry("checkout-bridge.dintero.api-url", sandbox + "/api/v1"),
        Map.entry("checkout-bridge.dintero.callback-signature-secret", SIGNATURE_SECRET));
    return Deployments.storefront(NAME, config)
        .addClasses(Deployments.class, LedgerQueries.class, SandboxSignatureSecret.class)
        .addAsLibraries(Deployments.jars("sandbox-", "assertj-core-", "byte-buddy-"))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject
  Payments payments;

  @Inject
  CheckoutBridgeRuntime runtime;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource ledger;

  private final HttpClient http = Deployments.httpClient();

  @BeforeEach
  void clearFaults() throws Exception {
    assertThat(send("DELETE", sandbox("/_faults"), null, null).statusCode()).isLessThan(300);
  }

  @Test
  void wholeFlowFollowsSeed002AndMovesMoneyExactly() throws Exception {
    send("DELETE", sandbox("/_journal"), null, null);
    String order = order();
    CheckoutStart start = payments.start("dintero", request(order));
    String id = start.paymentId();
    URI page = page(start);
    assertThat(page.getPath()).startsWith("/" + NAME + "/sandbox/dintero/pay/");

    URI back = approve(page, "approve");
    assertThat(back.getQuery()).contains("pid=" + id).contains("transaction_id=").contains("merchant_reference=");
    awaitStatus(id, s -> s == PaymentStatus.AUTHORIZED);

    HttpResponse<String> landed = send("GET", back, null, null);
    assertThat(landed.statusCode()).isEqualTo(303);
    assertThat(landed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/orders/" + order));

    payments.capture(id, command(Selection.lines(Map.of("chair", new BigDecimal("2")))));
    PaymentView captured = payments.capture(id, command(Selection.remaining()));
    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    PaymentView refunded = payments.refund(id, command(Selection.amount(Money.of("50.00", "NOK"))));
    assertThat(refunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT status, authorized_minor, captured_minor, refunded_minor FROM cb_payment WHERE id = ?", id))
          .containsExactly("PARTIALLY_REFUNDED", "49700", "49700", "5000");
    }
    PaymentView fetched = payments.refresh(id);
    assertThat(fetched.ledger().captured()).isEqualTo(Money.of("497.00", "NOK"));
    assertThat(fetched.ledger().refunded()).isEqualTo(Money.of("50.00", "NOK"));

    // Seed 002's order of calls, as Dintero received them.
    List<String> calls = new ArrayList<>();
    for (JsonNode entry : journal()) {
      String call = seedStep(entry.path("method").asText(), entry.path("path").asText());
      if (call != null && (calls.isEmpty() || !calls.get(calls.size() - 1).equals(call) || call.startsWith("POST"))) {
        calls.add(call);
      }
    }
    assertThat(calls).containsSubsequence(
        "POST draft_orders", "PUT complete", "POST sessions-profile", "GET transaction",
        "POST orders/authorizations", "POST capture", "POST orders/captures", "POST capture",
        "POST orders/captures", "POST refund", "POST orders/refunds");
    assertThat(calls.stream().filter("POST orders/authorizations"::equals)).as("authorization recorded once").hasSize(1);
    assertThat(calls.stream().filter("POST capture"::equals)).hasSize(2);
  }

  /**
   * An admin captures in Dintero's back office, not in the plugin. The callback URL asked for
   * {@code report_event=CAPTURE&report_event=REFUND&report_event=VOID} (the WooCommerce plugin's
   * {@code Dintero_Checkout_Callback::callback_url}); Dintero calls back with {@code event=CAPTURE},
   * the plugin fetches the transaction again and the ledger follows, with no admin action in the
   * plugin.
   */
  @Test
  void captureInDinterosBackOfficeReachesTheLedgerThroughTheCallback() throws Exception {
    CheckoutStart start = payments.start("dintero", request(order()));
    String id = start.paymentId();
    URI back = approve(page(start), "approve");
    awaitStatus(id, s -> s == PaymentStatus.AUTHORIZED);
    awaitDeliveries(id, 1);
    String transaction = query(back, "transaction_id");

    HttpResponse<String> captured = http.send(HttpRequest.newBuilder(
            sandbox("/dintero/backoffice/transactions/" + transaction + "/capture"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("amount=49700")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(captured.statusCode()).as(captured.body()).isEqualTo(303);

    awaitStatus(id, s -> s == PaymentStatus.CAPTURED);
    PaymentView view = payments.payment(id).orElseThrow();
    assertThat(view.ledger().captured()).isEqualTo(Money.of("497.00", "NOK"));
    assertThat(view.events()).extracting(e -> e.kind()).containsExactly("CREATED", "AUTHORIZED", "CAPTURED");
    assertThat(view.events().get(2).actor()).as("no admin acted in the plugin").isEqualTo("provider");
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT captured_minor FROM cb_payment WHERE id = ?", id)).containsExactly("49700");
      assertThat(row(c, "SELECT COUNT(*) FROM cb_callback_inbox WHERE payment_id = ?"
          + " AND description LIKE '%event CAPTURE%' AND processed_at IS NOT NULL", id)).containsExactly("1");
    }
  }

  @Test
  void declinedPaymentIsDeclined() throws Exception {
    String order = order();
    CheckoutStart start = payments.start("dintero", request(order));
    String id = start.paymentId();

    URI back = approve(page(start), "decline");
    assertThat(back.getQuery()).contains("error=authorization").doesNotContain("transaction_id=");
    HttpResponse<String> landed = send("GET", back, null, null);

    assertThat(landed.statusCode()).isEqualTo(303);
    awaitStatus(id, s -> s == PaymentStatus.DECLINED);
    assertThat(payments.orderStatus(order)).contains(PaymentStatus.DECLINED);
    assertThatThrownBy(() -> payments.capture(id, command(Selection.remaining()))).isInstanceOf(PaymentException.class);
  }

  @Test
  void duplicateCallbackChangesNothingTheSecondTime() throws Exception {
    fault("{\"provider\":\"dintero\",\"operation\":\"callback\",\"mode\":\"duplicate\",\"count\":1}");
    CheckoutStart start = payments.start("dintero", request(order()));
    String id = start.paymentId();

    approve(page(start), "approve");
    awaitStatus(id, s -> s == PaymentStatus.AUTHORIZED);
    awaitDeliveries(id, 2);

    PaymentView view = payments.payment(id).orElseThrow();
    assertThat(view.events()).extracting(e -> e.kind()).containsExactly("CREATED", "AUTHORIZED");
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT COUNT(*), SUM(deliveries) FROM cb_callback_inbox WHERE payment_id = ?", id))
          .containsExactly("1", "2");
    }
  }

  @Test
  void callbackBeforeTheReturnLeavesTheReturnNothingToDo() throws Exception {
    String order = order();
    CheckoutStart start = payments.start("dintero", request(order));
    String id = start.paymentId();

    URI back = approve(page(start), "approve");
    awaitStatus(id, s -> s == PaymentStatus.AUTHORIZED); // the callback came first
    long version = payments.payment(id).orElseThrow().version();
    send("DELETE", sandbox("/_journal"), null, null);
    HttpResponse<String> landed = send("GET", back, null, null);

    assertThat(landed.statusCode()).isEqualTo(303);
    assertThat(landed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/orders/" + order));
    PaymentView after = payments.payment(id).orElseThrow();
    assertThat(after.events()).extracting(e -> e.kind()).containsExactly("CREATED", "AUTHORIZED");
    assertThat(after.version()).isEqualTo(version);
    assertThat(journal()).as("the return asked Dintero nothing: the callback had applied its state").isEmpty();
  }

  @Test
  void captureThatTimesOutOnceIsSettledByTheStateNeverSentTwice() throws Exception {
    CheckoutStart start = payments.start("dintero", request(order()));
    String id = start.paymentId();
    approve(page(start), "approve");
    awaitStatus(id, s -> s == PaymentStatus.AUTHORIZED);
    send("DELETE", sandbox("/_journal"), null, null);
    fault("{\"provider\":\"dintero\",\"operation\":\"capture\",\"mode\":\"timeout\",\"count\":1,\"delayMs\":3000}");

    PaymentView view;
    try {
      view = payments.capture(id, command(Selection.remaining()));
    } catch (PaymentException stillUnknown) {
      view = payments.refresh(id);
    }

    assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(view.ledger().captured()).isEqualTo(Money.of("497.00", "NOK"));
    long captures = 0;
    for (JsonNode entry : journal()) {
      if ("POST".equals(entry.path("method").asText()) && entry.path("path").asText().endsWith("/capture")) {
        captures++;
      }
    }
    assertThat(captures).as("one capture sent").isEqualTo(1);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT captured_minor FROM cb_payment WHERE id = ?", id)).containsExactly("49700");
    }
    Thread.sleep(1500); // let the sandbox write its late answer before the deployment goes away
  }

  @Test
  void forgedSignatureIsRefusedAndChangesNothing() throws Exception {
    String id = payments.start("dintero", request(order())).paymentId();
    URI callback = URI.create(runtime.endpoints().callbackUrl("dintero", id)
        + "&report_error=true&transaction_id=T12345678.forged&session_id=T12345678.forged"
        + "&merchant_reference=FORGED&time=2026-11-20T10%3A00%3A00Z");
    String forged = "t=" + Instant.now().getEpochSecond() + ",v0-hmac-sha256=" + "0f".repeat(32);

    HttpResponse<String> refused = send("GET", callback, null, Map.of("Dintero-Signature", forged));
    HttpResponse<String> unsigned = send("GET", callback, null, Map.of());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    PaymentView untouched = payments.payment(id).orElseThrow();
    assertThat(untouched.status()).isEqualTo(PaymentStatus.STARTED);
    assertThat(untouched.events()).hasSize(1);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT COUNT(*) FROM cb_callback_inbox WHERE payment_id = ?", id)).containsExactly("0");
    }
  }

  // ---- the shopper, the sandbox and the ledger ----------------------------------------------------

  /** Two chairs and a book at different VAT rates, shipping and a discount: 497.00 NOK. */
  private static CheckoutRequest request(String order) {
    Money chair = Money.of("199.00", "NOK");
    Cart cart = new Cart(Money.currency("NOK"), List.of(
        CartLine.of("chair", LineKind.PRODUCT, "175938", "Stablestol for utendørsbruk", "2", chair, "25"),
        CartLine.of("book", LineKind.PRODUCT, "978-82", "Book", "1", Money.of("100.00", "NOK"), "15"),
        CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", Money.of("49.00", "NOK"), "25"),
        CartLine.of("autumn", LineKind.DISCOUNT, "", "Autumn sale", "1", Money.of("-50.00", "NOK"), "25")));
    Address address = new Address("Kari Nordmann", "Sommerkroveien 34", null, "Oslo", null, "0349", "NO", null);
    Customer customer = new Customer("c-1", "Kari", "Nordmann", "kari@example.com", "+4799999999", null, address,
        null, null);
    return CheckoutRequest.of(order, cart, customer);
  }

  private static String order() {
    return "IT-D-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Where the shopper is sent: the simulator's hosted page for the session. */
  private static URI page(CheckoutStart start) {
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    return ((NextStep.Redirect) start.next()).url();
  }

  /** The shopper presses a button on the hosted page; answers where the browser is sent. */
  private URI approve(URI page, String action) throws Exception {
    HttpResponse<String> shown = send("GET", page, null, null);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("id=\"" + action + "\"");
    HttpResponse<String> pressed = http.send(HttpRequest.newBuilder(page)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=" + action)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(pressed.statusCode()).isEqualTo(303);
    return URI.create(pressed.headers().firstValue("Location").orElseThrow());
  }

  private static String query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " missing from " + uri);
  }

  private void awaitStatus(String id, Predicate<PaymentStatus> wanted) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    PaymentStatus status = null;
    while (Instant.now().isBefore(deadline)) {
      status = payments.payment(id).orElseThrow().status();
      if (wanted.test(status)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("payment " + id + " is still " + status);
  }

  private void awaitDeliveries(String id, int deliveries) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      try (Connection c = ledger.getConnection()) {
        List<String> row = row(c, "SELECT SUM(deliveries) FROM cb_callback_inbox WHERE payment_id = ?", id);
        if (!row.isEmpty() && row.get(0) != null && Integer.parseInt(row.get(0)) >= deliveries) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + deliveries + " callback deliveries for " + id);
  }

  private void fault(String json) throws Exception {
    HttpResponse<String> answer = send("POST", sandbox("/_faults"), json, null);
    assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
  }

  private JsonNode journal() throws Exception {
    HttpResponse<String> answer = send("GET", sandbox("/_journal?provider=dintero&direction=in"), null, null);
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** Names a journal entry by its step in seed 002, or {@code null} for the token and the page. */
  private static String seedStep(String method, String path) {
    if (path.endsWith("/shopping/draft_orders")) {
      return method + " draft_orders";
    }
    if (path.endsWith("/complete")) {
      return method + " complete";
    }
    if (path.endsWith("/sessions-profile")) {
      return method + " sessions-profile";
    }
    if (path.matches(".*/shopping/orders/[^/]+/(authorizations|captures|refunds|cancel)")) {
      return method + " orders/" + path.substring(path.lastIndexOf('/') + 1);
    }
    if (path.matches(".*/transactions/[^/]+/(capture|refund|void)")) {
      return method + " " + path.substring(path.lastIndexOf('/') + 1);
    }
    if ("GET".equals(method) && path.contains("/transactions")) {
      return "GET transaction";
    }
    return null;
  }

  /**
   * The sandbox's control and API URLs, from the storefront's configured public URL (inside the
   * server the client's port properties are not set; the configuration carries the moved port).
   */
  private URI sandbox(String pathAndQuery) {
    String base = runtime.core().publicUrl().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/sandbox" + pathAndQuery);
  }

  private HttpResponse<String> send(String method, URI uri, String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (headers != null) {
      headers.forEach(request::header);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "integration test", "it-admin", "it-" + UUID.randomUUID());
  }

}
