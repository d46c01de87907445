package io.checkoutbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The one JSON configuration every simulator uses.
 *
 * <p>Decimal numbers are read as {@link BigDecimal} so that amounts and VAT rates are never passed
 * through {@code double}. Thread-safe.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // echo 25.00 as sent
          .build();

  private Json() {}

  /** The shared mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * Parses a request body.
   *
   * @throws SimulatorException 400 {@code invalid_json} when the body is empty or not JSON
   */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw SimulatorException.badRequest("invalid_json", "A JSON request body is required");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw SimulatorException.badRequest("invalid_json", "A JSON request body is required");
      }
      return node;
    } catch (IOException e) {
      throw SimulatorException.badRequest("invalid_json", "The request body is not valid JSON");
    }
  }

  /** Parses a JSON object body; 400 when it is not an object. */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw SimulatorException.badRequest("invalid_json", "The request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Parses when possible; empty for empty or non-JSON input. Never throws. */
  public static Optional<JsonNode> tryParse(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(MAPPER.readTree(body)).filter(n -> !n.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True for a JSON integer that fits in a {@code long} (so {@code 100.0} is not an integer). */
  public static boolean isLong(JsonNode node) {
    return node != null && node.isIntegralNumber() && node.canConvertToLong();
  }

  /** A non-blank text value, or null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
