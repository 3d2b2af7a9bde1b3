"""The archive in PostgreSQL: `Archive("postgresql://user@host/db")` (psycopg 3, `vnnews[scale]`).

The same tables, the same writes and the same search rules as the SQLite archive, from
the same schema files (`vnnews/resources/corpus/schema/NNN_*.sql`), which this module
translates statement by statement (`to_postgres`): types widened, `WITHOUT ROWID`
dropped, and the FTS5 table replaced by `search_fts` with two `tsvector` columns under
GIN indexes:

- `tsv`: the item's words as written (lower-case), for exact-diacritic matches;
- `tsv_f`: the same words through the text search configuration `vnnews_fold`
  (`unaccent`, which folds `đ`/`Đ` to `d`/`D`, then `simple`), for diacritic-free matches.

Words are split as SQLite's FTS5 `unicode61` tokenizer splits them (runs of letters and
digits), so a phrase (`01-CT/TU` = `01 ct tu`) means the same on both backends. Ranking is
SQLite's: exact-diacritic matches first, then the words in a row, then the rest; within a
tier by BM25 computed exactly as FTS5's `bm25()` does (per-item token counts are stored,
corpus totals kept by a trigger), newest first on ties. `pg_trgm` indexes serve the
substring filters (issuer, speaker, source) and document-number keys.

The Archive's SQL reaches PostgreSQL through `PgConnection`, which translates SQLite's
placeholders (`?`, `:name`) and its few dialect words (`INSERT OR IGNORE`, `date(d, '+3
days')`, upserts' bare column names) and raises `PgError` (an `sqlite3.OperationalError`,
so the Archive's handlers report it as one line). A read-only archive's session is
`default_transaction_read_only`: the server refuses every write (the web server opens it
so). Writers serialise on an advisory lock, as SQLite writers do on the file lock.
"""
from __future__ import annotations

import math
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from . import migrate
from .archive import Archive, ArchiveError, QueryTimeout, Selection, tier_start
from .query import Query, Term
from .results import ArchiveStats, SearchResults

_WORDS = re.compile(r"[^\W_]+")
_WRITE_LOCK = 7_361_442  # pg_advisory_xact_lock key: one writer at a time


def is_url(db: object) -> bool:
    """True for a PostgreSQL URL (`postgresql://...`, `postgres://...`)."""
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def words(text: str | None) -> list[str]:
    """The lower-case words of `text` as FTS5's unicode61 tokenizer finds them."""
    return _WORDS.findall(text.lower()) if text else []


# -- schema: the SQLite migrations, translated ----------------------------------------

SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vnnews_fold') THEN
           CREATE TEXT SEARCH CONFIGURATION vnnews_fold (COPY = simple);
           ALTER TEXT SEARCH CONFIGURATION vnnews_fold ALTER MAPPING FOR asciiword, word, numword,
             asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;
         END IF;
       END $$""",
    # SQLite's date(d, '+3 days') for the duplicate linker's window
    "CREATE OR REPLACE FUNCTION vn_date(d text, m text) RETURNS text LANGUAGE sql IMMUTABLE AS "
    "$$ SELECT to_char(d::date + m::interval, 'YYYY-MM-DD') $$",
]

# what replaces the FTS5 table: see the module doc
SEARCH_TABLE = [
    """CREATE TABLE search_fts (
        rowid  BIGINT PRIMARY KEY,        -- = search_items.id
        kind   TEXT NOT NULL,
        ntok   INTEGER NOT NULL,          -- tokens of body, folded body and kind (FTS5's row size, for BM25)
        tsv    tsvector NOT NULL,         -- the words as written, lower-case
        tsv_f  tsvector NOT NULL          -- the words through vnnews_fold (unaccent: no diacritics, đ -> d)
    )""",
    "CREATE INDEX search_fts_tsv ON search_fts USING gin (tsv)",
    "CREATE INDEX search_fts_tsv_f ON search_fts USING gin (tsv_f)",
    "CREATE TABLE search_fts_totals (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), nrow BIGINT NOT NULL, "
    "ntok BIGINT NOT NULL)",
    "INSERT INTO search_fts_totals VALUES (true, 0, 0)",
    """CREATE FUNCTION search_fts_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF TG_OP = 'INSERT' THEN
           UPDATE search_fts_totals SET nrow = nrow + (SELECT COUNT(*) FROM new_rows),
                                        ntok = ntok + (SELECT COALESCE(SUM(ntok), 0) FROM new_rows);
         ELSE
           UPDATE search_fts_totals SET nrow = nrow - (SELECT COUNT(*) FROM old_rows),
                                        ntok = ntok - (SELECT COALESCE(SUM(ntok), 0) FROM old_rows);
         END IF;
         RETURN NULL;
       END $$""",
    "CREATE TRIGGER search_fts_ins AFTER INSERT ON search_fts REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_fts_count()",
    "CREATE TRIGGER search_fts_del AFTER DELETE ON search_fts REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_fts_count()",
    # substring filters and document numbers: trigram indexes
    "CREATE INDEX directives_issuer_trgm ON directives USING gin (issuer_fkey gin_trgm_ops)",
    "CREATE INDEX directives_speaker_trgm ON directives USING gin (speaker_fkey gin_trgm_ops)",
    "CREATE INDEX directives_number_trgm ON directives USING gin (number_key gin_trgm_ops)",
    "CREATE INDEX articles_source_trgm ON articles USING gin (source_fkey gin_trgm_ops)",
]


def to_postgres(statement: str) -> list[str]:
    """The PostgreSQL statements for one SQLite migration statement (none for SQLite-only
    ones): FTS5 becomes `search_fts` (tsvector + GIN), types are widened."""
    head = " ".join(statement.split()[:4]).upper()
    if re.match(r"CREATE VIRTUAL TABLE SEARCH_FTS_\w+", head):
        return []  # a kind's own index (schema 7): the GIN indexes serve every kind
    if head.startswith("CREATE VIRTUAL TABLE SEARCH_FTS"):
        return list(SEARCH_TABLE)
    if re.match(r"INSERT INTO SEARCH_FTS\w*\s*\(\s*SEARCH_FTS", " ".join(statement.split()).upper()):
        return []  # an FTS5 command (automerge)
    if "'kinds_pending'" in statement:
        return []  # nothing to fill
    if head.startswith("PRAGMA"):
        return []
    s = re.sub(r"\)\s*WITHOUT ROWID", ")", statement, flags=re.I)
    # a rowid alias: ids given on insert are kept, missing ones numbered (documents, persons)
    s = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", s)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    if re.match(r"\s*(CREATE TABLE|ALTER TABLE)", s, re.I):  # text compares bytewise, as SQLite's BINARY
        s = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', s)
    return [s]


# -- the connection: SQLite's SQL in, PostgreSQL's out -----------------------------------

class PgError(sqlite3.OperationalError):
    """A PostgreSQL error, raised as an sqlite3 error so the Archive's handlers report it."""


class Row(tuple):
    """A result row readable by position and by column name, like `sqlite3.Row`."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> "Row":
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return None
    names = {d.name: i for i, d in reversed(list(enumerate(desc)))}
    return lambda values: Row(values, names)


_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|(?<![:\w]):([A-Za-z_]\w*)|%|--[^\n]*")


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite's SQL as PostgreSQL's (placeholders, dialect words); see the module doc."""
    def sub(m: re.Match) -> str:
        tok = m.group(0)
        if tok == "?":
            return "%s"
        if tok == "%":
            return "%%"
        if m.group(1):
            return f"%({m.group(1)})s"
        return tok

    out = _TOKEN.sub(sub, sql)
    if "INSERT OR IGNORE" in out:
        out = out.replace("INSERT OR IGNORE", "INSERT") + " ON CONFLICT DO NOTHING"
    # FTS5's bm25() as a sort key (the export's relevance order) has no SQL twin here: the
    # rows keep the order's next keys (newest first); `search` ranks by BM25 itself
    out = re.sub(r"\bbm25\(search_fts(?:,\s*[\d.]+)*\),\s*", "", out)
    out = re.sub(r"\s+INDEXED BY \w+", "", out)     # a planner hint for SQLite
    out = re.sub(r"\bCROSS JOIN\b", "JOIN", out)       # SQLite's join-order hint; PostgreSQL's CROSS JOIN has no ON
    out = _alias_subqueries(out)
    out = re.sub(r"\bdate\((%s|%\(\w+\)s), ", r"vn_date(\1, ", out)
    out = re.sub(r"\bDESC\b(?!\s+NULLS)", "DESC NULLS LAST", out)  # SQLite sorts NULL lowest
    out = re.sub(r"\bWHERE 1(?=\s+(ORDER|LIMIT|GROUP)\b|\s*\)|\s*$)", "WHERE TRUE", out)
    m = re.match(r"\s*INSERT INTO (\w+)\s*\(([^)]*)\).*?\bDO UPDATE SET\b", out, re.S | re.I)
    if m:
        out = _qualify_upsert(out, m.group(1), [c.strip().strip('"') for c in m.group(2).split(",")], m.end())
    return out


def _alias_subqueries(sql: str) -> str:
    """Name every unnamed subquery in FROM (PostgreSQL before 16 requires it)."""
    out, i, n = [], 0, 0
    for m in re.finditer(r"\bFROM\s*\(", sql):
        if m.start() < i:
            continue
        depth, j = 0, m.end() - 1
        while j < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[j], 0)
            if depth == 0:
                break
            j += 1
        rest = sql[j + 1:]
        out.append(sql[i:j + 1])
        i = j + 1
        if not re.match(r"\s*(AS\b|(?!(WHERE|ORDER|LIMIT|GROUP|JOIN|CROSS|LEFT|ON|UNION|OFFSET|HAVING)\b)[A-Za-z_])",
                        rest, re.I):
            n += 1
            out.append(f" AS sub{n}")
    out.append(sql[i:])
    return "".join(out)


