-- 008_lean_write_path: what storing an initiative costs besides its row.
-- Measured per initiative (tests/bench/bench_rush.sh): the two trigram
-- indexes on initiatives were about half of PostgreSQL's CPU and 3 KB of
-- WAL, the copy of version 1 into initiative_revisions 0.8 KB, and the
-- audit row's copy of the whole row 1.9 KB.
--
-- Similarity search moves off the insert path: initiative_search holds each
-- initiative's folded title under a trigram index, filled in batches by
-- sangkiend (sk_search_index, about every second) from
-- initiative_search_pending, which a cheap trigger fills on every insert
-- and change of title.  sk_similar compares against both, so an initiative
-- submitted a moment ago is found before it is indexed.
DROP INDEX initiatives_title_trgm_idx;
DROP INDEX initiatives_summary_trgm_idx;

CREATE TABLE initiative_search (
	initiative_id bigint PRIMARY KEY,
	folded_title  text NOT NULL
);
CREATE INDEX initiative_search_title_trgm_idx ON initiative_search
	USING gin (folded_title gin_trgm_ops);

-- Initiatives whose title is not (or no longer) in initiative_search.  No
-- index: sk_search_index takes what is there, and it stays small.
CREATE TABLE initiative_search_pending (
	initiative_id bigint NOT NULL
);
INSERT INTO initiative_search_pending (initiative_id) SELECT id FROM initiatives;

-- Version 1 stays in initiatives alone until a second version replaces it
-- (sk_initiatives_revision then keeps it); the revisions already copied
-- stay.  The table of kept revisions is renamed; initiative_revisions is now
-- a view (sql/repeatable/2_views) that adds version 1 of every initiative
-- whose content never changed, so every revision reads as before.  The
-- insert trigger is replaced by initiatives_search.
DROP TRIGGER initiatives_revision ON initiatives;
ALTER TABLE initiative_revisions RENAME TO initiative_revisions_kept;
