package io.checkoutbridge.sandbox;

import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serves every simulator under {@code /sandbox/*}. A jar in {@code WEB-INF/lib} registers it
 * through the annotation; no {@code web.xml} entry is needed.
 *
 * <p>It only adapts HTTP: reads the body (refusing more than {@link Sandbox#MAX_BODY_BYTES} with
 * 413), builds a {@link SandboxRequest} and writes the {@link SandboxResponse}. Everything else
 * (journal, faults, dispatch) happens in {@link Sandbox#handle}. The {@link Sandbox} is created in
 * {@link #init()}, published as the servlet-context attribute {@link #CONTEXT_ATTRIBUTE}, and
 * closed in {@link #destroy()}.
 */
@WebServlet(urlPatterns = "/sandbox/*", loadOnStartup = 1)
public final class SandboxServlet extends HttpServlet {

  /** Servlet-context attribute holding this web application's {@link Sandbox}. */
  public static final String CONTEXT_ATTRIBUTE = Sandbox.class.getName();

  private transient Sandbox sandbox;

  /** The sandbox of a web application, for in-process use (e.g. a demo page listing faults). */
  public static Sandbox sandbox(ServletContext context) {
    return (Sandbox) context.getAttribute(CONTEXT_ATTRIBUTE);
  }

  @Override
  public void init() {
    sandbox = Sandbox.standard();
    getServletContext().setAttribute(CONTEXT_ATTRIBUTE, sandbox);
    log("provider sandbox serving " + sandbox.simulators().keySet() + " under "
        + getServletContext().getContextPath() + "/sandbox/");
  }

  @Override
  public void destroy() {
    if (sandbox != null) {
      getServletContext().removeAttribute(CONTEXT_ATTRIBUTE);
      sandbox.close();
      sandbox = null;
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SandboxResponse response;
    long declared = req.getContentLengthLong();
    byte[] body = declared > Sandbox.MAX_BODY_BYTES ? null : readLimited(req.getInputStream());
    SandboxRequest request = adapt(req, body == null ? new byte[0] : body);
    if (body == null) {
      response = sandbox.reject(request, 413, "payload_too_large",
          "Request body exceeds " + Sandbox.MAX_BODY_BYTES + " bytes");
    } else {
      response = sandbox.handle(request);
    }
    write(response, resp);
  }

  private static SandboxRequest adapt(HttpServletRequest req, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
    }
    return new SandboxRequest(req.getMethod(), req.getPathInfo(), req.getQueryString(), null,
        headers, body, baseUrl(req));
  }

  /** Scheme, host and port as the client addressed us, plus the context and servlet path. */
  static String baseUrl(HttpServletRequest req) {
    String scheme = req.getScheme();
    String host = req.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // IPv6 literal
    }
    int port = req.getServerPort();
    boolean defaultPort = ("http".equals(scheme) && port == 80)
        || ("https".equals(scheme) && port == 443) || port <= 0;
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + req.getContextPath()
        + req.getServletPath();
  }

  /** The body, or null when it is longer than the limit. */
  private static byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > Sandbox.MAX_BODY_BYTES) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void write(SandboxResponse response, HttpServletResponse resp) throws IOException {
    resp.setStatus(response.status());
    response.headers().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
    byte[] body = response.body();
    if (response.contentType() != null) {
      resp.setContentType(response.contentType());
    }
    if (body.length > 0) {
      resp.setContentLength(body.length);
      try (OutputStream out = resp.getOutputStream()) {
        out.write(body);
      }
    }
  }
}
