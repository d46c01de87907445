package io.checkoutbridge.codec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a raw query string ({@code a=1&b=x+y&c}) into its pairs, in order, as
 * {@code application/x-www-form-urlencoded} defines it: {@code +} is a space, {@code %XX} a UTF-8
 * byte, a name without {@code =} has the empty value, empty pieces between {@code &} are skipped.
 * Stateless.
 */
public final class QueryStrings {
  private QueryStrings() {}

  /**
   * The decoded pairs of {@code rawQuery} (none for {@code null} or empty), in their order, repeated
   * names kept.
   *
   * @throws IllegalArgumentException for a broken {@code %} escape or bytes that are not UTF-8
   */
  public static List<Map.Entry<String, String>> pairs(String rawQuery) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      pairs.add(Map.entry(name, value));
    }
    return pairs;
  }

  private static String decode(String s) {
    String decoded;
    try {
      decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the query string is malformed (a broken % escape)");
    }
    // URLDecoder writes U+FFFD for bytes that are not UTF-8; one that was sent as such is kept.
    if (decoded.indexOf('\uFFFD') >= 0 && s.indexOf('\uFFFD') < 0) {
      throw new IllegalArgumentException("the query string is malformed (not UTF-8)");
    }
    return decoded;
  }
}
