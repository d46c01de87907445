-- Callbacks are answered once they are in the inbox and applied right after, off the request. A
-- delivery whose processing failed (provider or database unreachable) or never ran (the server
-- stopped) is picked up again when next_attempt_at is due; processed deliveries have none, so
-- the index holds only the work still to do. Portable SQL: H2 2.x and PostgreSQL 13+.

ALTER TABLE cb_callback_inbox ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE cb_callback_inbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cb_callback_inbox ADD COLUMN last_error VARCHAR(500);
UPDATE cb_callback_inbox SET next_attempt_at = received_at WHERE processed_at IS NULL;

CREATE INDEX cb_callback_inbox_due_idx ON cb_callback_inbox (next_attempt_at);
