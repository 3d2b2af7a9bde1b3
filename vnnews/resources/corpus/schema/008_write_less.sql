-- vnnews archive, schema version 8: less to write per article.
--
-- `articles_province` (province_fkey) is the first column of `articles_province_date`
-- (province_fkey, published_date, id), which serves every lookup it served: one index of
-- the province to keep up to date on each insert instead of two.
--
-- Each full-text index gathers the words of new rows in memory until `hashsize` bytes
-- (FTS5's default: 1 MB) before writing them as a segment, which later merges rewrite. With
-- 16 MB for `search_fts` (4 MB for the kinds' own, smaller ones) a large build writes
-- fewer, larger segments and merges less: 100,000 articles into an empty index, 96-119
-- -> 68-89 µs of CPU per article. The memory is the writer's, while it writes; readers
-- and the index's format are unchanged.

DROP INDEX articles_province;

INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_fts_official(search_fts_official, rank) VALUES ('hashsize', 4194304);
INSERT INTO search_fts_location(search_fts_location, rank) VALUES ('hashsize', 4194304);
INSERT INTO search_fts_figure(search_fts_figure, rank) VALUES ('hashsize', 4194304);
INSERT INTO search_fts_document(search_fts_document, rank) VALUES ('hashsize', 4194304);
INSERT INTO search_fts_instruction(search_fts_instruction, rank) VALUES ('hashsize', 4194304);
