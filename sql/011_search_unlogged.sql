-- 011_search_unlogged: the similarity search's tables hold nothing that
-- initiatives does not: initiative_search is every initiative's folded
-- title, initiative_search_pending the titles not indexed yet.  Writing
-- them to the WAL was about 1.6 KB per stored initiative (the trigram
-- index most of it), more than a third of the whole.  Unlogged, they are
-- emptied by crash recovery (and are empty on a promoted standby or a
-- restored backup); initiative_search_filled, unlogged too, holds one row
-- while they are complete, so an empty one says to queue every initiative
-- again (sk_search_index), and sk_similar compares every title meanwhile.
ALTER TABLE initiative_search SET UNLOGGED;
ALTER TABLE initiative_search_pending SET UNLOGGED;
CREATE UNLOGGED TABLE initiative_search_filled (
	filled boolean PRIMARY KEY CHECK (filled)
);
INSERT INTO initiative_search_filled VALUES (true);
