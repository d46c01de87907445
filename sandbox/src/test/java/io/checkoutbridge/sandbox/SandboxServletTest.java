package io.checkoutbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet adapter, driven through JDK proxies of the servlet API: no container needed. */
class SandboxServletTest {

  private final Map<String, Object> attributes = new HashMap<>();
  private final SandboxServlet servlet = new SandboxServlet();

  /** What the fake response captured. */
  private static final class Captured {
    int status = 200;
    String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
  }

  @BeforeEach
  void init() throws Exception {
    ServletContext context = proxy(ServletContext.class, (name, args) -> switch (name) {
      case "getAttribute" -> attributes.get((String) args[0]);
      case "setAttribute" -> attributes.put((String) args[0], args[1]);
      case "removeAttribute" -> attributes.remove((String) args[0]);
      case "getContextPath" -> "/shop";
      default -> null;
    });
    ServletConfig config = proxy(ServletConfig.class, (name, args) -> switch (name) {
      case "getServletContext" -> context;
      case "getServletName" -> "sandbox";
      case "getInitParameterNames" -> Collections.emptyEnumeration();
      default -> null;
    });
    servlet.init(config);
  }

  @AfterEach
  void destroy() {
    servlet.destroy();
  }

  @Test
  void registersItselfUnderSandboxAndPublishesTheSandbox() {
    WebServlet annotation = SandboxServlet.class.getAnnotation(WebServlet.class);
    assertThat(annotation.urlPatterns()).containsExactly("/sandbox/*");
    assertThat(annotation.loadOnStartup()).isEqualTo(1);
    assertThat(attributes.get(SandboxServlet.CONTEXT_ATTRIBUTE)).isInstanceOf(Sandbox.class);
  }

  @Test
  void adaptsRequestsAndResponses() throws Exception {
    Captured out = service("POST", "/dintero/checkout/v1/sessions-profile", "include_session=true",
        Map.of("Content-Type", "application/json", "Host", "localhost:8080"), "{}".getBytes(
            StandardCharsets.UTF_8), -1);
    assertThat(out.status).isEqualTo(401); // no bearer token
    assertThat(out.contentType).isEqualTo("application/json");
    assertThat(out.headers).containsKey("request-id");
    assertThat(out.body.toString(StandardCharsets.UTF_8)).contains("\"error\"");

    Sandbox sandbox = SandboxServlet.sandbox(contextOf());
    JournalEntry entry = sandbox.journal().entries().get(0);
    assertThat(entry.path()).isEqualTo("/checkout/v1/sessions-profile");
    assertThat(entry.query()).isEqualTo("include_session=true");
    assertThat(entry.status()).isEqualTo(401);
  }

  @Test
  void hostedPageUrlsUseTheAddressTheClientUsed() throws Exception {
    Captured out = service("GET", "/", null, Map.of(), new byte[0], -1);
    assertThat(out.status).isEqualTo(200);
    assertThat(out.body.toString(StandardCharsets.UTF_8))
        .contains("http://shop.test:8080/shop/sandbox/dintero/");
  }

  @Test
  void bodiesOverOneMebibyteAreRefusedWith413() throws Exception {
    byte[] big = new byte[Sandbox.MAX_BODY_BYTES + 1];
    Captured declared = service("POST", "/dintero/checkout/v1/sessions-profile", null,
        Map.of("Content-Type", "application/json"), big, big.length);
    assertThat(declared.status).isEqualTo(413);
    Captured chunked = service("POST", "/dintero/checkout/v1/sessions-profile", null,
        Map.of("Content-Type", "application/json"), big, -1);
    assertThat(chunked.status).isEqualTo(413);
    Captured exact = service("POST", "/dintero/checkout/v1/sessions-profile", null,
        Map.of("Content-Type", "application/json"), new byte[Sandbox.MAX_BODY_BYTES], -1);
    assertThat(exact.status).isNotEqualTo(413);
  }

  @Test
  void destroyStopsTheSandboxAndRemovesIt() {
    servlet.destroy();
    assertThat(attributes).doesNotContainKey(SandboxServlet.CONTEXT_ATTRIBUTE);
  }

  private ServletContext contextOf() {
    return servlet.getServletContext();
  }

  private Captured service(String method, String pathInfo, String query,
      Map<String, String> headers, byte[] body, long contentLength) throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    ServletInputStream stream = new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {}

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }
    };
    HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
      case "getMethod" -> method;
      case "getPathInfo" -> pathInfo;
      case "getQueryString" -> query;
      case "getScheme" -> "http";
      case "getServerName" -> "shop.test";
      case "getServerPort" -> 8080;
      case "getContextPath" -> "/shop";
      case "getServletPath" -> "/sandbox";
      case "getContentLengthLong" -> contentLength;
      case "getInputStream" -> stream;
      case "getHeaderNames" -> Collections.enumeration(headers.keySet());
      case "getHeaders" -> Collections.enumeration(
          headers.containsKey((String) args[0]) ? List.of(headers.get((String) args[0]))
              : List.<String>of());
      default -> null;
    });
    Captured captured = new Captured();
    ServletOutputStream out = new ServletOutputStream() {
      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {}

      @Override
      public void write(int b) {
        captured.body.write(b);
      }
    };
    HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> {
      switch (name) {
        case "setStatus" -> captured.status = (Integer) args[0];
        case "addHeader", "setHeader" -> captured.headers.put((String) args[0], (String) args[1]);
        case "setContentType" -> captured.contentType = (String) args[0];
        case "getOutputStream" -> {
          return out;
        }
        default -> { }
      }
      return null;
    });
    servlet.service(request, response);
    return captured;
  }

  @FunctionalInterface
  private interface Answer {
    Object answer(String method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, m, args) -> {
          if (m.getDeclaringClass() == Object.class) {
            return switch (m.getName()) {
              case "hashCode" -> System.identityHashCode(p);
              case "equals" -> p == args[0];
              default -> type.getSimpleName() + " proxy";
            };
          }
          Object result = answer.answer(m.getName(), args);
          if (result == null && m.getReturnType().isPrimitive()
              && m.getReturnType() != void.class) {
            return m.getReturnType() == boolean.class ? Boolean.FALSE : 0;
          }
          return result;
        }));
  }
}
