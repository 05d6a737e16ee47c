-- 028_unit_count_targets: each unit's counters (sql/023) carry its targets
-- for the campaign they count for beside the counts: in a phase's row the
-- unit's target for that phase, in the row of phase 0 its quota.  Kept by
-- triggers of quotas and phase_targets (sk_unit_counts_target) and counted
-- again with the counts, so that a unit's figures are one range of one
-- index instead of four lookups.
ALTER TABLE unit_counts ADD COLUMN target int NOT NULL DEFAULT 0;
-- Counted by the next fold, targets with counts.
UPDATE unit_counts_basis SET campaign_id = NULL;
