package io.checkoutbridge.it;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded fuzz run against the shop's payment endpoints over loopback: a fixed number of
 * malformed requests, drawn from a seeded random (set {@code -Dfuzz.seed=} to replay a run), across
 * the return, pending, status, callback and admin endpoints. Wrong and unknown methods (HEAD and
 * OPTIONS too), huge and chunked bodies (broken chunking too), invalid and deeply nested JSON,
 * huge numbers, path tricks ({@code ;}, {@code //}, {@code %2e%2e}, encoded slashes), malformed
 * query strings, URLs sealed for another purpose, missing or wrong CSRF tokens, foreign Origins and
 * malformed, wrong or role-less credentials. No request ever carries everything an admin action
 * needs, so none may change money.
 *
 * <p>It asserts: no answer is 5xx; no admin answer is 2xx without the role; the ledger is what it
 * was; the server's log holds no stack trace. The counts are printed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileFuzzIT {
  static final String NAME = "fuzz";
  static final int REQUESTS = 10_500;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HostileRequestsIT.hostileStorefront(NAME);
  }

  private final HttpClient http = Deployments.httpClient();
  private final String base = Deployments.baseUrl(NAME);
  private final RawHttp raw = new RawHttp(Deployments.httpPort());

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "HEAD", "OPTIONS",
      "TRACE", "MKCOL", "FOO", "get"};

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLogCheckRecognisesTheServersStackTraces() {
    // As WildFly 39 wrote a failed request (a malformed Basic header) before the server filter.
    String logged = "2026-12-05 01:22:26,708 ERROR [io.undertow.request] (default task-2) UT005023: Exception"
        + " handling request to /hostile/payments/admin/: org.wildfly.common.codec.DecodeException: COM00508\n"
        + "\tat org.wildfly.common@2.0.1//org.wildfly.common.iteration.BigEndianBase64DecodingByteIterator"
        + ".calc0(BigEndianBase64DecodingByteIterator.java:40)\n"
        + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
        + "\t... 12 more\n2026-12-05 01:22:27,000 INFO  [x] (y) at the end of the day (nothing)\n";
    org.assertj.core.api.Assertions.assertThat(ServerLog.frames(logged)).isEqualTo(2);
  }

  @Test
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  void tenThousandMalformedRequestsDoNoHarm() throws Exception {
    long seed = Long.getLong("fuzz.seed", 18L);
    Random random = new Random(seed);
    List<HostileRequestsIT.Started> payments = List.of(HostileRequestsIT.start(http, base, "started"),
        HostileRequestsIT.start(http, base, "authorized"), HostileRequestsIT.start(http, base, "authorized"));
    String ledgerBefore = HostileRequestsIT.ledger(http, base);
    ServerLog log = ServerLog.mark();

    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byEndpoint = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> adminWithoutRole2xx = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    int admin2xxWithRole = 0;
    long started = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      HostileRequestsIT.Started p = payments.get(random.nextInt(payments.size()));
      Fuzzed request = fuzz(random, p);
      RawHttp.Answer answer;
      try {
        answer = raw.send(request.head(), request.body());
      } catch (java.io.IOException e) {
        answer = new RawHttp.Answer(0, "", e.toString()); // the server closed on a broken request
      }
      byStatus.merge(answer.status() <= 0 ? "closed unanswered" : answer.status() / 100 + "xx", 1, Integer::sum);
      byEndpoint.merge(request.endpoint(), 1, Integer::sum);
      if (answer.status() <= 0 && unanswered.size() < 5) {
        unanswered.add("#" + i + " " + clip(request.head().replace("\r\n", " | ")) + ": " + clip(answer.body()));
      }
      if (answer.status() >= 500) {
        serverErrors.add("#" + i + " " + request.summary() + " -> " + answer.status() + " " + clip(answer.body()));
      }
      if (request.endpoint().equals("admin") && answer.status() / 100 == 2 && fromTheAdmin(answer)) {
        if (request.withRole()) {
          admin2xxWithRole++;
        } else {
          adminWithoutRole2xx.add("#" + i + " " + request.summary() + " -> " + answer.status());
        }
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String ledgerAfter = HostileRequestsIT.ledger(http, base);
    int frames = log.stackFrames();
    System.out.printf("fuzz seed %d: %d requests in %d ms; by endpoint %s; by status %s; 5xx %d;"
        + " admin 2xx without the role %d (with the role %d); ledger changed %s; stack frames in the log %d%n",
        seed, REQUESTS, millis, byEndpoint, byStatus, serverErrors.size(), adminWithoutRole2xx.size(),
        admin2xxWithRole, !ledgerAfter.equals(ledgerBefore), frames);

    unanswered.forEach(e -> System.out.println("closed unanswered, e.g.: " + e));
    serverErrors.stream().limit(20).forEach(e -> System.out.println("5xx: " + e));
    adminWithoutRole2xx.stream().limit(20).forEach(e -> System.out.println("admin 2xx without the role: " + e));
    String written = clip(log.written());
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(serverErrors).as("answers 5xx").isEmpty();
      soft.assertThat(adminWithoutRole2xx).as("admin answers 2xx without the role").isEmpty();
      soft.assertThat(ledgerAfter).as("the ledger").isEqualTo(ledgerBefore);
      soft.assertThat(frames).as("stack frames in the server log:%n%s", written).isZero();
    });
  }

  /**
   * Whether a 2xx answer came from the admin: it carries the admin's own Content-Security-Policy
   * (set on everything that reaches the admin's filter) or any content. A path trick that misses
   * the admin lands on the storefront's default servlet, whose empty 2xx answer to OPTIONS is not
   * the admin's.
   */
  private static boolean fromTheAdmin(RawHttp.Answer answer) {
    String policy = answer.header("Content-Security-Policy");
    return policy != null && policy.contains("script-src 'self'") || !answer.body().isEmpty();
  }

  /** One generated request: its head and body, which endpoint it aims at, and whether it carries the admin role. */
  record Fuzzed(String endpoint, String head, byte[] body, boolean withRole) {
    String summary() {
      String first = head.lines().findFirst().orElse("");
      return endpoint + " " + clip(first) + (body == null ? "" : " (" + body.length + " bytes)");
    }
  }

  private Fuzzed fuzz(Random r, HostileRequestsIT.Started p) {
    String endpoint = List.of("return", "pending", "status", "callback", "admin").get(r.nextInt(5));
    String method = METHODS[r.nextInt(METHODS.length)];
    String context = "/" + NAME;
    String path = switch (endpoint) {
      case "return" -> "/payments/return/" + pick(r, "scripted", "nosuch", "", "SCRIPTED", "scripted/x", "..%2fscripted");
      case "pending" -> "/payments/pending";
      case "status" -> "/payments/status";
      case "callback" -> "/payments/callback/" + pick(r, "scripted", "nosuch", "", "felloh", "scripted;x=1", "%2e%2e");
      default -> pick(r, "/payments/admin/", "/payments/admin", "/payments/admin/api/session",
          "/payments/admin/api/payments", "/payments/admin/api/payments/" + p.id(),
          "/payments/admin/api/payments/" + p.id() + "/capture", "/payments/admin/api/payments/" + p.id() + "/refund",
          "/payments/admin/api/payments/" + p.id() + "/void", "/payments/admin/api/payments/" + p.id() + "/refresh",
          "/payments/admin/admin.js", "/payments/admin/index.html", "/payments/admin/api/payments/%2e%2e/session");
    };
    path = pathTrick(r, path);
    String query = query(r, p, endpoint);
    String target = context + path + (query == null ? "" : "?" + query);
    if (r.nextInt(40) == 0) {
      target = pick(r, "*", "http://127.0.0.1" + target, target.replace("/", "//"), target + "#frag");
    }

    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: "
        + pick(r, "127.0.0.1:" + Deployments.httpPort(), "127.0.0.1:" + Deployments.httpPort(), "evil.example",
            "127.0.0.1:" + Deployments.httpPort() + "@evil.example"));
    boolean withRole = false;
    if (endpoint.equals("admin") || r.nextInt(5) == 0) {
      int auth = r.nextInt(9);
      String header = switch (auth) {
        case 0 -> null;
        case 1 -> "Basic !!!x";
        case 2 -> "Basic ====";
        case 3 -> basic(AdminClient.CLERK, AdminClient.CLERK_PASSWORD);
        case 4 -> basic(AdminClient.ADMIN, "wrong-" + r.nextInt(1000));
        case 5 -> "Bearer " + randomText(r, 20);
        case 6 -> "Basic " + Base64.getEncoder().encodeToString(randomBytes(r, r.nextInt(40)));
        case 7 -> "Basic " + randomText(r, r.nextInt(30));
        default -> basic(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
      };
      withRole = auth == 8;
      if (header != null) {
        head.append("\r\nAuthorization: ").append(header.replace("\r", "").replace("\n", ""));
      }
    }
    if (r.nextBoolean()) {
      head.append("\r\nOrigin: ").append(pick(r, "http://evil.example", "https://127.0.0.1:" + Deployments.httpPort(),
          "null", "http://127.0.0.1:" + Deployments.httpPort(), "://", "http://127.0.0.1:" + Deployments.httpPort()
              + ".evil.example"));
    }
    if (r.nextInt(4) == 0) {
      head.append("\r\nReferer: ").append(pick(r, "http://evil.example/payments/admin/", "not a url", "https://127.0.0.1/"));
    }
    if (r.nextBoolean()) {
      // Never a valid token: random text is no HMAC of the admin's name and window under the seal secret.
      head.append("\r\nX-CSRF-Token: ").append(pick(r, "", randomText(r, 43), "x".repeat(5000)));
    }
    if (r.nextInt(4) == 0) {
      head.append("\r\nCookie: JSESSIONID=").append(pick(r, randomText(r, 20), "x".repeat(100), "%00"));
    }
    head.append("\r\nContent-Type: ").append(pick(r, "application/json", "application/json", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=bogus"));

    byte[] body = null;
    int kind = r.nextInt(10);
    if (kind == 0 || method.equals("GET") && r.nextBoolean()) {
      head.append("\r\nContent-Length: 0");
    } else if (kind <= 6) {
      body = body(r, p).getBytes(StandardCharsets.UTF_8);
      head.append("\r\nContent-Length: ").append(body.length);
    } else if (kind == 7) {
      body = chunked(body(r, p), r);
      head.append("\r\nTransfer-Encoding: chunked");
    } else if (kind == 8) {
      body = pick(r, "zz\r\nabc\r\n0\r\n\r\n", "5\r\nab\r\n0\r\n\r\n", "-1\r\n\r\n", "FFFFFFFFFFFFFFFF\r\nx\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
      head.append("\r\nTransfer-Encoding: chunked");
    } else {
      body = new byte[200 * 1024];
      r.nextBytes(body);
      head.append("\r\nContent-Length: ").append(body.length);
    }
    return new Fuzzed(endpoint, head.toString(), body, withRole);
  }

  private static String pathTrick(Random r, String path) {
    return switch (r.nextInt(12)) {
      case 0 -> path + ";jsessionid=" + r.nextInt(1000);
      case 1 -> path.replaceFirst("/payments/", "/payments//");
      case 2 -> path.replaceFirst("/payments/", "/payments/x/%2e%2e/");
      case 3 -> path.replaceFirst("/payments/", "/payments%2f");
      case 4 -> path.replaceFirst("/payments/", "/payments/./");
      case 5 -> path.replaceFirst("/payments/", "/x/../payments/");
      case 6 -> path.replaceFirst("/payments/", "/payments/..;/payments/");
      case 7 -> path + "%00";
      case 8 -> path.replace("a", "%61");
      default -> path;
    };
  }

  private static String query(Random r, HostileRequestsIT.Started p, String endpoint) {
    String sealedReturn = p.returnUrl().getRawQuery();
    String sealedCallback = p.callbackUrl().getRawQuery();
    return switch (r.nextInt(14)) {
      case 0 -> null;
      case 1, 2 -> endpoint.equals("callback") ? sealedCallback : sealedReturn;
      case 3 -> endpoint.equals("callback") ? sealedReturn : sealedCallback; // another purpose's seal
      case 4 -> sealedReturn.replaceAll("seal=[^&]+", java.util.regex.Matcher.quoteReplacement("seal=" + randomText(r, 43)));
      case 5 -> sealedReturn.replaceAll("exp=\\d+", "exp=" + pick(r, "99999999999", "0", "-1", "1e9", ""));
      case 6 -> pick(r, "pid=%zz&seal=%", "%", "pid=%E0%A4%A", "a=%ff%fe", "pid=%00&seal=%00", "&&&==&", "pid");
      case 7 -> "pid=" + "x".repeat(r.nextInt(9000)) + "&seal=y";
      case 8 -> "q=" + pick(r, "%27%20OR%201=1--", "%3Cscript%3E", "%C0%AE%C0%AE", "%uFFFD") + "&status=" + pick(r,
          "PAID", "x", "") + "&limit=" + pick(r, "-1", "99999999999999999999", "1e400", "abc");
      case 9 -> "after=" + randomText(r, 30) + "&from=" + pick(r, "2026-13-45", "9999999999", "") + "&to=x";
      case 10 -> String.join("&", java.util.Collections.nCopies(400, "pid=" + p.id()));
      case 11 -> sealedReturn + "&pid=other";
      default -> sealedCallback + "&exp=1";
    };
  }

  private static String body(Random r, HostileRequestsIT.Started p) {
    return switch (r.nextInt(12)) {
      case 0 -> "{";
      case 1 -> "[".repeat(3000 + r.nextInt(20000)) + "]".repeat(10);
      case 2 -> "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
      case 3 -> "{\"mode\":\"amount\",\"amount\":\"" + "9".repeat(400) + "\",\"reason\":\"x\",\"idempotencyKey\":\"k"
          + r.nextInt() + "\"}";
      case 4 -> "{\"mode\":\"amount\",\"amount\":1e999999999,\"reason\":\"x\",\"idempotencyKey\":\"k\",\"seen\":"
          + "9".repeat(50) + "}";
      case 5 -> "{\"mode\":\"lines\",\"lines\":{\"l1\":\"-1\",\"l1\":\"NaN\"},\"reason\":\"\\u0000\",\"idempotencyKey\":"
          + "\"" + "k".repeat(1000) + "\"}";
      case 6 -> "{\"mode\":\"remaining\",\"reason\":\"shipped\",\"idempotencyKey\":\"fuzz-" + r.nextInt() + "\","
          + "\"seen\":2}";
      case 7 -> "{\"event\":\"authorized\",\"pid\":\"" + p.id() + "\",\"amount\":" + "1".repeat(30) + "}";
      case 8 -> randomText(r, r.nextInt(3000));
      case 9 -> "\u0000\u0001\uFFFF" + "x".repeat(r.nextInt(100));
      case 10 -> "x".repeat(70_000 + r.nextInt(10_000));
      default -> "";
    };
  }

  private static byte[] chunked(String body, Random r) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, 1 + r.nextInt(8192));
      out.append(Integer.toHexString(n)).append("\r\n")
          .append(new String(bytes, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
      at += n;
    }
    out.append("0\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String randomText(Random r, int length) {
    String alphabet = "abcXYZ019-_.~!*'();:@&=+$,/?#[]%<>\"{}|\\^` ";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return out.toString().replace(" ", "%20").replace("#", "%23").replace("\"", "%22");
  }

  private static byte[] randomBytes(Random r, int length) {
    byte[] bytes = new byte[length];
    r.nextBytes(bytes);
    return bytes;
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  private static String clip(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "…" : text;
  }
}
