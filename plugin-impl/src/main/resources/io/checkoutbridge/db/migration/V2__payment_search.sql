-- Search of the admin list by customer name and email, case-insensitive. Portable SQL: runs
-- unchanged on H2 2.x and PostgreSQL 13+. H2 has no expression indexes, so the lower-cased forms
-- are kept in plain columns (written by the plugin with every new payment) and indexed; a search
-- is a prefix match on them, or on order_reference (cb_payment_order_idx).

ALTER TABLE cb_payment ADD COLUMN search_name VARCHAR(200);
ALTER TABLE cb_payment ADD COLUMN search_email VARCHAR(250);
UPDATE cb_payment SET search_name = LOWER(customer_name), search_email = LOWER(customer_email);
ALTER TABLE cb_payment ALTER COLUMN search_name SET NOT NULL;
ALTER TABLE cb_payment ALTER COLUMN search_email SET NOT NULL;

CREATE INDEX cb_payment_search_name_idx ON cb_payment (search_name);
CREATE INDEX cb_payment_search_email_idx ON cb_payment (search_email);
