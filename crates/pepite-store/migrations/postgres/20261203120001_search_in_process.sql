-- C5: words are matched by the per-process index (pepite_store::catalog), which reads title,
-- brand and description itself. The (term, piece) table, its triggers and the normalised text
-- they kept in step are no longer read; dropping them takes a delete and an insert per word
-- off every piece change.
DROP TRIGGER pieces_terms_insert ON pieces;
DROP TRIGGER pieces_terms_update ON pieces;
DROP FUNCTION piece_terms_sync();
DROP TABLE piece_terms;
ALTER TABLE pieces DROP COLUMN search_text;
