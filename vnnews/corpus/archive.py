"""The searchable archive: articles and their extracted records in SQLite, with FTS5.

    >>> from vnnews import Archive
    >>> with Archive("archive.db") as archive:
    ...     archive.add(record)                       # a Record, or an Article (extracted on add)
    ...     for hit in archive.search("dong khoi", kind="document"):
    ...         print(hit.kind, hit.fields["number"], hit.article.title, hit.snippet.marked())

Reading:

- `search(query, kind=..., issuer=..., speaker=..., province=..., source=..., since=...,
  until=..., limit=20, offset=0)` returns `SearchResults` (typed `SearchResult` items and a
  `total`). Matching ignores diacritics (`dong khoi` finds `Đồng Khởi`, `đ` folds to `d`),
  exact-diacritic matches come first, document numbers are searched as written
  (`01-CT/TU`, `24/2022/NĐ-CP`), `word*` is a prefix search, and the text is never passed to
  FTS5 as syntax, so no query raises. Syndicated copies of an article are collapsed into
  one result by default (`collapse=False` to see them all).
- `article(id)`, `directive(id)`, `official(id)`, `citing(number)`, `stats()`.
- `directives(kind=None)` (also `iter(archive)`) streams every stored directive;
  `articles()` and `records()` stream articles and records (for export).

The schema (tables, views, offsets) is described in `vnnews/resources/corpus/schema/001_initial.sql`.
An `Archive` may be shared between threads (calls are serialised by a lock); for parallel
reads open one `Archive(path, readonly=True)` per thread. Every write is a transaction:
nothing is half-written. Failures to open or write raise `ArchiveError` with a one-line
message (locked, read-only, not an archive, schema too new).
"""
from __future__ import annotations

import importlib
import json
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..models import VN_TZ, Article, Directive, Figure, Image, Location, Official, Record
from . import entities, migrate
from .keys import canonical_url, content_hash, fkey, fold_index, nfc_fast, number_key, person_key
from .query import Query, parse_query
from .results import (KINDS, ArchiveStats, ArticleRef, Citation, DocumentEntity, DocumentProfile, OfficialMention,
                      OfficialProfile, PersonSummary, SearchResult, SearchResults, Snippet, StoredArticle,
                      StoredDirective, TitleSpan)

# provinces-level units that are written "thành phố": the centrally-run cities
_CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
_DIRECTIVE_KINDS = ("document", "instruction")


class ArchiveError(Exception):
    """The archive can't be opened or written; the message is one line naming the file."""


class QueryTimeout(ArchiveError):
    """A search ran longer than the archive's time budget and was stopped."""


@dataclass(frozen=True)
class Selection:
    """What a search selects, as SQL over the schema (see `Archive.select`): `sql(columns)`
    is a statement over search items `si` joined to their articles `a`, to run with
    `Archive.query(sql, sql_params)`."""

    query: Query
    browse: bool                      # no query words: every item the filters allow
    kinds: tuple[str, ...] | None     # None: every kind
    items: str                        # FROM clause without full-text search
    fts_items: str                    # FROM clause with search_fts
    where: str
    params: dict[str, Any]
    match: str | None                 # the FTS5 expression (folded), None when browsing
    joins: str = ""                   # the directives join of the issuer/speaker filters
    matching: int | None = 0          # directives those filters allow (None: many)

    def sql(self, columns: str) -> str:
        """`SELECT columns FROM ... WHERE ...` over every selected item (no order, no limit)."""
        if self.match is None:
            return f"SELECT {columns} FROM {self.items} WHERE {self.where}"
        return f"SELECT {columns} FROM {self.fts_items} WHERE search_fts MATCH :match__ AND {self.where}"

    @property
    def sql_params(self) -> dict[str, Any]:
        return {**self.params, **({"match__": self.match} if self.match is not None else {})}


