package io.checkoutbridge.api;

import java.util.Objects;

/**
 * The shopper's public IP address, as a storefront reads it from the shopper's HTTP request.
 *
 * <p>Behind a reverse proxy the connection comes from the proxy, and the shopper's address is in
 * the {@code X-Forwarded-For} header that the proxy appends to. That header is written by whoever
 * sends the request, so it is only believed when the storefront says its proxy sets it ({@code
 * trustForwarded}); then the right-most entry, the one the storefront's own proxy added, is taken.
 * Pure: no DNS look-up is ever made.
 */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * @param remoteAddr the connection's peer address ({@code HttpServletRequest#getRemoteAddr})
   * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
   * @param trustForwarded whether a proxy the storefront controls sets that header
   * @return the shopper's address, or {@code null} when none of the inputs is an IP address
   */
  public static String resolve(String remoteAddr, String forwardedFor, boolean trustForwarded) {
    if (trustForwarded && forwardedFor != null) {
      String[] hops = forwardedFor.split(",");
      String last = hops[hops.length - 1].trim();
      if (isIpLiteral(last)) {
        return last;
      }
    }
    String peer = remoteAddr == null ? null : remoteAddr.trim();
    return peer != null && isIpLiteral(peer) ? peer : null;
  }

  /**
   * Whether {@code text} is an IPv4 dotted quad or an IPv6 address (letters, digits, colons, dots).
   *
   * @param text the text to check
   * @return {@code true} for an IP literal
   */
  public static boolean isIpLiteral(String text) {
    Objects.requireNonNull(text, "text");
    if (text.matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return text.length() <= 45 && text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
  }
}
