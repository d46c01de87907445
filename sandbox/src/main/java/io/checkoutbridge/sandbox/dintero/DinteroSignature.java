package io.checkoutbridge.sandbox.dintero;

import io.checkoutbridge.sandbox.QueryStrings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Dintero-Signature} callback header: {@code t=<unix>,v0-hmac-sha256=<hex>}, the HMAC
 * over {@code "<t>\n<account_id>\n<METHOD>\n<hostname>\n<pathname>\n<query>"} where the query is
 * re-encoded form-style (spaces as {@code +}) with parameters sorted by name, then value. The body
 * is not signed.
 */
final class DinteroSignature {

  private DinteroSignature() {}

  static String header(String secret, long unixSeconds, String accountId, String method, URI uri) {
    return "t=" + unixSeconds + ",v0-hmac-sha256="
        + hmacHex(secret, payload(unixSeconds, accountId, method, uri));
  }

  static String payload(long unixSeconds, String accountId, String method, URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    List<QueryStrings.Param> params = new ArrayList<>(QueryStrings.pairs(uri.getRawQuery()));
    params.sort(Comparator.comparing(QueryStrings.Param::name)
        .thenComparing(QueryStrings.Param::value));
    return unixSeconds + "\n" + accountId + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + host
        + "\n" + path + "\n" + QueryStrings.format(params);
  }

  static String hmacHex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