class Archive:
    """A vnnews archive in an SQLite file (WAL mode).

    `Archive(path)` opens or creates it (and migrates an older schema);
    `Archive(path, readonly=True)` opens an existing one for reading only (SQLite
    `mode=ro`), which is safe while another process writes to it. `timeout` is how many
    seconds to wait for another writer before `ArchiveError("... locked ...")`.
    `Archive("postgresql://...")` opens an archive in PostgreSQL instead (`PgArchive`).
    """

    # other backends, by URL prefix: (module, class), imported when such a URL is opened
    BACKENDS = {"postgresql://": ("vnnews.corpus.postgres", "PgArchive"),
                "postgres://": ("vnnews.corpus.postgres", "PgArchive")}

    def __new__(cls, path: str | os.PathLike[str] = "", *args: Any, **kwargs: Any) -> "Archive":
        # a postgresql:// URL opens the PostgreSQL backend (`vnnews[scale]`), a subclass
        if cls is Archive and isinstance(path, str):
            for prefix, (module, name) in cls.BACKENDS.items():
                if path.startswith(prefix):
                    return super().__new__(getattr(importlib.import_module(module), name))
        return super().__new__(cls)

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False, timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._depth = 0
        self._conn = self._connect(timeout)
        try:
            if readonly:
                self.schema_version = migrate.check(self._conn)
            else:
                self.schema_version = migrate.migrate(self._conn)
                if self._meta("entities_pending"):
                    self.resolve_entities()
                if self._meta("terms_pending"):
                    self.rebuild_terms()
        except migrate.SchemaError as e:
            self._conn.close()
            raise ArchiveError(f"{self.path}: {e}") from None
        except sqlite3.Error as e:
            self._conn.close()
            raise self._error(e) from None

    # -- connection ------------------------------------------------------------------

    def _connect(self, timeout: float) -> sqlite3.Connection:
        path = self.path
        try:
            if self.readonly:
                if path.is_dir():
                    raise ArchiveError(f"{path}: is a directory, not an archive file")
                if not path.exists():
                    raise ArchiveError(f"{path}: no such archive")
                uri = f"{path.resolve().as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
                try:
                    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                except sqlite3.OperationalError as e:
                    if "unable to open" not in str(e):
                        raise
                    # a WAL archive in a directory we can't write (no -shm): read it as immutable
                    conn.close()
                    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                           timeout=timeout, isolation_level=None, check_same_thread=False)
                    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            else:
                if path.is_dir():
                    raise ArchiveError(f"{path}: is a directory, not an archive file")
                if not path.parent.exists():
                    raise ArchiveError(f"{path}: directory {path.parent} does not exist")
                conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode.lower() != "wal":  # e.g. a read-only file: WAL can't be set up
                    conn.execute("PRAGMA journal_mode").fetchone()
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk loads touch many index pages
                conn.execute("PRAGMA wal_autocheckpoint=10000")  # checkpoint every ~40 MB, not every 4 MB
            conn.execute("PRAGMA foreign_keys=ON")
            if self.readonly:  # belt and braces over mode=ro: no writes, no other database files
                conn.execute("PRAGMA query_only=ON")
                conn.set_authorizer(_deny_attach)
            conn.row_factory = sqlite3.Row
            return conn
        except sqlite3.Error as e:
            raise self._error(e) from None

    def _error(self, e: sqlite3.Error) -> ArchiveError:
        msg = str(e)
        low = msg.lower()
        if "locked" in low or "busy" in low:
            return ArchiveError(f"{self.path}: the archive is locked by another process; try again when it has finished")
        if "readonly" in low or "read-only" in low:
            return ArchiveError(f"{self.path}: the archive is read-only (file or its directory not writable); "
                                "open it with readonly=True to search it")
        if "not a database" in low or "malformed" in low:
            return ArchiveError(f"{self.path}: not a vnnews archive (not an SQLite database, or damaged)")
        if "unable to open" in low:
            return ArchiveError(f"{self.path}: cannot open the archive file")
        return ArchiveError(f"{self.path}: {msg}")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction (nested uses join the outer one): all or nothing."""
        if self.readonly:
            raise ArchiveError(f"{self.path}: opened read-only; cannot write")
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise self._error(e) from None
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as e:
                self._conn.execute("ROLLBACK")
                raise self._error(e) from None

    # -- writing ---------------------------------------------------------------------

    def contains(self, article: Article) -> bool:
        """True when an article with the same canonical URL or the same body is stored."""
        return self._find_existing(canonical_url(article.url), content_hash(article.text)) is not None

    def _find_existing(self, curl: str | None, chash: str) -> int | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ? OR (canonical_url IS NOT NULL AND canonical_url = ?)",
                (chash, curl)).fetchone()
        return row[0] if row else None

    def _stored_keys(self, hashes: list[str], urls: list[str]) -> set[str]:
        """Which of these content hashes and canonical URLs the archive already holds."""
        found: set[str] = set()
        for column, values in (("content_hash", hashes), ("canonical_url", urls)):
            for i in range(0, len(values), 500):
                part = values[i:i + 500]
                found.update(r[0] for r in self._conn.execute(
                    f"SELECT {column} FROM articles WHERE {column} IN ({','.join('?' * len(part))})", part))
        return found

    def add(self, item: Article | Record, *, extract: bool = True) -> int | None:
        """Store an article with its records; return its new id, or None when the archive
        already holds it (same canonical URL or same body). A `Record` is stored as given;
        an `Article` is run through `vnnews.extract` first (or stored without records
        when `extract=False`)."""
        if isinstance(item, Article):
            record = None
            if extract:
                if self.contains(item):
                    return None
                from ..nlp.pipeline import extract as run_extract

                record = run_extract(item)
            return self.add_pair(item, record)
        if isinstance(item, Record):
            return self.add_pair(article_from_record(item), item)
        raise TypeError(f"Archive.add() takes an Article or a Record, not {type(item).__name__}")

    def add_pair(self, article: Article, record: Record | None) -> int | None:
        """Store `article` with its already extracted `record` (or None); id or None if present."""
        return self.add_many([(article, record)])[0]

    def add_many(self, pairs: Iterable[tuple[Article, Record | None]]) -> list[int | None]:
        """Store (article, record or None) pairs in one transaction; return their ids, None
        for each one already stored (or repeated within `pairs`)."""
        with self.transaction():
            try:
                return self._insert_batch(list(pairs))
            except sqlite3.Error as e:
                raise self._error(e) from None

    _TABLES = ("articles", "officials", "locations", "figures", "directives", "search_items")

    def _last_ids(self) -> dict[str, int]:
        """The highest row id of each table (new rows are numbered after it)."""
        return {t: self._conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0] for t in self._TABLES}

    def _insert_batch(self, pairs: list[tuple[Article, Record | None]]) -> list[int | None]:
        ids = self._last_ids()
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in self._TABLES}
        fts: list[tuple[Any, ...]] = []
        seen: set[str] = set()
        out: list[int | None] = []

        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        keyed = []
        for article, record in pairs:
            # a record's offsets index its text exactly as it is; a bare article is stored NFC
            text = record.text if record is not None else nfc_fast(article.text)
            keyed.append((article, record, text, canonical_url(article.url), content_hash(text)))
        stored = self._stored_keys([k[4] for k in keyed], [k[3] for k in keyed if k[3]])
        for article, record, text, curl, chash in keyed:
            if chash in seen or (curl and curl in seen) or chash in stored or (curl and curl in stored):
                out.append(None)
                continue
            seen.add(chash)
            if curl:
                seen.add(curl)
            published = article.published
            if published is None and record is not None and record.article.get("published"):
                try:
                    published = Article.from_dict({"text": "", "published": record.article["published"]}).published
                except (TypeError, ValueError):
                    published = None
            province = _province(record) if record is not None else None
            pdate = published.astimezone(VN_TZ).date().isoformat() if published else None
            ids["articles"] += 1
            aid = ids["articles"]
            rows["articles"].append((
                aid, article.url, curl, chash, article.source, fkey(article.source), article.title, article.lead,
                published.isoformat() if published else None, pdate,
                article.author, article.category, json.dumps(article.tags, ensure_ascii=False),
                json.dumps([i.to_dict() for i in article.images], ensure_ascii=False),
                article.fetched_at.isoformat() if article.fetched_at else None, text,
                province, fkey(province), 1 if record is not None else 0,
                record.schema if record is not None else None, now, aid))
            # the article's search item: its body is the article's own text, not stored twice
            ids["search_items"] += 1
            body = _article_body(article.title, article.lead, text)
            pfkey = fkey(province)
            rows["search_items"].append((ids["search_items"], "article", aid, aid, "a", None))
            fts.append((ids["search_items"], body, fold_index(body), "article"))
            if record is not None:
                self._record_rows(aid, record, rows, ids, fts, (pdate, province, pfkey))
            out.append(aid)
        self._write_entities(rows)
        self._write_rows(rows, fts)
        return out

    def _write_entities(self, rows: dict[str, Any]) -> None:
        """Upsert the batch's documents, persons, issuers and speakers; put their ids in
        the officials and directives rows (whose last items are entity keys until now)."""
        c = self._conn
        docs: dict[str, list[Any]] = rows.pop("_docs", {})
        persons: dict[tuple[str, str], list[Any]] = rows.pop("_persons", {})
        doc_ids: dict[str, int] = {}
        if docs:
            c.executemany(
                "INSERT INTO documents(doc_key, doc_type, number, number_key, issuer, issuer_code, scope, province, "
                "province_fkey, unit, citations, first_cited, last_cited) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(doc_key) DO UPDATE SET citations = citations + excluded.citations, "
                "first_cited = CASE WHEN first_cited IS NULL OR excluded.first_cited < first_cited "
                "THEN excluded.first_cited ELSE first_cited END, "
                "last_cited = CASE WHEN last_cited IS NULL OR excluded.last_cited > last_cited "
                "THEN excluded.last_cited ELSE last_cited END",
                [(k, i.doc_type, i.number, i.number_key, i.issuer or _issuer_name(i.issuer_code), i.issuer_code,
                  i.scope, i.province, fkey(i.province), i.unit, len(aids), lo, hi)
                 for k, (i, aids, lo, hi) in docs.items()])
            keys = list(docs)
            for n in range(0, len(keys), 500):
                part = keys[n:n + 500]
                doc_ids.update((r[1], r[0]) for r in c.execute(
                    f"SELECT id, doc_key FROM documents WHERE doc_key IN ({','.join('?' * len(part))})", part))
        person_ids: dict[tuple[str, str], int] = {}
        if persons:
            c.executemany(
                "INSERT INTO persons(person_key, scope, name, name_fkey, province, articles, first_seen, last_seen) "
                "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(person_key, scope) DO UPDATE SET "
                "articles = articles + excluded.articles, "
                "name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END, "
                "first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
                "THEN excluded.first_seen ELSE first_seen END, "
                "last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
                "THEN excluded.last_seen ELSE last_seen END",
                [(pk, scope, name, fkey(name), prov, len(aids), lo, hi)
                 for (pk, scope), (name, prov, aids, lo, hi) in persons.items()])
            pkeys = sorted({pk for pk, _ in persons})
            for n in range(0, len(pkeys), 500):
                part = pkeys[n:n + 500]
                for r in c.execute(f"SELECT id, person_key, scope FROM persons WHERE person_key IN "
                                   f"({','.join('?' * len(part))})", part):
                    person_ids[(r[1], r[2])] = r[0]
        rows["officials"] = [o[:-1] + (person_ids.get(o[-1]),) for o in rows["officials"]]
        rows["directives"] = [d[:-2] + (doc_ids.get(d[-2]), person_ids.get(d[-1])) for d in rows["directives"]]
        counts: dict[str, Counter[str]] = {"issuers": Counter(), "speakers": Counter()}
        for d in rows["directives"]:
            if d[3] == "document" and d[13]:
                counts["issuers"][d[13]] += 1
            elif d[3] == "instruction" and d[14]:
                counts["speakers"][d[14]] += 1
        for table, col in (("issuers", "issuer_fkey"), ("speakers", "speaker_fkey")):
            if counts[table]:
                c.executemany(f"INSERT INTO {table}({col}, n) VALUES (?, ?) ON CONFLICT({col}) DO UPDATE SET "
                              "n = n + excluded.n", list(counts[table].items()))

    def _write_rows(self, rows: dict[str, list[tuple[Any, ...]]], fts: list[tuple[Any, ...]]) -> None:
        c = self._conn
        if rows.get("articles"):
            c.executemany(
                """INSERT INTO articles(id, url, canonical_url, content_hash, source, source_fkey, title, lead,
                       published, published_date, author, category, tags, images, fetched_at, text,
                       province, province_fkey, extracted, record_schema, added_at, cluster_id)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows["articles"])
        if rows["officials"]:
            c.executemany("""INSERT INTO officials(id, article_id, seq, name, title, role, organization, person_key,
                             mentions, start, "end", extra, person_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                          rows["officials"])
        if rows["locations"]:
            c.executemany("""INSERT INTO locations(id, article_id, seq, name, level, parent, name_fkey, mentions,
                             start, "end", extra) VALUES (?,?,?,?,?,?,?,?,?,?,?)""", rows["locations"])
        if rows["figures"]:
            c.executemany("""INSERT INTO figures(id, article_id, seq, text, value, value_max, total, unit, quantity,
                             start, "end", extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", rows["figures"])
        if rows["directives"]:
            c.executemany("""INSERT INTO directives(id, article_id, seq, kind, doc_type, number, number_key, issuer,
                             name, speaker, speaker_title, verb, text, issuer_fkey, speaker_fkey, mentions, start,
                             "end", extra, document_id, person_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                          rows["directives"])
        if rows["search_items"]:
            c.executemany("INSERT INTO search_items(id, kind, ref_id, article_id, dedup_key, body) VALUES (?,?,?,?,?,?)",
                          rows["search_items"])
        if fts:
            c.executemany("INSERT INTO search_fts(rowid, body, body_f, kind) VALUES (?,?,?,?)", fts)
            terms: Counter[str] = Counter()
            for f in fts:  # item by item: no batch-sized list of words in memory
                terms.update(_INDEX_WORD.findall(f[2]))
            c.executemany("INSERT INTO search_terms(term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET "
                          "n = n + excluded.n", list(terms.items()))

    def _record_rows(self, aid: int, record: Record, rows: dict[str, Any],
                     ids: dict[str, int], fts: list[tuple[Any, ...]],
                     where: tuple[str | None, str | None, str | None]) -> None:
        """Append the rows of `record` (article `aid`, published on `where[0]`, about
        province `where[1]`, folded `where[2]`) to `rows` and `fts`, numbering them from
        `ids` (updated), and note its documents and persons in `rows["_docs"]` and
        `rows["_persons"]`. The hot path of bulk loading: plain loops, few calls."""
        items, officials, locations, figures, directives = (rows["search_items"], rows["officials"],
                                                            rows["locations"], rows["figures"], rows["directives"])
        pdate, province, pfkey = where
        docs = rows.setdefault("_docs", {})
        persons = rows.setdefault("_persons", {})
        place = entities.article_place(record, province)
        spoken: list[tuple[str, tuple[str, str]]] = []
        sid = ids["search_items"]
        oid = ids["officials"]
        for seq, o in enumerate(record.officials):
            m = _mentions(o.mentions)
            oid += 1
            sid += 1
            pk = person_key(o.name)
            scope, prov = entities.person_scope(o, place)
            pkey = (pk, scope)
            _note(persons, pkey, aid, pdate, lambda: [o.name, prov, set(), None, None])
            spoken.append((pk, pkey))
            first = m[0] if m else (None, None)
            officials.append((oid, aid, seq, o.name, o.title, o.role, o.organization, pk, _dumps(m),
                              first[0], first[1], _json(o.extra) if o.extra else "{}", pkey))
            body = o.name + "\n" + o.title if o.title else o.name
            if o.organization and o.organization not in (o.title or ""):
                body += "\n" + o.organization
            items.append((sid, "official", oid, aid, pk, body))
            fts.append((sid, body, fold_index(body), "official"))
        ids["officials"] = oid
        lid = ids["locations"]
        for seq, loc in enumerate(record.locations):
            m = _mentions(loc.mentions)
            lid += 1
            sid += 1
            key = fkey(loc.name)
            first = m[0] if m else (None, None)
            locations.append((lid, aid, seq, loc.name, loc.level, loc.parent, key, _dumps(m), first[0], first[1],
                              _json(loc.extra) if loc.extra else "{}"))
            body = loc.level + " " + loc.name if loc.level else loc.name
            if loc.parent:
                body += "\n" + loc.parent
            items.append((sid, "location", lid, aid, key + "|" + (loc.level or ""), body))
            fts.append((sid, body, fold_index(body), "location"))
        ids["locations"] = lid
        fid = ids["figures"]
        for seq, f in enumerate(record.figures):
            span = f.span if f.span and len(f.span) >= 2 else (None, None)
            fid += 1
            sid += 1
            figures.append((fid, aid, seq, f.text, f.value, f.value_max, f.total, f.unit, f.quantity,
                            span[0], span[1], _json(f.extra) if f.extra else "{}"))
            body = f.text + "\n" + f.quantity if f.quantity else f.text
            items.append((sid, "figure", fid, aid, f"{fkey(f.text)}|{f.value}", body))
            fts.append((sid, body, fold_index(body), "figure"))
        ids["figures"] = fid
        did = ids["directives"]
        for seq, d in enumerate(record.directives):
            kind = "instruction" if d.kind == "instruction" else "document"
            if kind == "instruction":
                m = [[int(d.span[0]), int(d.span[1])]] if d.span and len(d.span) >= 2 else []
            else:
                m = _mentions(d.mentions)
            speaker = " | ".join(x for x in (d.speaker, d.speaker_title) if x) or None
            did += 1
            sid += 1
            first = m[0] if m else (None, None)
            nkey = number_key(d.number)
            dkey = pkey = None
            if kind == "document":
                ident = entities.document_identity(d, record, province, place)
                dkey = ident.key
                _note(docs, dkey, aid, pdate, lambda: [ident, set(), None, None], at=1)
            elif d.speaker:
                pk = person_key(d.speaker)
                pkey = next((k for p, k in spoken if p == pk), None)
                if pkey is None:
                    scope, prov = entities.person_scope(Official(name=d.speaker, title=d.speaker_title), place)
                    pkey = (pk, scope)
                    _note(persons, pkey, aid, pdate, lambda: [d.speaker, prov, set(), None, None])
                    spoken.append((pk, pkey))
            directives.append((did, aid, seq, kind, d.doc_type, d.number, nkey, d.issuer, d.name, d.speaker,
                               d.speaker_title, d.verb, d.text, fkey(d.issuer), fkey(speaker), _dumps(m),
                               first[0], first[1], _json(d.extra) if d.extra else "{}", dkey, pkey))
            if kind == "instruction":
                body = _join(d.speaker, d.speaker_title, d.verb, d.text)
                dedup = (fkey(d.text) or "")[:100]
            else:
                body = _join(d.name, d.doc_type if d.doc_type and d.doc_type not in (d.name or "") else None,
                             d.number if d.number and d.number not in (d.name or "") else None, d.issuer)
                dedup = nkey or fkey(d.name) or fkey(body) or ""
            items.append((sid, kind, did, aid, dedup, body))
            fts.append((sid, body, fold_index(body), kind))
        ids["directives"] = did
        ids["search_items"] = sid

    def set_record(self, article_id: int, record: Record) -> None:
        """Replace the records of a stored article (e.g. after re-extraction). `record.text`
        must equal the stored text, since offsets index it."""
        with self.transaction():
            row = self._conn.execute("SELECT text, cluster_id, published_date FROM articles WHERE id = ?",
                                     (article_id,)).fetchone()
            if row is None:
                raise KeyError(f"no article {article_id}")
            if record.text != row["text"]:
                raise ValueError("record.text differs from the stored article text; offsets would not match")
            touched = self._delete_records(article_id)
            ids = self._last_ids()
            rows: dict[str, Any] = {t: [] for t in self._TABLES}
            fts: list[tuple[Any, ...]] = []
            province = _province(record)
            pfkey = fkey(province)
            self._record_rows(article_id, record, rows, ids, fts, (row["published_date"], province, pfkey))
            self._write_entities(rows)
            self._write_rows(rows, fts)
            self._conn.execute("UPDATE articles SET extracted = 1, record_schema = ?, province = ?, province_fkey = ? "
                               "WHERE id = ?", (record.schema, province, pfkey, article_id))
            self._refresh_entities(*touched)
            from .duplicates import refresh_collapse

            refresh_collapse(self._conn, [row["cluster_id"] or article_id])

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM archive_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def resolve_entities(self) -> int:
        """Resolve documents and persons for articles stored before schema version 3 (done
        once, on opening such an archive writable); return the number of articles."""
        ids = [r[0] for r in self._conn.execute("SELECT id FROM articles WHERE extracted = 1 ORDER BY id")]
        for n in range(0, len(ids), 200):
            with self.transaction():
                for aid in ids[n:n + 200]:
                    stored = self.article(aid)
                    if stored is not None:
                        self.set_record(aid, stored.record)
        with self.transaction():
            self._conn.execute("DELETE FROM archive_meta WHERE key = 'entities_pending'")
        return len(ids)

    def rebuild_terms(self) -> int:
        """Fill the vocabulary of the folded index (`search_terms`, for prefix expansion)
        from the full-text index itself; done once for archives built before schema 4.
        Return the number of words."""
        with self.transaction():
            c = self._conn
            c.execute("CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, 'col')")
            try:
                c.execute("DELETE FROM search_terms")
                c.execute("INSERT INTO search_terms(term, n) SELECT term, doc FROM temp.search_vocab "
                          "WHERE col = 'body_f'")
            finally:
                c.execute("DROP TABLE temp.search_vocab")
            c.execute("DELETE FROM archive_meta WHERE key = 'terms_pending'")
            return c.execute("SELECT COUNT(*) FROM search_terms").fetchone()[0]

    def _delete_records(self, article_id: int) -> tuple[set[int], set[int], set[str], set[str]]:
        """Delete an article's records; return the documents, persons, issuers and speakers
        they counted towards (to recount with `_refresh_entities`)."""
        c = self._conn
        docs = {r[0] for r in c.execute("SELECT document_id FROM directives WHERE article_id = ? AND "
                                        "document_id IS NOT NULL", (article_id,))}
        persons = {r[0] for r in c.execute("SELECT person_id FROM officials WHERE article_id = ? AND person_id "
                                           "IS NOT NULL UNION SELECT person_id FROM directives WHERE article_id = ? "
                                           "AND person_id IS NOT NULL", (article_id, article_id))}
        issuers = {r[0] for r in c.execute("SELECT issuer_fkey FROM directives WHERE article_id = ? AND "
                                           "kind = 'document' AND issuer_fkey IS NOT NULL", (article_id,))}
        speakers = {r[0] for r in c.execute("SELECT speaker_fkey FROM directives WHERE article_id = ? AND "
                                            "kind = 'instruction' AND speaker_fkey IS NOT NULL", (article_id,))}
        rows = c.execute("SELECT id, kind, body FROM search_items WHERE article_id = ? AND kind != 'article'",
                         (article_id,)).fetchall()
        c.executemany("INSERT INTO search_fts(search_fts, rowid, body, body_f, kind) VALUES ('delete', ?, ?, ?, ?)",
                      [(r["id"], r["body"], fold_index(r["body"]), r["kind"]) for r in rows])
        c.execute("DELETE FROM search_items WHERE article_id = ? AND kind != 'article'", (article_id,))
        for table in ("officials", "locations", "figures", "directives"):
            c.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        return docs, persons, issuers, speakers

    def _refresh_entities(self, docs: Iterable[int], persons: Iterable[int], issuers: Iterable[str] = (),
                          speakers: Iterable[str] = ()) -> None:
        """Recount the given documents, persons, issuers and speakers from their rows;
        drop those no longer cited or mentioned."""
        c = self._conn
        c.executemany(
            "UPDATE documents SET (citations, first_cited, last_cited) = (SELECT COUNT(DISTINCT d.article_id), "
            "MIN(a.published_date), MAX(a.published_date) FROM directives d JOIN articles a ON a.id = d.article_id "
            "WHERE d.document_id = documents.id) WHERE id = ?", [(i,) for i in docs])
        c.executemany("DELETE FROM documents WHERE id = ? AND citations = 0", [(i,) for i in docs])
        c.executemany(
            "UPDATE persons SET (articles, first_seen, last_seen) = (SELECT COUNT(DISTINCT x.article_id), "
            "MIN(a.published_date), MAX(a.published_date) FROM (SELECT article_id FROM officials WHERE person_id = "
            "persons.id UNION SELECT article_id FROM directives WHERE person_id = persons.id) x "
            "JOIN articles a ON a.id = x.article_id) WHERE id = ?", [(i,) for i in persons])
        c.executemany("DELETE FROM persons WHERE id = ? AND articles = 0", [(i,) for i in persons])
        c.executemany("UPDATE issuers SET n = (SELECT COUNT(*) FROM directives WHERE issuer_fkey = ? AND "
                      "kind = 'document') WHERE issuer_fkey = ?", [(k, k) for k in issuers])
        c.executemany("UPDATE speakers SET n = (SELECT COUNT(*) FROM directives WHERE speaker_fkey = ? AND "
                      "kind = 'instruction') WHERE speaker_fkey = ?", [(k, k) for k in speakers])
        c.execute("DELETE FROM issuers WHERE n = 0")
        c.execute("DELETE FROM speakers WHERE n = 0")

    def link_duplicates(self, article_ids: Iterable[int] | None = None, *, threshold: float = 0.6,
                        window_days: int = 3) -> int:
        """Find syndicated copies of the given articles (default: all not yet compared) by
        MinHash/LSH over word 5-shingles (estimated Jaccard similarity >= `threshold`,
        published within `window_days`), link them and merge their clusters; return the
        number of new links. Incremental: each article is compared with the few that share
        an LSH band, not with the archive."""
        from .duplicates import link_duplicates

        with self._lock:
            return link_duplicates(self, article_ids, threshold=threshold, window_days=window_days)

    # -- reading ---------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as e:
                raise self._error(e) from None
            except OverflowError:  # an id beyond SQLite's integer range: no such row
                return []

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[sqlite3.Row]:
        """Stream the rows of one read-only SQL statement over the schema (for readers such as
        `vnnews.corpus.facets` that need a summary the methods here don't give). On an archive
        opened read-only, writes and `ATTACH` fail; errors raise `ArchiveError`."""
        try:
            yield from self._stream(sql, params, lambda r: r)
        except sqlite3.Error as e:
            raise self._error(e) from None

    # queries with at most this many hits are ranked by BM25; more, by tier then newest first
    RANK_LIMIT = 2000
    MAX_LIMIT = 1000                 # results per page
    MAX_OFFSET = 1_000_000           # deepest offset
    MAX_COMPLETIONS = 24             # index words a prefix expands to
    MAX_COMPLETION_SCAN = 3000       # candidates read to pick them
    MAX_FILTER_VALUES = 500          # distinct issuers/speakers a filter may match (else a LIKE join)
    BROWSE_COUNT_LIMIT = 1000        # browsing (no query) counts exactly up to this many results
    SCAN_LIMIT = 3_000               # full-text hits a count looks at (beyond: the total is a lower bound)
    FILTER_FIRST = 20_000            # an issuer/speaker filter allowing at most this many directives is
    FILTER_FIRST_QUERY = 5_000       # applied first (browsing / with a query), by index
    time_budget = 2.0                # seconds a search may run before QueryTimeout (None: no limit)
    # beyond this many results, `total` is a lower bound (`total_exact` False)
    COUNT_LIMIT = 1000

    def search(self, query: str | None, kind: str | Sequence[str] | None = None, *, issuer: str | None = None,
               speaker: str | None = None, province: str | None = None, source: str | None = None,
               since: str | date | None = None, until: str | date | None = None, limit: int = 20,
               offset: int = 0, collapse: bool = True, after: str | None = None,
               order: str = "relevance") -> SearchResults:
        """Search the archive.

        `query`: words to find (see module doc); None or blank lists everything that the
        filters allow, newest first. `kind`: one of article, document, instruction,
        official, location, figure (or a list of them; `directive` means document and
        instruction); default all. `issuer` keeps documents whose issuer contains it;
        `speaker` keeps instructions whose speaker name or title contains it (both
        diacritic-insensitive; given together, documents by that issuer and instructions by
        that speaker). `province` (`Bến Tre`, `ben tre`), `source` (substring of the source
        name or URL), `since`/`until` (dates, inclusive, `YYYY-MM-DD`) filter by article.

        Order: exact-diacritic matches first (for several words: the words as typed, in a
        row), then the words in a row without diacritics, then the rest; within each tier by
        relevance (BM25), newest first on ties. For a query matching more than
        `RANK_LIMIT` items, each tier is ordered newest-added first instead of by BM25 (so
        common words stay fast). `total` counts all results, exactly up to `COUNT_LIMIT`;
        beyond that `total_exact` is False and `total` is a lower bound. With `collapse`
        (default) the same item found in syndicated copies of an article is one result, with
        `duplicates` counting the rest. `order="date"` sorts every result newest first
        instead. `after` is the `next_cursor` of the previous page: the next page then starts
        where it ended (keyset paging: deep pages cost what the first does; `offset` is
        ignored). Raises ValueError for an unknown kind, order, a bad date or cursor, and
        `QueryTimeout` when the query runs longer than `time_budget` seconds (its statements
        are interrupted: nothing hangs).
        """
        if order not in ("relevance", "date"):
            raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
        limit = max(0, min(int(limit), self.MAX_LIMIT))
        offset = int(offset)
        if offset < 0 or offset > self.MAX_OFFSET:
            raise ValueError(f"offset must be between 0 and {self.MAX_OFFSET:,}, not {offset}")
        with self._lock, self._budget():
            return self._search(query, kind, issuer=issuer, speaker=speaker, province=province, source=source,
                                since=since, until=until, limit=limit, offset=offset, collapse=collapse,
                                after=after, order=order)

    def select(self, query: str | None, kind: str | Sequence[str] | None = None, *, issuer: str | None = None,
               speaker: str | None = None, province: str | None = None, source: str | None = None,
               since: str | date | None = None, until: str | date | None = None,
               collapse: bool = True) -> Selection | None:
        """The search items `search()` would find for these arguments, as SQL to read with
        `query()` (for summaries of a whole result set: facets, export); None when nothing
        can match (no words in the query, a prefix with no completion, filters that exclude
        every kind). Raises ValueError as `search` does."""
        with self._lock:
            sel = self._selection(query, kind, issuer=issuer, speaker=speaker, province=province, source=source,
                                  since=since, until=until, collapse=collapse)
            if sel is None or sel.browse:
                return sel
            completions = {p: self.completions(p) for p in sel.query.prefixes}
            if any(not c for c in completions.values()):
                return None
            return self._matching_selection(sel, completions)

    def _matching_selection(self, sel: Selection, completions: dict[str, list[str]]) -> Selection:
        """`sel` with its words' match condition (the backend's full-text syntax)."""
        return replace(sel, match=sel.query.fts(folded=True, completions=completions))

    def _selection(self, query: str | None, kind: str | Sequence[str] | None, *, issuer: str | None,
                   speaker: str | None, province: str | None, source: str | None, since: str | date | None,
                   until: str | date | None, collapse: bool) -> Selection | None:
        """The filters of a search as SQL (`match` left unset), or None when nothing can match."""
        q = parse_query(query)
        browse = query is None or not str(query).strip()
        kinds = _kinds(kind)
        if issuer is not None or speaker is not None:
            allowed = ({"document"} if issuer is not None else set()) | ({"instruction"} if speaker is not None else set())
            kinds = tuple(k for k in (kinds or KINDS) if k in allowed)
        if (not browse and not q) or kinds == ():
            return None
        where: list[str] = []
        params: dict[str, Any] = {}
        joins = ""
        matching = 0  # directives the issuer/speaker filters allow (None: many)
        if issuer is not None or speaker is not None:
            joins = "JOIN directives d ON d.id = si.ref_id"
            ors = []
            for value, kind_, table, col in ((issuer, "document", "issuers", "issuer_fkey"),
                                             (speaker, "instruction", "speakers", "speaker_fkey")):
                if value is None:
                    continue
                # the distinct values are few: match them, then use the directives' index
                found = self._rows(f"SELECT {col}, n FROM {table} WHERE {col} LIKE ? ESCAPE '\\' LIMIT ?",
                                   (_like(value), self.MAX_FILTER_VALUES + 1))
                if len(found) > self.MAX_FILTER_VALUES:
                    ors.append(f"(si.kind = '{kind_}' AND d.{col} LIKE :{col} ESCAPE '\\')")
                    params[col] = _like(value)
                    matching = None
                else:
                    names = [f":{col}{i}" for i in range(len(found))]
                    params.update({n[1:]: r[0] for n, r in zip(names, found)})
                    ors.append(f"(si.kind = '{kind_}' AND d.{col} IN ({','.join(names) or 'NULL'}))")
                    if matching is not None:
                        matching += sum(r[1] for r in found)
            where.append("(" + " OR ".join(ors) + ")")
        if kinds is not None:
            where.append("si.kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")")
        if province is not None:
            where.append("a.province_fkey = :province")
            params["province"] = _province_key(province)
        if source is not None:
            where.append("(a.source_fkey LIKE :source ESCAPE '\\' OR a.canonical_url LIKE :source ESCAPE '\\')")
            params["source"] = _like(source)
        if since is not None:
            where.append("a.published_date >= :since")
            params["since"] = _date(since)
        if until is not None:
            where.append("a.published_date <= :until")
            params["until"] = _date(until)
        if collapse:
            where.append("si.dup_of IS NULL")
        items = f"search_items si JOIN articles a ON a.id = si.article_id {joins}"
        # CROSS JOIN keeps FTS as the outer loop (else SQLite may scan items by kind and probe FTS per row)
        fts_items = ("search_fts CROSS JOIN search_items si ON si.id = search_fts.rowid "
                     f"JOIN articles a ON a.id = si.article_id {joins}")
        return Selection(q, browse, kinds, items, fts_items, " AND ".join(where) or "1", params, None, joins, matching)

    @staticmethod
    def _offset_cursor(offset: int, after: str | None) -> tuple[int, str | None]:
        """An `o…` cursor (a page of a small result set) is an offset; others stay cursors."""
        if after is not None and after.startswith("o"):
            return parse_cursor(after, "o", 1)[0], None
        return offset, after

    def _search(self, query: str | None, kind: str | Sequence[str] | None, *, issuer: str | None,
                speaker: str | None, province: str | None, source: str | None, since: str | date | None,
                until: str | date | None, limit: int, offset: int, collapse: bool,
                after: str | None = None, order: str = "relevance") -> SearchResults:
        text = query or ""
        offset, after = self._offset_cursor(offset, after)
        sel = self._selection(query, kind, issuer=issuer, speaker=speaker, province=province, source=source,
                              since=since, until=until, collapse=collapse)
        if sel is None:
            return SearchResults(text, [], 0, limit, offset)
        q, browse, kinds, params, joins, matching = sel.query, sel.browse, sel.kinds, dict(sel.params), sel.joins, \
            sel.matching
        where_sql, fts_items = sel.where, sel.fts_items
        narrowed = any(v is not None for v in (province, source, since, until))  # filters beyond issuer/speaker
        cols = ("si.id AS sid, si.kind, si.ref_id, si.article_id, si.n_dups, a.published_date")
        if not collapse:
            cols = cols.replace("si.n_dups", "0 AS n_dups")
        if order == "date":
            after = None  # keyset paging follows the relevance order
        if joins and matching is not None and matching <= (self.FILTER_FIRST_QUERY if q else self.FILTER_FIRST):
            # few directives by this issuer/speaker: take them by index and match the query
            # in their text here, instead of walking every full-text hit
            return self._filter_first(text, q, where_sql, params, cols, limit, offset)
        if browse:
            # walk the articles newest first (by index) and take their items: no scan, no sort;
            # a cursor starts the walk where the previous page ended
            index = "articles_province_date" if province is not None else "articles_published"
            sql_from = f"articles a INDEXED BY {index} CROSS JOIN search_items si ON si.article_id = a.id {joins}"
            order = "ORDER BY a.published_date DESC, a.id DESC, si.id DESC LIMIT :limit OFFSET :offset"
            select = f"SELECT {cols}, 0.0 AS score, 0 AS exact FROM {sql_from} WHERE {where_sql}"
            if after is None:
                rows = self._rows(f"{select} {order}", {**params, "limit": limit, "offset": offset})
            else:
                day, aid, sid = parse_cursor(after, "b", 3)
                offset = 0
                cur = {**params, "limit": limit, "offset": 0, "cd": day, "ca": aid, "cs": sid}
                rows = []
                if day:  # dated articles at or before the cursor (an index range), then the undated
                    rows = self._rows(f"{select} AND a.published_date <= :cd AND NOT (a.published_date = :cd AND "
                                      f"(a.id > :ca OR (a.id = :ca AND si.id >= :cs))) {order}", cur)
                    cur["ca"], cur["cs"] = 2 ** 62, 2 ** 62
                if len(rows) < limit:
                    rows += self._rows(f"{select} AND a.published_date IS NULL AND (a.id < :ca OR (a.id = :ca AND "
                                       f"si.id < :cs)) {order}", {**cur, "limit": limit - len(rows)})
            if matching and matching > 2 * self.BROWSE_COUNT_LIMIT and not narrowed:
                # the issuer/speaker counts say there are far more than the limit: don't count
                total, exact_total = max(self.BROWSE_COUNT_LIMIT, offset + len(rows)), False
            else:
                total, exact_total = self._count(f"SELECT 1 FROM {sql_from} WHERE {where_sql}", params,
                                                 offset + len(rows), self.BROWSE_COUNT_LIMIT)
            cursor = (f"b{rows[-1]['published_date'] or ''}.{rows[-1]['article_id']}.{rows[-1]['sid']}"
                      if len(rows) == limit and rows else None)
            return self._results(text, q, rows, total, exact_total, limit, offset, cursor)

        kind_match = " AND {kind} : (" + " OR ".join(f'"{k}"' for k in kinds) + ")" if kinds else ""
        completions = {p: self.completions(p) for p in q.prefixes}
        if any(not c for c in completions.values()):
            return SearchResults(text, [], 0, limit, offset)
        qf = q.fts(folded=True, completions=completions) + kind_match
        qe = q.fts(folded=False, phrase=True, completions=completions) + kind_match
        qp = q.fts(folded=True, phrase=True, completions=completions) + kind_match
        # one count of the full-text hits serves both the BM25 decision and the exactness of totals
        hits = self._rows("SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
                          (qf, max(self.RANK_LIMIT, self.SCAN_LIMIT) + 1))[0][0]
        if hits <= self.RANK_LIMIT:
            rows = self._rows(
                "WITH h AS MATERIALIZED (SELECT rowid AS sid, bm25(search_fts, 1.0, 1.0, 0.0) AS score "
                "FROM search_fts WHERE search_fts MATCH :qf), "
                "e AS MATERIALIZED (SELECT rowid AS sid FROM search_fts WHERE search_fts MATCH :qe)"
                + (", p AS MATERIALIZED (SELECT rowid AS sid FROM search_fts WHERE search_fts MATCH :qp) "
                   if q.multiword else " ") +
                f"SELECT {cols}, h.score, (si.id IN e) AS exact, "
                + ("(si.id IN p)" if q.multiword else "1") + " AS phrase, COUNT(*) OVER () AS total "
                "FROM h CROSS JOIN search_items si ON si.id = h.sid "
                f"JOIN articles a ON a.id = si.article_id {joins} WHERE {where_sql} "
                + ("ORDER BY a.published_date DESC, si.id DESC " if order == "date" else
                   "ORDER BY exact DESC, phrase DESC, h.score, a.published_date DESC, si.id DESC ")
                + "LIMIT :limit OFFSET :offset",
                {**params, "qf": qf, "qe": qe, **({"qp": qp} if q.multiword else {}), "limit": limit,
                 "offset": offset})
            if rows:
                more = offset + len(rows) < rows[0]["total"]
                return self._results(text, q, rows, rows[0]["total"], True, limit, offset,
                                     f"o{offset + len(rows)}" if more else None)
            total = self._rows(f"SELECT COUNT(*) FROM {fts_items} "
                               f"WHERE search_fts MATCH :qf AND {where_sql}", {**params, "qf": qf})[0][0] if offset else 0
            return self._results(text, q, rows, total, True, limit, offset)

        # many hits: tiers in order, each newest-added first; a cursor continues where the
        # previous page ended (no offset walked)
        if q.multiword:
            tiers = [(qe, 1), (f"({qp}) NOT ({qe})", 0), (f"({qf}) NOT ({qp})", 0)]
        else:
            tiers = [(qe, 1), (f"({qf}) NOT ({qe})", 0)]
        if order == "date":  # one pass over every match, newest first; count apart
            need = offset + limit
            rows = self._rows(f"SELECT {cols}, 0.0 AS score, 0 AS exact FROM {fts_items} "
                              f"WHERE search_fts MATCH :qf AND {where_sql} "
                              "ORDER BY a.published_date DESC, si.id DESC LIMIT :n",
                              {**params, "qf": qf, "n": need})
            total, exact_total = self._count(f"SELECT 1 FROM {fts_items} WHERE search_fts MATCH :qf AND {where_sql}",
                                             {**params, "qf": qf}, len(rows))
            return self._results(text, q, rows[offset:need], total, exact_total, limit, offset)
        start_tier, below = 0, None
        if after is not None:
            start_tier, below = parse_cursor(after, "t", 2)
            offset = 0
        need = offset + limit
        rows = []
        for ti, (expr, exact) in enumerate(tiers):
            if len(rows) >= need or ti < start_tier:
                continue
            bound = " AND search_fts.rowid < :below" if ti == start_tier and below is not None else ""
            rows += self._rows(
                f"SELECT {cols}, 0.0 AS score, {exact} AS exact, {ti} AS tier FROM {fts_items} "
                f"WHERE search_fts MATCH :t{bound} AND {where_sql} "
                "ORDER BY search_fts.rowid DESC LIMIT :n", {**params, "t": expr, "n": need - len(rows), "below": below})
        # count: exactly up to COUNT_LIMIT among the newest SCAN_LIMIT full-text hits (a lower
        # bound beyond), so a filter that keeps few hits does not walk them all
        counted = self._rows(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH :qf "
            f"ORDER BY rowid DESC LIMIT :scan) f CROSS JOIN search_items si ON si.id = f.rowid "
            f"JOIN articles a ON a.id = si.article_id {joins} WHERE {where_sql} LIMIT :cap)",
            {**params, "qf": qf, "scan": self.SCAN_LIMIT, "cap": self.COUNT_LIMIT + 1})[0][0]
        exact_total = counted <= self.COUNT_LIMIT and hits <= self.SCAN_LIMIT
        total = max(min(counted, self.COUNT_LIMIT), len(rows) + (offset if after is None else 0))
        page = rows[offset:need]
        cursor = f"t{page[-1]['tier']}.{page[-1]['sid']}" if len(page) == limit and page else None
        return self._results(text, q, page, total, exact_total, limit, offset, cursor)

    def _filter_first(self, text: str, q: Query, where_sql: str, params: dict[str, Any], cols: str, limit: int,
                      offset: int) -> SearchResults:
        """Search among the few directives an issuer/speaker filter allows: fetched by index
        (and sorted by date) or, with a query, matched against it here; exact matches first,
        then newest."""
        force = ("INDEXED BY directives_issuer " if ":issuer_fkey0" in where_sql and ":speaker_fkey0" not in where_sql
                 else "INDEXED BY directives_speaker " if ":speaker_fkey0" in where_sql
                 and ":issuer_fkey0" not in where_sql else "")
        src = (f"FROM directives d {force}CROSS JOIN search_items si ON si.article_id = d.article_id AND si.ref_id = d.id "
               f"AND si.kind = d.kind JOIN articles a ON a.id = d.article_id WHERE {self._directive_filter(where_sql)} "
               f"AND {where_sql}")
        if not q:
            rows = self._rows(f"SELECT {cols}, 0.0 AS score, 0 AS exact {src} ORDER BY a.published_date DESC, "
                              "si.id DESC LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset})
            total, exact_total = self._count(f"SELECT 1 {src}", params, offset + len(rows), self.BROWSE_COUNT_LIMIT)
            more = len(rows) == limit and (offset + limit < total or not exact_total)
            return self._results(text, q, rows, total, exact_total, limit, offset,
                                 f"o{offset + limit}" if more else None)
        rows = self._rows(f"SELECT {cols}, si.body {src}", params)
        hits = []
        for r in rows:
            exact = 0
            if q:
                body = r["body"] or ""
                if not q.matches(body):
                    continue
                exact = int(q.exact_in(body))
            hits.append({**dict(r), "score": 0.0, "exact": exact})
        # newest first within each tier: sort by date descending, then id descending
        hits.sort(key=lambda h: (h["exact"], h["published_date"] or "", h["sid"]), reverse=True)
        more = offset + limit < len(hits)
        return self._results(text, q, hits[offset:offset + limit], len(hits), True, limit, offset,
                             f"o{offset + limit}" if more else None)

    def completions(self, prefix: str) -> list[str]:
        """The index words starting with the folded `prefix`, at most `MAX_COMPLETIONS`,
        most frequent first (among the first `MAX_COMPLETION_SCAN` in alphabetical order)."""
        from .keys import fold_index

        p = "".join(_INDEX_WORD.findall(fold_index(prefix)))
        if not p:
            return []
        return [r[0] for r in self._rows(
            "SELECT term FROM (SELECT term, n FROM search_terms WHERE term >= ? AND term < ? LIMIT ?) "
            "ORDER BY n DESC, term LIMIT ?", (p, p + "\x7f", self.MAX_COMPLETION_SCAN, self.MAX_COMPLETIONS))]

    @staticmethod
    def _directive_filter(where_sql: str) -> str:
        """The issuer/speaker part of a search's WHERE (it only names `d.` columns)."""
        start = where_sql.index("((si.kind")
        depth = 0
        for i in range(start, len(where_sql)):
            depth += {"(": 1, ")": -1}.get(where_sql[i], 0)
            if depth == 0:
                return where_sql[start:i + 1].replace("si.kind = 'document' AND", "d.kind = 'document' AND") \
                    .replace("si.kind = 'instruction' AND", "d.kind = 'instruction' AND")
        return "1"

    @contextmanager
    def _budget(self) -> Iterator[None]:
        """Interrupt this connection's statements after `time_budget` seconds (QueryTimeout)."""
        budget = self.time_budget
        if not budget:
            yield
            return
        deadline = time.monotonic() + budget
        expired = []

        def check() -> int:
            if time.monotonic() > deadline:
                expired.append(True)
                return 1
            return 0

        self._conn.set_progress_handler(check, 2000)
        try:
            yield
        except ArchiveError as e:
            if expired or "interrupted" in str(e):
                raise QueryTimeout(f"the query took longer than the time budget of {budget:g} s and was stopped; "
                                   "add words or filters to narrow it") from None
            raise
        finally:
            self._conn.set_progress_handler(None, 0)

    def _count(self, sql: str, params: dict[str, Any], at_least: int, limit: int | None = None) -> tuple[int, bool]:
        """COUNT(*) of `sql`, exactly up to `limit` (default COUNT_LIMIT; then a lower bound, and False)."""
        cap = max(self.COUNT_LIMIT if limit is None else limit, at_least)
        n = self._rows(f"SELECT COUNT(*) FROM ({sql} LIMIT :cap__)", {**params, "cap__": cap + 1})[0][0]
        return (cap, False) if n > cap else (n, True)

    def _results(self, text: str, q: Query, rows: list[Any], total: int, exact_total: bool, limit: int,
                 offset: int, cursor: str | None = None) -> SearchResults:
        items = [self._result(r, q) for r in rows]
        return SearchResults(text, [i for i in items if i is not None], total, limit, offset, exact_total,
                             next_cursor=cursor)

    def _result(self, r: sqlite3.Row, q: Query) -> SearchResult | None:
        kind, ref = r["kind"], r["ref_id"]
        columns = "*" if kind == "article" else ", ".join(_ARTICLE_COLS)
        arow = self._rows(f"SELECT {columns} FROM articles WHERE id = ?", (r["article_id"],))
        if not arow:
            return None
        a = arow[0]
        ref_obj = _ref(a)
        official_id = None
        if kind == "article":
            fields = {"title": a["title"], "lead": a["lead"], "source": a["source"], "published": a["published"],
                      "url": a["url"]}
            text_fields = {"title": a["title"] or "", "lead": a["lead"] or "", "text": a["text"]}
        else:
            table = {"official": "officials", "location": "locations", "figure": "figures"}.get(kind, "directives")
            rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", (ref,))
            if not rows:
                return None
            row = rows[0]
            fields = _fields(kind, row)
            text_fields = {k: v for k, v in fields.items() if isinstance(v, str) and k not in ("kind", "unit")}
            if kind == "official":
                official_id = ref
        field_spans = {k: q.spans(v) for k, v in text_fields.items() if v}
        matched = tuple(k for k, v in field_spans.items() if v)
        main = _snippet_field(kind, text_fields, matched)
        main_text = text_fields.get(main) or ""
        spans = field_spans.get(main, [])
        snippet = make_snippet(main_text, spans, width=240 if kind in ("article", "instruction") else 160,
                               anchor=q.anchor(main_text, spans))
        return SearchResult(kind=kind, id=ref, article=ref_obj, fields=fields, matched=matched, snippet=snippet,
                            exact=bool(r["exact"]), score=float(r["score"] or 0.0), duplicates=int(r["n_dups"]),
                            official_id=official_id)

    def article(self, article_id: int) -> StoredArticle | None:
        """The stored article `article_id` with its record (offsets index `record.text`),
        the row ids of its records, and its syndicated duplicates; None if absent."""
        rows = self._rows(_ARTICLE_SELECT + " WHERE id = ?", (article_id,))
        if not rows:
            return None
        a = rows[0]
        article = _article(a)
        ids: dict[str, list[int]] = {}
        record = Record(text=a["text"], article=article.meta())
        o_rows = self._rows("SELECT * FROM officials WHERE article_id = ? ORDER BY seq", (article_id,))
        record.officials = [Official.from_dict({**_fields("official", r), "mentions": json.loads(r["mentions"]),
                                                **json.loads(r["extra"])}) for r in o_rows]
        ids["officials"] = [r["id"] for r in o_rows]
        l_rows = self._rows("SELECT * FROM locations WHERE article_id = ? ORDER BY seq", (article_id,))
        record.locations = [Location.from_dict({**_fields("location", r), "mentions": json.loads(r["mentions"]),
                                                **json.loads(r["extra"])}) for r in l_rows]
        ids["locations"] = [r["id"] for r in l_rows]
        f_rows = self._rows("SELECT * FROM figures WHERE article_id = ? ORDER BY seq", (article_id,))
        record.figures = [_figure(r) for r in f_rows]
        ids["figures"] = [r["id"] for r in f_rows]
        d_rows = self._rows("SELECT * FROM directives WHERE article_id = ? ORDER BY seq", (article_id,))
        record.directives = [_directive(r) for r in d_rows]
        ids["directives"] = [r["id"] for r in d_rows]
        if a["record_schema"]:
            record.schema = a["record_schema"]
        dups = self._rows(_ARTICLE_SELECT + " WHERE cluster_id = ? AND id != ? ORDER BY id",
                          (a["cluster_id"], article_id)) if a["cluster_id"] is not None else []
        return StoredArticle(id=article_id, article=article, record=record, ref=_ref(a), extracted=bool(a["extracted"]),
                             ids=ids, cluster_id=a["cluster_id"], duplicates=[_ref(d) for d in dups])

    def directive(self, directive_id: int) -> StoredDirective | None:
        """The directive row `directive_id` (a document or an instruction) with its article
        and the text around it; None if absent."""
        rows = self._rows("SELECT d.*, " + _ARTICLE_COLS_AS + " FROM directives d JOIN articles a "
                          "ON a.id = d.article_id WHERE d.id = ?", (directive_id,))
        return _stored_directive(rows[0]) if rows else None

    def directives(self, kind: str | None = None) -> Iterator[StoredDirective]:
        """Stream every stored directive (`kind` document or instruction to restrict),
        in article order."""
        if kind not in (None, *_DIRECTIVE_KINDS):
            raise ValueError(f"kind must be one of {_DIRECTIVE_KINDS} or None, not {kind!r}")
        sql = ("SELECT d.*, " + _ARTICLE_COLS_AS + " FROM directives d JOIN articles a ON a.id = d.article_id"
               + (" WHERE d.kind = ?" if kind else "") + " ORDER BY d.article_id, d.seq")
        yield from self._stream(sql, (kind,) if kind else (), _stored_directive)

    def __iter__(self) -> Iterator[StoredDirective]:
        """Iterate over all stored directives (same as `directives()`)."""
        return self.directives()

    def _stream(self, sql: str, params: Sequence[Any], make: Any, batch: int = 500) -> Iterator[Any]:
        # keyset-free streaming: fetch in batches on a cursor of our own
        with self._lock:
            cur = self._conn.cursor()
            cur.execute(sql, params)
        while True:
            with self._lock:
                rows = cur.fetchmany(batch)
            if not rows:
                return
            for r in rows:
                yield make(r)

    MAX_APPEARANCES = 500   # appearances, citing articles and instructions listed on one profile

    def official(self, official_id: int) -> OfficialProfile | None:
        """The person named in officials row `official_id` (a name in one province, see
        `vnnews.corpus.entities`): the articles mentioning them (oldest first), the titles
        held over time, and their instructions; None if absent."""
        rows = self._rows("SELECT person_key, name, person_id FROM officials WHERE id = ?", (official_id,))
        if not rows:
            return None
        key, pid = rows[0]["person_key"], rows[0]["person_id"]
        person = self._rows("SELECT * FROM persons WHERE id = ?", (pid,)) if pid is not None else []
        where, arg = ("o.person_id = ?", pid) if pid is not None else ("o.person_key = ?", key)
        mrows = self._rows("SELECT o.id AS oid, o.name AS oname, o.title AS otitle, o.role AS orole, "
                           "o.organization AS oorg, o.mentions AS omentions, " + _ARTICLE_COLS_AS +
                           f" FROM officials o JOIN articles a ON a.id = o.article_id WHERE {where} "
                           "ORDER BY a.published_date IS NULL, a.published_date, o.id LIMIT ?",
                           (arg, self.MAX_APPEARANCES))
        appearances = [OfficialMention(id=r["oid"], article=_ref(r, prefix="a_"), name=r["oname"], title=r["otitle"],
                                       role=r["orole"], organization=r["oorg"],
                                       mentions=tuple(tuple(m) for m in json.loads(r["omentions"])))
                       for r in mrows]
        titles = _title_spans((m.title, m.article.date, m.article.id) for m in appearances)
        name = Counter(m.name for m in appearances).most_common(1)[0][0] if appearances else rows[0]["name"]
        longest = max((m.name for m in appearances), key=len, default=name)
        instructions = []
        if pid is not None:
            instructions = [_stored_directive(r) for r in self._rows(
                "SELECT d.*, " + _ARTICLE_COLS_AS + " FROM directives d JOIN articles a ON a.id = d.article_id "
                "WHERE d.person_id = ? AND d.kind = 'instruction' "
                "ORDER BY a.published_date IS NULL, a.published_date, d.id LIMIT ?", (pid, self.MAX_APPEARANCES))]
        p = person[0] if person else None
        return OfficialProfile(id=official_id, name=longest if person_key(longest) == key else name,
                               person_key=key, appearances=appearances, titles=titles, person_id=pid,
                               province=p["province"] if p else None, scope=p["scope"] if p else None,
                               articles=p["articles"] if p else len({m.article.id for m in appearances}),
                               first_seen=p["first_seen"] if p else None, last_seen=p["last_seen"] if p else None,
                               instructions=instructions)

    def person(self, person_id: int) -> OfficialProfile | None:
        """The profile of person `person_id` (a `persons` row; see `official`); None if absent."""
        rows = self._rows("SELECT id FROM officials WHERE person_id = ? LIMIT 1", (person_id,))
        return self.official(rows[0][0]) if rows else None

    def persons(self, *, province: str | None = None, name: str | None = None, limit: int = 100,
                offset: int = 0) -> list[PersonSummary]:
        """Persons, most mentioned first, each with the positions held over time. `province`
        keeps those serving there (`national` for national offices); `name` those whose name
        contains it (diacritic-insensitive)."""
        where, params = [], []
        if province is not None:
            where.append("scope = ?")
            params.append("national" if fkey(province) == "national" else _province_key(province))
        if name is not None:
            where.append("name_fkey LIKE ? ESCAPE '\\'")
            params.append(_like(name))
        rows = self._rows("SELECT * FROM persons" + (" WHERE " + " AND ".join(where) if where else "") +
                          " ORDER BY articles DESC, id LIMIT ? OFFSET ?", (*params, _bounded(limit), _bounded(offset)))
        out = []
        for r in rows:
            titles = _title_spans((t["title"], t["published_date"], t["article_id"]) for t in self._rows(
                "SELECT o.title, o.article_id, a.published_date FROM officials o JOIN articles a ON a.id = o.article_id "
                "WHERE o.person_id = ? LIMIT ?", (r["id"], self.MAX_APPEARANCES)))
            out.append(PersonSummary(id=r["id"], name=r["name"], province=r["province"], scope=r["scope"],
                                     articles=r["articles"], first_seen=r["first_seen"], last_seen=r["last_seen"],
                                     positions=tuple(titles)))
        return out

    def documents(self, *, province: str | None = None, number: str | None = None, limit: int = 100,
                  offset: int = 0) -> list[DocumentEntity]:
        """Documents, most cited first. `province` keeps the local documents of that province
        (`national` the national ones); `number` those with that number (as written)."""
        where, params = [], []
        if province is not None:
            if fkey(province) == "national":
                where.append("scope = 'national'")
            else:
                where.append("province_fkey = ?")
                params.append(_province_key(province))
        if number is not None:
            where.append("number_key = ?")
            params.append(number_key(number))
        rows = self._rows("SELECT * FROM documents" + (" WHERE " + " AND ".join(where) if where else "") +
                          " ORDER BY citations DESC, id LIMIT ? OFFSET ?", (*params, _bounded(limit), _bounded(offset)))
        return [_document(r) for r in rows]

    def document(self, document_id: int) -> DocumentProfile | None:
        """Document `document_id` with the articles citing it (oldest first) and its
        citations per month; None if absent."""
        rows = self._rows("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            return None
        crows = self._rows("SELECT d.id AS did, d.doc_type, d.number, d.issuer, " + _ARTICLE_COLS_AS +
                           " FROM directives d JOIN articles a ON a.id = d.article_id WHERE d.id IN "
                           "(SELECT MIN(id) FROM directives WHERE document_id = ? GROUP BY article_id) "
                           "ORDER BY a.published_date IS NULL, a.published_date, a.id LIMIT ?",
                           (document_id, self.MAX_APPEARANCES))
        citing = [Citation(directive_id=r["did"], doc_type=r["doc_type"], number=r["number"], issuer=r["issuer"],
                           article=_ref(r, prefix="a_")) for r in crows]
        months = self._rows("SELECT substr(a.published_date, 1, 7) AS m, COUNT(DISTINCT a.id) FROM directives d "
                            "JOIN articles a ON a.id = d.article_id WHERE d.document_id = ? "
                            "AND a.published_date IS NOT NULL GROUP BY m ORDER BY m", (document_id,))
        return DocumentProfile(document=_document(rows[0]), citing=citing, by_month=[(m[0], m[1]) for m in months])

    def document_of(self, directive_id: int) -> int | None:
        """The id of the document a directive row cites (None for an instruction or no such row)."""
        rows = self._rows("SELECT document_id FROM directives WHERE id = ?", (directive_id,))
        return rows[0][0] if rows else None

    def citing(self, number: str) -> list[Citation]:
        """Articles citing the document number `number` (compared without spaces or
        diacritics: `24/2022/ND-CP` = `24/2022/NĐ-CP`), one per article, oldest first."""
        key = number_key(number)
        if not key:
            return []
        rows = self._rows("SELECT d.id AS did, d.doc_type, d.number, d.issuer, " + _ARTICLE_COLS_AS +
                          " FROM directives d JOIN articles a ON a.id = d.article_id "
                          "WHERE d.kind = 'document' AND d.number_key = ? "
                          "ORDER BY a.published_date IS NULL, a.published_date, a.id, d.seq", (key,))
        out, seen = [], set()
        for r in rows:
            if r["a_id"] in seen:
                continue
            seen.add(r["a_id"])
            out.append(Citation(directive_id=r["did"], doc_type=r["doc_type"], number=r["number"],
                                issuer=r["issuer"], article=_ref(r, prefix="a_")))
        return out

    def articles(self) -> Iterator[Article]:
        """Stream every stored article (metadata and body), in insertion order."""
        yield from self._stream(_ARTICLE_SELECT + " ORDER BY id", (), _article)

    def records(self) -> Iterator[Record]:
        """Stream the record of every extracted article, in insertion order."""
        ids = [r[0] for r in self._rows("SELECT id FROM articles WHERE extracted = 1 ORDER BY id")]
        for aid in ids:
            stored = self.article(aid)
            if stored is not None:
                yield stored.record

    def stats(self) -> ArchiveStats:
        """Counts of articles, records, duplicates, sources and provinces."""
        def one(sql: str) -> Any:
            return self._rows(sql)[0][0]

        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return ArchiveStats(
            path=str(self.path), schema_version=self.schema_version,
            articles=one("SELECT COUNT(*) FROM articles"),
            extracted=one("SELECT COUNT(*) FROM articles WHERE extracted = 1"),
            duplicates=one("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            officials=one("SELECT COUNT(*) FROM officials"),
            people=one("SELECT COUNT(*) FROM persons"),
            locations=one("SELECT COUNT(*) FROM locations"),
            figures=one("SELECT COUNT(*) FROM figures"),
            documents=one("SELECT COUNT(*) FROM directives WHERE kind = 'document'"),
            instructions=one("SELECT COUNT(*) FROM directives WHERE kind = 'instruction'"),
            first_date=one("SELECT MIN(published_date) FROM articles"),
            last_date=one("SELECT MAX(published_date) FROM articles"),
            sources={r[0] or "(unknown)": r[1] for r in self._rows(
                "SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY COUNT(*) DESC LIMIT 50")},
            provinces={r[0]: r[1] for r in self._rows(
                "SELECT province, COUNT(*) FROM articles WHERE province IS NOT NULL GROUP BY province "
                "ORDER BY COUNT(*) DESC LIMIT 50")},
            size_bytes=size)


# -- helpers ---------------------------------------------------------------------------

_ARTICLE_SELECT = "SELECT * FROM articles"
_INDEX_WORD = re.compile(r"[a-z0-9]+")  # the words of a folded body, as the unicode61 tokenizer splits them
_ARTICLE_COLS = ("id", "title", "published", "published_date", "source", "url", "province")
_ARTICLE_COLS_AS = ", ".join(f"a.{c} AS a_{c}" for c in _ARTICLE_COLS) + ", a.text AS a_text"


def parse_cursor(cursor: str, kind: str, parts: int) -> tuple[Any, ...]:
    """The fields of a `SearchResults.next_cursor` (`t1.5234`, `b2024-03-01.17.5234`); ValueError if malformed."""
    bad = ValueError(f"not a cursor of this kind of search: {cursor!r}")
    if not isinstance(cursor, str) or not cursor.startswith(kind):
        raise bad
    fields = cursor[1:].split(".")
    if len(fields) != parts:
        raise bad
    try:
        if kind == "o":
            return (_bounded(int(fields[0])),)
        if kind == "t":
            return int(fields[0]), _bounded(int(fields[1]))
        if fields[0] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields[0]):
            raise bad
        return fields[0] or None, _bounded(int(fields[1])), _bounded(int(fields[2]))
    except ValueError:
        raise bad from None


def _bounded(n: int) -> int:
    """A limit or offset as SQLite takes it: 0 .. 2**62."""
    return max(0, min(int(n), 2 ** 62))


def _title_spans(items: Iterable[tuple[str | None, str | None, int]]) -> list[TitleSpan]:
    """(title, date, article id) triples -> each title with its first and last date and article count."""
    spans: dict[str, list[Any]] = {}
    for title, d, aid in items:
        if not title:
            continue
        s = spans.setdefault(title, [d, d, set()])
        if d and (s[0] is None or d < s[0]):
            s[0] = d
        if d and (s[1] is None or d > s[1]):
            s[1] = d
        s[2].add(aid)
    return sorted((TitleSpan(t, v[0], v[1], len(v[2])) for t, v in spans.items()),
                  key=lambda t: (t.first_seen or "9999", t.title))


def _document(r: sqlite3.Row) -> DocumentEntity:
    return DocumentEntity(id=r["id"], doc_type=r["doc_type"], number=r["number"], issuer=r["issuer"],
                          issuer_code=r["issuer_code"], scope=r["scope"], province=r["province"], unit=r["unit"],
                          citations=r["citations"], first_cited=r["first_cited"], last_cited=r["last_cited"])


def article_from_record(record: Record) -> Article:
    """The Article described by a record's `article` object and its text."""
    meta = dict(record.article or {})
    meta["text"] = record.text
    try:
        return Article.from_dict(meta)
    except (TypeError, ValueError):
        return Article(text=record.text, title=meta.get("title"), url=meta.get("url"), source=meta.get("source"))


def _ref(r: sqlite3.Row, prefix: str = "") -> ArticleRef:
    return ArticleRef(id=r[prefix + "id"], title=r[prefix + "title"], published=r[prefix + "published"],
                      date=r[prefix + "published_date"], source=r[prefix + "source"], url=r[prefix + "url"],
                      province=r[prefix + "province"])


def _article(a: sqlite3.Row) -> Article:
    return Article(
        text=a["text"], title=a["title"], url=a["url"], source=a["source"], lead=a["lead"],
        published=datetime.fromisoformat(a["published"]) if a["published"] else None,
        author=a["author"], category=a["category"], tags=json.loads(a["tags"] or "[]"),
        images=[Image.from_dict(i) for i in json.loads(a["images"] or "[]")],
        fetched_at=datetime.fromisoformat(a["fetched_at"]) if a["fetched_at"] else None)


def _fields(kind: str, r: sqlite3.Row) -> dict[str, Any]:
    if kind == "official":
        return {"name": r["name"], "title": r["title"], "role": r["role"], "organization": r["organization"]}
    if kind == "location":
        return {"name": r["name"], "level": r["level"], "parent": r["parent"]}
    if kind == "figure":
        return {"text": r["text"], "value": r["value"], "value_max": r["value_max"], "total": r["total"],
                "unit": r["unit"], "quantity": r["quantity"]}
    if r["kind"] == "instruction":
        return {"speaker": r["speaker"], "speaker_title": r["speaker_title"], "verb": r["verb"], "text": r["text"]}
    return {"doc_type": r["doc_type"], "number": r["number"], "issuer": r["issuer"], "name": r["name"]}


def _figure(r: sqlite3.Row) -> Figure:
    f = Figure(text=r["text"], value=r["value"], value_max=r["value_max"], total=r["total"], unit=r["unit"],
               quantity=r["quantity"], span=[r["start"], r["end"]] if r["start"] is not None else [0, 0])
    f.extra = json.loads(r["extra"])
    return f


def _directive(r: sqlite3.Row) -> Directive:
    d = Directive(kind=r["kind"], extra=json.loads(r["extra"]))
    if r["kind"] == "instruction":
        d.speaker, d.speaker_title, d.verb, d.text = r["speaker"], r["speaker_title"], r["verb"], r["text"]
        d.span = [r["start"], r["end"]] if r["start"] is not None else None
    else:
        d.doc_type, d.number, d.issuer, d.name = r["doc_type"], r["number"], r["issuer"], r["name"]
        d.mentions = json.loads(r["mentions"])
    return d


def _stored_directive(r: sqlite3.Row) -> StoredDirective:
    text = r["a_text"] or ""
    start, end = r["start"], r["end"]
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        context = Snippet((r["text"] or r["name"] or r["number"] or "")[:300])
    else:
        context = make_snippet(text, [(start, end)], width=max(240, min(600, end - start + 160)))
    return StoredDirective(id=r["id"], directive=_directive(r), article=_ref(r, prefix="a_"), context=context)


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = 200, anchor: int = 0) -> Snippet:
    """About `width` characters of `text` around `spans[anchor]` (default the first span),
    cut at spaces, with the spans inside it marked; `…` shows where text was cut."""
    if not text:
        return Snippet("")
    if not spans:
        cut = text[:width]
        if len(text) > width:
            cut = cut.rsplit(" ", 1)[0] + "…"
        return Snippet(" ".join(cut.split()) if "\n" in cut else cut)
    s0, e0 = spans[anchor]
    start = max(0, s0 - width // 3)
    if start > 0:
        sp = text.rfind(" ", max(0, start - 20), start + 1)
        start = sp + 1 if sp >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", max(e0, end - 30), end)
        end = sp if sp > e0 else end
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    marks = tuple((s - start + len(prefix), min(e, end) - start + len(prefix)) for s, e in spans
                  if s >= start and s < end)
    # newlines become spaces (same length, so marks stay valid)
    piece = piece.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return Snippet(prefix + piece + suffix, marks)


def _snippet_field(kind: str, fields: dict[str, str], matched: tuple[str, ...]) -> str:
    preferred = {"article": ["text", "lead", "title"], "instruction": ["text", "speaker", "speaker_title"],
                 "document": ["name", "number", "doc_type", "issuer"], "official": ["name", "title", "organization"],
                 "location": ["name", "parent", "level"], "figure": ["text", "quantity"]}[kind]
    for k in preferred:
        if k in matched:
            return k
    return preferred[0]


def _note(table: dict[Any, list[Any]], key: Any, aid: int, day: str | None, make: Any, at: int = 2) -> None:
    """Count article `aid` (published `day`) for entity `key` of a batch: its entry holds
    the set of citing articles at `at`, then the first and last dates."""
    entry = table.get(key)
    if entry is None:
        entry = table[key] = make()
    entry[at].add(aid)
    if day:
        if entry[at + 1] is None or day < entry[at + 1]:
            entry[at + 1] = day
        if entry[at + 2] is None or day > entry[at + 2]:
            entry[at + 2] = day


def _issuer_name(code: str | None) -> str | None:
    """The body an issuer code stands for (`TU` -> `Tỉnh ủy`), from the document-number grammar."""
    if not code:
        return None
    from ..nlp.documents import parse_number

    try:
        parsed = parse_number(f"1-CT/{code}") or parse_number(f"1/QĐ-{code}")
    except Exception:  # noqa: BLE001
        return None
    return parsed.issuer if parsed is not None else None


def _mentions(mentions: Iterable[Any]) -> list[list[int]]:
    if not mentions:
        return []
    return [[int(m[0]), int(m[1])] for m in mentions if m is not None and len(m) >= 2]


def _json(extra: dict[str, Any] | None) -> str:
    return json.dumps(extra, ensure_ascii=False, default=str) if extra else "{}"


def _dumps(mentions: list[list[int]]) -> str:
    return str(mentions).replace(" ", "")  # a list of [int, int] lists: its repr is JSON


def _join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _article_body(title: str | None, lead: str | None, text: str) -> str:
    return _join(title, lead if lead and lead not in text else None, text)


def _like(value: str) -> str:
    v = fkey(value) or ""
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _province_key(value: str) -> str | None:
    k = fkey(value) or ""
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if k.startswith(prefix):
            k = k[len(prefix):]
    return k


def _date(value: str | date) -> str:
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).date().isoformat() if value.tzinfo else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    from ..inputs import parse_date

    parsed = parse_date(str(value))
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed.date().isoformat()


def _kinds(kind: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if kind is None:
        return None
    wanted = [kind] if isinstance(kind, str) else list(kind)
    out: list[str] = []
    for k in wanted:
        k = k.strip().lower()
        if k in ("directive", "directives"):
            out += list(_DIRECTIVE_KINDS)
        elif k.rstrip("s") in KINDS:
            out.append(k.rstrip("s"))
        else:
            raise ValueError(f"unknown kind {k!r}; use one of {', '.join(KINDS)} or directive")
    return tuple(dict.fromkeys(out))


def _province(record: Record) -> str | None:
    """The province an article is mostly about: the most-mentioned province-level unit."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for loc in record.locations:
        key = fkey(loc.name) or ""
        if loc.level == "tỉnh" or (loc.level == "thành phố" and key in _CENTRAL_CITIES and not loc.parent):
            counts[key] += max(1, len(loc.mentions))
            names.setdefault(key, loc.name)
    if not counts:
        return None
    return names[counts.most_common(1)[0][0]]


def _deny_attach(action: int, arg1: Any = None, arg2: Any = None, *rest: Any) -> int:
    """SQLite authorizer of read-only archives: refuse ATTACH and DETACH, and switching
    query_only or writable_schema."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and str(arg1).lower() in ("query_only", "writable_schema"):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK
