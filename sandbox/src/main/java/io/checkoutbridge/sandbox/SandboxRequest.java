package io.checkoutbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a simulator sees it, independent of any servlet container.
 *
 * @param method upper-case HTTP method
 * @param path the path below the current level: below {@code /sandbox} when given to {@link
 *     Sandbox#handle}, below {@code /sandbox/{provider}} when given to a {@link Simulator}; always
 *     starts with {@code /}, not URL-decoded further than the container did
 * @param rawQuery the query string as sent, without {@code ?}; empty when none
 * @param query the decoded query parameters, by name, in order
 * @param headers request headers; names are case-insensitive
 * @param body the body bytes (empty when none); defensive copies in and out
 * @param baseUrl the sandbox's own base URL as the client reached it, e.g. {@code
 *     http://localhost:8080/shop/sandbox}, without trailing slash
 */
public record SandboxRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String baseUrl) {

  public SandboxRequest {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    path = path == null || path.isEmpty() ? "/" : (path.startsWith("/") ? path : "/" + path);
    rawQuery = rawQuery == null ? "" : rawQuery;
    query = query == null ? QueryStrings.parse(rawQuery) : copy(query, false);
    headers = copy(headers == null ? Map.of() : headers, true);
    body = body == null ? new byte[0] : body.clone();
    baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter, if present. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** The media type without parameters, lower-case; empty string when absent. */
  public String contentType() {
    String value = header("Content-Type").orElse("");
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  public boolean isForm() {
    return contentType().equals("application/x-www-form-urlencoded");
  }

  /** Form fields of an {@code application/x-www-form-urlencoded} body; empty otherwise. */
  public Map<String, List<String>> form() {
    return isForm() ? QueryStrings.parse(bodyText()) : Map.of();
  }

  /** Same request with another path (used when the sandbox strips the provider segment). */
  public SandboxRequest withPath(String newPath) {
    return new SandboxRequest(method, newPath, rawQuery, query, headers, body, baseUrl);
  }

  /** The path split into non-empty segments. */
  public List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SandboxRequest r
        && method.equals(r.method)
        && path.equals(r.path)
        && rawQuery.equals(r.rawQuery)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body)
        && baseUrl.equals(r.baseUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, rawQuery, headers, Arrays.hashCode(body), baseUrl);
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
        + " (" + body.length + " bytes)";
  }

  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> in, boolean caseless) {
    Map<String, List<String>> out =
        caseless ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new java.util.LinkedHashMap<>();
    in.forEach((k, v) -> out.merge(k, List.copyOf(v), (a, b) -> {
      List<String> both = new ArrayList<>(a);
      both.addAll(b);
      return List.copyOf(both);
    }));
    return Collections.unmodifiableMap(out);
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Builds requests for tests and adapters. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<QueryStrings.Param> query = new ArrayList<>();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];
    private String baseUrl = "http://localhost:8080/sandbox";
    private String rawQuery;

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    public Builder bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    public Builder basicAuth(String user, String password) {
      String raw = user + ":" + password;
      return header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** Adds one query parameter (encoded for you). */
    public Builder query(String name, String value) {
      query.add(new QueryStrings.Param(name, value));
      return this;
    }

    /** Sets the raw query string as sent, replacing parameters added with {@link #query}. */
    public Builder rawQuery(String raw) {
      this.rawQuery = raw;
      query.clear();
      return this;
    }

    public Builder body(byte[] bytes, String contentType) {
      this.body = bytes.clone();
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
      return this;
    }

    /** A JSON body: a String is sent as is, anything else is serialised with {@link Json}. */
    public Builder json(Object value) {
      byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.bytes(value);
      return body(bytes, "application/json");
    }

    /** A form body from name, value, name, value... */
    public Builder form(String... namesAndValues) {
      if (namesAndValues.length % 2 != 0) {
        throw new IllegalArgumentException("form() takes name/value pairs");
      }
      List<QueryStrings.Param> fields = new ArrayList<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        fields.add(new QueryStrings.Param(namesAndValues[i], namesAndValues[i + 1]));
      }
      return body(QueryStrings.format(fields).getBytes(StandardCharsets.UTF_8),
          "application/x-www-form-urlencoded");
    }

    public Builder baseUrl(String url) {
      this.baseUrl = url;
      return this;
    }

    public SandboxRequest build() {
      String raw = rawQuery != null ? rawQuery : QueryStrings.format(query);
      return new SandboxRequest(method, path, raw, null, headers, body, baseUrl);
    }
  }
}
