package io.checkoutbridge.sandbox.hokodo;

import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.ACME;
import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.V1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.JournalEntry;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where each checked field comes from.
 * <ul>
 *   <li>{@code Authorization: Token …}: seed 000. The error bodies ({@code detail} "Authentication
 *       credentials were not provided.", "Invalid token header. No credentials provided.", "Invalid
 *       token.", "Not found.", {@code Invalid pk "…" - object does not exist.},
 *       {@code non_field_errors}) are Django REST framework's own messages (its message catalogue);
 *       that Hokodo runs on it is unverified, the sandbox assumes it. {@code X-Request-Id} and the
 *       trailing-slash equivalence are unverified (seed 000 writes both {@code /v1/users} and
 *       {@code /v1/users/}).</li>
 *   <li>Company search {@code country}, {@code reg_number}, {@code name}, answer {@code matches[]}
 *       with {@code identifiers}: Hokodo's Magento plugin
 *       {@code Api/Data/Gateway/CompanySearchRequestInterface.php},
 *       {@code Test/Integration/Gateway/Service/CompanySearchTest.php}.</li>
 *   <li>Organisation {@code unique_id, registered, company} ({@code org-} + 22 characters as in its
 *       example), user {@code name, email, registered, organisations[{id, role}]}, order
 *       {@code status: draft}, {@code customer}, offer {@code urls.notification} (mandatory): seed 000.</li>
 *   <li>Items and order totals (the 256111.93 / 51222.386 example, the five rules,
 *       {@code tax_amount = total_amount × tax / 100}), PATCH {@code unique_id}: seed 001.
 *       Integer tax rounded either way accepted: the Magento plugin sends integers
 *       ({@code Model/RequestBuilder/OrderBuilder.php}). Quantity echoed with three decimals: that
 *       plugin's {@code Test/Integration/Gateway/Service/OrderTest.php} ({@code '1.000'}).</li>
 *   <li>Offer {@code offered_payment_plans} with {@code payment_url}, {@code valid_until},
 *       {@code rejection_reason}: the plugin's {@code Api/Data/PaymentOffersInterface.php} and
 *       {@code PaymentPlanInterface.php}; documents with {@code doc_type}: its
 *       {@code Api/Data/OrderDocumentsInterface.php} and seed 000's documents endpoint. The
 *       invoice-address error path is unverified.</li>
 * </ul>
 */
class HokodoApiTest {

  private final HokodoFixture f = new HokodoFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void requestsWithoutTheTokenGetDrfAuthenticationErrors() {
    SandboxResponse none = f.call(SandboxRequest.builder("POST", V1 + "/organisations").json("{}"));
    SandboxResponse bearer = f.call(SandboxRequest.builder("POST", V1 + "/organisations").bearer("x").json("{}"));
    SandboxResponse empty = f.call(SandboxRequest.builder("POST", V1 + "/organisations")
        .header("Authorization", "Token").json("{}"));
    SandboxResponse wrong = f.call(SandboxRequest.builder("POST", V1 + "/organisations")
        .header("Authorization", "Token not-the-key").json("{}"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.bodyJson().toString()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
    assertThat(none.header("WWW-Authenticate")).contains("Token");
    assertThat(bearer.bodyJson().get("detail").asText()).isEqualTo("Authentication credentials were not provided.");
    assertThat(empty.bodyJson().get("detail").asText()).isEqualTo("Invalid token header. No credentials provided.");
    assertThat(wrong.bodyJson().toString()).isEqualTo("{\"detail\":\"Invalid token.\"}");
  }

  @Test
  void journalKeepsRequestsWithTheKeyMasked() {
    f.post(V1 + "/companies/search", Json.object().put("country", "GB").put("reg_number", "11351988"));

    JournalEntry entry = f.sandbox.journal().entries("hokodo", "in", 0).get(0);
    assertThat(entry.path()).isEqualTo("/v1/companies/search");
    assertThat(entry.headers().get("authorization")).isEqualTo("***");
    assertThat(entry.toString()).doesNotContain(HokodoSimulator.API_KEY);
  }

  @Test
  void companySearchFindsThePersonasByNumberAndByName() {
    JsonNode byNumber = f.ok(f.post(V1 + "/companies/search",
        Json.object().put("country", "GB").put("reg_number", "1135 1988")));
    JsonNode byName = f.ok(f.post(V1 + "/companies/search", Json.object().put("country", "GB").put("name", "acme")));
    JsonNode none = f.ok(f.post(V1 + "/companies/search", Json.object().put("country", "FR").put("reg_number", "1")));
    SandboxResponse neither = f.post(V1 + "/companies/search", Json.object().put("country", "GB"));

    assertThat(byNumber.get("matches")).hasSize(1);
    assertThat(byNumber.get("matches").get(0).get("id").asText()).isEqualTo(ACME);
    assertThat(byNumber.get("matches").get(0).get("identifiers").get(0).get("value").asText()).isEqualTo("11351988");
    assertThat(byName.get("matches")).hasSize(2);
    assertThat(none.get("matches")).isEmpty();
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.bodyJson().toString()).isEqualTo("{\"non_field_errors\":[\"Give reg_number or name.\"]}");
  }

  @Test
  void pathsWithATrailingSlashAreTheSameEndpoint() {
    SandboxResponse r = f.call(HokodoFixture.authed("POST", V1 + "/organisations/").json(Json.object()
        .put("company", ACME).put("registered", "2024-05-01T08:00:00Z")));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.bodyJson().get("id").asText()).matches("org-[A-Za-z0-9]{22}");
    assertThat(r.header("X-Request-Id")).isPresent();
  }

