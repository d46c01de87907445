package io.checkoutbridge.api;

/** What a provider can do. Admin actions are offered only where the capability is present. */
public enum Capability {
  /** The shopper is sent to the provider's hosted page. */
  REDIRECT,
  /** The provider offers an element or iframe embedded in the storefront's page. */
  EMBEDDED_ELEMENT,
  /** The storefront collects payment details and the provider authorizes server to server. */
  SERVER_SIDE_AUTHORIZATION,
  /** Callbacks are signed by the provider (in addition to the plugin's URL seal). */
  SIGNED_CALLBACKS,
  /** Capture an authorization. */
  CAPTURE,
  /** Capture less than the whole authorization. */
  PARTIAL_CAPTURE,
  /** Capture several times, up to the authorization. */
  MULTIPLE_CAPTURES,
  /** The provider is told which lines a capture covers. */
  PER_LINE_CAPTURE,
  /** Refund a capture. */
  REFUND,
  /** Refund less than what was captured. */
  PARTIAL_REFUND,
  /** Refunds may wait for approval at the provider before money moves. */
  REFUND_APPROVAL,
  /** Release an authorization before any capture. */
  VOID,
  /** Release what is left of an authorization after a partial capture. */
  VOID_REMAINING
}
