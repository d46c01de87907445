package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.column;
import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
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
 * Hokodo end to end inside WildFly: the adapter talks over HTTP to the Hokodo simulator deployed in
 * the same storefront, the shopper's clicks on the plan page are HTTP form posts, and the
 * simulator's notifications reach the plugin's callback endpoint. Checked against the engine, the
 * ledger tables and the simulator's journal.
 */
@ExtendWith(ArquillianExtension.class)
class HokodoCheckoutFlowIT {
  private static final String NAME = "hokodo-flow";
  private static final long WAIT_MS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment
  static WebArchive deployment() {
    return Deployments.storefront(NAME, Map.of(
            "checkout-bridge.hokodo.enabled", "true",
            "checkout-bridge.hokodo.api-key", "sandbox-hokodo-api-key",
            "checkout-bridge.hokodo.base-url", Deployments.baseUrl(NAME) + "/sandbox/hokodo/v1",
            "checkout-bridge.pending.poll-interval", "PT0S"))
        .addClasses(Deployments.class, LedgerQueries.class, HokodoItDocuments.class)
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

  @Test
  void wholeFlowFollowsTheSeedSequenceWithInvoiceAndCreditNote() throws Exception {
    long seq = lastJournalSeq();
    String order = orderReference();
    CheckoutStart start = payments.start("hokodo", request(order, "Acme Tools Ltd", "11215527"));
    String id = start.paymentId();
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    URI planPage = ((NextStep.Redirect) start.next()).url();
    assertThat(planPage.getPath()).startsWith("/" + NAME + "/sandbox/hokodo/pay/ppln-");

    HttpResponse<String> page = get(planPage);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"accept\"").contains(order);
    HttpResponse<String> accepted = postForm(planPage, "action=accept");
    assertThat(accepted.statusCode()).isEqualTo(303);
    URI back = URI.create(accepted.headers().firstValue("Location").orElseThrow());
    assertThat(back.getPath()).isEqualTo("/" + NAME + "/payments/return/hokodo");
    assertThat(back.getQuery()).contains("pid=" + id).contains("seal=").endsWith("outcome=success");

    PaymentView authorized = awaitStatus(id, PaymentStatus.AUTHORIZED); // the notification did it
    assertThat(authorized.providerPaymentId()).startsWith("defpay-");
    HttpResponse<String> returned = get(back);
    assertThat(returned.statusCode()).isEqualTo(303);
    assertThat(returned.headers().firstValue("Location")).contains("/" + NAME + "/orders/" + order);

    assertThat(payments.capture(id, command(Selection.amount(Money.of("20.00", "GBP")))).status())
        .isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
    assertThat(payments.capture(id, command(Selection.remaining())).status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(payments.refund(id, command(Selection.amount(Money.of("7.50", "GBP")))).status())
        .isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    List<JsonNode> calls = journal(seq);
    List<String> writes = new ArrayList<>();
    for (JsonNode call : calls) {
      String method = call.get("method").asText();
      if (!method.equals("GET") && call.get("path").asText().startsWith("/v1/")) {
        writes.add(method + " " + call.get("path").asText().replaceAll("(order|defpay)-[A-Za-z0-9]+", "$1-*"));
      }
    }
    assertThat(writes).containsExactly(
        "POST /v1/companies/search",
        "POST /v1/organisations",
        "POST /v1/users",
        "POST /v1/payment/orders",
        "POST /v1/payment/offers",
        "POST /v1/payment/orders/order-*/documents",
        "POST /v1/payment/deferred_payments/defpay-*/capture",
        "POST /v1/payment/orders/order-*/documents",
        "POST /v1/payment/deferred_payments/defpay-*/capture_remaining",
        "POST /v1/payment/orders/order-*/documents",
        "POST /v1/payment/deferred_payments/defpay-*/refund");
    assertThat(calls).allMatch(c -> c.get("status").asInt() < 400, "every call succeeded");
    assertThat(calls).allMatch(c -> !c.path("headers").path("authorization").asText("***").contains("sandbox-hokodo"));
    List<String> documents = calls.stream().filter(c -> c.get("path").asText().endsWith("/documents"))
        .map(c -> c.get("body").asText()).toList();
    assertThat(documents.get(0)).contains("invoice").contains("2000");
    assertThat(documents.get(2)).contains("credit_note").contains("750");
    JsonNode order0 = calls.stream().filter(c -> c.get("path").asText().equals("/v1/payment/orders")).findFirst()
        .orElseThrow().get("body");
    assertThat(order0.get("unique_id").asText()).isEqualTo(order);
    assertThat(order0.get("total_amount").asLong()).isEqualTo(3395);
    assertThat(order0.get("items")).hasSize(5); // the 3 × 3.33 = 10.00 line is split into 2 × 333 + 1 × 334

    JsonNode deferred = hokodoGet("/payment/deferred_payments/" + authorized.providerPaymentId());
    assertThat(deferred.get("status").asText()).isEqualTo("captured");
    assertThat(deferred.get("protected_captures").asLong()).isEqualTo(3395);
    assertThat(deferred.get("refunds").asLong()).isEqualTo(750);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT status, authorized_minor, captured_minor, refunded_minor FROM cb_payment WHERE id = ?", id))
          .containsExactly("PARTIALLY_REFUNDED", "3395", "3395", "750");
    }
  }

