package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.billing;
import static io.checkoutbridge.provider.kibo.KiboTestData.context;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static io.checkoutbridge.provider.kibo.KiboTestData.shipping;
import static io.checkoutbridge.provider.kibo.KiboTestData.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule is checked before any call: the server must see nothing. */
class KiboValidationTest {
  private MockWebServer server;
  private OkHttpClient http;
  private KiboProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    http = HttpClients.create(HttpSettings.defaults());
    provider = new KiboProvider(KiboTestData.settings(server), http, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    HttpClients.shutdown(http);
    server.close();
  }

  private void assertRefused(CheckoutRequest request, String message) {
    assertThatThrownBy(() -> provider.validate(request)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> provider.start(context(request))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> provider.preview(request)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("calls made to Kibo").isZero();
  }

  private static CheckoutRequest withCustomer(String first, String last, String email, String phone) {
    Address billing = new Address("John Smith", "111 Example St", null, "San Luis Obispo", "CA", "93401", "US", null);
    Customer customer = new Customer(null, first, last, email, phone, null, billing, shipping(), null);
    return new CheckoutRequest("ORD-1", KiboTestData.cart(), customer, Locale.US, true,
        KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP);
  }

  @Test
  void validCheckoutPasses() {
    assertThatCode(() -> provider.validate(request())).doesNotThrowAnyException();
  }

  @Test
  void missingPhoneIsRefusedBeforeAnyCall() {
    assertRefused(withCustomer("John", "Smith", "j@example.com", null), "customer.phone1 is required");
  }

  @Test
  void phoneFallsBackToTheBillingAddress() {
    Customer customer = new Customer(null, "John", "Smith", "j@example.com", null, null, billing(), shipping(), null);
    CheckoutRequest request = new CheckoutRequest("ORD-1", KiboTestData.cart(), customer, Locale.US, true,
        KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP);
    assertThatCode(() -> provider.validate(request)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{4}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | Smith | j@example.com | 4691111111 | customer.firstName is required",
      "'  ' | Smith | j@example.com | 4691111111 | customer.firstName is required",
      "John | NULL  | j@example.com | 4691111111 | customer.lastName is required",
      "John | Smith | j@example.com | ''         | customer.phone1 is required",
  })
  void missingCustomerFieldIsNamed(String first, String last, String email, String phone, String message) {
    assertRefused(withCustomer(first, last, email, phone), message);
  }

  @Test
  void customerFieldsLongerThanKiboAllowsAreNamed() {
    String x301 = "x".repeat(301);
    assertRefused(withCustomer(x301, "Smith", "j@example.com", "1"), "customer.firstName is too long: at most 300");
    assertRefused(withCustomer("John", x301, "j@example.com", "1"), "customer.lastName is too long: at most 300");
    assertRefused(withCustomer("John", "Smith", "j@" + "e".repeat(240) + ".example.com", "1"),
        "customer.email is too long: at most 250");
    assertRefused(withCustomer("John", "Smith", "j@example.com", "123456789012345678901"),
        "customer.phone1 is too long: at most 20");
  }

  @Test
  void longestAllowedCustomerFieldsPass() {
    String x300 = "x".repeat(300);
    CheckoutRequest request = withCustomer(x300, x300, "j@" + "e".repeat(236) + ".example.com", "12345678901234567890");
    assertThat(request.customer().email()).hasSize(250);
    assertThatCode(() -> provider.validate(request)).doesNotThrowAnyException();
  }

  @Test
  void missingPaymentMethodIsRefusedButPreviewedWithAPlaceholder() throws Exception {
    CheckoutRequest request = request().withPaymentMethod(null);
    assertThatThrownBy(() -> provider.validate(request)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("paymentMethod is required");
    assertThatThrownBy(() -> provider.start(context(request))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("paymentMethod is required");

    var preview = provider.preview(request);

    assertThat(preview.requests().get(0).body()).contains("\"paymentType\":\"<CC or TK");
    assertThat(preview.rules().get(0)).contains("no payment details: start refuses it");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void currencyOutsideKibosEnumIsRefused() {
    Cart cart = new Cart(Money.currency("XOF"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Thing", "1", Money.of("1000", "XOF"), "0")));
    CheckoutRequest request = new CheckoutRequest("ORD-1", cart, KiboTestData.customer(), Locale.US, true,
        KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP);
    assertRefused(request, "currency XOF is not accepted by Kibo");
  }

  @Test
  void cardFailingTheCheckDigitIsRefused() {
    assertRefused(request().withPaymentMethod(KiboTestData.card("4111111111111112")),
        "paymentMethod.cardNumber is not a valid card number");
  }

  @Test
  void cardOfUnknownBrandIsRefused() {
    // passes Luhn, no known issuer range
    assertRefused(request().withPaymentMethod(KiboTestData.card("9000000000000001")), "paymentMethod.cardIssuer");
  }

  @Test
  void expiredCardIsRefusedAndTheCurrentMonthIsAccepted() {
    assertRefused(request().withPaymentMethod(new PaymentMethodDetails.Card(KiboTestData.CARD, "10", "2026", "123", null)),
        "paymentMethod.cardExpiration");
    assertThatCode(() -> provider.validate(request().withPaymentMethod(
        new PaymentMethodDetails.Card(KiboTestData.CARD, "11", "2026", "123", null)))).doesNotThrowAnyException();
  }

  @Test
  void errorMessagesNeverCarryTheCardNumber() {
    String number = "4111111111111112";
    assertThatThrownBy(() -> provider.validate(request().withPaymentMethod(KiboTestData.card(number))))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(number).doesNotContain("411111"));
  }

  @Test
  void payPalIsRefusedWhileSwitchedOff() {
    assertRefused(request().withPaymentMethod(new PaymentMethodDetails.PayPal("EC-1", "PAYER1")),
        "paymentMethod: PayPal through Kibo is off");
  }

  @Test
  void aRequestWithoutTheShoppersIpIsRefused() {
    assertRefused(request().withCustomerIp(null), "customerIP is required");
  }

  @Test
  void aGiftCardLineIsRefusedAsASecondPayment() {
    Cart cart = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", usd("10.00"), "0"),
        CartLine.of("g", LineKind.GIFT_CARD, "", "Gift card", "1", usd("-5.00"), "0")));
    assertRefused(requestFor(cart), "gift card line g would be a second payment in orderPayments");
  }

  @Test
  void blankStoredTokenIsRefused() {
    assertRefused(request().withPaymentMethod(new PaymentMethodDetails.StoredToken(null)),
        "paymentMethod.paymentMethodToken is required");
  }

  @Test
  void giftCardDetailsAreRefused() {
    assertRefused(request().withPaymentMethod(new PaymentMethodDetails.GiftCard("6006491234567890", "1234")),
        "paymentMethod: gift cards are not offered");
  }

  @Test
  void splitOrderIsRefusedBeforeAnyCall() {
    Cart cart = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", usd("10.00"), "0").withSupplier("acme", "Acme"),
        CartLine.of("2", LineKind.PRODUCT, "B", "Table", "1", usd("20.00"), "0").withSupplier("globex", "Globex")));
    assertRefused(requestFor(cart), "does not support split orders");
    assertRefused(requestFor(cart), "acme, globex");
  }

  @Test
  void supplierLineWithShopLineIsASplitOrder() {
    Cart cart = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", usd("10.00"), "0"),
        CartLine.of("2", LineKind.PRODUCT, "B", "Table", "1", usd("20.00"), "0").withSupplier("acme", "Acme")));
    assertRefused(requestFor(cart), "orderItems: the cart ships from 2 suppliers");
  }

  @Test
  void oneSupplierWithShippingAndDiscountIsOneOrder() {
    Cart cart = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", usd("10.00"), "0").withSupplier("acme", "Acme"),
        CartLine.of("2", LineKind.PRODUCT, "B", "Table", "1", usd("20.00"), "0").withSupplier("acme", "Acme"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", usd("5.00"), "0"),
        CartLine.of("d", LineKind.DISCOUNT, "", "Discount", "1", usd("-1.00"), "0")));
    assertThatCode(() -> provider.validate(requestFor(cart))).doesNotThrowAnyException();
  }

  @Test
  void addressWithoutCityIsRefused() {
    Address noCity = new Address("Alan Gudiel", "222 Test Example Dr", null, " ", "CA", "94954", "US", null);
    Customer customer = new Customer(null, "John", "Smith", "j@example.com", "1", null, billing(), noCity, null);
    assertRefused(new CheckoutRequest("ORD-1", KiboTestData.cart(), customer, Locale.US, true,
        KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP), "shippingAddress.city is required");
  }

  @Test
  void localeWithoutRegionTakesTheBillingCountry() {
    CheckoutRequest request = new CheckoutRequest("ORD-1", KiboTestData.cart(), KiboTestData.customer(),
        Locale.ENGLISH, true, KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP);
    assertThat(KiboRequests.locale(request)).isEqualTo("en-US");
  }

  private static CheckoutRequest requestFor(Cart cart) {
    return new CheckoutRequest("ORD-1", cart, KiboTestData.customer(), Locale.US, true,
        KiboTestData.card(KiboTestData.CARD), null, KiboTestData.SHOPPER_IP);
  }
}
