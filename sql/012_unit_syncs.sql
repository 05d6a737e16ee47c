-- 012_unit_syncs: when each unit last synced (a pull to its last page), for
-- the district's Units page.  A table of its own rather than a column of
-- units: units rows are audited (units_audit) and locked by imports, and a
-- sync must neither write an audit row nor wait for an import.  Written at
-- most once a minute per unit (sk_note_sync), once per session after the
-- reply has gone, so the deadline rush's pulls stay reads.
CREATE TABLE unit_syncs (
	unit_id      bigint PRIMARY KEY REFERENCES units (id),
	last_sync_at timestamptz NOT NULL
);
