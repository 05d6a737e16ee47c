-- Row trigger of quotas and phase_targets (quotas_unit_counts,
-- phase_targets_unit_counts): a unit's quota or phase target for the
-- campaign the units' counters count for is copied into its counters
-- (sql/028: the quota in the row of phase 0), in the same transaction, so
-- the figures read there are exact.  Under sk_report_lock, as a fold (which
-- adds the rows it does not find without ON CONFLICT).
CREATE OR REPLACE FUNCTION sk_unit_counts_target() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_old_phase int;
	v_new_phase int;
	v_target int;
BEGIN
	PERFORM sk_report_lock(true);
	-- New statements, new snapshots: the counters as the last fold left
	-- them, counting for the campaign it counted them for.
	IF TG_TABLE_NAME = 'quotas' THEN
		IF TG_OP <> 'INSERT' THEN
			v_old_phase := CASE WHEN EXISTS (SELECT 1 FROM unit_counts_basis b
							 WHERE b.campaign_id = OLD.campaign_id) THEN 0 END;
		END IF;
		IF TG_OP <> 'DELETE' THEN
			v_new_phase := CASE WHEN EXISTS (SELECT 1 FROM unit_counts_basis b
							 WHERE b.campaign_id = NEW.campaign_id) THEN 0 END;
			v_target := NEW.quota;
		END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN
			v_old_phase := (SELECT p.id FROM phases p JOIN unit_counts_basis b
					ON b.campaign_id = p.campaign_id WHERE p.id = OLD.phase_id);
		END IF;
		IF TG_OP <> 'DELETE' THEN
			v_new_phase := (SELECT p.id FROM phases p JOIN unit_counts_basis b
					ON b.campaign_id = p.campaign_id WHERE p.id = NEW.phase_id);
			v_target := NEW.target;
		END IF;
	END IF;
	IF v_old_phase IS NOT NULL THEN
		UPDATE unit_counts c SET target = 0
		WHERE c.unit_id = OLD.unit_id AND c.phase_id = v_old_phase;
	END IF;
	IF v_new_phase IS NOT NULL THEN
		INSERT INTO unit_counts AS c (unit_id, phase_id, submitted, recognized, target)
		VALUES (NEW.unit_id, v_new_phase, 0, 0, v_target)
		ON CONFLICT (unit_id, phase_id) DO UPDATE SET target = excluded.target;
	END IF;
	RETURN NULL;
END
$$;
