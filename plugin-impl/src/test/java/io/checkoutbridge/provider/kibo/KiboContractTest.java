package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.context;
import static io.checkoutbridge.provider.kibo.KiboTestData.fixture;
import static io.checkoutbridge.provider.kibo.KiboTestData.json;
import static io.checkoutbridge.provider.kibo.KiboTestData.ok;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every field the adapter sends is one Kibo's sources name, with the type they give it.
 *
 * <p>The sources, stored under {@code fixtures/kibo/documented/}:
 * <ul>
 *   <li>{@code authorize-seed-004.json}: the full authorize request of seed 004 ("Create Order
 *       Authorize", kibocommerce.com/oms-dev/orders/create-auth/), with its invalid JSON number
 *       {@code 01010} written {@code 1010};
 *   <li>{@code create-order-public-example.json}: the create-order body of a WooCommerce plugin
 *       written by a Kibo engineer against {@code /api/v2/createOrder/} (public code found by
 *       searching for {@code itemSpecifics} together with {@code orderPayments}); image URLs and
 *       most custom data left out;
 *   <li>kibocommerce.com/oms-dev/orders/create/: the required parameters {@code externalOrderID},
 *       {@code manufacturerID}, {@code catalogID}, {@code locale}, {@code currency}, {@code
 *       customer}, {@code orderItems}, {@code shippingMethod} (an object), {@code shippingAddress},
 *       and, in one version of the page, {@code customerIP}.
 * </ul>
 * A payment method and an address in create-order may carry the fields seed 004 gives them in
 * authorize, and {@code customer.customerID} is in seed 004's Customer table.
 */
class KiboContractTest {
  private static Map<String, String> seed;
  private static Map<String, String> example;

  private MockWebServer server;
  private OkHttpClient http;
  private KiboProvider provider;

  @BeforeAll
  static void readSources() {
    seed = paths(json(fixture("documented/authorize-seed-004.json")));
    example = paths(json(fixture("documented/create-order-public-example.json")));
  }

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

  /** Every leaf and object of a body as {@code path → type}, arrays written {@code []}. */
  static Map<String, String> paths(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    walk("", node, out);
    return out;
  }

  private static void walk(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (!path.isEmpty()) {
        out.put(path, "object");
      }
      node.fields().forEachRemaining(e -> walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(),
          out));
    } else if (node.isArray()) {
      out.put(path, "array");
      node.forEach(element -> walk(path + "[]", element, out));
    } else {
      out.put(path, node.isNull() ? "null" : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "string");
    }
  }

  /** The type a source gives {@code path} in create-order, or null when no source names it. */
  private static String documentedInCreateOrder(String path) {
    if (example.containsKey(path)) {
      return example.get(path);
    }
    String inAuthorize = path.startsWith("orderPayments[].") ? path.substring("orderPayments[].".length()) : path;
    if (seed.containsKey(inAuthorize)) {
      return seed.get(inAuthorize);
    }
    return path.equals("customer.customerID") ? "string" : null;
  }

  private JsonNode[] sentBodies() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
    provider.start(context(request()));
    JsonNode[] bodies = new JsonNode[2];
    int i = 0;
    while (i < 2) {
      var recorded = server.takeRequest(1, TimeUnit.SECONDS);
      if (recorded.getUrl().encodedPath().startsWith("/api/v2/createOrder")) {
        bodies[i++] = json(recorded.getBody().utf8());
      }
    }
    return bodies;
  }

  @Test
  void everyFieldOfTheCreateOrderBodyIsNamedByKibosSourcesWithTheirType() throws Exception {
    Map<String, String> sent = paths(sentBodies()[1]);

    for (Map.Entry<String, String> field : sent.entrySet()) {
      String documented = documentedInCreateOrder(field.getKey());
      assertThat(documented).as("a source names %s", field.getKey()).isNotNull();
      if (!documented.equals("null")) {
        assertThat(field.getValue()).as("type of %s", field.getKey()).isEqualTo(documented);
      }
    }
  }

  @Test
  void theCreateOrderBodyCarriesEveryFieldKibosPageRequiresAndThePaymentAsThePublicBodyDoes() throws Exception {
    Map<String, String> sent = paths(sentBodies()[1]);

    assertThat(sent).containsKeys("externalOrderID", "manufacturerID", "catalogID", "locale", "currency", "customer",
        "orderItems", "shippingMethod", "shippingAddress", "customerIP");
    assertThat(sent).containsEntry("shippingMethod", "object").containsEntry("shippingMethod.shipType", "string")
        .containsEntry("shippingMethod.deliveryMethod", "string");
    assertThat(sent).containsKeys("orderPayments[].paymentMethod.paymentType", "orderPayments[].transactionID",
        "orderPayments[].authorizationID", "orderPayments[].authAmount", "orderItems[].product.productID",
        "orderItems[].product.name", "orderItems[].itemSpecifics.quantity", "orderItems[].itemSpecifics.actualPrice",
        "orderItems[].itemSpecifics.shipping", "orderItems[].itemSpecifics.shippingTax",
        "orderItems[].itemSpecifics.itemTaxOverride", "forceItemTaxOverride", "isTestOrder");
    assertThat(sent).doesNotContainKeys("authorizationID", "orderItems[].itemType", "orderItems[].unitPrice");
  }

  @Test
  void everyFieldOfTheAuthorizeBodyIsNamedBySeed004WithItsType() throws Exception {
    Map<String, String> sent = paths(sentBodies()[0]);

    for (Map.Entry<String, String> field : sent.entrySet()) {
      String key = field.getKey();
      String documented = key.equals("customer.customerID") ? "string" : seed.get(key);
      assertThat(documented).as("seed 004 names %s", key).isNotNull();
      if (!documented.equals("null")) {
        assertThat(field.getValue()).as("type of %s", key).isEqualTo(documented);
      }
    }
    assertThat(sent).containsKeys("externalCartID", "manufacturerID", "catalogID", "currency", "paymentMethod",
        "amount", "customer", "customer.phone1");
  }
}
