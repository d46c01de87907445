package io.checkoutbridge.engine;

import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.Money;
import java.util.List;

/** An operation checked against the ledger: its amount, its share per line, and whether it takes all that is open. */
record Plan(Money amount, List<LineAmount> lines, boolean remaining) {}
