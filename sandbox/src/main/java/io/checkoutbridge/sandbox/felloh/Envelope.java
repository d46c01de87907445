package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;

/** Felloh's response envelope {@code {data, errors[], meta}}, for answers and errors alike. */
final class Envelope {
  static final String DOCS = "https://developers.felloh.com/errors";

  private Envelope() {}

  static SandboxResponse ok(JsonNode data) {
    return SandboxResponse.json(200, envelope(data, null));
  }

  /** A list answer; {@code meta.count} is the number of matches over all pages, sent as a string. */
  static SandboxResponse list(ArrayNode data, long count) {
    return SandboxResponse.json(200, envelope(data, Long.toString(count)));
  }

  private static ObjectNode envelope(JsonNode data, String count) {
    ObjectNode body = Json.object();
    body.set("data", data);
    body.putArray("errors");
    ObjectNode meta = body.putObject("meta");
    meta.put("code", 200);
    meta.put("reason", "OK");
    meta.put("message", "The request was successful");
    meta.put("request_id", Ids.uuid());
    if (count != null) {
      meta.put("count", count);
    }
    return body;
  }

  /**
   * {@code {"data":{},"errors":[{title,message,documentation_url,type,code}],"meta":{request_id,
   * code,status,reason}}}: one error per invalid field, else one for the whole request.
   */
  static SandboxResponse error(SimulatorException e) {
    ObjectNode body = Json.object();
    body.putObject("data");
    ArrayNode errors = body.putArray("errors");
    if (e.fieldErrors().isEmpty()) {
      errors.addObject()
          .put("title", title(e.status()))
          .put("message", e.getMessage())
          .put("documentation_url", DOCS)
          .put("type", type(e.status()))
          .put("code", e.code());
    } else {
      for (SimulatorException.FieldError f : e.fieldErrors()) {
        errors.addObject()
            .put("title", "Validation error")
            .put("message", f.field() + ": " + f.message())
            .put("documentation_url", DOCS)
            .put("type", "validation")
            .put("code", f.field() + "." + e.code());
      }
    }
    ObjectNode meta = body.putObject("meta");
    meta.put("code", e.status());
    meta.put("status", e.status());
    meta.put("reason", title(e.status()));
    meta.put("request_id", Ids.uuid());
    return SandboxResponse.json(e.status(), body);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorised";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 422 -> "Unprocessable entity";
      case 429 -> "Too many requests";
      default -> status >= 500 ? "Server error" : "Error";
    };
  }

  private static String type(int status) {
    return switch (status) {
      case 401 -> "unauthorised";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 422 -> "invalid_request";
      case 429 -> "rate_limited";
      default -> status >= 500 ? "server_error" : "invalid_request";
    };
  }
}