def _qualify_upsert(sql: str, table: str, columns: list[str], start: int) -> str:
    """Qualify the target table's bare column names on the right of an upsert's SET
    (PostgreSQL finds `n + excluded.n` ambiguous; SQLite reads `n` as the stored value)."""
    head, tail = sql[:start], sql[start:]
    for col in columns:
        tail = re.sub(rf"(?<![.\w]){re.escape(col)}(?!\w)", f"{table}.{col}", tail)
    tail = re.sub(rf"(^|,)\s*{re.escape(table)}\.(\w+)\s*=(?!=)", r"\1 \2 =", tail)
    return head + tail


class PgCursor:
    """A cursor over translated SQL (sqlite3's execute/fetch interface)."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> "PgCursor":
        try:
            self._cur.execute(translate(sql), params or None)
        except Exception as e:  # psycopg.Error
            raise _wrap(e) from None
        return self

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        return self._cur.description

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def fetchmany(self, n: int) -> list[Any]:
        return self._cur.fetchmany(n)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur)


def _wrap(e: Exception) -> Exception:
    import psycopg

    if isinstance(e, psycopg.Error):
        return PgError(" ".join(str(e).split()) or type(e).__name__)
    return e


class PgConnection:
    """A psycopg connection with sqlite3's interface over SQLite-dialect SQL."""

    def __init__(self, url: str, readonly: bool, timeout: float) -> None:
        import psycopg

        try:
            self.raw = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as e:
            raise _wrap(e) from None
        self.raw.row_factory = _row_factory
        self.row_factory = None  # set by callers expecting sqlite3; rows are always Row here
        if readonly:
            self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> PgCursor:
        return PgCursor(self.raw.cursor()).execute(sql, params)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        seq = list(seq)
        cur = self.raw.cursor()
        if not seq:
            return PgCursor(cur)
        if re.match(r"\s*INSERT INTO search_fts_\w+\s*\(", sql):  # a kind's own FTS5 index: not kept here
            return PgCursor(cur)
        if re.match(r"\s*INSERT INTO search_fts\s*\(\s*search_fts", sql):  # FTS5 'delete' commands
            sql, seq = "DELETE FROM search_fts WHERE rowid = ?", [(p[0],) for p in seq]
        elif re.match(r"\s*INSERT INTO search_fts\s*\(\s*rowid", sql):   # the index of new search items
            # words copied to a staging table, then indexed by the server's configurations
            try:
                self.raw.execute("CREATE TEMP TABLE IF NOT EXISTS search_fts_stage (rowid BIGINT, kind TEXT, "
                                 "ntok INTEGER, words TEXT) ON COMMIT DELETE ROWS")
                self._copy(cur, "search_fts_stage", ["rowid", "kind", "ntok", "words"], [_fts_row(*p) for p in seq])
                cur.execute("INSERT INTO search_fts(rowid, kind, ntok, tsv, tsv_f) SELECT rowid, kind, ntok, "
                            "to_tsvector('simple', words), to_tsvector('vnnews_fold', words) FROM search_fts_stage")
                cur.execute("TRUNCATE search_fts_stage")
            except Exception as e:
                raise _wrap(e) from None
            return PgCursor(cur)
        plain = _PLAIN_INSERT.match(sql)
        try:
            if plain and len(seq) > 1:  # many rows, no conflict clause: COPY, far faster than INSERTs
                self._copy(cur, plain.group(1), [c.strip() for c in plain.group(2).split(",")], seq)
            else:
                cur.executemany(translate(sql), seq)
        except Exception as e:
            raise _wrap(e) from None
        return PgCursor(cur)

    @staticmethod
    def _copy(cur: Any, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def cursor(self) -> PgCursor:
        return PgCursor(self.raw.cursor())

    def close(self) -> None:
        self.raw.close()


_BY_ID = re.compile(r"\s*SELECT [\w\s,.*]+ FROM (\w+) WHERE id = \?\s*$")
_PLAIN_INSERT = re.compile(r"\s*INSERT INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\(\s*\?(?:\s*,\s*\?)*\s*\)\s*$", re.S)


def _fts_row(rowid: int, body: str, body_f: str, kind: str) -> tuple[Any, ...]:
    exact = words(body)
    return (rowid, kind, len(exact) + len(_WORDS.findall(body_f)) + 1, " ".join(exact))


# -- migrations ----------------------------------------------------------------------------

def applied_versions(conn: PgConnection) -> set[int]:
    if conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        others = conn.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                              "current_schema()").fetchone()[0]
        if others:
            raise migrate.SchemaError("not a vnnews archive (it has tables but no schema_version)")
        return set()
    return {int(r[0]) for r in conn.execute("SELECT version FROM schema_version")}


