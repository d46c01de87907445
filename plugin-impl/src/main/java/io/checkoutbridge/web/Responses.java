package io.checkoutbridge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.codec.QueryStrings;
import io.checkoutbridge.provider.support.JsonHttp;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the endpoints: JSON errors with stable codes, query parsing, escaping. */
public final class Responses {
  private Responses() {}

  /** The HTTP status for an error code: 4xx for the caller's mistakes, 5xx where trying again helps. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST -> 400;
      case SIGNATURE_INVALID -> 401;
      case NOT_FOUND -> 404;
      case ILLEGAL_TRANSITION, OPERATION_IN_PROGRESS, STATE_MISMATCH -> 409;
      case UNSUPPORTED -> 422;
      case DECLINED -> 402;
      case RATE_LIMITED -> 429;
      case TRANSIENT_NETWORK -> 503;
      case AUTHENTICATION, PROVIDER_ERROR, CONFIGURATION, STORAGE -> 500;
    };
  }

  public static void error(HttpServletResponse response, PaymentException e) throws IOException {
    error(response, status(e.code()), e.code().code(), e.getMessage(), e.providerRequestId());
  }

  public static void error(HttpServletResponse response, int status, String code, String message, String requestId)
      throws IOException {
    ObjectNode body = JsonHttp.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (requestId != null) {
      error.put("provider_request_id", requestId);
    }
    json(response, status, body);
  }

  public static void json(HttpServletResponse response, int status, ObjectNode body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(body.toString());
  }

  /**
   * Query parameters decoded from the raw query string (never from a form body).
   *
   * @throws IllegalArgumentException when the string cannot be decoded (a broken {@code %} escape,
   *     bytes that are not UTF-8) or holds a NUL character, which no column can store; the
   *     endpoints answer 400 (see {@link Endpoint})
   */
  public static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (Map.Entry<String, String> pair : QueryStrings.pairs(rawQuery)) {
      if (pair.getKey().indexOf('\u0000') >= 0 || pair.getValue().indexOf('\u0000') >= 0) {
        throw new IllegalArgumentException("the query string holds a NUL character");
      }
      params.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
    }
    return params;
  }

  public static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** HTML-escapes text for pages. */
  public static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
