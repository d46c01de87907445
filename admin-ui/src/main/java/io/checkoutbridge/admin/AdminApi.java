package io.checkoutbridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.store.PaymentSearch;
import io.checkoutbridge.store.PaymentSummary;
import io.checkoutbridge.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API under {@code /payments/admin/api/}, the same endpoints the pages use:
 *
 * <ul>
 *   <li>{@code GET session}: the signed-in admin, the admin's CSRF token, providers and statuses
 *   <li>{@code GET payments?status=&provider=&from=&to=&q=&after=&limit=}: the list, newest first,
 *       one page at a time ({@code next} is the cursor of the following page)
 *   <li>{@code GET payments/{id}}: one payment with its ledger, lines, history and the actions
 *       offered now
 *   <li>{@code POST payments/{id}/capture|refund|void}: an action, JSON body with {@code mode},
 *       {@code amount} or {@code lines}, {@code reason}, {@code idempotencyKey} and optionally
 *       {@code seen}
 *   <li>{@code POST payments/{id}/refresh}: ask the provider now; answers its view too
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": {"code", "message"}}} with the stable codes of
 * {@link ErrorCode} (HTTP status by {@link Responses#status}) or this class's own for access. An
 * action's body is read strictly ({@link AdminRequests#actionForm}): a refused one is 400
 * {@code invalid_request} that also names the field, {@code param}, and the {@code problem}
 * ({@code missing}, {@code wrong_type}, {@code invalid_value}, {@code unknown_value},
 * {@code unknown_field}, {@code not_for_mode}, {@code invalid_json}). The
 * role, the same-origin check and the CSRF token are enforced by {@link AdminFilter} before any of
 * this runs.
 */
public class AdminApi extends HttpServlet {
  static final String FORBIDDEN = "forbidden";
  static final String CSRF = "csrf_token_invalid";
  static final String CROSS_ORIGIN = "cross_origin_refused";
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final Logger LOG = Logger.getLogger(AdminApi.class.getName());
  private static final Pattern PAYMENT = Pattern.compile("/payments/([^/]+)(?:/([a-z]+))?");
  private static final Pattern PAYMENT_ID = Pattern.compile("[0-9a-fA-F-]{36}");

  @Inject
  CheckoutBridgeRuntime runtime;

  private final PaymentSearch search = new PaymentSearch();
  private volatile CsrfTokens tokens;

  static String actionName(OperationKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    try {
      if (path.equals("/session")) {
        session(request, response);
        return;
      }
      if (path.equals("/payments")) {
        list(request, response);
        return;
      }
      Matcher m = PAYMENT.matcher(path);
      if (m.matches() && m.group(2) == null) {
        PaymentView payment = find(m.group(1));
        ObjectNode node = AdminJson.payment(payment, provider(payment));
        FellohApprovals.describe(node, payment, provider(payment));
        Responses.json(response, 200, node);
        return;
      }
      if (m.matches()) {
        Responses.error(response, 405, "method_not_allowed", "use POST for " + m.group(2), null);
        return;
      }
      notFound(response, path);
    } catch (PaymentException e) {
      Responses.error(response, e);
    } catch (IllegalArgumentException e) {
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null);
    } catch (RuntimeException e) {
      failed(response, path, e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    Matcher m = PAYMENT.matcher(path);
    if (!m.matches() || m.group(2) == null) {
      if (path.equals("/payments") || path.equals("/session") || m.matches()) {
        Responses.error(response, 405, "method_not_allowed", "use GET for " + path, null);
      } else {
        notFound(response, path);
      }
      return;
    }
    String action = m.group(2);
    try {
      if (FellohApprovals.handles(action)) {
        PaymentView payment = find(m.group(1));
        JsonNode body = body(request);
        FellohApprovals.act(action, body.path("code").asText(""), payment, provider(payment));
        LOG.info(() -> request.getRemoteUser() + " asked Felloh to " + action + " a refund of payment "
            + payment.paymentId());
        PaymentView after = runtime.paymentEngine().refresh(payment.paymentId());
        ObjectNode node = AdminJson.payment(after, provider(after));
        FellohApprovals.describe(node, after, provider(after));
        ObjectNode answer = AdminJson.object();
        answer.set("payment", node);
        Responses.json(response, 200, answer);
        return;
      }
      OperationKind kind = switch (action) {
        case "capture" -> OperationKind.CAPTURE;
        case "refund" -> OperationKind.REFUND;
        case "void" -> OperationKind.VOID;
        case "refresh" -> null;
        default -> throw new NotFound(path);
      };
      PaymentView payment = find(m.group(1));
      PaymentEngine engine = runtime.paymentEngine();
      ObjectNode answer = AdminJson.object();
      if (kind == null) {
        PaymentEngine.Refreshed refreshed = engine.refreshFromProvider(payment.paymentId());
        ObjectNode node = AdminJson.payment(refreshed.payment(), provider(refreshed.payment()));
        FellohApprovals.describe(node, refreshed.payment(), provider(refreshed.payment()));
        answer.set("payment", node);
        answer.set("providerView", AdminJson.providerView(refreshed.providerState(), refreshed.applied()));
        Responses.json(response, 200, answer);
        return;
      }
      JsonNode body = body(request);
      AdminRequests.ActionForm form = AdminRequests.actionForm(body, kind, payment.total().currency(),
          request.getRemoteUser());
      PaymentView after = form.seen() == null
          ? switch (kind) {
              case CAPTURE -> engine.capture(payment.paymentId(), form.command());
              case REFUND -> engine.refund(payment.paymentId(), form.command());
              case VOID -> engine.voidAuthorization(payment.paymentId(), form.command());
            }
          : engine.act(payment.paymentId(), kind, form.command(), form.seen());
      LOG.info(() -> request.getRemoteUser() + " asked to " + action + " payment " + payment.paymentId() + " ("
          + form.command().selection() + "): " + after.status());
      ObjectNode node = AdminJson.payment(after, provider(after));
      FellohApprovals.describe(node, after, provider(after));
      answer.set("payment", node);
      Responses.json(response, 200, answer);
    } catch (NotFound e) {
      notFound(response, path);
    } catch (UnsupportedMediaType e) {
      Responses.error(response, 415, ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null);
    } catch (PaymentException e) {
      Responses.error(response, e);
    } catch (AdminRequests.Refused e) {
      refused(response, e);
    } catch (IllegalArgumentException e) {
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null);
    } catch (RuntimeException e) {
      failed(response, path, e);
    }
  }

  /** 400 {@code invalid_request}, with the field ({@code param}) and what is wrong with it ({@code problem}). */
  private static void refused(HttpServletResponse response, AdminRequests.Refused e) throws IOException {
    ObjectNode body = AdminJson.object();
    body.putObject("error").put("code", ErrorCode.INVALID_REQUEST.code()).put("message", e.getMessage())
        .put("param", e.param()).put("problem", e.problem());
    Responses.json(response, 400, body);
  }

  private void session(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectNode body = AdminJson.object();
    body.put("user", request.getRemoteUser());
    CsrfTokens made = tokens;
    if (made == null) {
      made = new CsrfTokens(runtime.core().sealSecret(), Clock.systemUTC());
      tokens = made;
    }
    body.put("csrfToken", made.issue(request.getRemoteUser()));
    body.put("csrfHeader", CsrfTokens.HEADER);
    ArrayNode providers = body.putArray("providers");
    for (ProviderInfo info : runtime.paymentEngine().providers()) {
      providers.addObject().put("id", info.id()).put("name", info.displayName());
    }
    ArrayNode statuses = body.putArray("statuses");
    for (PaymentStatus status : PaymentStatus.values()) {
      statuses.add(status.name());
    }
    Responses.json(response, 200, body);
  }

  private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, PaymentException {
    PaymentSearch.Query query = AdminRequests.listQuery(Responses.query(request.getQueryString()));
    PaymentSearch.Page page = runtime.database().read(c -> search.find(c, query));
    Map<String, String> names = new HashMap<>();
    for (ProviderInfo info : runtime.paymentEngine().providers()) {
      names.put(info.id(), info.displayName());
    }
    ObjectNode body = AdminJson.object();
    ArrayNode rows = body.putArray("payments");
    for (PaymentSummary p : page.payments()) {
      rows.add(AdminJson.summary(p, names));
    }
    body.put("next", page.next() == null ? null : page.next().encode());
    body.put("limit", query.limit());
    Responses.json(response, 200, body);
  }

  private PaymentView find(String id) throws PaymentException {
    if (!PAYMENT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("'" + id + "' is not a payment id");
    }
    Optional<PaymentView> payment = runtime.paymentEngine().payment(id.toLowerCase(Locale.ROOT));
    return payment.orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND, "no payment " + id));
  }

  private PaymentProvider provider(PaymentView payment) {
    return runtime.paymentEngine().provider(payment.providerId()).orElse(null);
  }

  private static JsonNode body(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new UnsupportedMediaType();
    }
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return AdminRequests.json(bytes);
  }

  private static void notFound(HttpServletResponse response, String path) throws IOException {
    Responses.error(response, 404, ErrorCode.NOT_FOUND.code(), "no admin endpoint " + path, null);
  }

  private static void failed(HttpServletResponse response, String path, RuntimeException e) throws IOException {
    LOG.log(Level.SEVERE, "admin request " + path + " failed", e);
    Responses.error(response, 500, ErrorCode.STORAGE.code(), "the request could not be completed; try again", null);
  }

  /** An unknown action under a payment. */
  private static final class NotFound extends RuntimeException {
    NotFound(String path) {
      super(path, null, false, false);
    }
  }

  /** A body that is not JSON. */
  private static final class UnsupportedMediaType extends RuntimeException {
    UnsupportedMediaType() {
      super("send the body as application/json", null, false, false);
    }
  }
}
