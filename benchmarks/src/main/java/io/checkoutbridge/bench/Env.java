package io.checkoutbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutbridge.bench.server.WildFly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** What every server benchmark shares: the server's URLs, one HTTP client, the ledger's database. */
final class Env {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final MediaType FORM_TYPE = MediaType.get("application/x-www-form-urlencoded");
  static final String SEAL_SECRET = "benchmark-seal-secret-0123456789-abcdef";
  static final String DINTERO_SIGNATURE_SECRET = "benchmark-dintero-callback-signing-secret";

  final boolean full;
  final String base;
  final OkHttpClient http;
  /** The ledger's database, as the server uses it; read here to check what the server wrote. */
  final DataSource ledger;
  /** Which database the server runs on: a label for rows and sections, empty for PostgreSQL. */
  final String on;

  /** A server on PostgreSQL: {@code schema} in the database of {@code jdbcUrl}. */
  static Env postgres(boolean full, String base, String jdbcUrl, String user, String schema) {
    PGSimpleDataSource ledger = new PGSimpleDataSource();
    ledger.setUrl(jdbcUrl);
    ledger.setUser(user);
    ledger.setCurrentSchema(schema);
    return new Env(full, base, ledger, "");
  }

  /** A server on embedded H2, opened here through the server H2 starts for other processes. */
  static Env h2(boolean full, String base, String jdbcUrl) {
    JdbcDataSource ledger = new JdbcDataSource();
    ledger.setURL(jdbcUrl);
    ledger.setUser(WildFly.H2_USER);
    ledger.setPassword(WildFly.H2_PASSWORD);
    return new Env(full, base, ledger, " on H2");
  }

  private Env(boolean full, String base, DataSource ledger, String on) {
    this.full = full;
    this.base = base;
    this.ledger = ledger;
    this.on = on;
    this.http = new OkHttpClient.Builder()
        .followRedirects(false)
        .connectionPool(new ConnectionPool(128, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(90))
        .build();
  }

  boolean onPostgres() {
    return on.isEmpty();
  }

  String sandbox(String path) {
    return base + "/sandbox" + path;
  }

  Connection db() throws SQLException {
    return ledger.getConnection();
  }

  /** Sends a request; answers status, headers and body. Fails on I/O errors only. */
  Answer send(String method, String url, String contentType, String body, Map<String, String> headers)
      throws IOException {
    Request.Builder r = new Request.Builder().url(url);
    if (headers != null) {
      headers.forEach(r::header);
    }
    RequestBody payload = null;
    if (body != null) {
      payload = RequestBody.create(body.getBytes(StandardCharsets.UTF_8),
          contentType == null ? JSON_TYPE : MediaType.get(contentType));
    } else if (!"GET".equals(method) && !"DELETE".equals(method)) {
      payload = RequestBody.create(new byte[0], null);
    }
    r.method(method, payload);
    try (Response response = http.newCall(r.build()).execute()) {
      return new Answer(response.code(), response.header("Location"), response.body().string());
    }
  }

  Answer send(String method, String url) throws IOException {
    return send(method, url, null, null, null);
  }

  /** A response, read whole. */
  record Answer(int status, String location, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    Answer expect(int... statuses) throws IOException {
      for (int s : statuses) {
        if (s == status) {
          return this;
        }
      }
      throw new IOException("unexpected HTTP " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body));
    }
  }

  /** The plugin's seal of a payment id, as its callback and return URLs carry it. */
  /**
   * {@code pid=…&exp=…&seal=…} of a callback URL, as the plugin seals it: HMAC-SHA256 of
   * {@code checkout-bridge:v2:callback:<pid>:<exp>}, valid for an hour.
   */
  static String callbackSeal(String paymentId) {
    long expiresAt = Instant.now().plusSeconds(3600).getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SEAL_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("checkout-bridge:v2:callback:" + paymentId + ":" + expiresAt)
          .getBytes(StandardCharsets.UTF_8));
      return "pid=" + paymentId + "&exp=" + expiresAt + "&seal="
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(JsonNode node, String... pointers) {
    for (String p : pointers) {
      JsonNode n = p.startsWith("/") ? node.at(p) : node.path(p);
      if (n.isValueNode() && !n.asText().isEmpty()) {
        return n.asText();
      }
    }
    return null;
  }
}
