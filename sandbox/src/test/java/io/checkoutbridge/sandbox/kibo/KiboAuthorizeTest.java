package io.checkoutbridge.sandbox.kibo;

import static io.checkoutbridge.sandbox.kibo.KiboFixture.CARD;
import static io.checkoutbridge.sandbox.kibo.KiboFixture.authorizeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.math.BigDecimal;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KiboAuthorizeTest {
  private final KiboFixture f = new KiboFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private SandboxResponse authorizeWith(Consumer<ObjectNode> change) {
    ObjectNode body = authorizeBody("cart-1", CARD, "2.00");
    change.accept(body);
    return f.authorize(body);
  }

  private static void assertKiboError(SandboxResponse r, int http, int code, String field, String message) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(http);
    JsonNode body = r.bodyJson();
    assertThat(body.get("statusCode").asInt()).as(r.bodyText()).isEqualTo(code);
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(body.get("message").asText()).contains(message);
    assertThat(body.get("requestID").asText()).isEqualTo(r.header("X-Request-ID").orElseThrow());
  }

  @Test
  void seedExampleIsAuthorizedWithOrderIdTokensAndAmount() {
    SandboxResponse r = f.authorize(authorizeBody("0123456", CARD, "2.00"));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    JsonNode body = r.bodyJson();
    assertThat(body.get("orderID").asText()).matches("\\d{9}");
    assertThat(body.get("authToken").asText()).startsWith("auth-");
    assertThat(body.get("paymentMethodToken").asText()).startsWith("pmt-");
    assertThat(body.get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(body.get("amount").decimalValue()).isEqualTo(new BigDecimal("2.00"));
    assertThat(body.get("ccLastFour").asText()).isEqualTo("1111");
    assertThat(r.header("X-Request-ID")).isPresent();
  }

  @Test
  void declineTestCardIsDeclinedWith402() {
    SandboxResponse r = f.authorize(authorizeBody("cart-d", KiboSimulator.DECLINE_CARD, "2.00"));

    assertThat(r.status()).isEqualTo(402);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5003);
    assertThat(r.bodyJson().get("reason").asText()).isEqualTo("PAYMENT_DECLINED");
    assertThat(r.bodyText()).contains("ending 0002").doesNotContain(KiboSimulator.DECLINE_CARD);
    assertThat(f.simulator().authorizationCount()).isZero();
  }

  @Test
  void missingPhoneIsMissingRequestData() {
    SandboxResponse r = authorizeWith(b -> ((ObjectNode) b.get("customer")).remove("phone1"));

    assertKiboError(r, 400, 5011, "customer.phone1", "customer.phone1 is required");
    assertThat(f.simulator().authorizationCount()).isZero();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "firstName | ''            | customer.firstName is required",
      "phone1    | 123456789012345678901 | customer.phone1 must be at most 20 characters",
      "email     | not-an-email  | customer.email is not an email address"})
  void customerFieldsFollowTheSchema(String field, String value, String message) {
    SandboxResponse r = authorizeWith(b -> ((ObjectNode) b.get("customer")).put(field, value));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().get("field").asText()).isEqualTo("customer." + field);
    assertThat(r.bodyJson().get("message").asText()).isEqualTo(message);
  }

  @Test
  void lengthLimitsOfSeed004AreAccepted() {
    SandboxResponse r = authorizeWith(b -> ((ObjectNode) b.get("customer")).put("firstName", "x".repeat(300))
        .put("lastName", "y".repeat(300)).put("email", "a@" + "b".repeat(248)).put("phone1", "1".repeat(20)));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  void integerMinimumsAreChecked() {
    assertKiboError(authorizeWith(b -> b.put("manufacturerID", 0)), 400, 5015, "manufacturerID", "at least 1");
    assertKiboError(authorizeWith(b -> b.put("catalogID", -1)), 400, 5015, "catalogID", "at least 0");
    assertKiboError(authorizeWith(b -> b.put("catalogID", "0")), 400, 5015, "catalogID", "must be an integer");
  }

  @Test
  void unknownManufacturerIsNotFound() {
    assertKiboError(authorizeWith(b -> b.put("manufacturerID", 99)), 404, 5002, "manufacturerID", "not found");
  }

  @Test
  void currencyAndLocaleAreEnums() {
    assertKiboError(authorizeWith(b -> b.put("currency", "XXX")), 400, 5015, "currency", "ISO 4217");
    assertKiboError(authorizeWith(b -> b.put("locale", "english")), 400, 5015, "locale", "en-US");
  }

  @Test
  void amountMayNotHaveMoreDecimalsThanTheCurrency() {
    assertKiboError(authorizeWith(b -> b.put("amount", new BigDecimal("2.001"))), 400, 5015, "amount",
        "more decimals than USD allows (2)");
    assertKiboError(authorizeWith(b -> b.put("currency", "JPY").put("amount", new BigDecimal("1.5"))), 400, 5015,
        "amount", "JPY");
    assertThat(f.authorize(authorizeBody("kwd", CARD, "1.250").put("currency", "KWD")).status()).isEqualTo(200);
    assertKiboError(authorizeWith(b -> b.put("amount", -1)), 400, 5015, "amount", "at least 0");
  }

  @Test
  void cardMustPassLuhnMatchItsIssuerAndNotBeExpired() {
    assertKiboError(authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("cardNumber", "4111111111111112")),
        400, 5015, "paymentMethod.cardNumber", "check digit");
    assertKiboError(authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("cardIssuer", "MC")),
        400, 5015, "paymentMethod.cardIssuer", "does not match");
    assertKiboError(authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("cardExpiration", "10-2019")),
        400, 5015, "paymentMethod.cardExpiration", "expired");
    assertKiboError(authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("cardExpiration", "2030-10")),
        400, 5015, "paymentMethod.cardExpiration", "MM-YYYY");
  }

  @Test
  void theVariantsTheSourcesNameAreAcceptedAndTheOldCodesRefused() {
    ObjectNode payPal = authorizeBody("pp", CARD, "2.00");
    ((ObjectNode) payPal.get("paymentMethod")).put("paymentType", "PP").put("payPalToken", "EC-123")
        .put("payPalPayerID", "PAYER1").remove(java.util.List.of("cardNumber", "cardIssuer", "cardExpiration",
            "cardSecurityCode"));
    ObjectNode token = authorizeBody("tok", CARD, "2.00");
    ((ObjectNode) token.get("paymentMethod")).put("paymentType", "TK").put("paymentMethodToken", "pmt-abc")
        .remove(java.util.List.of("cardNumber", "cardIssuer", "cardExpiration", "cardSecurityCode"));
    ObjectNode gift = authorizeBody("gc", CARD, "2.00");
    ((ObjectNode) gift.get("paymentMethod")).put("paymentType", "GC").put("giftCardNumber", "6006491234567890")
        .put("giftCardPin", "4321").remove(java.util.List.of("cardNumber", "cardIssuer", "cardExpiration",
            "cardSecurityCode"));

    assertThat(f.authorize(payPal).status()).isEqualTo(200);
    assertThat(f.authorize(token).status()).isEqualTo(200);
    assertThat(f.authorize(gift).bodyJson().get("field").asText()).isEqualTo("paymentMethod.paymentType");
    ObjectNode oldToken = token.deepCopy().put("externalCartID", "tok-old");
    ((ObjectNode) oldToken.get("paymentMethod")).put("paymentType", "TOKEN");
    assertThat(f.authorize(oldToken).status()).isEqualTo(400);
    assertThat(f.authorize(authorizeBody("bad", CARD, "2.00").put("paymentMethod", "CC")).status()).isEqualTo(400);
  }

  @Test
  void payPalWithoutPayerIsRefused() {
    SandboxResponse r = authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("paymentType", "PP")
        .put("payPalToken", "EC-123"));

    assertKiboError(r, 400, 5011, "paymentMethod.payPalPayerID", "is required");
  }

  @Test
  void unknownPaymentTypeIsRefused() {
    assertKiboError(authorizeWith(b -> ((ObjectNode) b.get("paymentMethod")).put("paymentType", "CASH")),
        400, 5015, "paymentMethod.paymentType", "must be one of");
  }

  @Test
  void missingPaymentMethodAndCustomerAreAllListed() {
    SandboxResponse r = authorizeWith(b -> b.remove(java.util.List.of("paymentMethod", "customer")));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("customer", "paymentMethod");
  }

  @Test
  void docsSpellingExternalCardIdIsAccepted() {
    ObjectNode body = authorizeBody("x", CARD, "2.00");
    body.remove("externalCartID");
    body.put("externalCardID", "0123456");

    assertThat(f.authorize(body).status()).isEqualTo(200);
    body.remove("externalCardID");
    assertKiboError(f.authorize(body), 400, 5011, "externalCartID", "is required");
  }

  @Test
  void aCartIsAuthorizedOnce() {
    f.authorized("cart-9");

    assertKiboError(f.authorize(authorizeBody("cart-9", CARD, "42.50")), 400, 5015, "externalCartID",
        "already authorized");
    assertThat(f.simulator().authorizationCount()).isEqualTo(1);
  }
}
