-- 023_unit_counts: each unit's figures for the current campaign kept as
-- counters, so that province and national reports and progress pages no
-- longer count every unit's initiatives.  The fold that takes report_deltas
-- into the national counters (sk_report_fold, sql/014) adds the same deltas
-- to unit_counts, one row per unit and phase of the current campaign (0:
-- counting, in none of its phases): nothing more is written per initiative.
-- A unit's figures are its counters plus its deltas still waiting, from one
-- snapshot, so they stay exact; units moving in the tree change nothing.
-- unit_counts_basis says which campaign the counters count for; a change of
-- the current campaign, of its start or of its phases' dates sets it to
-- NULL (the units' figures are then counted from their initiatives) until
-- the next fold counts every unit again.
CREATE TABLE unit_counts (
	unit_id     bigint NOT NULL,
	phase_id    int NOT NULL, -- 0: applied on a day of no phase
	submitted   bigint NOT NULL,
	recognized  bigint NOT NULL,
	PRIMARY KEY (unit_id, phase_id)
) WITH (fillfactor = 50); -- a fold's updates stay HOT, as report_counts'
CREATE TABLE unit_counts_basis (
	one         boolean PRIMARY KEY DEFAULT true CHECK (one),
	campaign_id int -- NULL: not counted; the next fold counts them
);
-- Counted by the first fold.
INSERT INTO unit_counts_basis (campaign_id) VALUES (NULL);
