-- A callback delivery is recognised as a repeat per payment and provider: the same body posted
-- for another payment is that payment's own delivery, not a duplicate of the first one.
-- And the moment before which no shopper-facing endpoint may ask the provider about a payment
-- again (a fetch in flight, or one started less than the throttle's interval ago), claimed with
-- one conditional UPDATE so that several nodes on one database share it.
-- Portable SQL: H2 2.x and PostgreSQL 13+.

ALTER TABLE cb_callback_inbox DROP CONSTRAINT cb_callback_inbox_key_uq;
ALTER TABLE cb_callback_inbox ADD CONSTRAINT cb_callback_inbox_key_uq UNIQUE (payment_id, provider, dedupe_key);

ALTER TABLE cb_payment ADD COLUMN fetch_not_before TIMESTAMP WITH TIME ZONE;
