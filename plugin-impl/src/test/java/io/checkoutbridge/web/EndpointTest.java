package io.checkoutbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The endpoints' common front, without a container: methods an endpoint does not serve get 405
 * with {@code Allow} (not the 501 {@code HttpServlet} gives methods it does not know), OPTIONS
 * gets 204, a malformed query string gets 400, and the endpoint itself sees none of them.
 */
class EndpointTest {

  /** A response that records its status, headers and body. */
  static final class Recorded {
    int status = 200;
    final Map<String, String> headers = new HashMap<>();
    final StringWriter body = new StringWriter();

    HttpServletResponse response() {
      PrintWriter writer = new PrintWriter(body);
      return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
            case "setStatus" -> {
              status = (Integer) args[0];
              yield null;
            }
            case "setHeader" -> {
              headers.put((String) args[0], (String) args[1]);
              yield null;
            }
            case "getWriter" -> writer;
            default -> null;
          });
    }
  }

  private static HttpServletRequest request(String method, String query) {
    return (HttpServletRequest) Proxy.newProxyInstance(EndpointTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getQueryString" -> query;
          case "getProtocol" -> "HTTP/1.1";
          default -> null;
        });
  }

  /** An endpoint serving GET and POST that counts what reaches it. */
  static final class Counting extends Endpoint {
    int reached;

    Counting() {
      super("GET", "POST");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      reached++;
      response.setStatus(200);
    }
  }

  @Test
  void methodsTheEndpointDoesNotServeGet405WithTheAllowedMethods() throws Exception {
    Counting endpoint = new Counting();
    for (String method : new String[] {"PATCH", "PROPFIND", "MKCOL", "FOO", "PUT", "DELETE", "get"}) {
      Recorded r = new Recorded();
      endpoint.service(request(method, null), r.response());
      assertThat(r.status).as(method).isEqualTo(405);
      assertThat(r.headers).as(method).containsEntry("Allow", "GET, POST, HEAD, OPTIONS");
      assertThat(r.body.toString()).contains("invalid_request");
    }
    Recorded options = new Recorded();
    endpoint.service(request("OPTIONS", null), options.response());
    assertThat(options.status).isEqualTo(204);
    assertThat(options.headers).containsEntry("Allow", "GET, POST, HEAD, OPTIONS");
    assertThat(endpoint.reached).isZero();

    Recorded get = new Recorded();
    endpoint.service(request("GET", "pid=a"), get.response());
    assertThat(get.status).isEqualTo(200);
    assertThat(endpoint.reached).isEqualTo(1);
  }

  @Test
  void aMalformedQueryStringGets400AndNeverReachesTheEndpoint() throws Exception {
    Counting endpoint = new Counting();
    for (String query : new String[] {"pid=%zz", "%", "a=%ff", "pid=%00", "x=%E0%A4%A"}) {
      Recorded r = new Recorded();
      endpoint.service(request("GET", query), r.response());
      assertThat(r.status).as(query).isEqualTo(400);
    }
    assertThat(endpoint.reached).isZero();
  }
}
