-- Payments left unsettled (an operation whose answer was lost, a server stopped between the phases,
-- a shopper who closed the tab, a lost callback) are looked at again by the sweeper when
-- next_sweep_at is due; settled payments have none, so the index holds only the work still to do.
-- A node takes a due payment by moving next_sweep_at forward with a conditional UPDATE (a lease),
-- so one node sweeps each due payment. Portable SQL: H2 2.x and PostgreSQL 13+.

ALTER TABLE cb_payment ADD COLUMN next_sweep_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cb_payment ADD COLUMN sweep_attempts INT DEFAULT 0 NOT NULL;
UPDATE cb_payment SET next_sweep_at = updated_at
    WHERE status IN ('STARTED', 'PENDING', 'DECLINED', 'FAILED') OR pending_minor > 0;

CREATE INDEX cb_payment_sweep_idx ON cb_payment (next_sweep_at);