  @Test
  void organisationNeedsAKnownCompanyAndUserAnExistingOrganisation() {
    SandboxResponse org = f.post(V1 + "/organisations", Json.object().put("company", "co-nope")
        .put("registered", "2024-05-01T08:00:00Z"));
    ObjectNode user = Json.object().put("name", "Jane").put("email", "jane@acme.example")
        .put("registered", "2024-05-01T08:00:00Z");
    user.putArray("organisations").addObject().put("id", "org-nope").put("role", "member");
    SandboxResponse u = f.post(V1 + "/users", user);

    assertThat(org.status()).isEqualTo(400);
    assertThat(org.bodyJson().toString()).isEqualTo("{\"company\":[\"Invalid pk \\\"co-nope\\\" - object does not exist.\"]}");
    assertThat(u.bodyJson().toString())
        .isEqualTo("{\"organisations\":[{\"id\":[\"Invalid pk \\\"org-nope\\\" - object does not exist.\"]}]}");
  }

  @Test
  void seedExampleOrderIsAcceptedWithItsDecimalAmounts() {
    String[] buyer = f.buyer(ACME);

    JsonNode order = f.ok(f.post(V1 + "/payment/orders", HokodoFixture.seedOrder(buyer[0], buyer[1])));

    assertThat(order.get("id").asText()).startsWith("order-");
    assertThat(order.get("status").asText()).isEqualTo("draft");
    assertThat(order.get("total_amount").decimalValue()).isEqualByComparingTo("256111.93");
    assertThat(order.get("tax_amount").decimalValue()).isEqualByComparingTo("51222.386");
    assertThat(order.get("items").get(0).get("quantity").asText()).isEqualTo("5.000");
    assertThat(order.get("deferred_payment").isNull()).isTrue();
  }

  @Test
  void orderBreakingTheItemRulesGetsAnErrorPerItemField() {
    String[] buyer = f.buyer(ACME);
    ObjectNode order = HokodoFixture.seedOrder(buyer[0], buyer[1]);
    ObjectNode second = (ObjectNode) order.get("items").get(1);
    second.put("total_amount", 300001).put("tax_amount", new BigDecimal("60000.2"));
    ((ObjectNode) order.get("items").get(2)).put("unit_price", 50000).put("total_amount", 50000).put("tax_amount", 10000);
    ((ObjectNode) order.get("items").get(3)).put("unit_price", new BigDecimal("111.123456"));

    SandboxResponse r = f.post(V1 + "/payment/orders", order);

    assertThat(r.status()).isEqualTo(400);
    JsonNode items = r.bodyJson().get("items");
    assertThat(items.get(0).isEmpty()).isTrue();
    assertThat(items.get(1).get("total_amount").get(0).asText())
        .isEqualTo("Must equal quantity × unit_price (10.00 × 30000 = 300000).");
    assertThat(items.get(2).get("total_amount").get(0).asText())
        .isEqualTo("Discount items must have a negative total_amount.");
    assertThat(items.get(3).get("unit_price").get(0).asText())
        .isEqualTo("Ensure that there are no more than 5 decimal places.");
  }

