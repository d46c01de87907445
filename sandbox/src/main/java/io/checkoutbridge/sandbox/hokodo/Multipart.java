package io.checkoutbridge.sandbox.hokodo;

import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SimulatorException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small {@code multipart/form-data} reader for Hokodo's document upload. */
final class Multipart {

  /** One part: a form field or a file. */
  record Part(String name, String fileName, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private Multipart() {}

  /**
   * The parts by name, in order.
   *
   * @throws SimulatorException 415 for another content type, 400 for a malformed body
   */
  static Map<String, Part> parse(SandboxRequest request) {
    String type = request.header("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new SimulatorException(415, "unsupported_media_type",
          "Unsupported media type \"" + type + "\" in request; use multipart/form-data.");
    }
    Matcher boundary = BOUNDARY.matcher(type);
    if (!boundary.find()) {
      throw SimulatorException.badRequest("parse_error", "Multipart form parse error - no boundary.");
    }
    // Latin-1 maps every byte to one char, so file bytes survive the string search unchanged.
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary.group(1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = body.indexOf(delimiter);
    if (at < 0) {
      throw SimulatorException.badRequest("parse_error", "Multipart form parse error - no parts.");
    }
    while (true) {
      at += delimiter.length();
      if (body.startsWith("--", at)) {
        return parts;
      }
      if (body.startsWith("\r\n", at)) {
        at += 2;
      }
      int headersEnd = body.indexOf("\r\n\r\n", at);
      int next = headersEnd < 0 ? -1 : body.indexOf("\r\n" + delimiter, headersEnd + 4);
      if (headersEnd < 0 || next < 0) {
        throw SimulatorException.badRequest("parse_error", "Multipart form parse error - unterminated part.");
      }
      String headers = body.substring(at, headersEnd);
      String disposition = "";
      String contentType = null;
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-disposition")) {
          disposition = value;
        } else if (name.equals("content-type")) {
          contentType = value;
        }
      }
      Matcher name = NAME.matcher(disposition);
      if (name.find()) {
        Matcher file = FILE_NAME.matcher(disposition);
        byte[] content = body.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
        parts.put(name.group(1), new Part(name.group(1), file.find() ? file.group(1) : null, contentType, content));
      }
      at = next + 2;
    }
  }
}
