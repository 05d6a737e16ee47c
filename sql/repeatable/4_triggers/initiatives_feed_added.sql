-- A new initiative takes its unit's next feed number (sk_initiatives_feed),
-- unless it comes with one: sk_submit_batch numbers a batch's rows itself,
-- holding the unit's feed lock, and advances the feed once.
CREATE OR REPLACE TRIGGER initiatives_feed_added BEFORE INSERT ON initiatives
	FOR EACH ROW WHEN (NEW.feed_seq IS NULL) EXECUTE FUNCTION sk_initiatives_feed();
