package io.checkoutbridge.api;

import java.util.Set;

/**
 * An enabled provider as the storefront offers it at checkout.
 *
 * @param id stable id such as {@code dintero}
 * @param displayName what the shopper reads
 * @param capabilities what it can do
 */
public record ProviderInfo(String id, String displayName, Set<Capability> capabilities) {

  /**
   * Checks and normalises the components.
   *
   * @param id stable id such as {@code dintero}
   * @param displayName what the shopper reads
   * @param capabilities what it can do
   */
  public ProviderInfo {
    capabilities = Set.copyOf(capabilities);
  }
}