def pg_migrate(conn: PgConnection) -> int:
    """Apply every missing migration (translated) in one transaction; the new version."""
    available = migrate.migrations()
    latest = available[-1][0]
    applied = applied_versions(conn)
    if max(applied, default=0) > latest:
        raise migrate.SchemaError(f"archive schema version {max(applied)} is newer than this vnnews supports "
                                  f"({latest}); upgrade vnnews")
    if all(n in applied for n, _name, _sql in available):
        return max(applied)
    conn.execute("BEGIN")
    try:
        conn.execute(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")
        applied = applied_versions(conn)
        if not applied:
            for statement in SETUP:
                conn.raw.execute(statement)
        for number, _name, sql in available:
            if number in applied:
                continue
            for statement in migrate.statements(sql):
                for pg in to_postgres(statement):
                    conn.raw.execute(pg)
            conn.execute("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)",
                         (number, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        conn.execute("COMMIT")
    except BaseException:
        conn.raw.execute("ROLLBACK")
        raise
    return max(applied_versions(conn))


def pg_check(conn: PgConnection) -> int:
    applied = applied_versions(conn)
    version, latest = max(applied, default=0), migrate.latest_version()
    if version == 0:
        raise migrate.SchemaError("empty database, not a vnnews archive (build one with `vnnews archive build`)")
    if version > latest:
        raise migrate.SchemaError(f"archive schema version {version} is newer than this vnnews supports ({latest}); "
                                  "upgrade vnnews")
    if any(n not in applied for n, _name, _sql in migrate.migrations()):
        raise migrate.SchemaError(f"archive schema version {version} is older than this vnnews ({latest}); "
                                  "open it once writable (for example `vnnews archive stats --db URL`) to migrate it")
    return version


# -- the archive -------------------------------------------------------------------------

class PgArchive(Archive):
    """An archive in a PostgreSQL database (see the module doc); `Archive(url)` opens one."""

    def __init__(self, path: str, readonly: bool = False, timeout: float = 5.0) -> None:
        self.url = str(path)
        self.path = Location(display_url(self.url))  # type: ignore[assignment]
        self.readonly = readonly
        self._lock = threading.RLock()
        self._depth = 0
        self._conn = self._connect(timeout)  # type: ignore[assignment]
        self._prepare()

    def _migrate(self) -> int:
        version = pg_check(self._conn) if self.readonly else pg_migrate(self._conn)
        if not self.readonly and self._meta("entities_pending"):
            self.resolve_entities()
        return version

    def _connect(self, timeout: float) -> PgConnection:  # type: ignore[override]
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise ArchiveError(f"{self.path}: a PostgreSQL archive needs psycopg (pip install 'vnnews[scale]')") from None
        try:
            return PgConnection(self.url, self.readonly, timeout)
        except sqlite3.Error as e:
            raise self._error(e) from None

    def _error(self, e: sqlite3.Error) -> ArchiveError:
        msg = " ".join(str(e).split())
        low = msg.lower()
        if "read-only transaction" in low:
            return ArchiveError(f"{self.path}: the archive is read-only (opened with readonly=True)")
        if "does not exist" in low and "database" in low:
            return ArchiveError(f"{self.path}: no such database (create it with createdb)")
        if "connection" in low and ("failed" in low or "refused" in low):
            return ArchiveError(f"{self.path}: cannot connect to PostgreSQL ({msg})")
        if "lock" in low and "timeout" in low:
            return ArchiveError(f"{self.path}: the archive is locked by another writer; try again when it has finished")
        return ArchiveError(f"{self.path}: {msg}")

    def transaction(self):  # type: ignore[override]
        return _Transaction(self)

    # -- search: the SQLite archive's rules over tsvector ----------------------------------

    @contextmanager
    def _budget(self) -> Iterator[None]:
        """The search's time budget as the server's `statement_timeout` (QueryTimeout)."""
        budget = self.time_budget
        if not budget:
            yield
            return
        self._conn.execute(f"SET statement_timeout = {max(1, int(budget * 1000))}")
        try:
            yield
        except ArchiveError as e:
            if "statement timeout" in str(e):
                raise QueryTimeout(f"the query took longer than the time budget of {budget:g} s and was stopped; "
                                   "add words or filters to narrow it") from None
            raise
        finally:
            self._conn.execute("SET statement_timeout = 0")

    def _search(self, query: str | None, kind: str | Sequence[str] | None, *, issuer: str | None,
                speaker: str | None, province: str | None, source: str | None, since: Any, until: Any,
                limit: int, offset: int, collapse: bool, after: str | None = None,
                order: str = "relevance") -> SearchResults:
        # PostgreSQL text can't hold NUL characters; they can't match anything anyway
        issuer, speaker, province, source = (None if v is None else str(v).replace("\x00", "")
                                             for v in (issuer, speaker, province, source))
        if query is None or not str(query).strip():  # browsing is plain SQL: the SQLite archive's own
            return super()._search(query, kind, issuer=issuer, speaker=speaker, province=province, source=source,
                                   since=since, until=until, limit=limit, offset=offset, collapse=collapse,
                                   after=after, order=order)
        text = query or ""
        offset, after = self._offset_cursor(offset, after)
        sel = self._selection(query, kind, issuer=issuer, speaker=speaker, province=province, source=source,
                              since=since, until=until, collapse=collapse)
        if sel is None:
            return SearchResults(text, [], 0, limit, offset)
        q, kinds, params, joins, matching = sel.query, sel.kinds, dict(sel.params), sel.joins, sel.matching
        where_sql = "TRUE" if sel.where == "1" else sel.where
        if order == "date":
            after = None  # keyset paging follows the relevance order
        n_dups = "si.n_dups" if collapse else "0 AS n_dups"
        cols = f"si.id AS sid, si.kind, si.ref_id, si.article_id, {n_dups}, a.published_date"
        if joins and matching is not None and matching <= self.FILTER_FIRST_QUERY:
            # few directives by this issuer/speaker: the SQLite archive's own plan (plain SQL)
            return self._filter_first(text, q, sel.where, params, cols, limit, offset)
        kind_sql = "TRUE" if kinds is None else "f.kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")"
        items = f"search_fts f JOIN search_items si ON si.id = f.rowid JOIN articles a ON a.id = si.article_id {joins}"

        completions = {p: self.completions(p) for p in q.prefixes}
        if any(not c for c in completions.values()):
            return SearchResults(text, [], 0, limit, offset)
        qf, pf = _match(q.terms, params, "qf", completions)
        qe, _ = _match((_phrase(q.terms),), params, "qe", completions, folded=False)
        qp, _ = _match((_phrase(q.terms),), params, "qp", completions) if q.multiword else ("TRUE", None)
        if order == "date":  # one pass over every match, newest first; count apart
            need = offset + limit
            rows = [_Hit(r, 0.0, 0) for r in self._rows(
                f"SELECT {cols} FROM {items} WHERE {qf} AND {where_sql} "
                "ORDER BY a.published_date DESC, si.id DESC LIMIT :n", {**params, "n": need})]
            total, exact_total = self._count(f"SELECT 1 FROM {items} WHERE {qf} AND {where_sql}", params, len(rows))
            return self._results(text, q, rows[offset:need], total, exact_total, limit, offset)  # type: ignore[arg-type]
        # one count of the full-text hits serves the BM25 decision and the exactness of totals
        hits = self._rows(f"SELECT COUNT(*) FROM (SELECT 1 FROM search_fts f WHERE {qf} AND {kind_sql} LIMIT :n) x",
                          {**params, "n": max(self.RANK_LIMIT, self.SCAN_LIMIT) + 1})[0][0]
        if hits <= self.RANK_LIMIT:
            lexemes = sorted({w for t, _col in pf for w in t.words})
            rows = self._rows(
                f"SELECT {cols}, f.ntok, ({qe}) AS exact, ({qp}) AS phrase, "
                "ARRAY(SELECT u.lexeme || ' ' || array_to_string(u.positions, ' ') FROM unnest(f.tsv_f) u "
                "WHERE u.lexeme = ANY(CAST(:lx AS text[]))) AS pos_f, "
                "ARRAY(SELECT u.lexeme || ' ' || array_to_string(u.positions, ' ') FROM unnest(f.tsv) u "
                "WHERE u.lexeme = ANY(CAST(:lx AS text[]))) AS pos "
                f"FROM {items} WHERE {qf} AND {where_sql}", {**params, "lx": lexemes})
            scores = self._bm25(pf, rows)
            # ORDER BY exact DESC, phrase DESC, score, published_date DESC, id DESC (two stable sorts)
            ranked = sorted(zip(rows, scores), key=lambda rs: (rs[0]["published_date"] or "", rs[0]["sid"]),
                            reverse=True)
            ranked.sort(key=lambda rs: (not rs[0]["exact"], not rs[0]["phrase"], rs[1]))
            page = [_Hit(r, s) for r, s in ranked[offset:offset + limit]]
            more = offset + len(page) < len(rows)
            return self._results(text, q, page, len(rows), True, limit, offset,  # type: ignore[arg-type]
                                 f"o{offset + len(page)}" if page and more else None)

        # many hits: tiers in order, each newest-added first; a cursor continues where the
        # previous page ended (as the SQLite archive)
        tiers = ([(qe, 1), (f"({qp}) AND NOT ({qe})", 0), (f"({qf}) AND NOT ({qp})", 0)] if q.multiword
                 else [(qe, 1), (f"({qf}) AND NOT ({qe})", 0)])
        start_tier, below, offset = tier_start(after, offset)
        need = offset + limit
        rows: list[Any] = []
        for ti, (expr, exact) in enumerate(tiers):
            if len(rows) >= need or ti < start_tier:
                continue
            bound = " AND f.rowid < :below" if ti == start_tier and below is not None else ""
            rows += [_Hit(r, 0.0, exact, ti) for r in self._rows(
                f"SELECT {cols} FROM {items} WHERE {expr}{bound} AND {kind_sql} AND {where_sql} "
                "ORDER BY f.rowid DESC LIMIT :n", {**params, "n": need - len(rows), "below": below})]
        # count: exactly up to COUNT_LIMIT among the newest SCAN_LIMIT full-text hits
        counted = self._rows(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT f.rowid FROM search_fts f WHERE {qf} AND {kind_sql} "
            "ORDER BY f.rowid DESC LIMIT :scan) h JOIN search_items si ON si.id = h.rowid "
            f"JOIN articles a ON a.id = si.article_id {joins} WHERE {where_sql} "
            "LIMIT :cap) c", {**params, "scan": self.SCAN_LIMIT, "cap": self.COUNT_LIMIT + 1})[0][0]
        exact_total = counted <= self.COUNT_LIMIT and hits <= self.SCAN_LIMIT
        total = max(min(counted, self.COUNT_LIMIT), len(rows) + (offset if after is None else 0))
        page = rows[offset:need]
        cursor = f"t{page[-1]['tier']}.{page[-1]['sid']}" if len(page) == limit and page else None
        return self._results(text, q, page, total, exact_total, limit, offset, cursor)  # type: ignore[arg-type]

    def _matching_selection(self, sel: Selection, completions: dict[str, list[str]]) -> Selection:
        """`sel` matched over the `tsvector` columns instead of FTS5."""
        params = dict(sel.params)
        cond, _ = _match(sel.query.terms, params, "m__", completions)
        return PgSelection(sel.query, sel.browse, sel.kinds, sel.items,
                           f"search_fts f JOIN search_items si ON si.id = f.rowid "
                           f"JOIN articles a ON a.id = si.article_id {sel.joins}",
                           sel.where, params, cond, sel.joins, sel.matching)

    _memo: dict[tuple[str, Any], Any] | None = None

    def _results(self, text: str, q: Query, rows: list[Any], total: int, exact_total: bool, limit: int,
                 offset: int, cursor: str | None = None) -> SearchResults:
        """As the SQLite archive's, with the article and record rows the results read
        fetched first, one query per table (a round trip to the server costs more than a
        lookup in an SQLite file)."""
        memo: dict[tuple[str, Any], Any] = {}
        wanted: dict[str, set[int]] = {"articles": {r["article_id"] for r in rows}}
        for r in rows:
            if r["kind"] != "article":
                table = {"official": "officials", "location": "locations", "figure": "figures"}.get(r["kind"],
                                                                                                 "directives")
                wanted.setdefault(table, set()).add(r["ref_id"])
        for table, ids in wanted.items():
            if ids:
                for row in self._rows(f"SELECT * FROM {table} WHERE id = ANY(CAST(? AS bigint[]))", (sorted(ids),)):
                    memo[(table, row["id"])] = row
        self._memo = memo
        try:
            return super()._results(text, q, rows, total, exact_total, limit, offset, cursor)
        finally:
            self._memo = None

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        if self._memo:
            m = _BY_ID.match(sql)
            if m and isinstance(params, (tuple, list)) and len(params) == 1 and (m.group(1), params[0]) in self._memo:
                return [self._memo[(m.group(1), params[0])]]
        return super()._rows(sql, params)

    def _bm25(self, phrases: list[tuple[Term, str]], rows: list[Any]) -> list[float]:
        """FTS5's bm25() (k1 1.2, b 0.75; body and folded body weight 1, kind 0) of each row
        for the query's phrases: corpus totals from search_fts_totals, each phrase's document
        frequency counted, its frequency in a row read from the row's tsvector positions."""
        if not rows:
            return []
        nrow, ntok = self._rows("SELECT nrow, ntok FROM search_fts_totals")[0]
        avgdl = ntok / nrow if nrow else 1.0
        idf = []
        for t, col in phrases:
            params: dict[str, Any] = {}
            cond = f"f.{col} @@ CAST(:t AS tsquery)"
            params["t"] = " <-> ".join(f"'{w}'" for w in t.words)
            n = self._rows(f"SELECT COUNT(*) FROM search_fts f WHERE {cond}", params)[0][0]
            v = math.log((nrow - n + 0.5) / (n + 0.5))
            idf.append(v if v > 0 else 1e-6)
        k1, b = 1.2, 0.75
        out = []
        for r in rows:
            positions = {"tsv_f": _positions(r["pos_f"]), "tsv": _positions(r["pos"])}
            d = float(r["ntok"])
            score = 0.0
            for (t, col), w in zip(phrases, idf):
                freq = float(_phrase_count(t, positions[col]))
                score += w * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * d / avgdl)))
            out.append(-1.0 * score)
        return out

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Nothing to change for a long series of writes (the server checkpoints itself)."""
        yield

    def optimize(self) -> None:  # type: ignore[override]
        """Refresh the query planner's statistics (ANALYZE); GIN indexes need no merging."""
        with self.transaction():
            self._conn.execute("ANALYZE")

    def stats(self) -> ArchiveStats:
        st = super().stats()
        size = self._rows("SELECT pg_database_size(current_database())")[0][0]
        return replace(st, path=self.path, size_bytes=int(size))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PgSelection(Selection):
    """A `Selection` whose full-text part is a tsvector match (`match` is its SQL
    condition; its query parameters are in `params`)."""

    def sql(self, columns: str) -> str:
        if self.match is None:
            return super().sql(columns)
        return f"SELECT {columns} FROM {self.fts_items} WHERE {self.match} AND {self.where}"

    @property
    def sql_params(self) -> dict[str, Any]:
        return dict(self.params)