  @Test
  void itemTaxRoundedToWholeMinorUnitsIsAcceptedButNotATaxFurtherOff() {
    // Seed 001's formula gives 1000 × 17.55 / 100 = 175.5; Hokodo's own clients send integers
    // (Magento plugin OrderBuilder.php: (int) round(x * 100)), so 175 or 176 must pass, 177 must not.
    String[] buyer = f.buyer(ACME);
    ObjectNode rounded = HokodoFixture.seedOrder(buyer[0], buyer[1]);
    ArrayNode items = rounded.putArray("items");
    items.addObject().put("item_id", "1").put("type", "product").put("description", "Rope").put("quantity", "1.00")
        .put("unit_price", 1000).put("tax_rate", "17.55").put("total_amount", 1000).put("tax_amount", 176);
    rounded.put("total_amount", 1000).put("tax_amount", 176);
    ObjectNode off = rounded.deepCopy();
    ((ObjectNode) off.get("items").get(0)).put("tax_amount", 177);
    off.put("tax_amount", 177);

    SandboxResponse accepted = f.post(V1 + "/payment/orders", rounded);
    SandboxResponse refused = f.post(V1 + "/payment/orders", off);

    assertThat(accepted.status()).as(accepted.bodyText()).isEqualTo(201);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.bodyJson().at("/items/0/tax_amount/0").asText())
        .isEqualTo("Must equal total_amount × tax_rate / 100 (175.5).");
  }

  @Test
  void orderTotalsMustBeTheExactSumsOfTheItems() {
    String[] buyer = f.buyer(ACME);
    ObjectNode order = HokodoFixture.seedOrder(buyer[0], buyer[1]);
    order.put("total_amount", 256112).put("tax_amount", 51222);

    SandboxResponse r = f.post(V1 + "/payment/orders", order);

    assertThat(r.bodyJson().toString()).isEqualTo("{\"total_amount\":[\"Must equal the sum of the items' total_amount"
        + " (256111.93).\"],\"tax_amount\":[\"Must equal the sum of the items' tax_amount (51222.386).\"]}");
  }

  @Test
  void missingInvoicePostcodeIsReportedAtItsPath() {
    String[] buyer = f.buyer(ACME);
    ObjectNode order = HokodoFixture.seedOrder(buyer[0], buyer[1]);
    ((ObjectNode) order.get("customer").get("invoice_address")).remove("postcode");

    SandboxResponse r = f.post(V1 + "/payment/orders", order);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().toString())
        .isEqualTo("{\"customer\":{\"invoice_address\":{\"postcode\":[\"This field is required.\"]}}}");
  }

  @Test
  void itemTaxMustFollowTheGuidesFormula() {
    String[] buyer = f.buyer(ACME);
    ObjectNode order = HokodoFixture.seedOrder(buyer[0], buyer[1]);
    ((ObjectNode) order.get("items").get(0)).put("tax_amount", 1000);
    order.put("tax_amount", new BigDecimal("51022.386"));

    SandboxResponse r = f.post(V1 + "/payment/orders", order);

    assertThat(r.bodyJson().get("items").get(0).get("tax_amount").get(0).asText())
        .isEqualTo("Must equal total_amount × tax_rate / 100 (1200).");
  }

  @Test
  void orderForAUserOutsideTheOrganisationIsRefused() {
    String[] first = f.buyer(ACME);
    String[] second = f.buyer(ACME);

    SandboxResponse r = f.post(V1 + "/payment/orders", HokodoFixture.seedOrder(first[0], second[1]));

    assertThat(r.bodyJson().toString())
        .isEqualTo("{\"customer\":{\"user\":[\"The user is not a member of the organisation.\"]}}");
  }

  @Test
  void offerNeedsANotificationUrl() {
    String[] buyer = f.buyer(ACME);
    String orderId = f.ok(f.post(V1 + "/payment/orders", HokodoFixture.order(buyer[0], buyer[1], 12500)))
        .get("id").asText();
    ObjectNode offer = Json.object().put("order", orderId);
    offer.putObject("urls").put("success", "https://shop.example/ok");

    SandboxResponse r = f.post(V1 + "/payment/offers", offer);

    assertThat(r.bodyJson().toString()).isEqualTo("{\"urls\":{\"notification\":[\"This field is required.\"]}}");
  }

  @Test
  void offerProposesTwoPlansWithTheirPages() {
    JsonNode offer = f.offerFor(ACME, 12500);

    assertThat(offer.get("id").asText()).matches("offr-[A-Za-z0-9]{22}");
    assertThat(offer.get("offered_payment_plans")).hasSize(2);
    JsonNode plan = offer.get("offered_payment_plans").get(0);
    assertThat(plan.get("status").asText()).isEqualTo("offered");
    assertThat(plan.get("name").asText()).isEqualTo("30d");
    assertThat(plan.get("protected_amount").asLong()).isEqualTo(12500);
    assertThat(plan.get("payment_url").asText())
        .isEqualTo(HokodoFixture.BASE_URL + "/hokodo/pay/" + plan.get("id").asText());
    JsonNode order = f.ok(f.get(V1 + "/payment/orders/" + offer.get("order").asText()));
    assertThat(order.get("payment_offer").asText()).isEqualTo(offer.get("id").asText());
    JsonNode again = f.ok(f.get(V1 + "/payment/offers/" + offer.get("id").asText()));
    assertThat(again.get("offered_payment_plans").get(1).get("id")).isEqualTo(offer.get("offered_payment_plans").get(1).get("id"));
  }

  @Test
  void patchSetsTheUniqueIdAndRefusesOtherFields() {
    JsonNode offer = f.offerFor(ACME, 12500);
    String path = V1 + "/payment/orders/" + offer.get("order").asText();

    JsonNode patched = f.ok(f.call(HokodoFixture.authed("PATCH", path).json(Json.object().put("unique_id", "SHOP-9"))));
    SandboxResponse refused = f.call(HokodoFixture.authed("PATCH", path).json(Json.object().put("total_amount", 1)));

    assertThat(patched.get("unique_id").asText()).isEqualTo("SHOP-9");
    assertThat(patched.get("metadata").toString()).isEqualTo("{}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.bodyJson().has("total_amount")).isTrue();
  }

  @Test
  void unknownObjectsAreNotFoundInDrfShape() {
    SandboxResponse r = f.get(V1 + "/payment/deferred_payments/defpay-nope");
    SandboxResponse endpoint = f.get(V1 + "/nothing/here");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyJson().toString()).isEqualTo("{\"detail\":\"Not found.\"}");
    assertThat(endpoint.bodyJson().toString()).isEqualTo("{\"detail\":\"Not found.\"}");
  }

  @Test
  void documentUploadKeepsTheFileAndItsFields() {
    JsonNode offer = f.offerFor(ACME, 12500);
    String orderId = offer.get("order").asText();
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"INV-1.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 \u00ff\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"doc_type\"\r\n\r\ninvoice\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nInvoice 1\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n5000\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n"
        + "--" + boundary + "--\r\n";

    JsonNode doc = f.ok(f.call(HokodoFixture.authed("POST", V1 + "/payment/orders/" + orderId + "/documents")
        .body(body.getBytes(StandardCharsets.ISO_8859_1), "multipart/form-data; boundary=" + boundary)));
    JsonNode list = f.ok(f.get(V1 + "/payment/orders/" + orderId + "/documents"));
    SandboxResponse json = f.post(V1 + "/payment/orders/" + orderId + "/documents", Json.object());

    assertThat(doc.get("doc_type").asText()).isEqualTo("invoice");
    assertThat(doc.get("amount").asLong()).isEqualTo(5000);
    assertThat(doc.get("file").get("name").asText()).isEqualTo("INV-1.pdf");
    assertThat(doc.get("file").get("size").asInt()).isEqualTo(10);
    assertThat(list).hasSize(1);
    assertThat(json.status()).isEqualTo(415);
  }
}
