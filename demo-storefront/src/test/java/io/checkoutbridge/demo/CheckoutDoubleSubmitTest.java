package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checkout servlet without a container: the same checkout form sent twice (the shopper
 * clicks twice, or reloads the answer) starts one payment, and both sends go to its page; and
 * customer text that is markup is shown as text on the checkout and the order page.
 */
class CheckoutDoubleSubmitTest {
  private final Map<String, Object> sessionAttributes = new ConcurrentHashMap<>();
  private final AtomicInteger starts = new AtomicInteger();

  private final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {HttpSession.class}, (proxy, m, args) -> switch (m.getName()) {
        case "getAttribute" -> sessionAttributes.get((String) args[0]);
        case "setAttribute" -> {
          sessionAttributes.put((String) args[0], args[1]);
          yield null;
        }
        case "removeAttribute" -> sessionAttributes.remove((String) args[0]);
        case "getId" -> "session-1";
        case "hashCode" -> 1;
        case "equals" -> proxy == args[0];
        default -> null;
      });

  private final Payments payments = (Payments) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {Payments.class}, (proxy, m, args) -> switch (m.getName()) {
        case "providers" -> List.of(new ProviderInfo("dintero", "Dintero", EnumSet.of(Capability.REDIRECT)));
        case "start" -> {
          int n = starts.incrementAndGet();
          yield new CheckoutStart("payment-" + n, new NextStep.Redirect(URI.create("https://provider.example/pay/" + n)));
        }
        case "payment", "orderStatus" -> Optional.empty();
        case "paymentsForOrder" -> List.of();
        default -> null;
      });

  /** An answer: status, headers, body. */
  record Answer(int[] status, Map<String, String> headers, StringWriter body) {
    HttpServletResponse response() {
      PrintWriter writer = new PrintWriter(body);
      return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
            case "setStatus" -> {
              status[0] = (Integer) args[0];
              yield null;
            }
            case "setHeader", "addHeader" -> {
              headers.put((String) args[0], String.valueOf(args[1]));
              yield null;
            }
            case "getWriter" -> writer;
            case "encodeURL", "encodeRedirectURL" -> args[0];
            default -> null;
          });
    }

    static Answer fresh() {
      return new Answer(new int[] {200}, new HashMap<>(), new StringWriter());
    }
  }

  private HttpServletRequest request(String method, Map<String, String> parameters) {
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getSession" -> session;
          case "getParameter" -> parameters.get((String) args[0]);
          case "getParameterMap" -> Collections.unmodifiableMap(new HashMap<>());
          case "getContextPath" -> "/shop";
          case "getMethod" -> method;
          case "getRequestURI" -> "/shop/checkout";
          case "getServletPath" -> "/checkout";
          case "getRemoteAddr" -> "203.0.113.5";
          case "getPathInfo" -> parameters.get("pathInfo");
          case "getScheme" -> "http";
          default -> null;
        });
  }

  /** The servlet as the container hands it out: initialised, with no context parameters set. */
  private static CheckoutServlet initialised() throws Exception {
    ServletContext context = (ServletContext) Proxy.newProxyInstance(CheckoutDoubleSubmitTest.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, m, args) -> null);
    ServletConfig config = (ServletConfig) Proxy.newProxyInstance(CheckoutDoubleSubmitTest.class.getClassLoader(),
        new Class<?>[] {ServletConfig.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getServletContext" -> context;
          case "getServletName" -> "checkout";
          default -> null;
        });
    CheckoutServlet servlet = new CheckoutServlet();
    servlet.init(config);
    return servlet;
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void theSameCheckoutFormSentTwiceStartsOnePaymentAndBothGoToIt() throws Exception {
    CheckoutServlet servlet = initialised();
    servlet.payments = payments;
    servlet.orders = new Orders();
    ShopCart.of(session).add(Catalog.products().get(0).sku(), 1);

    Answer page = Answer.fresh();
    servlet.doGet(request("GET", Map.of()), page.response());
    String html = page.body().toString();
    Map<String, String> form = new HashMap<>(Map.of("firstName", "Ada", "lastName", "Lovelace",
        "email", "ada@example.com", "phone", "+447700900123", "line1", "12 Analytical Row", "city", "London",
        "postcode", "N1 9GU", "country", "GB", "provider", "dintero"));
    form.put("_csrf", hidden(html, "_csrf"));
    String token = hidden(html, "_form");
    if (token != null) {
      form.put("_form", token);
    }

    Answer first = Answer.fresh();
    servlet.doPost(request("POST", form), first.response());
    Answer second = Answer.fresh();
    servlet.doPost(request("POST", form), second.response());

    assertThat(first.status()[0]).as(first.body().toString()).isEqualTo(303);
    assertThat(first.headers()).containsEntry("Location", "https://provider.example/pay/1");
    assertThat(starts).as("payments started").hasValue(1);
    assertThat(second.status()[0]).isEqualTo(303);
    assertThat(second.headers()).containsEntry("Location", "https://provider.example/pay/1");
  }

  @Test
  void customerTextThatIsMarkupIsShownAsTextOnTheCheckoutAndTheOrderPage() throws Exception {
    CheckoutServlet servlet = initialised();
    servlet.payments = payments;
    servlet.orders = new Orders();
    ShopCart.of(session).add(Catalog.products().get(0).sku(), 1);
    String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

    Answer page = Answer.fresh();
    servlet.doGet(request("GET", Map.of()), page.response());
    Map<String, String> form = new HashMap<>(Map.of("firstName", hostile, "lastName", hostile + "\u0000",
        "email", "not-an-email" + hostile, "line1", hostile, "city", hostile, "postcode", "N1 9GU", "country", "GB",
        "provider", "dintero"));
    form.put("_csrf", hidden(page.body().toString(), "_csrf"));
    form.put("_form", hidden(page.body().toString(), "_form"));
    Answer refused = Answer.fresh();
    servlet.doPost(request("POST", form), refused.response());
    String again = refused.body().toString();
    assertThat(refused.status()[0]).isEqualTo(422);
    assertThat(again).doesNotContain("<script>alert(1)", "<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(starts).hasValue(0);

    form.put("email", "ada@example.com");
    form.put("lastName", "Lovelace");
    form.put("_form", hidden(again, "_form"));
    Answer started = Answer.fresh();
    servlet.doPost(request("POST", form), started.response());
    assertThat(started.status()[0]).as(started.body().toString()).isEqualTo(303);
    String reference = (String) sessionAttributes.get(CheckoutServlet.OPEN_ORDER);

    OrderServlet orderPage = new OrderServlet();
    orderPage.payments = payments;
    orderPage.orders = servlet.orders;
    Answer shown = Answer.fresh();
    orderPage.doGet(request("GET", Map.of("pathInfo", "/" + reference)), shown.response());
    assertThat(shown.status()[0]).isEqualTo(200);
    assertThat(shown.body().toString()).doesNotContain("<script>alert(1)", "<img src=x").contains("&lt;script&gt;");
  }
}
