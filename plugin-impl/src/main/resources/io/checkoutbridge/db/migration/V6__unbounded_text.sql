-- Room for large carts: the JSON and text the ledger stores grow with the cart (a line's id, quantity
-- and amount per line in every movement; per-line references of some providers; the providers'
-- answers, which list every item), and a 1,000-line cart with UUID line ids needs tens of kilobytes
-- where the columns allowed 4,000 or 20,000 characters. They become TEXT: unbounded text on
-- PostgreSQL (the same storage as VARCHAR, no table rewrite), a character large object on H2 2.x.
-- Both drivers read and write these with getString/setString, which is all the store uses; none of
-- these columns is indexed, compared or sorted on. SET DATA TYPE keeps NOT NULL and defaults and is
-- the spelling both databases accept. Portable SQL: H2 2.x and PostgreSQL 13+.

ALTER TABLE cb_payment ALTER COLUMN provider_refs SET DATA TYPE TEXT;
ALTER TABLE cb_payment_event ALTER COLUMN lines_json SET DATA TYPE TEXT;
ALTER TABLE cb_payment_event ALTER COLUMN raw_response SET DATA TYPE TEXT;
ALTER TABLE cb_provider_memory ALTER COLUMN memory_value SET DATA TYPE TEXT;
