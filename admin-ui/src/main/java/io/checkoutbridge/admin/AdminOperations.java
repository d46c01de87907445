package io.checkoutbridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.ops.NeedsAttention;
import io.checkoutbridge.ops.PaymentsCsv;
import io.checkoutbridge.ops.ProviderSelfTests;
import io.checkoutbridge.store.AttentionQueries;
import io.checkoutbridge.store.PaymentSearch;
import io.checkoutbridge.store.PaymentSummary;
import io.checkoutbridge.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin's operations endpoints, next to {@link AdminApi} and behind the same {@link AdminFilter}:
 *
 * <ul>
 *   <li>{@code GET /payments/admin/api/self-test}: each enabled provider's self-test (credentials and
 *       reachability), {@code {"providers":[{"id","name","status","detail","code","requestId","millis"}]}};
 *       a failing provider is a line with status {@code FAILED}, the answer is still 200
 *   <li>{@code GET /payments/admin/api/export.csv?status=&provider=&from=&to=&q=}: every payment the
 *       list's filters select, newest first, as CSV ({@link PaymentsCsv}), written page by page as
 *       it is read
 *   <li>{@code GET /payments/admin/api/attention?olderThan=PT1H}: the payments that need a person
 *       ({@link AttentionQueries}), each with its reason, why and what the admin can do
 * </ul>
 */
public class AdminOperations extends HttpServlet {
  static final String SELF_TEST = "/payments/admin/api/self-test";
  static final String EXPORT = "/payments/admin/api/export.csv";
  static final String ATTENTION = "/payments/admin/api/attention";
  /** How long a payment may stay unsettled before it is listed, unless {@code olderThan} says otherwise. */
  static final Duration DEFAULT_OLDER_THAN = Duration.ofHours(1);
  static final int MAX_PER_REASON = 200;

  private static final Logger LOG = Logger.getLogger(AdminOperations.class.getName());

  @Inject
  CheckoutBridgeRuntime runtime;

  private final PaymentSearch search = new PaymentSearch();
  private final AttentionQueries attention = new AttentionQueries();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getServletPath();
    try {
      if (SELF_TEST.equals(path)) {
        selfTest(request, response);
      } else if (EXPORT.equals(path)) {
        export(request, response);
      } else if (ATTENTION.equals(path)) {
        attention(request, response);
      } else {
        Responses.error(response, 404, ErrorCode.NOT_FOUND.code(), "no admin endpoint " + path, null);
      }
    } catch (IllegalArgumentException e) {
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null);
    } catch (PaymentException | RuntimeException e) {
      LOG.log(Level.SEVERE, "admin request " + path + " failed", e);
      if (!response.isCommitted()) {
        Responses.error(response, 500, ErrorCode.STORAGE.code(), "the request could not be completed; try again", null);
      }
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Responses.error(response, 405, "method_not_allowed", "use GET for " + request.getServletPath(), null);
  }

  private void selfTest(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectNode body = AdminJson.object();
    ArrayNode providers = body.putArray("providers");
    for (ProviderSelfTests.Line line : ProviderSelfTests.run(runtime.engineProviders(), Clock.systemUTC())) {
      providers.addObject()
          .put("id", line.providerId())
          .put("name", line.providerName())
          .put("status", line.status().name())
          .put("detail", line.detail())
          .put("code", line.code())
          .put("requestId", line.requestId())
          .put("millis", line.took().toMillis());
    }
    LOG.info(() -> request.getRemoteUser() + " ran the providers' self-test");
    Responses.json(response, 200, body);
  }

  private void attention(HttpServletRequest request, HttpServletResponse response) throws IOException, PaymentException {
    String text = Responses.first(Responses.query(request.getQueryString()), "olderThan");
    Duration olderThan;
    try {
      olderThan = text == null || text.isBlank() ? DEFAULT_OLDER_THAN : Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("olderThan must be an ISO-8601 duration such as PT1H");
    }
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative");
    }
    Instant settledBy = Instant.now().minus(olderThan);
    List<AttentionQueries.Row> rows = runtime.database().read(c -> attention.find(c, settledBy, MAX_PER_REASON));
    ObjectNode body = AdminJson.object();
    body.put("olderThan", olderThan.toString());
    ArrayNode list = body.putArray("payments");
    for (AttentionQueries.Row row : rows) {
      list.addObject()
          .put("id", row.paymentId())
          .put("provider", row.provider())
          .put("orderReference", row.orderReference())
          .put("status", row.status().name())
          .put("reason", row.reason().name())
          .put("since", row.since().toString())
          .put("count", row.count())
          .put("detail", row.detail())
          .put("why", NeedsAttention.why(row.reason()))
          .put("action", NeedsAttention.action(row.reason()));
    }
    Responses.json(response, 200, body);
  }

  private void export(HttpServletRequest request, HttpServletResponse response) throws IOException, PaymentException {
    PaymentSearch.Query first = AdminRequests.listQuery(Responses.query(request.getQueryString()));
    // The whole selection, not one screen of it: start at the top, the largest pages the search allows.
    PaymentSearch.Query query = new PaymentSearch.Query(first.statuses(), first.provider(), first.from(), first.to(),
        first.text(), null, PaymentSearch.MAX_LIMIT);
    PaymentSearch.Page page = runtime.database().read(c -> search.find(c, query));
    response.setStatus(200);
    response.setContentType("text/csv; charset=utf-8; header=present");
    response.setHeader("Content-Disposition", "attachment; filename=\"payments.csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    PaymentsCsv.header(out);
    int rows = 0;
    while (true) {
      for (PaymentSummary payment : page.payments()) {
        PaymentsCsv.row(out, payment);
        rows++;
      }
      out.flush();
      if (page.next() == null) {
        break;
      }
      PaymentSearch.Query next = query.after(page.next());
      page = runtime.database().read(c -> search.find(c, next));
    }
    out.flush();
    int exported = rows;
    LOG.info(() -> request.getRemoteUser() + " exported " + exported + " payments as CSV");
  }
}
