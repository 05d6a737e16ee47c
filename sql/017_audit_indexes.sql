-- 017_audit_indexes: the audit trail's indexes that every change paid for
-- and no query needed.  Each index of audit_log is written once per audited
-- row, about 75 bytes of WAL per stored initiative.  No query filters the
-- trail by credential (the audit names the actor by label: actor_idx), so
-- its index goes.  The trail is appended in time order, so the time filter
-- (audit --since/--until) is served by a BRIN index: the table's pages are
-- already in the order of "at", and new pages cost nothing until they are
-- summarized (autosummarize: by autovacuum, once a range is full).
DROP INDEX audit_log_credential_idx;
DROP INDEX audit_log_at_idx;
CREATE INDEX audit_log_at_idx ON audit_log USING brin (at) WITH (autosummarize = on);
