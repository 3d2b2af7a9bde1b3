-- vnnews archive, schema version 7: a full-text index per kind of record.
--
-- `search_fts_<kind>` holds the words of the search items of one kind (`official`,
-- `location`, `figure`, `document`, `instruction`; rowid = `search_items.id`, the same two
-- columns as `search_fts`, whose `kind` column is implied), written beside `search_fts`.
-- A query with one such kind is matched there: a word's rows in that kind are their own
-- short doclist, where `search_fts` intersects every row of the word with every row of
-- the kind (`trưởng` in the documents at a million articles: 185 ms, here a few). BM25
-- still ranks over `search_fts` (the scores of the unfiltered search). Filled once for
-- archives built before this version (`Archive.rebuild_kind_index`; `kinds_pending` holds the
-- last item indexed, so a killed fill resumes there); until then, searches use `search_fts`.

CREATE VIRTUAL TABLE search_fts_official USING fts5(body, body_f, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_fts_location USING fts5(body, body_f, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_fts_figure USING fts5(body, body_f, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_fts_document USING fts5(body, body_f, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_fts_instruction USING fts5(body, body_f, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO search_fts_official(search_fts_official, rank) VALUES ('automerge', 16);
INSERT INTO search_fts_location(search_fts_location, rank) VALUES ('automerge', 16);
INSERT INTO search_fts_figure(search_fts_figure, rank) VALUES ('automerge', 16);
INSERT INTO search_fts_document(search_fts_document, rank) VALUES ('automerge', 16);
INSERT INTO search_fts_instruction(search_fts_instruction, rank) VALUES ('automerge', 16);

INSERT INTO archive_meta(key, value) SELECT 'kinds_pending', '0' WHERE EXISTS (SELECT 1 FROM search_items WHERE kind != 'article');
