-- vnnews archive, schema version 3: documents and officials as entities, and indexes
-- that let filter-only browsing, issuer/speaker filters and deep pages avoid scans.
-- (Version 2 is the web page's own migration.)
--
-- `documents`: one row per document, identified by `doc_key` = its type, number and
-- issuer, where a local issuer (Tỉnh ủy, Huyện ủy, UBND, Đảng ủy ...) is scoped by the
-- province (and district or commune) the citing text or article is about, and a national
-- one (TW, CP, TTg, ministries) is national (`vnnews.corpus.entities.document_identity`).
-- Each citing directive row points to it (`directives.document_id`); `citations`,
-- `first_cited`, `last_cited` count the citing articles and are kept up to date on write.
--
-- `persons`: one row per person, identified by the name (`person_key`) and `scope`: the
-- province the person serves in (named in the title, else the article's province),
-- `national` for national offices, '' when unknown. Two people with one name in two
-- provinces are two persons; one name in one province is one person (a known limit).
-- Each officials row points to its person (`officials.person_id`); an instruction to
-- its speaker's person (`directives.person_id`).

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    doc_key        TEXT NOT NULL UNIQUE,     -- type|number|issuer code|scope: the document's identity
    doc_type       TEXT,
    number         TEXT,                     -- as first written
    number_key     TEXT,                     -- as directives.number_key
    issuer         TEXT,                     -- as first written (or the issuer code's body)
    issuer_code    TEXT,                     -- TU, HU, UBND, CP, TTg ... (NULL: none in the number)
    scope          TEXT NOT NULL,            -- national, province, district or commune
    province       TEXT,                     -- the province of a local issuer (NULL: national or unknown)
    province_fkey  TEXT,
    unit           TEXT,                     -- the district or commune of a district/commune issuer
    citations      INTEGER NOT NULL DEFAULT 0,   -- citing articles
    first_cited    TEXT,                     -- YYYY-MM-DD of the earliest citing article
    last_cited     TEXT
);
CREATE INDEX documents_province ON documents(province_fkey, citations DESC, id);
CREATE INDEX documents_citations ON documents(citations DESC, id);
CREATE INDEX documents_number ON documents(number_key);

CREATE TABLE persons (
    id             INTEGER PRIMARY KEY,
    person_key     TEXT NOT NULL,            -- as officials.person_key
    scope          TEXT NOT NULL,            -- folded province, 'national', or '' (unknown)
    name           TEXT NOT NULL,
    name_fkey      TEXT NOT NULL,            -- folded name, for lookups without diacritics
    province       TEXT,                     -- display name of the scope's province
    articles       INTEGER NOT NULL DEFAULT 0,   -- articles mentioning the person
    first_seen     TEXT,
    last_seen      TEXT,
    UNIQUE (person_key, scope)
);
CREATE INDEX persons_articles ON persons(articles DESC, id);
CREATE INDEX persons_name ON persons(name_fkey);
CREATE INDEX persons_scope ON persons(scope, articles DESC, id);

ALTER TABLE directives ADD COLUMN document_id INTEGER REFERENCES documents(id);
ALTER TABLE directives ADD COLUMN person_id INTEGER REFERENCES persons(id);
ALTER TABLE officials ADD COLUMN person_id INTEGER REFERENCES persons(id);

CREATE INDEX directives_document ON directives(document_id, article_id);
CREATE INDEX directives_person ON directives(person_id, article_id);
CREATE INDEX officials_person_id ON officials(person_id, article_id);

-- filter-only browsing walks articles in date order (within a province: this index) and
-- takes each one's items; a page after a cursor starts where the last page ended
CREATE INDEX articles_province_date ON articles(province_fkey, published_date, id);

-- the distinct folded issuers and speakers of the directives, with their counts: a
-- substring filter scans these short lists, then uses the directives' indexes
CREATE TABLE issuers (
    issuer_fkey  TEXT PRIMARY KEY,
    n            INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE speakers (
    speaker_fkey TEXT PRIMARY KEY,
    n            INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO issuers(issuer_fkey, n) SELECT issuer_fkey, COUNT(*) FROM directives
    WHERE kind = 'document' AND issuer_fkey IS NOT NULL GROUP BY issuer_fkey;
INSERT INTO speakers(speaker_fkey, n) SELECT speaker_fkey, COUNT(*) FROM directives
    WHERE kind = 'instruction' AND speaker_fkey IS NOT NULL GROUP BY speaker_fkey;

-- A flag set when entities must be resolved for rows stored before this version.
CREATE TABLE archive_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT
);
INSERT INTO archive_meta(key, value) SELECT 'entities_pending', '1' WHERE EXISTS (SELECT 1 FROM articles);

CREATE VIEW v_document_entities AS
SELECT id, doc_type, number, issuer, issuer_code, scope, province, unit, citations, first_cited, last_cited
FROM documents;

CREATE VIEW v_persons AS
SELECT id, name, province, scope, articles, first_seen, last_seen FROM persons;

-- Syndicated copies: a MinHash signature of each article's word 5-shingles (32 hashes,
-- `vnnews.corpus.duplicates`) and its 8 LSH bands of 4 hashes. A new article is compared
-- only with the articles sharing a band (an index lookup each), so linking is
-- incremental and does not grow with the archive.
CREATE TABLE article_minhash (
    article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig          BLOB NOT NULL               -- 32 little-endian uint32
);
CREATE TABLE minhash_bands (
    band         INTEGER NOT NULL,           -- hash of (band number, its 4 values)
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