  @Test
  void aRejectedPlanDeclinesThePayment() throws Exception {
    CheckoutStart start = payments.start("hokodo", request(orderReference(), "Acme Tools Services Ltd", "11351988"));
    String id = start.paymentId();

    HttpResponse<String> rejected = postForm(planPage(start), "action=reject");

    assertThat(rejected.headers().firstValue("Location").orElseThrow()).endsWith("outcome=failure");
    assertThat(awaitStatus(id, PaymentStatus.DECLINED).ledger().authorized().isZero()).isTrue();
    HttpResponse<String> returned = get(URI.create(rejected.headers().firstValue("Location").orElseThrow()));
    assertThat(returned.headers().firstValue("Location").orElseThrow()).contains("/" + NAME + "/checkout?failed=");
  }

  @Test
  void aPaymentHeldForReviewIsAuthorizedByTheNotificationThatFollowsTheDecision() throws Exception {
    CheckoutStart start = payments.start("hokodo", request(orderReference(), "Careful Review Ltd", "09999991"));
    String id = start.paymentId();
    postForm(planPage(start), "action=accept");
    PaymentView pending = awaitStatus(id, PaymentStatus.PENDING);

    HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(base()
            + "/sandbox/hokodo/review/" + pending.providerPaymentId()))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(decided.statusCode()).isEqualTo(200);

