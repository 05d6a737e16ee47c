-- 025_submit_batch_units: sk_submit_batch takes each item's unit and
-- credential, so that the submits of several units waiting together are
-- stored by one call (server/item_batch.h); the one-unit signature goes
-- (sql/repeatable re-creates the function right after).
DROP FUNCTION IF EXISTS sk_submit_batch(uuid[], bigint, bigint, text[], text[], jsonb[], text[],
					text[], date[], text[], bytea[]);
