package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.codec.Digests;
import io.checkoutbridge.codec.QueryStrings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dintero's callback signature: header {@code Dintero-Signature: t=<unix>,v0-hmac-sha256=<hex>},
 * an HMAC-SHA256 with the account's signature secret over
 * {@code "<t>\n<account_id>\n<METHOD>\n<hostname>\n<pathname>\n<query>"}. The query is the callback
 * URL's parameters sorted by name (a stable sort: repeated names keep their order) and
 * form-encoded with {@code +} for spaces, as a browser's {@code URLSearchParams} does; the body is
 * not signed. Immutable and thread-safe.
 */
final class DinteroSignature {
  static final String HEADER = "Dintero-Signature";
  private static final String SCHEME = "v0-hmac-sha256";

  private final String accountId;
  private final byte[] secret;
  private final Duration tolerance;

  DinteroSignature(String accountId, String secret, Duration tolerance) {
    this.accountId = accountId;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = tolerance;
  }

  /**
   * Checks a callback's signature header against its method and URL.
   *
   * @throws SignatureException when the header is missing, malformed, outside the tolerance or
   *     does not match; the message never contains the secret or the expected signature
   */
  void verify(String header, String method, URI url, Instant now) throws SignatureException {
    if (header == null || header.isBlank()) {
      throw new SignatureException("Dintero callback without a " + HEADER + " header");
    }
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if ("t".equals(name)) {
        timestamp = value;
      } else if (SCHEME.equals(name)) {
        signatures.add(value.toLowerCase(Locale.ROOT));
      }
    }
    if (timestamp == null || !timestamp.matches("\\d{1,12}") || signatures.isEmpty()) {
      throw new SignatureException("Dintero callback with a malformed " + HEADER + " header");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      throw new SignatureException("Dintero callback signed at " + signedAt + ", outside the tolerance of "
          + tolerance);
    }
    byte[] expected = sign(timestamp, method, url).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String candidate : signatures) {
      // Compare every candidate in constant time; never stop early on a match.
      match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    if (!match) {
      throw new SignatureException("Dintero callback signature does not match");
    }
  }

  /** The header value Dintero would send for this request at {@code timestamp} (for tests and the sandbox check). */
  String header(long timestamp, String method, URI url) {
    return "t=" + timestamp + "," + SCHEME + "=" + sign(Long.toString(timestamp), method, url);
  }

  private String sign(String timestamp, String method, URI url) {
    // As a browser's URL reports them: host name in lower case, "/" for an empty path.
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String payload = timestamp + "\n" + accountId + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + host
        + "\n" + path + "\n" + canonicalQuery(url.getRawQuery());
    return HexFormat.of().formatHex(Digests.hmacSha256(secret, payload.getBytes(StandardCharsets.UTF_8)));
  }

  /** Sorted by name (stable), each name and value form-encoded: {@code a=1&b=x+y}. */
  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> pairs = new ArrayList<>(QueryStrings.pairs(rawQuery));
    pairs.sort(Comparator.comparing(Map.Entry::getKey)); // List.sort is stable
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> pair : pairs) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(encode(pair.getKey())).append('=').append(encode(pair.getValue()));
    }
    return query.toString();
  }

  // URLEncoder leaves exactly A-Z a-z 0-9 * - . _ alone and writes spaces as +, like URLSearchParams.
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
