package io.checkoutbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secrets with {@value #MASK} before anything reaches the journal.
 *
 * <p>Field names are compared after lower-casing and removing {@code _} and {@code -}, so {@code
 * client_secret}, {@code clientSecret} and {@code client-secret} are all caught, as are {@code
 * cardNumber} and {@code card_number}. JSON is masked at any depth; form bodies and query strings
 * are masked by parameter name. Immutable and thread-safe.
 */
public final class Masking {

  public static final String MASK = "***";

  /** Headers masked by default (compared case-insensitively). */
  public static final Set<String> DEFAULT_HEADERS =
      Set.of("authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "set-cookie");

  /** Field and parameter names masked by default. */
  public static final Set<String> DEFAULT_FIELDS =
      Set.of("client_secret", "private_key", "password", "cardNumber", "cardSecurityCode", "secret",
          "access_token", "refresh_token", "api_key", "cvv", "cvc");

  private final Set<String> headers;
  private final Set<String> fields;

  private Masking(Set<String> headers, Set<String> fields) {
    this.headers = headers;
    this.fields = fields;
  }

  public static Masking defaults() {
    return new Masking(normalizeHeaders(DEFAULT_HEADERS), normalizeFields(DEFAULT_FIELDS));
  }

  /** A copy that also masks these JSON fields and parameters. */
  public Masking withFields(Collection<String> more) {
    Set<String> all = new HashSet<>(fields);
    all.addAll(normalizeFields(more));
    return new Masking(headers, Set.copyOf(all));
  }

  public boolean isSecretField(String name) {
    return fields.contains(normalize(name));
  }

  public boolean isSecretHeader(String name) {
    return headers.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Headers with lower-case names, multiple values joined by {@code ", "}, secrets masked. */
  public Map<String, String> headers(Map<String, List<String>> in) {
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach((name, values) -> {
      String key = name.toLowerCase(Locale.ROOT);
      out.put(key, isSecretHeader(key) ? MASK : String.join(", ", values));
    });
    return out;
  }

  /** A query string with secret parameter values replaced. */
  public String query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    List<QueryStrings.Param> pairs = QueryStrings.pairs(raw);
    if (pairs.stream().noneMatch(p -> isSecretField(p.name()))) {
      return raw; // keep the client's exact encoding when nothing is secret
    }
    List<QueryStrings.Param> masked = new ArrayList<>();
    for (QueryStrings.Param p : pairs) {
      masked.add(isSecretField(p.name()) ? new QueryStrings.Param(p.name(), MASK) : p);
    }
    return QueryStrings.format(masked);
  }

  /**
   * The body for the journal: parsed and masked JSON when it is JSON, a masked form string for
   * form bodies, the text otherwise; null when empty.
   */
  public JsonNode body(byte[] body, String contentType) {
    if (body == null || body.length == 0) {
      return null;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8);
    String trimmed = text.stripLeading();
    if (type.contains("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
      var parsed = Json.tryParse(body);
      if (parsed.isPresent()) {
        return mask(parsed.get().deepCopy());
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return TextNode.valueOf(query(text));
    }
    return TextNode.valueOf(text);
  }

  /** Masks secret fields in place, at any depth, and returns the node. */
  public JsonNode mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> secret = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (isSecretField(e.getKey())) {
          secret.add(e.getKey());
        } else {
          mask(e.getValue());
        }
      }
      secret.forEach(name -> object.put(name, MASK));
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::mask);
    }
    return node;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static Set<String> normalizeFields(Collection<String> names) {
    Set<String> out = new HashSet<>();
    names.forEach(n -> out.add(normalize(n)));
    return Set.copyOf(out);
  }

  private static Set<String> normalizeHeaders(Collection<String> names) {
    Set<String> out = new HashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return Set.copyOf(out);
  }
}
