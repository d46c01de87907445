package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.column;
import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.provider.felloh.FellohProvider;
import io.checkoutbridge.sandbox.felloh.FellohSimulator;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Felloh end to end inside WildFly, against the Felloh sandbox deployed in the same storefront:
 * the shopper pays on a payment link's hosted page and comes back through its success URL (the
 * plugin's return URL); the embedded form is paid in the demo's browser test; pay now, pre-authorise
 * then complete, pre-authorise then reverse; a refund that waits for approval and settles through
 * Felloh's signed webhook; a forged webhook signature; deleting a paid session; and the requests
 * Felloh received, with seed 003's verbs.
 */
@ExtendWith(ArquillianExtension.class)
class FellohCheckoutFlowIT {
  private static final String NAME = "felloh-flow";
  private static final String WEBHOOK_SECRET = "felloh-it-webhook-secret-0123";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment
  static WebArchive deployment() {
    String sandbox = Deployments.baseUrl(NAME) + "/sandbox/felloh";
    Map<String, String> config = new HashMap<>();
    config.put("checkout-bridge.providers", "felloh");
    config.put("checkout-bridge.felloh.enabled", "true");
    config.put("checkout-bridge.felloh.base-url", sandbox);
    config.put("checkout-bridge.felloh.pay-url", sandbox + "/embed");
    config.put("checkout-bridge.felloh.link-url", sandbox + "/pay");
    config.put("checkout-bridge.felloh.authorisation-only", "true");
    config.put("checkout-bridge.felloh.public-key", FellohSimulator.PUBLIC_KEY);
    config.put("checkout-bridge.felloh.private-key", FellohSimulator.PRIVATE_KEY);
    config.put("checkout-bridge.felloh.organisation", FellohSimulator.ORGANISATION);
    config.put("checkout-bridge.felloh.webhook-secret", WEBHOOK_SECRET);
    return Deployments.storefront(NAME, config)
        .addClasses(Deployments.class, LedgerQueries.class)
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

  /** This organisation may pre-authorise: Felloh enables it per account. */
  @org.junit.jupiter.api.BeforeEach
  void organisationMayPreAuthorise() throws Exception {
    settings(JSON.createObjectNode().put("pre_authorisation", true));
  }

  @Test
  void payNowIsCapturedAndTheShopperReturnsToTheOrder() throws Exception {
    String order = order();
    int before = journal().size();
    CheckoutStart start = payments.start(FellohProvider.ID, request(order).withCaptureLater(false));

    URI page = ((NextStep.Redirect) start.next()).url();
    assertThat(page.toString()).startsWith(base() + "/sandbox/felloh/pay/");
    assertThat(page.getRawQuery()).as("nothing of ours on Felloh's page").isNull();
    HttpResponse<String> shown = get(page);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("245.50 GBP").contains("Ada Lovelace");

    HttpResponse<String> landed = shopperPays(page, "card");

    assertThat(landed.statusCode()).isEqualTo(303);
    assertThat(landed.headers().firstValue("Location").orElseThrow()).endsWith("/" + NAME + "/orders/" + order);
    PaymentView paid = payments.payment(start.paymentId()).orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(paid.ledger().captured()).isEqualTo(gbp("245.50"));
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT status, authorized_minor, captured_minor FROM cb_payment WHERE id = ?",
          start.paymentId())).containsExactly("CAPTURED", "24550", "24550");
    }
    List<String> sent = requests(journal().subList(before, journal().size()));
    assertThat(sent).filteredOn("PUT /agent/payment-links"::equals).hasSize(1);
    assertThat(sent).contains("GET /agent/payment-links/{id}", "GET /agent/transactions/{id}");
    JsonNode created = journal().stream().filter(e -> e.path("method").asText().equals("PUT")).reduce((a, b) -> b)
        .orElseThrow().path("body");
    assertThat(created.path("amount").asLong()).isEqualTo(24550);
    assertThat(created.path("currency").asText()).isEqualTo("GBX");
    assertThat(created.path("authorisation_only").asBoolean()).isFalse();
    String back = base() + "/payments/return/felloh?pid=" + start.paymentId();
    assertThat(created.path("success_url").asText()).startsWith(back);
    assertThat(created.path("failure_url").asText()).startsWith(back);
    assertThat(created.path("cancel_url").asText()).startsWith(back);
  }

  @Test
  void declinedOnTheLinkPageComesBackThroughTheFailureUrlAsDeclined() throws Exception {
    String order = order();
    CheckoutStart start = payments.start(FellohProvider.ID, request(order).withCaptureLater(false));

    HttpResponse<String> landed = shopperPays(((NextStep.Redirect) start.next()).url(), "decline");

    assertThat(landed.statusCode()).isEqualTo(303);
    assertThat(payments.payment(start.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
  }

  @Test
  void preAuthorisationIsCompletedByTheAdminInFullOnly() throws Exception {
    String id = authorisedPayment();

    assertThatThrownBy(() -> payments.capture(id, command(Selection.amount(gbp("100.00")))))
        .isInstanceOf(PaymentException.class)
        .extracting(e -> ((PaymentException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);
    PaymentView captured = payments.capture(id, command(Selection.remaining()));

    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(payments.refresh(id).ledger().captured()).isEqualTo(gbp("245.50"));
    assertThat(requests(journal())).filteredOn(r -> r.endsWith("/complete")).containsExactly(
        "GET /agent/transactions/{id}/complete");
    try (Connection c = ledger.getConnection()) {
      assertThat(column(c, "SELECT kind FROM cb_payment_event WHERE payment_id = ? ORDER BY seq", id))
          .containsExactly("CREATED", "AUTHORIZED", "CAPTURE_REQUESTED", "CAPTURED");
    }
  }

  @Test
  void preAuthorisationIsReversedByTheAdmin() throws Exception {
    String id = authorisedPayment();

    PaymentView voided = payments.voidAuthorization(id, command(Selection.remaining()));

    assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(payments.refresh(id).status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(requests(journal())).contains("GET /agent/transactions/{id}/reverse");
  }

  @Test
  void refundAboveTheApprovalThresholdWaitsThenSettlesThroughTheSignedWebhook() throws Exception {
    CheckoutStart start = payments.start(FellohProvider.ID, request(order()).withCaptureLater(false));
    String id = start.paymentId();
    shopperPays(((NextStep.Redirect) start.next()).url(), "card");
    settings(JSON.createObjectNode().put("webhook_url", organisationWebhookUrl()).put("webhook_secret", WEBHOOK_SECRET));
    try {
      PaymentView waiting = payments.refund(id, command(Selection.amount(gbp("150.00"))));

      assertThat(waiting.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(waiting.ledger().pendingRefund()).isEqualTo(gbp("150.00"));
      String transactionId = waiting.providerPaymentId();
      JsonNode refund = refundOf(transactionId);
      assertThat(refund.path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
      assertThat(payments.refresh(id).ledger().pendingRefund()).isEqualTo(gbp("150.00"));

      // The admin approves it through the plugin: Felloh's GET /agent/refunds/{code}/authorise.
      FellohProvider felloh = (FellohProvider) runtime.paymentEngine().provider(FellohProvider.ID).orElseThrow();
      felloh.authoriseRefund(refund.path("authorisation_code").asText());

      PaymentView settled = awaitPayment(id, p -> p.status() == PaymentStatus.PARTIALLY_REFUNDED);
      assertThat(settled.ledger().refunded()).isEqualTo(gbp("150.00"));
      assertThat(settled.ledger().pendingRefund()).isEqualTo(gbp("0.00"));
      try (Connection c = ledger.getConnection()) {
        assertThat(row(c, "SELECT COUNT(*) FROM cb_callback_inbox WHERE payment_id = ?", id).get(0))
            .isNotEqualTo("0");
      }
      List<JsonNode> webhooks = journal("out");
      assertThat(webhooks).isNotEmpty();
      assertThat(webhooks.get(webhooks.size() - 1).path("status").asInt()).isEqualTo(200);
    } finally {
      settings(JSON.createObjectNode().putNull("webhook_url"));
    }
  }

  @Test
  void aRefundDeclinedAtApprovalReleasesWhatItReserved() throws Exception {
    CheckoutStart start = payments.start(FellohProvider.ID, request(order()).withCaptureLater(false));
    String id = start.paymentId();
    shopperPays(((NextStep.Redirect) start.next()).url(), "card");
    settings(JSON.createObjectNode().put("webhook_url", organisationWebhookUrl()).put("webhook_secret", WEBHOOK_SECRET));
    try {
      PaymentView waiting = payments.refund(id, command(Selection.amount(gbp("150.00"))));
      assertThat(waiting.ledger().pendingRefund()).isEqualTo(gbp("150.00"));
      String code = refundOf(waiting.providerPaymentId()).path("authorisation_code").asText();
      FellohProvider felloh = (FellohProvider) runtime.paymentEngine().provider(FellohProvider.ID).orElseThrow();
      felloh.declineRefund(code);

      PaymentView released = awaitPayment(id, p -> !p.ledger().hasPendingOperation());
      assertThat(released.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(released.ledger().refunded()).isEqualTo(gbp("0.00"));
      assertThat(released.events()).extracting(e -> e.kind()).endsWith("REFUND_FAILED");
    } finally {
      settings(JSON.createObjectNode().putNull("webhook_url"));
    }
  }

  @Test
  void forgedWebhookSignatureIsRefusedAndChangesNothing() throws Exception {
    String id = authorisedPayment();
    PaymentView before = payments.payment(id).orElseThrow();
    URI callback = URI.create(organisationWebhookUrl());
    String body = "{\"event\":\"transaction.complete\",\"data\":{\"id\":\"" + before.providerPaymentId()
        + "\",\"status\":\"COMPLETE\"}}";

    HttpResponse<String> forged = post(callback, body, Map.of("x-signature", sign("not-the-secret", body)));
    HttpResponse<String> unsigned = post(callback, body, Map.of());

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    PaymentView after = payments.payment(id).orElseThrow();
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(after.events()).hasSameSizeAs(before.events());
    assertThat(after.status()).isEqualTo(PaymentStatus.AUTHORIZED);

    HttpResponse<String> genuine = post(callback, body, Map.of("x-signature", sign(WEBHOOK_SECRET, body)));
    assertThat(genuine.statusCode()).isEqualTo(200);
    String unknown = "{\"event\":\"transaction.complete\",\"data\":{\"id\":\"no-such-transaction\"}}";
    assertThat(post(callback, unknown, Map.of("x-signature", sign(WEBHOOK_SECRET, unknown))).statusCode())
        .as("a genuine webhook for a payment we do not have").isEqualTo(404);
    assertThat(payments.payment(id).orElseThrow().status()).as("the body is never trusted")
        .isEqualTo(PaymentStatus.AUTHORIZED);
  }

  @Test
  void paidSessionCannotBeDeletedAndSessionAdministrationUsesSeed003Verbs() throws Exception {
    FellohProvider felloh = (FellohProvider) runtime.paymentEngine().provider(FellohProvider.ID).orElseThrow();
    // The checkout here makes payment links; the sessions the admin manages are made as the embedded form does.
    String paidSession = newSession();
    HttpResponse<String> inFrame = http.send(HttpRequest.newBuilder(URI.create(base() + "/sandbox/felloh/embed/"
        + paidSession)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=card")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(inFrame.body()).contains("stage:'success'");
    String unusedSession = newSession();

    assertThatThrownBy(() -> felloh.deleteSession(paidSession))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("only a session without transactions can be deleted");

    FellohProvider.SessionPage page = felloh.listSessions(FellohProvider.SessionQuery.firstPage(100));
    assertThat(page.sessions()).extracting(FellohProvider.Session::id).contains(paidSession, unusedSession);
    assertThat(page.sessions()).filteredOn(s -> s.id().equals(unusedSession)).singleElement()
        .satisfies(s -> assertThat(s.transactions()).isZero());
    assertThat(page.total()).isGreaterThanOrEqualTo(2);
    felloh.assignToBooking(unusedSession, "booking-" + UUID.randomUUID());
    felloh.deleteSession(unusedSession);
    assertThat(felloh.listSessions(FellohProvider.SessionQuery.firstPage(100)).sessions())
        .extracting(FellohProvider.Session::id).doesNotContain(unusedSession).contains(paidSession);

    List<String> sent = requests(journal());
    assertThat(sent).contains("POST /token", "PUT /agent/ecommerce", "POST /agent/ecommerce",
        "DELETE /agent/ecommerce/{id}", "POST /agent/ecommerce/{id}/assign");
    // Seed 003: create = PUT, list = POST, get = GET, remove = DELETE, assign = POST; nothing else.
    assertThat(sent).filteredOn(r -> r.contains(" /agent/ecommerce")).allMatch(r -> List.of(
        "PUT /agent/ecommerce", "POST /agent/ecommerce", "GET /agent/ecommerce/{id}",
        "DELETE /agent/ecommerce/{id}", "POST /agent/ecommerce/{id}/assign").contains(r));
    List<JsonNode> refused = journal().stream().filter(e -> e.path("method").asText().equals("DELETE")
        && e.path("path").asText().endsWith(paidSession)).toList();
    assertThat(refused).singleElement().satisfies(e -> assertThat(e.path("status").asInt()).isEqualTo(422));
  }

  // ---- the shopper, the admin and the sandbox ---------------------------------------------------

  private String authorisedPayment() throws Exception {
    CheckoutStart start = payments.start(FellohProvider.ID, request(order()));
    HttpResponse<String> landed = shopperPays(((NextStep.Redirect) start.next()).url(), "card");
    assertThat(landed.headers().firstValue("Location").orElseThrow()).contains("/" + NAME + "/orders/FL-");
    PaymentView view = payments.payment(start.paymentId()).orElseThrow();
    assertThat(view.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    return start.paymentId();
  }

  /** Presses a button on Felloh's page, then follows the redirect to our return URL; its answer. */
  private HttpResponse<String> shopperPays(URI page, String action) throws Exception {
    HttpResponse<String> paid = http.send(HttpRequest.newBuilder(page)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=" + action)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
    URI back = URI.create(paid.headers().firstValue("Location").orElseThrow());
    assertThat(back.getPath()).isEqualTo("/" + NAME + "/payments/return/felloh");
    return get(back);
  }

  /** An ecommerce session made as a Felloh user would ({@code PUT /agent/ecommerce}). */
  private String newSession() throws Exception {
    return sandboxCall("PUT", "/agent/ecommerce", JSON.createObjectNode().put("customer_name", "Ada Lovelace")
        .put("email", "ada@example.com").put("organisation", FellohSimulator.ORGANISATION).put("amount", 24550))
        .path("data").path("id").asText();
  }

  /** The newest refund of a transaction, from the organisation's refunds list (every page). */
  private JsonNode refundOf(String transactionId) throws Exception {
    for (int skip = 0; ; skip += 100) {
      JsonNode page = sandboxCall("POST", "/agent/refunds", JSON.createObjectNode()
          .put("organisation", FellohSimulator.ORGANISATION).put("skip", skip).put("take", 100)).path("data");
      for (JsonNode refund : page) {
        if (refund.path("transaction").path("id").asText().equals(transactionId)) {
          return refund;
        }
      }
      assertThat(page.size()).as("refund of %s listed", transactionId).isEqualTo(100);
    }
  }

  private String base() {
    String url = runtime.core().publicUrl().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Incoming requests the Felloh sandbox received, oldest first. */
  private List<JsonNode> journal() throws Exception {
    return journal("in");
  }

  private List<JsonNode> journal(String direction) throws Exception {
    HttpResponse<String> r = get(URI.create(base() + "/sandbox/_journal?provider=felloh&direction=" + direction));
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(r.body()).forEach(entries::add);
    return entries;
  }

  /** {@code METHOD path} of each API request, ids replaced by {@code {id}}; the page and controls left out. */
  private static List<String> requests(List<JsonNode> entries) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : entries) {
      String path = e.path("path").asText();
      if (path.startsWith("/embed") || path.startsWith("/pay/") || path.startsWith("/_")) {
        continue;
      }
      out.add(e.path("method").asText() + " " + path.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}", "/{id}")
          .replaceAll("/refunds/[A-Z0-9]{10}/", "/refunds/{code}/"));
    }
    return out;
  }

  /** A call to the sandbox's Felloh API as a Felloh user would make it (the refund approver). */
  private JsonNode sandboxCall(String method, String path, JsonNode body) throws Exception {
    String api = base() + "/sandbox/felloh";
    HttpResponse<String> token = post(URI.create(api + "/token"), JSON.createObjectNode()
        .put("public_key", FellohSimulator.PUBLIC_KEY).put("private_key", FellohSimulator.PRIVATE_KEY).toString(), Map.of());
    String bearer = JSON.readTree(token.body()).path("data").path("token").asText();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private void settings(ObjectNode body) throws Exception {
    HttpResponse<String> r = post(URI.create(base() + "/sandbox/felloh/_settings"), body.toString(), Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private PaymentView awaitPayment(String id, Predicate<PaymentView> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    PaymentView view = payments.payment(id).orElseThrow();
    while (!done.test(view) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      view = payments.payment(id).orElseThrow();
    }
    assertThat(done.test(view)).as("payment %s reached the expected state, is %s", id, view.status()).isTrue();
    return view;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  // ---- the order --------------------------------------------------------------------------------

  private static String order() {
    return "FL-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  /** 2 × 120.00 holiday deposit, 15.50 transfer, −10.00 loyalty discount: 245.50 GBP. */
  private static CheckoutRequest request(String order) {
    Cart cart = new Cart(gbp("0").currency(), List.of(
        CartLine.of("l1", LineKind.PRODUCT, "HOL-1", "Holiday deposit", "2", gbp("120.00"), "0"),
        CartLine.of("f1", LineKind.FEE, "TRF", "Airport transfer", "1", gbp("15.50"), "20"),
        CartLine.of("d1", LineKind.DISCOUNT, "", "Loyalty discount", "1", gbp("-10.00"), "0")));
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", null);
    Customer customer = new Customer("cust-fl", "Ada", "Lovelace", "ada@example.com", null, null, address, null, null);
    return CheckoutRequest.of(order, cart, customer);
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "integration test", "it-admin", "it-" + UUID.randomUUID());
  }

  /** Felloh sends every webhook of the organisation to one URL: the plugin's, without a seal. */
  private String organisationWebhookUrl() {
    return runtime.core().publicUrl() + "/payments/callback/" + FellohProvider.ID;
  }
}
