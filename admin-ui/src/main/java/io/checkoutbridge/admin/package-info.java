/**
 * The admin pages under {@code /payments/admin/} and their JSON endpoints: find a payment, see its
 * ledger, lines and history, capture, refund and void.
 */
package io.checkoutbridge.admin;
