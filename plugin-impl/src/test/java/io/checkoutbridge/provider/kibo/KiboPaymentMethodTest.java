package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.api.error.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.context;
import static io.checkoutbridge.provider.kibo.KiboTestData.json;
import static io.checkoutbridge.provider.kibo.KiboTestData.ok;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KiboPaymentMethodTest {
  private MockWebServer server;
  private OkHttpClient http;
  private KiboProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new KiboTestData.NoOrderYet());
    server.start();
    http = HttpClients.create(HttpSettings.defaults());
    provider = new KiboProvider(KiboTestData.settings(server), http, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    HttpClients.shutdown(http);
    server.close();
  }

  private JsonNode authorizeWith(PaymentMethodDetails details, StartResult[] result) throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
    result[0] = provider.start(context(request().withPaymentMethod(details)));
    server.takeRequest(1, TimeUnit.SECONDS); // token
    server.takeRequest(1, TimeUnit.SECONDS); // order search
    return json(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).path("paymentMethod");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "4111111111111111, VI",
      "5555555555554444, MC",
      "2223003122003222, MC",
      "378282246310005, AX",
      "6011111111111117, DI",
      "3530111333300000, JC",
      "30569309025904, DC"})
  void cardIssuerIsDerivedFromTheNumberPrefix(String number, String issuer) {
    assertThat(CardIssuer.luhn(number)).isTrue();
    assertThat(CardIssuer.of(number)).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo(issuer));
  }

  @Test
  void cardIsSentAsCcWithExpiryMonthDashYear() throws Exception {
    StartResult[] result = new StartResult[1];
    JsonNode method = authorizeWith(new PaymentMethodDetails.Card("5555 5555 5555 4444", "03", "2029", null, null),
        result);

    assertThat(method.path("paymentType").asText()).isEqualTo("CC");
    assertThat(method.path("cardIssuer").asText()).isEqualTo("MC");
    assertThat(method.path("cardNumber").asText()).isEqualTo("5555555555554444");
    assertThat(method.path("cardExpiration").asText()).isEqualTo("03-2029");
    assertThat(method.has("cardSecurityCode")).as("no security code given, none sent").isFalse();
    assertThat(result[0].refs()).containsEntry(KiboProvider.REF_CARD_ISSUER, "MC")
        .containsEntry(KiboProvider.REF_CARD_LAST4, "4444");
  }

  @Test
  void payPalIsRefusedBeforeAnyCallWhileItsUnpublishedCodeIsSwitchedOff() {
    assertThatThrownBy(() -> provider.start(context(request().withPaymentMethod(
        new PaymentMethodDetails.PayPal("EC-8AB12345CD678901E", "PAYER42")))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("paypal-enabled")
        .hasMessageNotContaining("EC-8AB12345CD678901E");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void payPalSwitchedOnIsSentWithTokenAndPayerId() throws Exception {
    var values = KiboTestData.settingsMap(server);
    values.put("checkout-bridge.kibo.paypal-enabled", "true");
    provider = new KiboProvider(KiboSettings.from(io.checkoutbridge.config.Settings.of(values)), http,
        Clock.fixed(NOW, ZoneOffset.UTC));
    StartResult[] result = new StartResult[1];
    JsonNode method = authorizeWith(new PaymentMethodDetails.PayPal("EC-8AB12345CD678901E", "PAYER42"), result);

    assertThat(method.path("paymentType").asText()).isEqualTo("PP");
    assertThat(method.path("payPalToken").asText()).isEqualTo("EC-8AB12345CD678901E");
    assertThat(method.path("payPalPayerID").asText()).isEqualTo("PAYER42");
    assertThat(method.has("cardNumber")).isFalse();
    assertThat(result[0].refs()).containsEntry(KiboProvider.REF_PAYMENT_TYPE, "PP")
        .doesNotContainKey(KiboProvider.REF_CARD_LAST4);
    assertThat(result[0].toString()).doesNotContain("EC-8AB12345CD678901E");
  }

  /** Kibo's documentation names the stored-token paymentType TK (see the package documentation). */
  @Test
  void storedTokenIsSentAsTkWithPaymentMethodToken() throws Exception {
    StartResult[] result = new StartResult[1];
    JsonNode method = authorizeWith(new PaymentMethodDetails.StoredToken("pmt-stored-991"), result);

    assertThat(method.path("paymentType").asText()).isEqualTo("TK");
    assertThat(method.path("paymentMethodToken").asText()).isEqualTo("pmt-stored-991");
    assertThat(result[0].toString()).doesNotContain("pmt-stored-991");
  }

  @Test
  void giftCardsAreRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> provider.start(context(request().withPaymentMethod(
        new PaymentMethodDetails.GiftCard("6006491234567890", "4321")))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("gift cards")
        .hasMessageNotContaining("6006491234567890");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void previewMasksTheSecretsOfEveryAcceptedVariant() throws Exception {
    assertThat(provider.preview(request().withPaymentMethod(new PaymentMethodDetails.StoredToken("pmt-SECRET")))
        .requests().get(0).body()).doesNotContain("pmt-SECRET").contains("\"paymentMethodToken\":\"***\"");
    assertThat(provider.preview(request()).requests().get(0).body()).doesNotContain("4111111111111111")
        .doesNotContain("\"123\"").contains("************1111");
  }

}
