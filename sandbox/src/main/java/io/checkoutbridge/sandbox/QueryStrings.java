package io.checkoutbridge.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} parsing and building, used for query strings and form
 * bodies alike (spaces are {@code +}, as browsers and Dintero's signature expect).
 */
public final class QueryStrings {

  private QueryStrings() {}

  /** One name/value pair, decoded. */
  public record Param(String name, String value) {}

  /** The decoded pairs in their original order; null or empty input gives an empty list. */
  public static List<Param> pairs(String raw) {
    if (raw == null || raw.isEmpty()) {
      return List.of();
    }
    List<Param> out = new ArrayList<>();
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      out.add(new Param(decode(name), decode(value)));
    }
    return Collections.unmodifiableList(out);
  }

  /** Decoded parameters grouped by name, in order of first appearance. */
  public static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Param p : pairs(raw)) {
      out.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value());
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value; // a malformed escape is kept as sent rather than rejected
    }
  }

  /** Encodes pairs as {@code a=1&b=2}. */
  public static String format(List<Param> params) {
    StringBuilder out = new StringBuilder();
    for (Param p : params) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(p.name())).append('=').append(encode(p.value()));
    }
    return out.toString();
  }

  /**
   * Appends parameters to a URL, keeping the query it already has (and dropping any fragment, which
   * a server never sees).
   */
  public static String append(String url, List<Param> params) {
    String base = url;
    int hash = base.indexOf('#');
    if (hash >= 0) {
      base = base.substring(0, hash);
    }
    if (params.isEmpty()) {
      return base;
    }
    String sep = base.indexOf('?') < 0 ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
    return base + sep + format(params);
  }
}
