/**
 * A payment's ledger as data: the append-only history ({@link io.checkoutbridge.ledger.LedgerEvent},
 * {@link io.checkoutbridge.ledger.EventKind}) and its pure replay into amounts and a status
 * ({@link io.checkoutbridge.ledger.LedgerReplay}). No I/O and no dependency on the engine, so the
 * store reads and writes these types without knowing who changes payments.
 */
package io.checkoutbridge.ledger;
