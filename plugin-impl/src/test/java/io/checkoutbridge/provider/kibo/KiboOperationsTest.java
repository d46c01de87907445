package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KiboOperationsTest {
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

  private static ProviderPayment payment(Map<String, String> refs) {
    return new ProviderPayment(KiboTestData.PAYMENT_ID, "ORD-1001", "ORD-1001", usd("42.50"),
        KiboTestData.cart().lines(), refs);
  }

  private static ProviderOperation operation(OperationKind kind) {
    return new ProviderOperation(kind, usd("10.00"), List.of(), false, "idem-" + kind + "-0001", "admin asked", null);
  }

  @Test
  void fetchStateReportsTheAuthorizationRecordedAtStartWithoutACall() {
    ProviderState state = provider.fetchState(payment(Map.of(
        KiboProvider.REF_ORDER_ID, "100000123",
        KiboProvider.REF_EXTERNAL_ORDER_ID, "ORD-1001",
        KiboProvider.REF_AUTHORIZED_AMOUNT, "42.50",
        KiboProvider.REF_AUTHORIZATION, "AUTHORIZED")));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.merchantReference()).isEqualTo("ORD-1001");
    assertThat(state.amount()).isEqualTo(usd("42.50"));
    assertThat(state.captured()).isEqualTo(usd("0.00"));
    assertThat(state.refunded()).isEqualTo(usd("0.00"));
    assertThat(state.voided()).isEqualTo(usd("0.00"));
    assertThat(state.providerPaymentId()).isEqualTo("100000123");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void fetchStateIsRepeatable() {
    Map<String, String> refs = Map.of(KiboProvider.REF_ORDER_ID, "100000123", KiboProvider.REF_AUTHORIZATION,
        "AUTHORIZED");
    assertThat(provider.fetchState(payment(refs))).isEqualTo(provider.fetchState(payment(refs)));
  }

  @Test
  void fetchStateWithoutOrderIsNone() {
    ProviderState state = provider.fetchState(payment(Map.of()));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(state.captured()).isEqualTo(usd("0.00"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void captureRefundAndVoidAreUnsupportedWithoutACall() {
    assertThatThrownBy(() -> provider.capture(payment(Map.of()), operation(OperationKind.CAPTURE)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("no capture call");
    assertThatThrownBy(() -> provider.refund(payment(Map.of()), operation(OperationKind.REFUND)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("refund the order in Kibo OMS");
    assertThatThrownBy(() -> provider.cancel(payment(Map.of()), operation(OperationKind.VOID)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("no void call");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void callbacksAreRefused() {
    CallbackRequest callback = new CallbackRequest("POST", URI.create("https://shop.example.com/payments/callback/kibo"),
        Map.of(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.verifyCallback(callback)).isInstanceOf(SignatureException.class);
  }

  @Test
  void previewShowsBothRequestsAndTheRulesWithoutCalling() throws Exception {
    Preview preview = provider.preview(KiboTestData.request());

    assertThat(preview.providerId()).isEqualTo("kibo");
    assertThat(preview.requests()).extracting(Preview.Request::method, Preview.Request::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/createOrder/authorize"),
            org.assertj.core.groups.Tuple.tuple("POST", "/createOrder/"));
    assertThat(preview.requests().get(0).body()).contains("\"amount\":42.50").contains("\"externalCartID\"")
        .doesNotContain(KiboTestData.API_KEY);
    assertThat(preview.requests().get(1).body()).contains("\"authorizationID\":\"<authToken of the authorize answer>\"")
        .contains("\"externalLineID\":\"2#2\"");
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("line 2 split into 2 × 3.33 and 1 × 3.34"));
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("major units with the currency's 2 decimals"));
    assertThat(String.join("\n", preview.rules())).doesNotContain(KiboTestData.SECRET_KEY);
    assertThat(server.getRequestCount()).isZero();
  }
}
