-- 009_review_flow: sk_review_item takes the transition (the status an op
-- needs and the one it leads to) from the server, which reads it from the
-- one table the clients read too (proto/review_flow.c).  The function with
-- the old arguments goes; sql/repeatable makes the new one.
DROP FUNCTION IF EXISTS sk_review_item(uuid, bigint, bigint, int, text, text, text, date, text,
				       text, text, text, date, bigint);
