package io.checkoutbridge.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The second line against cross-site requests, after the CSRF token: a state-changing request
 * whose {@code Origin} (or, without one, {@code Referer}) names another site is refused. Browsers
 * send {@code Origin} with every such request; clients that send neither header (scripts, curl)
 * are judged by the token alone.
 */
final class SameOrigin {
  private SameOrigin() {}

  static boolean allowed(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null) {
      return !"null".equals(origin) && sameAuthority(origin, request);
    }
    String referer = request.getHeader("Referer");
    return referer == null || sameAuthority(referer, request);
  }

  /**
   * Whether {@code url}'s scheme, host and port are those the browser addressed: the request's
   * scheme (which honours a proxy's forwarding headers when the server is configured for them) and
   * the {@code Host} header, or the server name and port the container derived. An origin that
   * differs only in its scheme ({@code https://} against an {@code http} admin) is another origin.
   */
  static boolean sameAuthority(String url, HttpServletRequest request) {
    String authority = authority(url);
    if (authority == null || !request.getScheme().equalsIgnoreCase(scheme(url))) {
      return false;
    }
    String host = request.getHeader("Host");
    if (host != null && authority.equals(host.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort = port == 80 && "http".equals(scheme) || port == 443 && "https".equals(scheme);
    String server = request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    return authority.equals(server);
  }

  /** The scheme of a URL, or {@code null}. */
  static String scheme(String url) {
    try {
      return new URI(url).getScheme();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code host[:port]} of a URL, the port left out when it is the scheme's default; {@code null} if unreadable. */
  static String authority(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
      return host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
