package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.CARD;
import static io.checkoutbridge.provider.kibo.KiboTestData.DECLINE_CARD;
import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.answer;
import static io.checkoutbridge.provider.kibo.KiboTestData.context;
import static io.checkoutbridge.provider.kibo.KiboTestData.ok;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The card number goes to Kibo in the authorize body and nowhere else. */
class KiboCardDataTest {
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

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void cardNumberReachesKiboAndNothingReturnedCarriesIt() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
    CheckoutRequest request = request();

    StartResult result = provider.start(context(request));
    Preview preview = provider.preview(request);
    ProviderPayment payment = new ProviderPayment(KiboTestData.PAYMENT_ID, KiboTestData.ORDER_REFERENCE,
        result.merchantReference(), request.cart().total(), request.cart().lines(), result.refs());
    ProviderState state = provider.fetchState(payment);
    Throwable capture = catchThrowable(() -> provider.capture(payment, new ProviderOperation(OperationKind.CAPTURE,
        Money.of("42.50", "USD"), List.of(), true, "idem-key-0001", "ship", null)));

    server.takeRequest(1, TimeUnit.SECONDS); // token
    server.takeRequest(1, TimeUnit.SECONDS); // order search
    RecordedRequest authorize = server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest order = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(authorize.getBody().utf8()).contains("\"cardNumber\":\"" + CARD + "\"").contains("\"cardSecurityCode\":\"123\"");
    // create-order carries the authorize answer's payment method token instead of the card
    assertThat(order.getBody().utf8()).doesNotContain(CARD).doesNotContain("cardNumber")
        .doesNotContain("cardSecurityCode").contains("\"ccLastFour\":\"1111\"");
    for (String returned : List.of(result.toString(), result.refs().toString(), String.valueOf(result.state()),
        result.merchantReference(), preview.toString(), state.toString(), stackTrace(capture),
        provider.toString())) {
      assertThat(returned).doesNotContain(CARD).doesNotContain("411111111111");
    }
    assertThat(result.refs()).containsEntry(KiboProvider.REF_CARD_LAST4, "1111");
    assertThat(preview.requests().get(0).body()).contains("\"cardNumber\":\"************1111\"")
        .contains("\"cardSecurityCode\":\"***\"");
  }

  @Test
  void declineCardNeverAppearsInTheException() {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(402, "error-declined.json"));

    Throwable e = catchThrowable(() -> provider.start(context(request().withPaymentMethod(
        new PaymentMethodDetails.Card(DECLINE_CARD, "12", "2031", "999", "John Smith")))));

    assertThat(stackTrace(e)).doesNotContain(DECLINE_CARD).doesNotContain("999");
  }
}
