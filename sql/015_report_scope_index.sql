-- 015_report_scope_index: a province's or a district's report counts its
-- initiatives from one index alone, the dossiers too: the counting index
-- carries the initiative's id, so whether it has a file attached is looked
-- up in initiative_attachments' index instead of reading each row of
-- initiatives (one heap page per initiative at national size).
CREATE INDEX initiatives_unit_counting_id_idx ON initiatives (unit_id, applied_on, status)
	INCLUDE (kind, theme, received_at, id);
DROP INDEX initiatives_unit_counting_idx;
