-- vnnews archive, schema version 4: the vocabulary of the folded search index, so that a
-- prefix query (`ngh*`) is expanded by the archive to a bounded number of words (the most
-- frequent first) instead of FTS5 merging every completion. Kept up to date on write;
-- filled once from the full-text index for archives built before this version.

CREATE TABLE search_terms (
    term   TEXT PRIMARY KEY,             -- a folded index word (no diacritics, lower case)
    n      INTEGER NOT NULL DEFAULT 0    -- how often it was indexed (an estimate of its frequency)
) WITHOUT ROWID;

INSERT INTO archive_meta(key, value) SELECT 'terms_pending', '1' WHERE EXISTS (SELECT 1 FROM articles);
