package io.checkoutbridge.sandbox.dintero;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the Dintero simulator remembers. One instance per simulator; every access holds its
 * monitor ({@code synchronized (state)}), which keeps each API call atomic.
 */
final class DinteroState {

  /** An access token we issued. */
  record Grant(String accountId, String clientId, Instant expiresAt) {}

  final Map<String, Grant> tokens = new HashMap<>();
  final Map<String, DraftOrder> drafts = new LinkedHashMap<>();
  final Map<String, ShoppingOrder> orders = new LinkedHashMap<>();
  final Map<String, CheckoutSession> sessions = new LinkedHashMap<>();
  final Map<String, Transaction> transactions = new LinkedHashMap<>();
  /** The callback-signing secret; null until created or preset. */
  String signatureSecret;

  void clear(String presetSecret) {
    tokens.clear();
    drafts.clear();
    orders.clear();
    sessions.clear();
    transactions.clear();
    signatureSecret = presetSecret;
  }
}
