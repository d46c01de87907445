package io.checkoutbridge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.engine.CallbackOutcome;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.provider.support.JsonHttp;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /payments/callback/{provider}}: server-to-server notifications from providers.
 *
 * <p>Two kinds of URL: per payment, sealed ({@code ?pid=…&seal=…}), for every provider; and one
 * per provider without a seal, for providers that sign their notifications and send them all to one
 * URL per merchant (Felloh), where the verified callback names its payment.
 *
 * <p>A callback's body is never trusted: whatever it says, and whether or not the provider signs
 * its notifications (Hokodo does not, nor Dintero without a signature secret), it only ever
 * triggers a fetch of the provider's state. Where the provider does not sign, that fetch is
 * throttled per payment like the shopper's pages ({@link ShopperRequests}): a delivery that comes
 * within the interval of another fetch is processed when it falls due ({@code callback.retry-after}). The URL's seal must be one made for callbacks: a shopper's return
 * URL is refused here.
 *
 * <p>Order of checks: the URL seal (401), the body size (413), the provider's signature (401),
 * then the delivery is recorded in the inbox and answered 200 ({@code accepted}, or
 * {@code duplicate} for a delivery processed before, which changes nothing). The provider's state
 * is fetched and applied right after, off the request ({@link io.checkoutbridge.engine.CallbackWorker}):
 * the provider gets its answer in one database write, whatever its own API's latency, and several
 * notifications about one payment share one fetch. The body is never trusted. When the delivery
 * cannot be recorded the answer is 5xx (503 with {@code Retry-After} when the ledger or the network
 * fails), so the provider delivers again; once recorded, a failure to
 * apply it is retried by the plugin until it succeeds. Nothing is lost either way.
 */
public class CallbackServlet extends Endpoint {
  private static final Logger LOG = Logger.getLogger(CallbackServlet.class.getName());

  @Inject
  PluginRuntime runtime;

  public CallbackServlet() {
    super("GET", "POST", "PUT");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handle(request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handle(request, response);
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handle(request, response);
  }

  private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String providerId = providerId(request);
    Map<String, List<String>> query = Responses.query(request.getQueryString());
    String claimedId = Responses.first(query, "pid");
    boolean sealed = claimedId != null || Responses.first(query, "seal") != null;
    if (providerId == null) {
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), "callback URL names no provider", null);
      return;
    }
    ShopperRequests shopper = new ShopperRequests(runtime);
    String sealedId = sealed ? shopper.sealedPayment(Seal.Purpose.CALLBACK, query) : null;
    if (sealed && sealedId == null) {
      Responses.error(response, 401, ErrorCode.SIGNATURE_INVALID.code(), "the URL seal does not verify", null);
      return;
    }
    PaymentEngine engine = runtime.paymentEngine();
    PaymentProvider provider = engine.provider(providerId).orElse(null);
    if (provider == null) {
      Responses.error(response, 404, ErrorCode.NOT_FOUND.code(), "no enabled provider " + providerId, null);
      return;
    }
    if (!sealed && !provider.capabilities().contains(Capability.SIGNED_CALLBACKS)) {
      // Without the provider's signature, only our seal proves a callback genuine.
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), "callback URL lacks pid and seal", null);
      return;
    }
    byte[] body = readLimited(request, runtime.core().maxCallbackBytes());
    if (body == null) {
      Responses.error(response, 413, ErrorCode.INVALID_REQUEST.code(),
          "callback body larger than " + runtime.core().maxCallbackBytes() + " bytes", null);
      return;
    }
    String paymentId = sealedId;
    try {
      CallbackVerification verification = provider.verifyCallback(
          toCallback(request, runtime.core().publicUrl().toString(), query, body));
      if (paymentId == null) {
        // One URL for every payment: the verified callback names its payment by the provider's id.
        if (verification.paymentReference() == null) {
          Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), "the callback names no payment", null);
          return;
        }
        paymentId = engine.paymentIdByReference(providerId, verification.paymentReference()).orElse(null);
        if (paymentId == null) {
          Responses.error(response, 404, ErrorCode.NOT_FOUND.code(), "no payment for this callback", null);
          return;
        }
      }
      CallbackOutcome outcome = engine.acceptCallback(providerId, paymentId, verification);
      if (outcome == CallbackOutcome.ACCEPTED && (signed(provider)
          || shopper.claims().claimInterval(paymentId, runtime.core().pollInterval()))) {
        // A provider's signature proves the provider sent it: processed at once. An unsigned one
        // is throttled per payment: replayed in a loop, it fetches the provider's state at most
        // once per interval; a delivery not submitted now is processed when it falls due.
        runtime.callbacks().submit(paymentId);
      }
      ObjectNode answer = JsonHttp.object();
      answer.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
      Responses.json(response, 200, answer);
    } catch (SignatureException e) {
      LOG.warning(() -> "refused a " + providerId + " callback: " + e.getMessage());
      Responses.error(response, e);
    } catch (PaymentException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_REQUEST) {
        Responses.error(response, e);
        return;
      }
      // The truth could not be fetched or saved: 5xx so the provider delivers again.
      String about = paymentId;
      LOG.log(Level.WARNING, "callback for payment " + about + " not processed, provider will retry: " + e);
      // The ledger or the network failing is temporary: 503 with Retry-After; the provider delivers again.
      boolean temporary = e.code() == ErrorCode.TRANSIENT_NETWORK || e.code() == ErrorCode.STORAGE;
      if (temporary) {
        response.setHeader("Retry-After", String.valueOf(Math.max(1, runtime.core().callbackRetry().toSeconds())));
      }
      Responses.error(response, temporary ? 503 : 500, e.code().code(),
          "the callback could not be processed now; please deliver it again", e.providerRequestId());
    }
  }

  private static boolean signed(PaymentProvider provider) {
    return provider.capabilities().contains(Capability.SIGNED_CALLBACKS);
  }

  static String providerId(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null) {
      return null;
    }
    String id = path.startsWith("/") ? path.substring(1) : path;
    return id.matches("[a-z0-9-]{1,32}") ? id : null;
  }

  /**
   * The callback as the provider called it. The URL is rebuilt from the configured public URL (the
   * one the provider was given), not from the request's host, so signatures over the URL verify
   * behind proxies and load balancers too.
   */
  private static CallbackRequest toCallback(HttpServletRequest request, String publicUrl,
      Map<String, List<String>> query, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String url = publicUrl + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    return new CallbackRequest(request.getMethod(), URI.create(url), headers, query, body);
  }

  /** The body, or {@code null} when it is larger than {@code max}. */
  private static byte[] readLimited(HttpServletRequest request, int max) throws IOException {
    if (request.getContentLengthLong() > max) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(max + 1);
      return bytes.length > max ? null : bytes;
    }
  }
}
