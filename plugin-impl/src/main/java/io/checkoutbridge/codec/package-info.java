/**
 * The lowest layer of the plugin: digests and MACs, the JSON mapper and query-string decoding,
 * each written once and used by the web endpoints, the ledger store and the provider adapters.
 * Depends on nothing else of the plugin.
 */
package io.checkoutbridge.codec;
