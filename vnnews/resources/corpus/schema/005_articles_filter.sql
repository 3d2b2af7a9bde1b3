-- vnnews archive, schema version 5: narrow covering indexes for the search plans.
--
-- `articles_filter`: the article columns that search filters and orders by. A search
-- item's article is looked up by id for its date, province and source; the articles table
-- holds the text too (about two rows per page), so each lookup read a page of text. This
-- index holds only those columns (about a hundred articles per page); the search plans
-- read it (`INDEXED BY articles_filter`) instead of the table.
--
-- `search_items_article_kind` replaces `search_items_article`: an article's items with
-- their kind and what a result needs (collapsed or not, the record's id, its copies), so
-- browsing newest first (deep pages by offset) and the issuer/speaker filters find an
-- article's items of one kind in the index, without reading every item row (whose indexed
-- text is stored with it).

CREATE INDEX articles_filter ON articles(id, published_date, province_fkey, source_fkey);

CREATE INDEX search_items_article_kind ON search_items(article_id, kind, dup_of, ref_id, n_dups);
DROP INDEX search_items_article;
