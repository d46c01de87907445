-- The admin list's text search, newest first (PaymentSearch). Portable SQL: runs unchanged on H2 2.x
-- and PostgreSQL 13+. Each searched column is indexed together with the list's order, so the
-- creation time and id of every prefix match are read from the index alone (an index-only scan on
-- PostgreSQL once the table is vacuumed): the newest matches are chosen among those keys and only
-- they are read from the table. The single-column indexes they replace are their leading prefixes.

CREATE INDEX cb_payment_order_created_idx ON cb_payment (order_reference, created_at, id);
CREATE INDEX cb_payment_search_name_created_idx ON cb_payment (search_name, created_at, id);
CREATE INDEX cb_payment_search_email_created_idx ON cb_payment (search_email, created_at, id);

DROP INDEX cb_payment_order_idx;
DROP INDEX cb_payment_search_name_idx;
DROP INDEX cb_payment_search_email_idx;
