package io.checkoutbridge.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets and card data from provider JSON before it is kept in the history or written to
 * a log. Field names are matched case-insensitively, with or without separators
 * ({@code access_token}, {@code accessToken}); runs of 12 to 19 digits that look like card numbers
 * are masked wherever they appear: inside text even when glued to letters or underscores
 * ({@code order4111111111111111x}; a word boundary is not required), with single spaces or dashes
 * between groups, and as JSON numbers ({@code "pan": 4111111111111111}), which become the mask text.
 */
public final class Scrubber {
  private static final Set<String> SECRET_FIELDS = Set.of(
      "accesstoken", "token", "refreshtoken", "clientsecret", "secret", "privatekey", "password",
      "apikey", "authorization", "cardnumber", "number", "cardsecuritycode", "cvc", "cvv",
      "securitycode", "pin", "paypaltoken", "paymentmethodtoken", "authtoken", "cardtoken");
  /** 12 to 19 digits, optionally grouped by single spaces or dashes, not part of a longer digit run. */
  private static final Pattern CARD_LIKE = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){11,18}(?!\\d)");
  public static final String MASK = "***";

  private Scrubber() {}

  /** A scrubbed deep copy. */
  public static JsonNode scrub(JsonNode node) {
    if (node == null) {
      return null;
    }
    JsonNode copy = node.deepCopy();
    scrubInPlace(copy);
    return copy;
  }

  /** A scrubbed compact JSON text, or {@code null} for {@code null}. */
  public static String scrubToString(JsonNode node) {
    return node == null ? null : scrub(node).toString();
  }

  /** Masks card-like digit runs in free text (error messages, non-JSON bodies). */
  public static String scrubText(String text) {
    return text == null ? null : CARD_LIKE.matcher(text).replaceAll(MASK);
  }

  private static void scrubInPlace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        String name = field.getKey().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        JsonNode value = field.getValue();
        if (SECRET_FIELDS.contains(name) && (value.isValueNode() && !value.isNull())) {
          field.setValue(object.textNode(MASK));
        } else if (value.isTextual() && CARD_LIKE.matcher(value.asText()).find()) {
          field.setValue(object.textNode(scrubText(value.asText())));
        } else if (cardLikeNumber(value)) {
          field.setValue(object.textNode(MASK));
        } else {
          scrubInPlace(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual() && CARD_LIKE.matcher(value.asText()).find()) {
          array.set(i, array.textNode(scrubText(value.asText())));
        } else if (cardLikeNumber(value)) {
          array.set(i, array.textNode(MASK));
        } else {
          scrubInPlace(value);
        }
      }
    }
  }

  /** A JSON number whose digits, written out in full, hold a card-like run (12 to 19 digits). */
  private static boolean cardLikeNumber(JsonNode value) {
    if (!value.isNumber()) {
      return false;
    }
    String digits = value.isIntegralNumber() ? value.bigIntegerValue().abs().toString()
        : value.decimalValue().abs().stripTrailingZeros().toPlainString();
    return CARD_LIKE.matcher(digits).find();
  }
}