class Location(str):
    """Where a PostgreSQL archive is (its URL without password): shown where a file path
    would be; not a file (`exists()` is False)."""

    def exists(self) -> bool:
        return False


class _Transaction:
    """`PgArchive.transaction()`: BEGIN, the writers' advisory lock, COMMIT or ROLLBACK;
    nested uses join the outer one."""

    def __init__(self, archive: PgArchive) -> None:
        self.archive = archive

    def __enter__(self) -> None:
        a = self.archive
        if a.readonly:
            raise ArchiveError(f"{a.path}: opened read-only; cannot write")
        a._lock.acquire()
        a._depth += 1
        if a._depth == 1:
            try:
                a._conn.execute("BEGIN")
                a._conn.execute(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")
            except sqlite3.Error as e:
                a._depth = 0
                a._lock.release()
                raise a._error(e) from None

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        a = self.archive
        try:
            a._depth -= 1
            if a._depth:
                return
            if exc_type is not None:
                a._conn.raw.execute("ROLLBACK")
                return
            try:
                a._conn.execute("COMMIT")
            except sqlite3.Error as e:
                a._conn.raw.execute("ROLLBACK")
                raise a._error(e) from None
        finally:
            a._lock.release()


class _Hit(dict):
    """A search row with its score (and tier flag), readable as the SQLite rows are."""

    def __init__(self, row: Any, score: float, exact: int | None = None, tier: int = 0) -> None:
        super().__init__((k, row[k]) for k in ("sid", "kind", "ref_id", "article_id", "n_dups", "published_date"))
        self["score"] = score
        self["exact"] = row["exact"] if exact is None else exact
        self["tier"] = tier


def display_url(url: str) -> str:
    """The URL with its password masked, for messages and logs."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


def _phrase(terms: tuple[Term, ...]) -> Term:
    return Term(tuple(w for t in terms for w in t.words), terms[-1].prefix)


def _match(terms: Iterable[Term], params: dict[str, Any], name: str, completions: dict[str, list[str]],
           folded: bool = True) -> tuple[str, list[tuple[Term, str]]]:
    """SQL matching all `terms` (each a phrase) as `Query.fts` does: in the folded column
    `tsv_f`, or (a term without Latin letters or digits, or any with `folded` False) in
    `tsv` as written; a prefix term as any of its `completions`, in `tsv_f`. Also the
    phrases matched, in FTS5's order, for BM25: (Term of lexemes, column)."""
    conds, used = [], []
    for i, t in enumerate(terms):
        if t.prefix:
            words = t.index_words or t.words
            phrases = [Term((*words[:-1], c)) for c in completions.get(words[-1], [])]
            col = "tsv_f"
        else:
            lex = t.index_words if folded else ()
            col = "tsv_f"
            if not lex:
                lex, col = t.words, "tsv"
            phrases = [Term(tuple(lex))]
        key = f"{name}{i}"
        params[key] = " | ".join("(" + " <-> ".join(f"'{w}'" for w in p.words) + ")" for p in phrases) or "'\u0001'"
        conds.append(f"f.{col} @@ CAST(:{key} AS tsquery)")
        used += [(p, col) for p in phrases]
    return "(" + " AND ".join(conds) + ")", used


def _positions(items: list[str] | None) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for item in items or ():
        lexeme, *pos = item.split(" ")
        out[lexeme] = {int(p) for p in pos if p}
    return out


def _phrase_count(t: Term, positions: dict[str, set[int]]) -> int:
    """How many times the phrase `t` occurs, from its words' positions."""
    sets = [positions.get(w, set()) for w in t.words]
    if not sets or not sets[0]:
        return 0
    return sum(1 for p in sets[0] if all(p + j in s for j, s in enumerate(sets[1:], 1)))
