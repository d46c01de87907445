package io.checkoutbridge.sandbox.dintero;

import static io.checkoutbridge.sandbox.dintero.DinteroFixture.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where each session check comes from (Dintero.Node.SDK {@code src/generated/payments.d.ts}
 * unless said otherwise).
 * <ul>
 *   <li>Error body {@code error.code}, {@code error.message}, {@code error.errors}: {@code Error}; the
 *       {@code field} key inside {@code errors} and the code {@code validation_error} are unverified
 *       ({@code errors} is untyped there), the sandbox assumes them.</li>
 *   <li>{@code order.amount} = Σ {@code items.amount} + {@code shipping_option.amount}, int32:
 *       {@code SessionOrderUpdate}; {@code order.currency} ISO 4217: same.</li>
 *   <li>Unique {@code line_id}, {@code vat} with at most 2 decimals: {@code OrderItem}. A missing
 *       {@code line_id} or {@code vat}, a {@code vat} above 100, a zero {@code quantity} and the
 *       ±1 tolerance on {@code vat_amount} are unverified ({@code OrderItem} marks them optional;
 *       {@code line_id} is "required when Instabank payment is configured"); the sandbox refuses
 *       them because captures and refunds name items by {@code line_id}.</li>
 *   <li>{@code url.return_url} required, a URI: {@code SessionUrls}; {@code callback_url}:
 *       {@code CallbackUrl}. {@code profile_id}: {@code SessionProfile}; {@code merchant_reference}:
 *       {@code SessionOrder}; both required.</li>
 * </ul>
 */
class SessionValidationTest {

  private final DinteroFixture f = new DinteroFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static ObjectNode valid() {
    return DinteroFixture.sessionBody("ORDER123", null);
  }

  private static ObjectNode item(ObjectNode body, int index) {
    return (ObjectNode) body.get("order").get("items").get(index);
  }

  /** Posts the body, expects 400 and returns the fields named in {@code error.errors}. */
  private List<String> refusedFields(ObjectNode body) {
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions-profile", body));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
    JsonNode error = r.bodyJson().get("error");
    assertThat(error.get("code").asText()).isEqualTo("validation_error");
    assertThat(error.get("message").asText()).isNotBlank();
    List<String> fields = new ArrayList<>();
    error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  @Test
  void validSessionGetsIdAndHostedPageUrl() {
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions-profile", valid()));
    assertThat(r.status()).isEqualTo(200);
    String id = r.bodyJson().get("id").asText();
    assertThat(id).startsWith(DinteroSimulator.ACCOUNT_ID + ".");
    assertThat(r.bodyJson().get("url").asText())
        .isEqualTo(DinteroFixture.BASE_URL + "/dintero/pay/" + id);
  }

  @Test
  void amountDifferentFromSumOfItemsIsRefused() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("order")).put("amount", 49801);
    assertThat(refusedFields(body)).containsExactly("order.amount");
  }

  @Test
  void shippingOptionCountsTowardsTheAmount() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("order")).putObject("shipping_option").put("id", "bring")
        .put("line_id", "ship").put("amount", 5000).put("vat", 25);
    assertThat(refusedFields(body)).containsExactly("order.amount");
    ((ObjectNode) body.get("order")).put("amount", 54800);
    assertThat(f.call(f.post(CHECKOUT + "/sessions-profile", body)).status()).isEqualTo(200);
  }

  @Test
  void duplicateLineIdIsRefused() {
    ObjectNode body = valid();
    item(body, 1).put("line_id", "1");
    assertThat(refusedFields(body)).containsExactly("order.items[1].line_id");
  }

  @Test
  void missingLineIdIsRefused() {
    ObjectNode body = valid();
    item(body, 0).remove("line_id");
    assertThat(refusedFields(body)).containsExactly("order.items[0].line_id");
  }

  @Test
  void missingVatIsRefused() {
    ObjectNode body = valid();
    item(body, 1).remove("vat");
    assertThat(refusedFields(body)).containsExactly("order.items[1].vat");
  }

  @Test
  void vatWithMoreThanTwoDecimalsOrAbove100IsRefused() {
    ObjectNode body = valid();
    item(body, 0).put("vat", new BigDecimal("25.125")).remove("vat_amount");
    item(body, 1).put("vat", 101).remove("vat_amount");
    assertThat(refusedFields(body)).containsExactly("order.items[0].vat", "order.items[1].vat");
  }

  @Test
  void vatAmountMustMatchWithinOneMinorUnit() {
    ObjectNode body = valid();
    item(body, 0).put("vat_amount", 7961); // exact 7960: one off is tolerated
    assertThat(f.call(f.post(CHECKOUT + "/sessions-profile", body)).status()).isEqualTo(200);
    item(body, 0).put("vat_amount", 7962);
    assertThat(refusedFields(body)).containsExactly("order.items[0].vat_amount");
  }

  @Test
  void fractionalVatRateIsComputedExactly() {
    ObjectNode body = valid();
    // 15.5 % of 10000 gross: 10000 * 15.5 / 115.5 = 1341.99...
    item(body, 1).put("vat", new BigDecimal("15.50")).put("vat_amount", 1342);
    assertThat(f.call(f.post(CHECKOUT + "/sessions-profile", body)).status()).isEqualTo(200);
    assertThat(SessionValidator.expectedVat(10000, new BigDecimal("15.5"))).isEqualTo(1342);
  }

  @Test
  void unknownCurrencyIsRefused() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("order")).put("currency", "XYZ");
    assertThat(refusedFields(body)).containsExactly("order.currency");
    ((ObjectNode) body.get("order")).put("currency", "nok");
    assertThat(refusedFields(body)).containsExactly("order.currency");
  }

  @Test
  void missingReturnUrlIsRefused() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("url")).remove("return_url");
    assertThat(refusedFields(body)).containsExactly("url.return_url");
  }

  @Test
  void relativeCallbackUrlIsRefused() {
    ObjectNode body = valid();
    ((ObjectNode) body.get("url")).put("callback_url", "/callback");
    assertThat(refusedFields(body)).containsExactly("url.callback_url");
  }

  @Test
  void missingProfileAndMerchantReferenceAreBothReported() {
    ObjectNode body = valid();
    body.remove("profile_id");
    ((ObjectNode) body.get("order")).remove("merchant_reference");
    assertThat(refusedFields(body)).containsExactly("profile_id", "order.merchant_reference");
  }

  @Test
  void decimalAmountsAndZeroQuantityAreRefused() {
    ObjectNode body = valid();
    item(body, 0).put("amount", new BigDecimal("39800.5")).put("quantity", 0);
    List<String> fields = refusedFields(body);
    assertThat(fields).contains("order.items[0].amount", "order.items[0].quantity");
  }

  @Test
  void bodyThatIsNotJsonIsRefused() {
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions-profile", "{not json"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("invalid_json");
  }
}
