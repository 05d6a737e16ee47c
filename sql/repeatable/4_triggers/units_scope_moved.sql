-- A unit moved under another parent, or of another level, moves its share
-- of the scope counters along (sk_scope_counts_moved).
CREATE OR REPLACE TRIGGER units_scope_moved AFTER UPDATE OF parent_id, level ON units
	FOR EACH ROW
	WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.level IS DISTINCT FROM NEW.level)
	EXECUTE FUNCTION sk_scope_counts_moved();