    awaitStatus(id, PaymentStatus.AUTHORIZED);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT COUNT(*) FROM cb_callback_inbox WHERE payment_id = ?", id)).containsExactly("2");
      assertThat(column(c, "SELECT kind FROM cb_payment_event WHERE payment_id = ? ORDER BY seq", id))
          .containsExactly("CREATED", "AUTHORIZATION_PENDING", "AUTHORIZED");
    }
  }

  @Test
  void aNotificationWithoutAValidSealIsRefusedAndChangesNothing() throws Exception {
    String id = payments.start("hokodo", request(orderReference(), "Acme Tools Services Ltd", "11351988")).paymentId();
    String sealed = runtime.endpoints().callbackUrl("hokodo", id).toString();
    URI forged = URI.create(sealed.substring(0, sealed.indexOf("&seal=")) + "&seal=" + "A".repeat(43));
    String claim = "{\"created\":\"2026-01-01T00:00:00Z\",\"data\":{\"order\":{\"id\":\"order-x\","
        + "\"deferred_payment\":{\"id\":\"defpay-x\",\"number\":\"P-AAAA-BBBB\",\"status\":\"accepted\"}}}}";

    HttpResponse<String> refused = postJson(forged, claim);
    assertThat(refused.statusCode()).isEqualTo(401);
    // With a valid seal the body is still not believed: the plugin asks Hokodo, which has nothing yet.
    HttpResponse<String> sealedClaim = postJson(URI.create(sealed), claim);
    assertThat(sealedClaim.statusCode()).isEqualTo(200);

    PaymentView untouched = payments.payment(id).orElseThrow();
    assertThat(untouched.status()).isEqualTo(PaymentStatus.STARTED);
    assertThat(untouched.events()).extracting(e -> e.kind()).containsExactly("CREATED");
  }

  @Test
  void voidRemainingAfterAPartialCaptureClosesThePayment() throws Exception {
    long seq = lastJournalSeq();
    CheckoutStart start = payments.start("hokodo", request(orderReference(), "Acme Tools Services Ltd", "11351988"));
    String id = start.paymentId();
    postForm(planPage(start), "action=accept");
    awaitStatus(id, PaymentStatus.AUTHORIZED);
    payments.capture(id, command(Selection.amount(Money.of("10.00", "GBP"))));

    PaymentView closed = payments.voidAuthorization(id, command(Selection.remaining()));

    assertThat(closed.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(closed.ledger().voided()).isEqualTo(Money.of("23.95", "GBP"));
    JsonNode voidCall = journal(seq).stream().filter(c -> c.get("path").asText().endsWith("/void_remaining"))
        .findFirst().orElseThrow();
    assertThat(voidCall.get("body").has("amount")).isFalse();
    assertThat(hokodoGet("/payment/deferred_payments/" + closed.providerPaymentId()).get("voided_authorisation").asLong())
        .isEqualTo(2395);
  }

  @Test
  void aBuyerHokodoDeclinesIsToldAtOnce() throws Exception {
    CheckoutStart start = payments.start("hokodo", request(orderReference(), "Declined Ventures Ltd", "09999992"));

    assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.DECLINED));
    assertThat(payments.payment(start.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String orderReference() {
    return "HK-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** 3 pens for 10.00 (split by the mapper), 2 chairs at 12.00, a 5.00 discount, 4.95 shipping: 33.95 GBP. */
  private static CheckoutRequest request(String order, String companyName, String regNumber) {
    Cart cart = new Cart(java.util.Currency.getInstance("GBP"), List.of(
        new CartLine("p1", LineKind.PRODUCT, "PEN-3", "Pens", new BigDecimal("3"), Money.of("3.33", "GBP"),
            new BigDecimal("20"), Money.of("10.00", "GBP"), null, null),
        CartLine.of("c1", LineKind.PRODUCT, "CHAIR-1", "Ergonomic chair", "2", Money.of("12.00", "GBP"), "20"),
        CartLine.of("d1", LineKind.DISCOUNT, "", "Spring discount", "1", Money.of("-5.00", "GBP"), "20"),
        CartLine.of("s1", LineKind.SHIPPING, "", "Standard delivery", "1", Money.of("4.95", "GBP"), "20")));
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB",
        "+442079460000");
    Customer customer = new Customer("it-" + regNumber, "Ada", "Lovelace", "ada@example.com", null,
        new Company(companyName, regNumber, "GB", null), address, null, null);
    return CheckoutRequest.of(order, cart, customer);
  }

  /**
   * The storefront's base URL from its configuration: inside the server the test JVM's port
   * properties are not set, so {@link Deployments#baseUrl} would name the default port.
   */
  private String base() {
    return runtime.core().publicUrl().toString();
  }

  /** The first offered plan's page, where the adapter sends the shopper. */
  private static URI planPage(CheckoutStart start) {
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    return ((NextStep.Redirect) start.next()).url();
  }

  private PaymentView awaitStatus(String id, PaymentStatus wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    PaymentView view = payments.payment(id).orElseThrow();
    while (view.status() != wanted && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      view = payments.payment(id).orElseThrow();
    }
    assertThat(view.status()).as("status of " + id + ", events " + view.events()).isEqualTo(wanted);
    return view;
  }

  private JsonNode hokodoGet(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/sandbox/hokodo/v1" + path))
        .header("Authorization", "Token sandbox-hokodo-api-key").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private long lastJournalSeq() throws Exception {
    List<JsonNode> all = journal(0);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).get("seq").asLong();
  }

  private List<JsonNode> journal(long after) throws Exception {
    HttpResponse<String> r = get(URI.create(base() + "/sandbox/_journal?provider=hokodo&direction=in&after="
        + after));
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(r.body()).forEach(entries::add);
    return entries;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(URI uri, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "integration test", "it-admin", "it-" + UUID.randomUUID());
  }

}
