package io.checkoutbridge.it;

import static io.checkoutbridge.it.LedgerQueries.column;
import static io.checkoutbridge.it.LedgerQueries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Kibo end to end inside WildFly: the storefront's checkout authorises server to server against the
 * Kibo simulator in the same WAR and is authorised at once, with no redirect; a declined card, a
 * customer without a phone and a split cart; and afterwards no card number anywhere: not in the
 * ledger's tables, not in the server log, not in the simulator's journal.
 */
@ExtendWith(ArquillianExtension.class)
class KiboCheckoutFlowIT {
  private static final String NAME = "kibo-flow";
  private static final String CARD = "4111111111111111";
  private static final String OTHER_CARD = "5555555555554444";
  private static final String DECLINE_CARD = "4000000000000002";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 203.0.113.0/24 is reserved for documentation (RFC 5737). */
  private static final String SHOPPER_IP = "203.0.113.7";

  @Deployment
  static WebArchive deployment() {
    String sandbox = Deployments.baseUrl(NAME) + "/sandbox/kibo";
    return Deployments.storefront(NAME, Map.of(
            "checkout-bridge.kibo.enabled", "true",
            "checkout-bridge.kibo.api-key", "sandbox-kibo-api-key",
            "checkout-bridge.kibo.secret-key", "sandbox-kibo-secret-key",
            "checkout-bridge.kibo.token-url", sandbox + "/oauthserver/oauth2/token",
            "checkout-bridge.kibo.base-url", sandbox + "/api/v2",
            "checkout-bridge.kibo.manufacturer-id", "1010",
            "checkout-bridge.kibo.test-orders", "true",
            // short enough that a scripted slow create-order times out, as a lost answer would
            "checkout-bridge.http.read-timeout", "PT2S"))
        .addClasses(Deployments.class, LedgerQueries.class)
        .addAsLibraries(Deployments.jars("sandbox-", "assertj-core-", "byte-buddy-"))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject
  Payments payments;

  /** Its public URL was computed where the port is known (the test JVM), so use it in the server too. */
  @Inject
  CheckoutBridgeRuntime runtime;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource ledger;

  private final HttpClient http = Deployments.httpClient();

  @Test
  void checkoutIsAuthorizedAtOnceByAuthorizeThenCreateOrder() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();

    CheckoutStart start = payments.start("kibo", request(order, cart(), customer("4691111111"), card(CARD)));

    assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    PaymentView view = payments.payment(start.paymentId()).orElseThrow();
    assertThat(view.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(view.ledger().authorized()).isEqualTo(Money.of("42.50", "USD"));
    assertThat(payments.orderStatus(order)).contains(PaymentStatus.AUTHORIZED);
    try (Connection c = ledger.getConnection()) {
      assertThat(row(c, "SELECT status, authorized_minor, provider_payment_id FROM cb_payment WHERE id = ?",
          start.paymentId())).containsExactly("AUTHORIZED", "4250", view.providerPaymentId());
      assertThat(column(c, "SELECT kind FROM cb_payment_event WHERE payment_id = ? ORDER BY seq", start.paymentId()))
          .containsExactly("CREATED", "AUTHORIZED");
    }

    List<JsonNode> calls = journalAfter(before);
    List<String> apiCalls = new ArrayList<>();
    for (JsonNode call : calls) {
      if (call.get("path").asText().startsWith("/api/v2/")) {
        apiCalls.add(call.get("method").asText() + " " + call.get("path").asText() + " " + call.get("status").asInt());
        assertThat(call.at("/headers/authorization").asText()).as("Bearer sent (masked)").isEqualTo("***");
        assertThat(call.at("/headers/api-key").asText()).as("API-Key sent (masked)").isEqualTo("***");
      }
    }
    assertThat(apiCalls).containsExactly("GET /api/v2/order/ 200", "POST /api/v2/createOrder/authorize 200",
        "POST /api/v2/createOrder/ 201");
    JsonNode authorize = calls.stream().filter(c -> c.get("path").asText().endsWith("/authorize")).findFirst()
        .orElseThrow().get("body");
    assertThat(authorize.get("externalCartID").asText()).isEqualTo(start.paymentId());
    assertThat(authorize.get("amount").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(authorize.get("testOrder").asBoolean()).isTrue();
    assertThat(authorize.at("/paymentMethod/cardNumber").asText()).isEqualTo("***");
    JsonNode created = calls.stream().filter(c -> c.get("path").asText().endsWith("/createOrder/")).findFirst()
        .orElseThrow().get("body");
    assertThat(created.get("externalOrderID").asText()).isEqualTo(order);
    assertThat(created.has("authorizationID")).as("the authorisation travels in orderPayments").isFalse();
    assertThat(created.at("/orderPayments/0/authorizationID").asText()).isEqualTo("***");
    assertThat(created.at("/orderPayments/0/authAmount").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(created.at("/shippingMethod/shipType").asText()).isEqualTo("STANDARD");
    assertThat(created.get("customerIP").asText()).isEqualTo(SHOPPER_IP);
    assertThat(created.get("isTestOrder").asBoolean()).isTrue();

    // capture, refund and void are done in Kibo OMS: the plugin refuses them before any call
    long afterCheckout = lastJournalSeq();
    PaymentException capture = catchThrowableOfType(PaymentException.class, () -> payments.capture(
        start.paymentId(), new AdminCommand(Selection.remaining(), "shipped", "it-admin", "it-" + UUID.randomUUID())));
    assertThat(capture.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(journalAfter(afterCheckout)).isEmpty();
  }

  @Test
  void declinedCardIsDeclinedAndNoOrderIsCreated() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();

    DeclinedException declined = catchThrowableOfType(DeclinedException.class,
        () -> payments.start("kibo", request(order, cart(), customer("4691111111"), card(DECLINE_CARD))));

    assertThat(declined.getMessage()).contains("declined").doesNotContain(DECLINE_CARD);
    assertThat(payments.paymentsForOrder(order)).singleElement()
        .satisfies(p -> assertThat(p.status().paid()).isFalse());
    List<String> apiCalls = journalAfter(before).stream().map(c -> c.get("path").asText() + " " + c.get("status").asInt())
        .filter(c -> c.startsWith("/api/")).toList();
    assertThat(apiCalls).containsExactly("/api/v2/order/ 200", "/api/v2/createOrder/authorize 402");
  }

  @Test
  void customerWithoutPhoneIsRefusedWithoutAnyProviderCall() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();

    InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
        () -> payments.start("kibo", request(order, cart(), customer(null), card(CARD))));

    assertThat(refused.getMessage()).isEqualTo("customer.phone1 is required");
    assertThat(journalAfter(before)).isEmpty();
    assertThat(payments.paymentsForOrder(order)).isEmpty();
  }

  @Test
  void splitOrderIsRefusedWithoutAnyProviderCall() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();
    Cart split = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "CHAIR", "Chair", "1", Money.of("40.00", "USD"), "0")
            .withSupplier("acme", "Acme Furniture"),
        CartLine.of("2", LineKind.PRODUCT, "LAMP", "Lamp", "1", Money.of("15.00", "USD"), "0")
            .withSupplier("globex", "Globex Lighting")));

    InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
        () -> payments.start("kibo", request(order, split, customer("4691111111"), card(CARD))));

    assertThat(refused.getMessage()).contains("does not support split orders").contains("acme, globex");
    assertThat(journalAfter(before)).isEmpty();
  }

  @Test
  void noCardNumberInTheDatabaseTheServerLogOrTheJournalAfterCheckouts() throws Exception {
    CheckoutStart paid = payments.start("kibo", request(orderReference(), cart(), customer("4691111111"),
        card(OTHER_CARD)));
    assertThat(paid.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    catchThrowableOfType(DeclinedException.class, () -> payments.start("kibo",
        request(orderReference(), cart(), customer("4691111111"), card(DECLINE_CARD))));

    for (String number : List.of(CARD, OTHER_CARD, DECLINE_CARD)) {
      assertThat(databaseCellsContaining(number)).as("cb_ cells holding %s", number).isEmpty();
      assertThat(serverLog()).as("server.log").doesNotContain(number);
      assertThat(journalText()).as("sandbox journal").doesNotContain(number);
    }
    // the search does see what is kept: the last four digits in the payment's refs
    assertThat(databaseCellsContaining("4444")).isNotEmpty();
  }

  /**
   * Kibo creates the order but its answer is lost (the sandbox creates it, then answers after the
   * plugin's 2 s read timeout): the plugin finds the order by its externalOrderID, the payment
   * ends authorised with one authorisation, and the shopper paying the same order again is
   * refused before anything is authorised.
   */
  @Test
  void createOrderTimingOutAfterKiboCreatedTheOrderEndsAuthorisedAndARetryChargesNothing() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();
    fault("{\"provider\":\"kibo\",\"operation\":\"create_order\",\"mode\":\"timeout\",\"delayMs\":3500}");

    CheckoutStart start = payments.start("kibo", request(order, cart(), customer("4691111111"), card(CARD)));

    assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    assertThat(payments.payment(start.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    InvalidRequestException retry = catchThrowableOfType(InvalidRequestException.class,
        () -> payments.start("kibo", request(order, cart(), customer("4691111111"), card(CARD))));
    assertThat(retry.getMessage()).contains("already placed at Kibo").contains("not charged again");
    assertThat(countCalls(journalAfter(before), "/api/v2/createOrder/authorize")).as("authorisations").isEqualTo(1);
    assertThat(countCalls(journalAfter(before), "/api/v2/createOrder/")).as("create-order calls").isEqualTo(1);
    assertThat(payments.orderStatus(order)).contains(PaymentStatus.AUTHORIZED);
  }

  /**
   * Kibo refuses the order after the authorisation: the shopper is told the card will not be
   * charged, and the ledger keeps the failure with the authorisation that needs attention.
   */
  @Test
  void createOrderRefusedAfterAuthorisationTellsTheShopperAndFlagsTheAuthorisation() throws Exception {
    long before = lastJournalSeq();
    String order = orderReference();
    fault("{\"provider\":\"kibo\",\"operation\":\"create_order\",\"mode\":\"error\",\"status\":400}");

    PaymentException refused = catchThrowableOfType(PaymentException.class,
        () -> payments.start("kibo", request(order, cart(), customer("4691111111"), card(CARD))));

    assertThat(refused.getMessage()).contains("will not be charged").contains("Needs attention");
    PaymentView attempt = payments.paymentsForOrder(order).get(0);
    assertThat(attempt.status().paid()).isFalse();
    try (Connection c = ledger.getConnection()) {
      assertThat(column(c, "SELECT reason FROM cb_payment_event WHERE payment_id = ? ORDER BY seq",
          attempt.paymentId())).anySatisfy(note -> assertThat(note).contains("Needs attention"));
    }
    List<JsonNode> calls = journalAfter(before);
    assertThat(countCalls(calls, "/api/v2/createOrder/authorize")).isEqualTo(1);
    assertThat(calls.stream().filter(c -> c.get("path").asText().equals("/api/v2/order/")).count())
        .as("the order search before authorising and the one confirming no order exists").isEqualTo(2);
  }

  private void fault(String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.core().publicUrl()
        + "/sandbox/_faults")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }

  private static long countCalls(List<JsonNode> calls, String path) {
    return calls.stream().filter(c -> c.get("path").asText().equals(path)).count();
  }

  private static String orderReference() {
    return "IT-KIBO-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Cart cart() {
    return new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "SHOES", "Trail shoes", "1", Money.of("30.00", "USD"), "8.25"),
        new CartLine("2", LineKind.PRODUCT, "SOCKS", "Socks", new BigDecimal("3"), Money.of("3.33", "USD"),
            new BigDecimal("8.25"), Money.of("10.00", "USD"), null, null),
        CartLine.of("ship", LineKind.SHIPPING, "", "Ground shipping", "1", Money.of("5.00", "USD"), "0"),
        CartLine.of("promo", LineKind.DISCOUNT, "", "Welcome discount", "1", Money.of("-2.50", "USD"), "8.25")));
  }

  private static Customer customer(String phone) {
    Address billing = new Address("John Smith", "111 Example St", null, "San Luis Obispo", "CA", "93401", "US", null);
    Address shipping = new Address("Alan Gudiel", "222 Test Example Dr", null, "Petaluma", "CA", "94954", "US",
        "97200000000");
    return new Customer("c-42", "John", "Smith", "john.smith@example.com", phone, null, billing, shipping, null);
  }

  private static PaymentMethodDetails card(String number) {
    // Valid for three more years whenever the test runs: the adapter refuses an expired card by the real clock.
    java.time.YearMonth expiry = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusYears(3);
    return new PaymentMethodDetails.Card(number, String.format("%02d", expiry.getMonthValue()),
        Integer.toString(expiry.getYear()), "123", "John Smith");
  }

  private static CheckoutRequest request(String order, Cart cart, Customer customer, PaymentMethodDetails method) {
    return new CheckoutRequest(order, cart, customer, Locale.US, true, method, null, SHOPPER_IP);
  }

  private String journalText() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create(runtime.core().publicUrl() + "/sandbox/_journal")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private List<JsonNode> journalAfter(long seq) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.core().publicUrl()
        + "/sandbox/_journal?provider=kibo&after=" + seq)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(r.body()).forEach(out::add);
    return out;
  }

  private long lastJournalSeq() throws Exception {
    long last = 0;
    for (JsonNode entry : JSON.readTree(journalText())) {
      last = Math.max(last, entry.get("seq").asLong());
    }
    return last;
  }

  private static String serverLog() throws Exception {
    Path log = Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Every cell of every cb_ table whose text contains {@code needle}, as "table.column". */
  private List<String> databaseCellsContaining(String needle) throws Exception {
    List<String> hits = new ArrayList<>();
    try (Connection c = ledger.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith("cb_")) {
            tables.add("\"" + rs.getString("TABLE_SCHEM") + "\".\"" + name + "\"");
          }
        }
      }
      assertThat(tables).as("the ledger's cb_ tables").isNotEmpty();
      for (String table : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = rs.getString(i);
              if (value != null && value.contains(needle)) {
                hits.add(table + "." + rs.getMetaData().getColumnName(i));
              }
            }
          }
        }
      }
    }
    return hits;
  }

}
