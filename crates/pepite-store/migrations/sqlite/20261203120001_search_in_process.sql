-- C5: words are matched by the per-process index (pepite_store::catalog), which reads title,
-- brand and description itself. The FTS5 table, its triggers and the normalised text they
-- kept in step are no longer read; dropping them takes three writes off every piece change.
DROP TRIGGER pieces_fts_insert;
DROP TRIGGER pieces_fts_delete;
DROP TRIGGER pieces_fts_update;
DROP TABLE pieces_fts;
ALTER TABLE pieces DROP COLUMN search_text;
