package io.checkoutbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSRF token comparison and the same-origin check. */
class RequestChecksTest {

  /** A request seen by the server at {@code http://shop.example:8580} with these headers. */
  private static HttpServletRequest request(Map<String, String> headers) {
    return (HttpServletRequest) Proxy.newProxyInstance(RequestChecksTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getHeader" -> headers.get((String) args[0]);
          case "getScheme" -> "http";
          case "getServerName" -> "shop.example";
          case "getServerPort" -> 8580;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void tokensMatchOnlyExactly() {
    assertThat(CsrfTokens.matches("abc123", "abc123")).isTrue();
    assertThat(CsrfTokens.matches("abc123", "abc124")).isFalse();
    assertThat(CsrfTokens.matches("abc123", "abc12")).isFalse();
    assertThat(CsrfTokens.matches("abc123", "")).isFalse();
  }

  @Test
  void theSameSiteIsAllowedAndOthersAreNot() {
    Map<String, String> host = Map.of("Host", "shop.example:8580");
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "http://shop.example:8580"))))
        .isTrue();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "Shop.Example:8580", "Origin", "http://SHOP.example:8580"))))
        .isTrue();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "http://evil.example"))))
        .isFalse();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "http://shop.example:8581"))))
        .isFalse();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "null")))).isFalse();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580",
        "Referer", "http://shop.example:8580/shop/payments/admin/payment.html?id=1")))).isTrue();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580",
        "Referer", "https://evil.example/shop.example:8580/")))).isFalse();
    assertThat(SameOrigin.allowed(request(host))).as("no browser headers: the token decides").isTrue();
    // behind a proxy that rewrote Host, the container's view of the server counts
    assertThat(SameOrigin.allowed(request(Map.of("Host", "backend:8080", "Origin", "http://shop.example:8580"))))
        .isTrue();
  }

  @Test
  void anOriginOfAnotherSchemeIsAnotherSite() {
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "https://shop.example:8580"))))
        .isFalse();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580",
        "Referer", "https://shop.example:8580/payments/admin/")))).isFalse();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "HTTP://shop.example:8580"))))
        .as("schemes compare case-insensitively").isTrue();
    assertThat(SameOrigin.allowed(request(Map.of("Host", "shop.example:8580", "Origin", "ftp://shop.example:8580"))))
        .isFalse();
  }

  @Test
  void authoritiesLeaveOutDefaultPorts() {
    assertThat(SameOrigin.authority("https://Shop.Example:443/x")).isEqualTo("shop.example");
    assertThat(SameOrigin.authority("http://shop.example:80")).isEqualTo("shop.example");
    assertThat(SameOrigin.authority("https://shop.example:8443")).isEqualTo("shop.example:8443");
    assertThat(SameOrigin.authority("not a url")).isNull();
    assertThat(SameOrigin.authority("/relative")).isNull();
  }
}
