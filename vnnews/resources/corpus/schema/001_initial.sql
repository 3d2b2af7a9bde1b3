-- vnnews archive, schema version 1.
--
-- One row per article in `articles`; the records extracted from it live in
-- `officials`, `locations`, `figures` and `directives` (kind 'document' or
-- 'instruction'), each linked by article_id, with char offsets [start, end) into
-- articles.text (Python string indices, as in the record contract). `mentions` columns
-- hold every mention as a JSON array of [start, end]; `start`/`end` repeat the first.
-- *_key columns are normalised lookup keys (lower-case; *_fkey also diacritic-folded).
--
-- Full-text search: `search_items` has one row per searchable thing (an article or a
-- record); `search_fts` (FTS5, contentless) indexes it under the same rowid, with
-- `body` = the text as written, `body_f` = the same text folded (no diacritics,
-- đ -> d), so a query can match either way, and `kind` = the item's kind as a token.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER NOT NULL,
    applied_at  TEXT    NOT NULL
);

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    url            TEXT,
    canonical_url  TEXT UNIQUE,              -- NULL when the article has no URL
    content_hash   TEXT NOT NULL UNIQUE,     -- sha1 of the normalised body text
    source         TEXT,
    source_fkey    TEXT,                     -- folded source name, for the source filter
    title          TEXT,
    lead           TEXT,
    published      TEXT,                     -- ISO 8601 with offset, as in the record
    published_date TEXT,                     -- YYYY-MM-DD in Vietnam time, for ranges
    author         TEXT,
    category       TEXT,
    tags           TEXT NOT NULL DEFAULT '[]',   -- JSON array
    images         TEXT NOT NULL DEFAULT '[]',   -- JSON array of {url, caption}
    fetched_at     TEXT,
    text           TEXT NOT NULL,            -- NFC body; every offset indexes this
    province       TEXT,                     -- the province the article is mostly about
    province_fkey  TEXT,
    extracted      INTEGER NOT NULL DEFAULT 0,   -- 1 once records were extracted/stored
    record_schema  TEXT,
    added_at       TEXT NOT NULL,
    cluster_id     INTEGER,                  -- id of the first article of its syndication cluster (self when alone)
    duplicate_of   INTEGER REFERENCES articles(id) ON DELETE SET NULL  -- the cluster's first article, NULL for it
);
CREATE INDEX articles_published ON articles(published_date);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_province ON articles(province_fkey);
CREATE INDEX articles_cluster ON articles(cluster_id);

