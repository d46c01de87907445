package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.SelfTestResult;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hokodo's self-test reads an order that does not exist. The answers are Django REST framework's
 * own: its views authenticate before the object is looked up, a missing object is
 * {@code 404 {"detail": "Not found."}} (DRF's {@code NotFound.default_detail}) and a wrong token
 * {@code 401 {"detail": "Invalid token."}} (DRF's {@code TokenAuthentication}).
 */
class HokodoSelfTestTest {
  private static final String API_KEY = "hokodo-self-test-key-0001";

  private MockWebServer server;
  private OkHttpClient http;
  private HokodoProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    http = HttpClients.create(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3)));
    HokodoSettings settings = new HokodoSettings(true, API_KEY, URI.create(server.url("/v1").toString()), null,
        HokodoSettings.CheckoutMode.REDIRECT, null);
    provider = new HokodoProvider(settings, http, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    server.close();
    HttpClients.shutdown(http);
  }

  private void answer(int code, String type, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", type).body(body).build());
  }

  @Test
  void hokodosNotFoundForTheProbeOrderMeansTheKeyWasAccepted() throws Exception {
    answer(404, "application/json", "{\"detail\":\"Not found.\"}");
    SelfTestResult result = provider.selfTest();
    assertThat(result.outcome()).isEqualTo(SelfTestResult.Outcome.OK);
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/payment/orders/" + HokodoClient.SELF_TEST_ORDER);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Token " + API_KEY);
    assertThat(result.detail()).isEqualTo("GET /v1/payment/orders/" + HokodoClient.SELF_TEST_ORDER);
  }

  @Test
  void aRefusedTokenIsAnAuthenticationFailureNamingHokodoWithoutTheKey() {
    answer(401, "application/json", "{\"detail\":\"Invalid token.\"}");
    assertThatThrownBy(provider::selfTest).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Hokodo").hasMessageContaining("Invalid token.").hasMessageNotContaining(API_KEY);
  }

  @Test
  void aNotFoundPageThatIsNotHokodosIsAFailureNotAnAcceptedKey() {
    answer(404, "text/html", "<html><body>404 - Not Found</body></html>");
    assertThatThrownBy(provider::selfTest).isInstanceOf(PaymentException.class).hasMessageContaining("404");
  }
}
