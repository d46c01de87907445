package io.checkoutbridge.provider.hokodo;

import static io.checkoutbridge.provider.hokodo.HokodoTestData.company;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.customer;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.fixture;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.gbp;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.provider.support.JsonHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HokodoProviderTest {
  private static final String API_KEY = "sk_test_Zq8yQ2hokodoSecret";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  private static final URI RETURN_URL = URI.create("https://shop.example/payments/return/hokodo?pid=pay-1&seal=s3al");
  private static final URI CALLBACK_URL = URI.create("https://shop.example/payments/callback/hokodo?pid=pay-1&seal=s3al");
  private static final String ORDER_ID = "order-sbMRVMbjXiuKLc9UQutUzW";
  private static final String DEFPAY_ID = "defpay-BfWKaCKPbSBXHghFid4Ng9";

  private MockWebServer server;
  private OkHttpClient http;
  private HokodoProvider provider;
  private HokodoTestData.Memory memory;
  private int enqueued;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    http = HttpClients.create(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3)));
    provider = provider(HokodoSettings.CheckoutMode.REDIRECT);
    memory = new HokodoTestData.Memory();
  }

  @AfterEach
  void tearDown() {
    server.close();
    HttpClients.shutdown(http);
  }

  private HokodoProvider provider(HokodoSettings.CheckoutMode mode) {
    HokodoSettings settings = new HokodoSettings(true, API_KEY, URI.create(server.url("/v1").toString()),
        mode == HokodoSettings.CheckoutMode.EMBEDDED ? "pk_test_sdk" : null, mode, null);
    return new HokodoProvider(settings, http, CLOCK);
  }

  private void enqueue(int code, String fixtureName) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "req-" + enqueued++).body(fixture(fixtureName)).build());
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request was sent").isNotNull();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Token " + API_KEY);
    return request;
  }

  private static JsonNode json(RecordedRequest request) throws Exception {
    return JsonHttp.MAPPER.readTree(request.getBody().utf8());
  }

  private static String call(RecordedRequest request) {
    return request.getMethod() + " " + request.getUrl().encodedPath();
  }

  private StartContext context(CheckoutRequest request) {
    return new StartContext("pay-1", request, RETURN_URL, CALLBACK_URL, memory);
  }

  private void rememberBuyer() {
    memory.putIfAbsent("org:GB:11351988", "org-asrE7fKEuNor5CaVQD4Ah5");
    memory.putIfAbsent("user:cust-42:org-asrE7fKEuNor5CaVQD4Ah5", "user-WFOMowqyUjpv8JeihXn5Xh");
  }

  private static ProviderPayment payment(Map<String, String> refs) {
    return new ProviderPayment("pay-1", "ORD-1001", "ORD-1001", gbp("125.00"), HokodoTestData.cart().lines(), refs);
  }

  private static ProviderPayment acceptedPayment() {
    return payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID, HokodoProvider.REF_DEFERRED_PAYMENT, DEFPAY_ID));
  }

  private static ProviderOperation operation(OperationKind kind, String amount, boolean remaining, Document document) {
    return new ProviderOperation(kind, gbp(amount), List.of(new LineAmount("1", BigDecimal.ZERO, gbp(amount))),
        remaining, "op-key-000123", "Shipment 1", document);
  }

  // ---- start ------------------------------------------------------------------------------------

  @Test
  void firstCheckoutOfABuyerFollowsTheSeedSequence() throws Exception {
    enqueue(200, "company-search.json");
    enqueue(201, "organisation.json");
    enqueue(201, "user.json");
    enqueue(201, "order.json");
    enqueue(201, "offer.json");

    StartResult result = provider.start(context(request()));

    List<String> calls = new ArrayList<>();
    RecordedRequest search = take();
    RecordedRequest organisation = take();
    RecordedRequest user = take();
    RecordedRequest order = take();
    RecordedRequest offer = take();
    for (RecordedRequest r : List.of(search, organisation, user, order, offer)) {
      calls.add(call(r));
      assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    }
    assertThat(calls).containsExactly("POST /v1/companies/search", "POST /v1/organisations", "POST /v1/users",
        "POST /v1/payment/orders", "POST /v1/payment/offers");

    // Company search {country, reg_number}: Magento plugin etc/di.xml (companies/search).
    assertThat(json(search).toString()).isEqualTo("{\"country\":\"GB\",\"reg_number\":\"11351988\"}");
    // The second match carries the registration number asked for. Organisation {unique_id, registered,
    // company} and user {name, email, registered, organisations[{id, role}]}: seed 000.
    assertThat(json(organisation).toString()).isEqualTo("{\"unique_id\":\"GB:11351988\","
        + "\"registered\":\"2024-05-01T08:00:00Z\",\"company\":\"co-qKANPt8yzz8ycHHaxSHV6P\"}");
    assertThat(json(user).toString()).isEqualTo("{\"name\":\"Jane Buyer\",\"email\":\"jane.buyer@acme.example\","
        + "\"registered\":\"2024-05-01T08:00:00Z\",\"organisations\":[{\"id\":\"org-asrE7fKEuNor5CaVQD4Ah5\",\"role\":\"member\"}]}");

    // Order: unique_id, status draft, currency, order_date, total_amount and tax_amount (integers,
    // as Hokodo's Magento plugin OrderBuilder.php sends them), customer {type, organisation, user,
    // delivery_address, invoice_address} (seed 000 "Create Order"); items with quantity as a string,
    // unit_price, tax_rate as a string, total_amount, tax_amount = total × rate / 100 (seed 001).
    JsonNode orderBody = json(order);
    assertThat(orderBody.path("unique_id").asText()).isEqualTo("ORD-1001");
    assertThat(orderBody.path("status").asText()).isEqualTo("draft");
    assertThat(orderBody.path("currency").asText()).isEqualTo("GBP");
    assertThat(orderBody.path("order_date").asText()).isEqualTo("2026-03-02");
    assertThat(orderBody.path("total_amount").isIntegralNumber()).isTrue();
    assertThat(orderBody.path("total_amount").asLong()).isEqualTo(12500);
    assertThat(orderBody.path("tax_amount").asLong()).isEqualTo(2500);
    assertThat(orderBody.path("customer").toString()).isEqualTo("{\"type\":\"registered\","
        + "\"organisation\":\"org-asrE7fKEuNor5CaVQD4Ah5\",\"user\":\"user-WFOMowqyUjpv8JeihXn5Xh\","
        + "\"delivery_address\":{\"name\":\"Jane Buyer\",\"company_name\":\"Acme Tools Services Ltd\",\"address_line1\":\"1 High Street\","
        + "\"city\":\"London\",\"postcode\":\"E2 8AA\",\"country\":\"GB\",\"phone\":\"+44 20 7946 0000\"},"
        + "\"invoice_address\":{\"name\":\"Jane Buyer\",\"company_name\":\"Acme Tools Services Ltd\",\"address_line1\":\"1 High Street\","
        + "\"city\":\"London\",\"postcode\":\"E2 8AA\",\"country\":\"GB\",\"phone\":\"+44 20 7946 0000\"}}");
    assertThat(orderBody.path("items").size()).isEqualTo(2);
    assertThat(orderBody.path("items").get(0).toString()).isEqualTo("{\"item_id\":\"1\",\"type\":\"product\","
        + "\"description\":\"Cordless drill\",\"reference\":\"DRL-18V\",\"quantity\":\"1.00\",\"unit_price\":12000,"
        + "\"tax_rate\":\"20.00\",\"total_amount\":12000,\"tax_amount\":2400,\"metadata\":{\"line_id\":\"1\"}}");
    assertThat(orderBody.path("items").get(1).path("type").asText()).isEqualTo("shipping");
    assertThat(orderBody.path("metadata").toString()).isEqualTo("{\"payment_id\":\"pay-1\",\"order_reference\":\"ORD-1001\"}");

    // Offer: order, urls {success, failure, cancel, notification (mandatory)}, locale, metadata (seed 000).
    assertThat(json(offer).toString()).isEqualTo("{\"order\":\"" + ORDER_ID + "\",\"urls\":{"
        + "\"success\":\"https://shop.example/payments/return/hokodo?pid=pay-1&seal=s3al&outcome=success\","
        + "\"failure\":\"https://shop.example/payments/return/hokodo?pid=pay-1&seal=s3al&outcome=failure\","
        + "\"cancel\":\"https://shop.example/payments/return/hokodo?pid=pay-1&seal=s3al&outcome=cancel\","
        + "\"notification\":\"https://shop.example/payments/callback/hokodo?pid=pay-1&seal=s3al\"},"
        + "\"locale\":\"en-gb\",\"metadata\":{\"payment_id\":\"pay-1\"}}");

    assertThat(result.next()).isEqualTo(new NextStep.Redirect(URI.create("https://pay.hokodo.co/plans/ppln-QZsDkNwQwX3xRD7sDKXYcS")));
    assertThat(result.merchantReference()).isEqualTo("ORD-1001");
    assertThat(result.state()).isNull();
    assertThat(result.refs()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "organisation_id", "org-asrE7fKEuNor5CaVQD4Ah5", "user_id", "user-WFOMowqyUjpv8JeihXn5Xh",
        "order_id", ORDER_ID, "offer_id", "offr-9F9iibZ2EpMhrWgaLd7Ah5", "payment_plan_id", "ppln-QZsDkNwQwX3xRD7sDKXYcS"));
    assertThat(memory.values).containsExactlyInAnyOrderEntriesOf(Map.of(
        "org:GB:11351988", "org-asrE7fKEuNor5CaVQD4Ah5",
        "user:cust-42:org-asrE7fKEuNor5CaVQD4Ah5", "user-WFOMowqyUjpv8JeihXn5Xh"));
  }

  @Test
  void knownBuyerNeedsOnlyTheOrderAndTheOffer() throws Exception {
    rememberBuyer();
    enqueue(201, "order.json");
    enqueue(201, "offer.json");

    provider.start(context(request()));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(call(take())).isEqualTo("POST /v1/payment/orders");
    assertThat(call(take())).isEqualTo("POST /v1/payment/offers");
  }

  @Test
  void companyPickedFromTheSearchSkipsTheSearch() throws Exception {
    Company picked = new Company("Acme Tools Ltd", null, "GB", "co-bqRyKAGaFrEEN8JMjWJiqk");
    enqueue(201, "organisation.json");
    enqueue(201, "user.json");
    enqueue(201, "order.json");
    enqueue(201, "offer.json");

    provider.start(context(CheckoutRequest.of("ORD-1001", HokodoTestData.cart(), customer(picked, "E2 8AA"))));

    RecordedRequest organisation = take();
    assertThat(call(organisation)).isEqualTo("POST /v1/organisations");
    assertThat(json(organisation).path("company").asText()).isEqualTo("co-bqRyKAGaFrEEN8JMjWJiqk");
    assertThat(json(organisation).path("unique_id").asText()).isEqualTo("co-bqRyKAGaFrEEN8JMjWJiqk");
    assertThat(memory.values).containsKey("org:co-bqRyKAGaFrEEN8JMjWJiqk");
  }

  @Test
  void guestUserIsRememberedByEmail() throws Exception {
    memory.putIfAbsent("org:GB:11351988", "org-asrE7fKEuNor5CaVQD4Ah5");
    Customer guest = new Customer(null, "Jane", "Buyer", "Jane.Buyer@Acme.example", null, company(),
        HokodoTestData.address("E2 8AA"), null, null);
    enqueue(201, "user.json");
    enqueue(201, "order.json");
    enqueue(201, "offer.json");

    provider.start(context(CheckoutRequest.of("ORD-1001", HokodoTestData.cart(), guest)));

    RecordedRequest user = take();
    assertThat(json(user).path("registered").asText()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(memory.values).containsKey("user:jane.buyer@acme.example:org-asrE7fKEuNor5CaVQD4Ah5");
  }

  @Test
  void embeddedModeHandsTheElementTheWholeOfferObjectWithThePlanPageAsFallback() throws Exception {
    provider = provider(HokodoSettings.CheckoutMode.EMBEDDED);
    rememberBuyer();
    enqueue(201, "order.json");
    enqueue(201, "offer.json");

    StartResult result = provider.start(context(request()));

    // Hokodo's Magento plugin (bnpl-sdk.js): hokodoElements.create("checkout", {paymentOffer: offer}),
    // where offer is the offer object (its id and order are read on "success"), not the offer id.
    NextStep.Embed embed = (NextStep.Embed) result.next();
    assertThat(embed.element()).isEqualTo("hokodo-checkout");
    assertThat(embed.fallbackUrl()).isEqualTo(URI.create("https://pay.hokodo.co/plans/ppln-QZsDkNwQwX3xRD7sDKXYcS"));
    assertThat(embed.parameters()).containsEntry("sdkKey", "pk_test_sdk")
        .containsKeys("paymentOffer", "sdkUrl");
    JsonNode offer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(embed.parameters().get("paymentOffer"));
    assertThat(offer).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture("offer.json")));
    assertThat(offer.path("id").asText()).isEqualTo("offr-9F9iibZ2EpMhrWgaLd7Ah5");
    assertThat(offer.path("order").isTextual()).isTrue();
    assertThat(offer.path("offered_payment_plans").isArray()).isTrue();
    // Hokodo's Magento plugin, Model/Config/Sdk.php: the production SDK (the API here is not the sandbox's).
    assertThat(embed.parameters().get("sdkUrl")).isEqualTo("https://js.hokodo.co/hokodo-js/v1/");
  }

  @Test
  void offerWithEveryPlanDeclinedEndsTheCheckoutAsDeclined() throws Exception {
    rememberBuyer();
    enqueue(201, "order.json");
    enqueue(201, "offer-declined.json");

    StartResult result = provider.start(context(request()));

    assertThat(result.next()).isEqualTo(new NextStep.Done(PaymentStatus.DECLINED));
    assertThat(result.state().authorization()).isEqualTo(AuthorizationState.DECLINED);
    assertThat(result.state().providerStatus()).contains("buyer-country");
    assertThat(result.state().merchantReference()).isEqualTo("ORD-1001");
    assertThat(result.refs()).containsEntry("order_id", ORDER_ID).doesNotContainKey("payment_plan_id");
  }

  @Test
  void unknownRegistrationNumberIsAnInvalidRequestNamingTheField() {
    enqueue(200, "company-search-empty.json");

    assertThatThrownBy(() -> provider.start(context(request())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("customer.company.registrationNumber")
        .hasMessageContaining("11351988");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void orderRefusedByHokodoNamesTheNestedField() {
    rememberBuyer();
    enqueue(400, "error-invoice-postcode.json");

    assertThatThrownBy(() -> provider.start(context(request())))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getMessage()).contains("customer.invoice_address.postcode: This field is required.");
          assertThat(e.providerRequestId()).isEqualTo("req-0");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void itemErrorsNameTheItemPosition() {
    rememberBuyer();
    enqueue(400, "error-items.json");

    assertThatThrownBy(() -> provider.start(context(request())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("items[1].total_amount: total_amount must equal quantity x unit_price.")
        .hasMessageContaining("tax_amount: Must be the sum of the items' tax_amount.");
  }

  @Test
  void invalidTokenIsAnAuthenticationErrorWithoutTheKey() {
    rememberBuyer();
    enqueue(401, "error-invalid-token.json");

    assertThatThrownBy(() -> provider.start(context(request())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Invalid token.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
  }

  @Test
  void orderCreationTimeoutIsTransient() {
    rememberBuyer();
    server.enqueue(new MockResponse.Builder().code(201).body(fixture("order.json"))
        .headersDelay(2, TimeUnit.SECONDS).build());

    assertThatThrownBy(() -> provider.start(context(request()))).isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  // ---- validation -------------------------------------------------------------------------------

  @Test
  void consumerWithoutCompanyIsRefusedBeforeAnyCall() {
    CheckoutRequest consumer = CheckoutRequest.of("ORD-1", HokodoTestData.cart(), customer(null, "E2 8AA"));

    assertThatThrownBy(() -> provider.start(context(consumer)))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("customer.company is required");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void companyWithoutNumberOrHokodoIdIsRefused() {
    Company nameOnly = new Company("Acme", null, "GB", null);

    assertThatThrownBy(() -> provider.validate(CheckoutRequest.of("ORD-1", HokodoTestData.cart(), customer(nameOnly, "E2 8AA"))))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("customer.company.registrationNumber is required");
    assertThatThrownBy(() -> provider.validate(CheckoutRequest.of("ORD-1", HokodoTestData.cart(),
            customer(new Company("Acme", null, "GB", "12345"), "E2 8AA"))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("providerCompanyId");
  }

  @Test
  void missingInvoicePostcodeIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> provider.validate(CheckoutRequest.of("ORD-1", HokodoTestData.cart(), customer(company(), " "))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("customer.billingAddress.postcode is required")
        .hasMessageContaining("customer.invoice_address.postcode");
  }

  @Test
  void zeroTotalCartIsRefused() {
    Cart free = new Cart(HokodoTestData.GBP, List.of(
        CartLine.of("1", LineKind.PRODUCT, "", "Sample", "1", gbp("0.00"), "20")));

    assertThatThrownBy(() -> provider.validate(CheckoutRequest.of("ORD-1", free, customer(company(), "E2 8AA"))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cart total must be positive");
  }

  // ---- state ------------------------------------------------------------------------------------

  @Test
  void acceptedDeferredPaymentIsAuthorizedWithItsIds() throws Exception {
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-accepted.json");

    ProviderState state = provider.fetchState(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID)));

    assertThat(call(take())).isEqualTo("GET /v1/payment/orders/" + ORDER_ID);
    assertThat(call(take())).isEqualTo("GET /v1/payment/deferred_payments/" + DEFPAY_ID);
    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("accepted");
    assertThat(state.merchantReference()).isEqualTo("ORD-1001");
    assertThat(state.amount()).isEqualTo(gbp("125.00"));
    assertThat(state.captured()).isEqualTo(gbp("0.00"));
    assertThat(state.providerPaymentId()).isEqualTo(DEFPAY_ID);
    assertThat(state.providerRequestId()).isEqualTo("req-1");
    assertThat(state.refs()).containsEntry("deferred_payment_id", DEFPAY_ID)
        .containsEntry("deferred_payment_number", "P-7WR2-PR0S");
  }

  @Test
  void partCapturedDeferredPaymentReportsTheLedger() throws Exception {
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-part-captured.json");

    ProviderState state = provider.fetchState(acceptedPayment());

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("part_captured");
    assertThat(state.captured()).isEqualTo(gbp("75.00"));
    assertThat(state.refunded()).isEqualTo(gbp("10.00"));
    assertThat(state.voided()).isEqualTo(gbp("30.00"));
  }

  @Test
  void pendingReviewIsPendingAndRejectedIsDeclined() throws Exception {
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-pending-review.json");
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-rejected.json");

    assertThat(provider.fetchState(acceptedPayment()).authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(provider.fetchState(acceptedPayment()).authorization()).isEqualTo(AuthorizationState.DECLINED);
  }

  @Test
  void statusMapCoversEveryKnownStatus() throws Exception {
    for (String status : List.of("accepted", "captured", "part_captured", "voided", "fulfilled", "part_fulfilled")) {
      assertThat(HokodoProvider.authorization(status)).as(status).isEqualTo(AuthorizationState.AUTHORIZED);
    }
    for (String status : List.of("pending_review", "customer_action_required", "pending_payment", "accepted_pending_payment")) {
      assertThat(HokodoProvider.authorization(status)).as(status).isEqualTo(AuthorizationState.PENDING);
    }
    assertThat(HokodoProvider.authorization("rejected")).isEqualTo(AuthorizationState.DECLINED);
  }

  @Test
  void unknownDeferredPaymentStatusIsUndecidedAndLaterFetchesStillWork() throws Exception {
    // Hokodo publishes no full status list (Magento plugin DeferredPaymentInterface constants and
    // its Playwright Buyer.ts enum differ), so an unknown word must not break the payment.
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-unknown-status.json");
    enqueue(200, "order-with-deferred-payment.json");
    enqueue(200, "deferred-payment-accepted.json");

    ProviderState unknown = provider.fetchState(acceptedPayment());
    ProviderState later = provider.fetchState(acceptedPayment());

    assertThat(unknown.authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(unknown.providerStatus()).isEqualTo("dormant");
    assertThat(later.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
  }

  @Test
  void orderWithOpenOfferAndNoDeferredPaymentIsNone() throws Exception {
    enqueue(200, "order-offered.json");
    enqueue(200, "offer.json");

    ProviderState state = provider.fetchState(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID)));

    take();
    assertThat(call(take())).isEqualTo("GET /v1/payment/offers/offr-9F9iibZ2EpMhrWgaLd7Ah5");
    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(state.providerPaymentId()).isNull();
    assertThat(state.amount()).isEqualTo(gbp("125.00"));
  }

  @Test
  void offerWithEveryPlanDeclinedIsDeclinedAndExpiredPlansAreFailed() throws Exception {
    enqueue(200, "order-offered.json");
    enqueue(200, "offer-declined.json");
    enqueue(200, "order-offered.json");
    enqueue(200, "offer-expired.json");

    assertThat(provider.fetchState(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID))).authorization())
        .isEqualTo(AuthorizationState.DECLINED);
    assertThat(provider.fetchState(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID))).authorization())
        .isEqualTo(AuthorizationState.FAILED);
  }

  @Test
  void renamedOrderStillMatchesThroughItsMetadata() throws Exception {
    enqueue(200, "order-renamed.json");
    enqueue(200, "deferred-payment-accepted.json");

    assertThat(provider.fetchState(acceptedPayment()).merchantReference()).isEqualTo("ORD-1001");
  }

  @Test
  void expandedDeferredPaymentObjectOnTheOrderIsFollowedByItsId() throws Exception {
    ObjectNodeFixture order = ObjectNodeFixture.of("order-with-deferred-payment.json");
    order.json.putObject("deferred_payment").put("id", DEFPAY_ID).put("number", "P-7WR2-PR0S").put("status", "accepted");
    server.enqueue(new MockResponse.Builder().code(200).body(order.json.toString()).build());
    enqueue(200, "deferred-payment-accepted.json");

    ProviderState state = provider.fetchState(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID)));

    take();
    assertThat(call(take())).isEqualTo("GET /v1/payment/deferred_payments/" + DEFPAY_ID);
    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
  }

  @Test
  void ledgerAmountBelowAMinorUnitIsAProviderError() throws Exception {
    ObjectNodeFixture deferred = ObjectNodeFixture.of("deferred-payment-accepted.json");
    deferred.json.put("refunds", new BigDecimal("0.5"));
    enqueue(200, "order-with-deferred-payment.json");
    server.enqueue(new MockResponse.Builder().code(200).body(deferred.json.toString()).build());

    assertThatThrownBy(() -> provider.fetchState(acceptedPayment()))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR))
        .hasMessageContaining("refunds");
  }

  /** A fixture as an editable JSON object. */
  private record ObjectNodeFixture(com.fasterxml.jackson.databind.node.ObjectNode json) {
    static ObjectNodeFixture of(String name) throws Exception {
      return new ObjectNodeFixture((com.fasterxml.jackson.databind.node.ObjectNode) JsonHttp.MAPPER.readTree(fixture(name)));
    }
  }

  @Test
  void stateWithoutAnOrderRefIsNotFound() {
    assertThatThrownBy(() -> provider.fetchState(payment(Map.of())))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- callbacks --------------------------------------------------------------------------------

  private static CallbackRequest callback(String body) {
    return new CallbackRequest("POST", CALLBACK_URL, Map.of("Content-Type", List.of("application/json")),
        Map.of("pid", List.of("pay-1"), "seal", List.of("s3al")), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void retriedNotificationHasTheSameDedupeKeyAndANewStatusANewOne() throws Exception {
    CallbackVerification first = provider.verifyCallback(callback(fixture("notification-accepted.json")));
    CallbackVerification retry = provider.verifyCallback(callback(fixture("notification-accepted.json")));
    CallbackVerification review = provider.verifyCallback(callback(fixture("notification-pending-review.json")));

    assertThat(first.dedupeKey()).isEqualTo(retry.dedupeKey()).startsWith("hokodo:");
    assertThat(review.dedupeKey()).isNotEqualTo(first.dedupeKey());
    assertThat(first.description()).isEqualTo("notification for " + ORDER_ID + ", deferred payment " + DEFPAY_ID + " accepted");
    assertThat(first.description()).doesNotContain("999999");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void notificationThatIsNotHokodoJsonIsKeyedByItsDigest() throws Exception {
    CallbackVerification garbage = provider.verifyCallback(callback("not json"));
    CallbackVerification other = provider.verifyCallback(callback("{\"foo\":1}"));

    assertThat(garbage.dedupeKey()).startsWith("hokodo:").isNotEqualTo(other.dedupeKey());
  }

  // ---- post-sale --------------------------------------------------------------------------------

  @Test
  void captureSendsTheAmountInMinorUnitsWithItsIdempotencyKey() throws Exception {
    enqueue(200, "post-sale-capture.json");

    OperationResult result = provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "50.00", false, null));

    RecordedRequest capture = take();
    assertThat(call(capture)).isEqualTo("POST /v1/payment/deferred_payments/" + DEFPAY_ID + "/capture");
    assertThat(capture.getHeaders().get("Idempotency-Key")).isEqualTo("op-key-000123");
    assertThat(json(capture).toString()).isEqualTo("{\"amount\":5000,\"metadata\":{\"payment_id\":\"pay-1\","
        + "\"reason\":\"Shipment 1\",\"lines\":{\"1\":\"50.00\"}}}");
    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.SUCCEEDED);
    assertThat(result.providerRequestId()).isEqualTo("req-0");
    assertThat(JsonHttp.MAPPER.readTree(result.rawResponse()).path("changes").path("protected_captures").asLong()).isEqualTo(5000);
    // The answer is a post-sale event without an id (Magento plugin PostSaleTest.php): its type and
    // creation time name it.
    assertThat(result.providerReference()).isEqualTo("capture@2026-03-05T09:30:00.000Z");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void captureOfTheRemainderUsesCaptureRemaining() throws Exception {
    enqueue(200, "post-sale-capture.json");

    provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "75.00", true, null));

    RecordedRequest capture = take();
    assertThat(call(capture)).isEqualTo("POST /v1/payment/deferred_payments/" + DEFPAY_ID + "/capture_remaining");
    assertThat(json(capture).path("amount").asLong()).isEqualTo(7500);
  }

  @Test
  void captureUploadsTheInvoiceBeforeCapturing() throws Exception {
    enqueue(201, "document.json");
    enqueue(200, "post-sale-capture.json");
    Document invoice = new Document("invoice", "INV-1001.pdf", "application/pdf", "%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8));

    provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "50.00", false, invoice));

    RecordedRequest upload = take();
    assertThat(call(upload)).isEqualTo("POST /v1/payment/orders/" + ORDER_ID + "/documents");
    assertThat(upload.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    assertThat(upload.getHeaders().get("Idempotency-Key")).isEqualTo("op-key-000123:invoice");
    String multipart = upload.getBody().utf8();
    assertThat(multipart).contains("name=\"file\"; filename=\"INV-1001.pdf\"", "%PDF-1.4 invoice",
        "name=\"doc_type\"", "invoice", "name=\"amount\"", "5000", "name=\"metadata\"", "{}",
        "name=\"description\"", "Invoice for 50.00 GBP: Shipment 1");
    assertThat(call(take())).endsWith("/capture");
  }

  @Test
  void refusedInvoiceStopsTheCaptureBeforeMoneyMoves() {
    enqueue(400, "error-invoice-postcode.json");
    Document invoice = new Document("invoice", "INV.pdf", "application/pdf", new byte[] {1, 2, 3});

    assertThatThrownBy(() -> provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "50.00", false, invoice)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refundUploadsTheCreditNoteThenRefunds() throws Exception {
    enqueue(201, "document.json");
    enqueue(200, "post-sale-capture.json");
    Document note = new Document("credit_note", "CN-1.pdf", "application/pdf", new byte[] {37, 80});

    OperationResult result = provider.refund(acceptedPayment(), operation(OperationKind.REFUND, "10.00", false, note));

    RecordedRequest upload = take();
    assertThat(upload.getBody().utf8()).contains("credit_note", "1000", "Credit note for 10.00 GBP");
    RecordedRequest refund = take();
    assertThat(call(refund)).isEqualTo("POST /v1/payment/deferred_payments/" + DEFPAY_ID + "/refund");
    assertThat(json(refund).path("amount").asLong()).isEqualTo(1000);
    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.SUCCEEDED);
  }

  @Test
  void voidRemainingIsSentWithoutAnAmount() throws Exception {
    enqueue(200, "post-sale-capture.json");

    provider.cancel(acceptedPayment(), operation(OperationKind.VOID, "125.00", true, null));

    RecordedRequest voidRemaining = take();
    assertThat(call(voidRemaining)).isEqualTo("POST /v1/payment/deferred_payments/" + DEFPAY_ID + "/void_remaining");
    assertThat(json(voidRemaining).has("amount")).isFalse();
    assertThat(voidRemaining.getHeaders().get("Idempotency-Key")).isEqualTo("op-key-000123");
  }

  @Test
  void partialVoidSendsItsAmount() throws Exception {
    enqueue(200, "post-sale-capture.json");

    provider.cancel(acceptedPayment(), operation(OperationKind.VOID, "20.00", false, null));

    RecordedRequest partial = take();
    assertThat(call(partial)).endsWith("/void");
    assertThat(json(partial).path("amount").asLong()).isEqualTo(2000);
  }

  @Test
  void overCaptureRefusedByHokodoIsADeclinedOperation() throws Exception {
    enqueue(400, "error-over-capture.json");

    OperationResult result = provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "200.00", false, null));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.DECLINED);
    assertThat(result.message()).isEqualTo(
        "Hokodo refused the capture: amount: Capture amount 20000 exceeds the remaining authorisation 12500.");
    assertThat(result.providerRequestId()).isEqualTo("req-0");
  }

  @Test
  void captureTimeoutIsTransientAndNotSentTwice() {
    server.enqueue(new MockResponse.Builder().code(200).body(fixture("post-sale-capture.json"))
        .headersDelay(2, TimeUnit.SECONDS).build());
    enqueue(200, "post-sale-capture.json");

    assertThatThrownBy(() -> provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "50.00", false, null)))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void capture5xxIsTransientAndNotSentTwice() {
    server.enqueue(new MockResponse.Builder().code(503).body("<html>busy</html>").build());
    enqueue(200, "post-sale-capture.json");

    assertThatThrownBy(() -> provider.capture(acceptedPayment(), operation(OperationKind.CAPTURE, "50.00", false, null)))
        .isInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refundWithRevokedKeyIsAnAuthenticationError() {
    enqueue(401, "error-invalid-token.json");

    assertThatThrownBy(() -> provider.refund(acceptedPayment(), operation(OperationKind.REFUND, "10.00", false, null)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void captureBeforeTheShopperAcceptedIsRefusedWithoutACall() {
    assertThatThrownBy(() -> provider.capture(payment(Map.of(HokodoProvider.REF_ORDER, ORDER_ID)),
            operation(OperationKind.CAPTURE, "50.00", false, null)))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- storefront helpers -----------------------------------------------------------------------

  @Test
  void companySearchByNumberReturnsSmallRecords() throws Exception {
    enqueue(200, "company-search.json");

    List<HokodoProvider.CompanyMatch> matches = provider.searchCompanies("GB", " 1121 5527 ");

    assertThat(json(take()).toString()).isEqualTo("{\"country\":\"GB\",\"reg_number\":\"11215527\"}");
    assertThat(matches).hasSize(2);
    assertThat(matches.get(0)).isEqualTo(new HokodoProvider.CompanyMatch("co-bqRyKAGaFrEEN8JMjWJiqk", "Acme Tools Ltd",
        "GB", "11215527", "35 Kingsland Road, London, E2 8AA", "E2 8AA", "Active"));
  }

  @Test
  void companySearchByNameSendsTheName() throws Exception {
    enqueue(200, "company-search.json");

    provider.searchCompanies("GB", "Acme Tools");

    assertThat(json(take()).toString()).isEqualTo("{\"country\":\"GB\",\"name\":\"Acme Tools\"}");
  }

  @Test
  void companySearchRefusesABadCountryWithoutACall() {
    assertThatThrownBy(() -> provider.searchCompanies("gb", "Acme")).isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shopOrderNumberIsPatchedOntoTheOrder() throws Exception {
    enqueue(200, "order-renamed.json");

    provider.updateUniqueId(acceptedPayment(), "SHOP-000123");

    RecordedRequest patch = take();
    assertThat(call(patch)).isEqualTo("PATCH /v1/payment/orders/" + ORDER_ID);
    assertThat(json(patch).toString()).isEqualTo("{\"unique_id\":\"SHOP-000123\"}");
  }

  // ---- preview and capabilities -----------------------------------------------------------------

  @Test
  void previewShowsEveryRequestOfAFirstCheckoutWithoutSecrets() throws Exception {
    Cart pens = new Cart(HokodoTestData.GBP, List.of(new CartLine("L3", LineKind.PRODUCT, "PEN", "Pens",
        new BigDecimal("3"), gbp("3.33"), new BigDecimal("20"), gbp("10.00"), null, null)));

    Preview preview = provider.preview(CheckoutRequest.of("ORD-9", pens, customer(company(), "E2 8AA")));

    assertThat(preview.providerId()).isEqualTo("hokodo");
    assertThat(preview.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "POST companies/search", "POST organisations", "POST users", "POST payment/orders", "POST payment/offers");
    JsonNode order = JsonHttp.MAPPER.readTree(preview.requests().get(3).body());
    assertThat(order.path("items")).hasSize(2);
    assertThat(order.path("total_amount").asLong()).isEqualTo(1000);
    assertThat(preview.requests().get(3).body()).as("compact, as sent").doesNotContain("\n");
    assertThat(preview.rules()).anyMatch(rule -> rule.contains("split into 2 × 333 and 1 × 334"))
        .anyMatch(rule -> rule.contains("first offered plan's payment_url"));
    assertThat(preview.toString()).doesNotContain(API_KEY);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void capabilitiesAreHonest() {
    assertThat(provider.capabilities()).containsExactlyInAnyOrder(Capability.REDIRECT, Capability.EMBEDDED_ELEMENT,
        Capability.CAPTURE, Capability.PARTIAL_CAPTURE, Capability.MULTIPLE_CAPTURES, Capability.REFUND,
        Capability.PARTIAL_REFUND, Capability.VOID, Capability.VOID_REMAINING);
    assertThat(provider.capabilities()).doesNotContain(Capability.SIGNED_CALLBACKS, Capability.PER_LINE_CAPTURE);
  }
}