-- Syndicated / near-duplicate pairs found by TF-IDF cosine similarity (a < b).
CREATE TABLE article_links (
    a           INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b           INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity  REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX article_links_b ON article_links(b);

CREATE TABLE officials (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,          -- position in the record's list
    name          TEXT NOT NULL,
    title         TEXT,
    role          TEXT,
    organization  TEXT,
    person_key    TEXT NOT NULL,             -- lower-cased NFC name: the same person across articles
    mentions      TEXT NOT NULL DEFAULT '[]',
    start         INTEGER,
    "end"         INTEGER,
    extra         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX officials_article ON officials(article_id);
CREATE INDEX officials_person ON officials(person_key);

CREATE TABLE locations (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT,
    parent        TEXT,
    name_fkey     TEXT NOT NULL,             -- folded lower-case name
    mentions      TEXT NOT NULL DEFAULT '[]',
    start         INTEGER,
    "end"         INTEGER,
    extra         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX locations_article ON locations(article_id);
CREATE INDEX locations_name ON locations(name_fkey, level);

CREATE TABLE figures (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    value         REAL,
    value_max     REAL,
    total         REAL,
    unit          TEXT,
    quantity      TEXT,
    start         INTEGER,
    "end"         INTEGER,
    extra         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX figures_article ON figures(article_id);

CREATE TABLE directives (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('document', 'instruction')),
    -- kind = 'document'
    doc_type      TEXT,
    number        TEXT,                      -- as written, without "số"
    number_key    TEXT,                      -- folded upper-case, no spaces, dashes unified: 24/2022/ND-CP
    issuer        TEXT,
    name          TEXT,
    -- kind = 'instruction'
    speaker       TEXT,
    speaker_title TEXT,
    verb          TEXT,
    text          TEXT,
    -- both
    issuer_fkey   TEXT,                      -- folded issuer (documents)
    speaker_fkey  TEXT,                      -- folded "speaker | speaker_title" (instructions)
    mentions      TEXT NOT NULL DEFAULT '[]',  -- documents: every mention; instructions: [span]
    start         INTEGER,
    "end"         INTEGER,
    extra         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX directives_article ON directives(article_id);
CREATE INDEX directives_kind ON directives(kind);
CREATE INDEX directives_number ON directives(number_key);
CREATE INDEX directives_speaker ON directives(speaker_fkey);
CREATE INDEX directives_issuer ON directives(issuer_fkey);

-- One row per searchable thing. kind: article, official, location, figure, document, instruction.
CREATE TABLE search_items (
    id           INTEGER PRIMARY KEY,        -- = search_fts rowid
    kind         TEXT NOT NULL,
    ref_id       INTEGER NOT NULL,           -- id in articles / officials / locations / figures / directives
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    dedup_key    TEXT NOT NULL,              -- equal keys in one syndication cluster collapse to one result
    body         TEXT,                       -- the indexed text of a record (NULL for articles: rebuilt from the row)
    dup_of       INTEGER,                    -- the search item this one collapses into (same thing in a syndicated copy)
    n_dups       INTEGER NOT NULL DEFAULT 0  -- how many items collapse into this one
);
CREATE INDEX search_items_article ON search_items(article_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    body, body_f, kind,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
-- merge index segments in bigger steps: faster bulk loading, same queries
INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 16);

-- Views for Datasette or any SQLite tool --------------------------------------------

CREATE VIEW v_articles AS
SELECT a.id, a.published, a.source, a.title, a.url, a.province, a.cluster_id, a.duplicate_of,
       (SELECT COUNT(*) FROM officials o WHERE o.article_id = a.id) AS n_officials,
       (SELECT COUNT(*) FROM locations l WHERE l.article_id = a.id) AS n_locations,
       (SELECT COUNT(*) FROM figures f WHERE f.article_id = a.id) AS n_figures,
       (SELECT COUNT(*) FROM directives d WHERE d.article_id = a.id AND d.kind = 'document') AS n_documents,
       (SELECT COUNT(*) FROM directives d WHERE d.article_id = a.id AND d.kind = 'instruction') AS n_instructions
FROM articles a;

CREATE VIEW v_directives AS
SELECT d.id, d.kind, d.doc_type, d.number, d.issuer, d.name,
       d.speaker, d.speaker_title, d.verb, d.text, d.start, d."end",
       a.id AS article_id, a.title AS article_title, a.published AS article_published,
       a.published_date AS article_date, a.source AS article_source, a.url AS article_url,
       a.province AS article_province, a.duplicate_of AS article_duplicate_of
FROM directives d JOIN articles a ON a.id = d.article_id;

CREATE VIEW v_documents AS
SELECT id, doc_type, number, issuer, name, start, "end", article_id, article_title,
       article_published, article_date, article_source, article_url, article_province
FROM v_directives WHERE kind = 'document';

CREATE VIEW v_instructions AS
SELECT id, speaker, speaker_title, verb, text, start, "end", article_id, article_title,
       article_published, article_date, article_source, article_url, article_province
FROM v_directives WHERE kind = 'instruction';

CREATE VIEW v_officials AS
SELECT o.id, o.name, o.title, o.role, o.organization, o.person_key, o.start, o."end",
       a.id AS article_id, a.title AS article_title, a.published AS article_published,
       a.published_date AS article_date, a.source AS article_source, a.url AS article_url
FROM officials o JOIN articles a ON a.id = o.article_id;

-- One row per person (by name), with how often and when they appear.
CREATE VIEW v_people AS
SELECT o.person_key, MAX(o.name) AS name, COUNT(DISTINCT o.article_id) AS n_articles,
       MIN(a.published_date) AS first_seen, MAX(a.published_date) AS last_seen,
       MIN(o.id) AS first_official_id
FROM officials o JOIN articles a ON a.id = o.article_id
GROUP BY o.person_key;

-- One row per cited document number, with how many articles cite it.
CREATE VIEW v_cited_documents AS
SELECT d.number_key, MAX(d.doc_type) AS doc_type, MAX(d.number) AS number,
       COUNT(DISTINCT d.article_id) AS n_articles,
       MIN(a.published_date) AS first_cited, MAX(a.published_date) AS last_cited
FROM directives d JOIN articles a ON a.id = d.article_id
WHERE d.kind = 'document' AND d.number_key IS NOT NULL
GROUP BY d.number_key;

CREATE VIEW v_locations AS
SELECT l.id, l.name, l.level, l.parent, l.start, l."end",
       a.id AS article_id, a.title AS article_title, a.published_date AS article_date,
       a.source AS article_source, a.url AS article_url
FROM locations l JOIN articles a ON a.id = l.article_id;

CREATE VIEW v_figures AS
SELECT f.id, f.text, f.value, f.value_max, f.total, f.unit, f.quantity, f.start, f."end",
       a.id AS article_id, a.title AS article_title, a.published_date AS article_date,
       a.source AS article_source, a.url AS article_url
FROM figures f JOIN articles a ON a.id = f.article_id;
