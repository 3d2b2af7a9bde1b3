"""Writing the archive: articles with their records in batches, the search index, the
documents and persons they cite, re-extraction, and syndicated-copy links.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any, Iterable

import numpy as np

from ...models import Article, Record
from .. import duplicates
from ..keys import article_keys, fkey, fold_index
from .batch import TABLES, PreparedBatch, prepare_batch, record_rows
from .rows import RECORD_KINDS, article_from_record, index_words, issuer_name, record_province


class ArchiveWriter:
    """Storing articles and records, re-extraction, entity counts, duplicate links."""

    def contains(self, article: Article) -> bool:
        """True when an article with the same canonical URL or the same body is stored."""
        return self.contains_many([article])[0]

    def contains_many(self, articles: list[Article]) -> list[bool]:
        """`contains` for each of these articles, in one query per 500."""
        return self.holds([article_keys(a.text, a.url) for a in articles])

    def holds(self, keys: list[tuple[str, str | None]]) -> list[bool]:
        """For each (content hash, canonical URL) pair (`keys.article_keys`), whether an
        article with that body or URL is stored."""
        with self._lock:
            found = self._stored_keys([h for h, _u in keys], [u for _h, u in keys if u])
        return [h in found or (u is not None and u in found) for h, u in keys]

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
                from ...nlp.pipeline import extract as run_extract

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
        return self.add_prepared(prepare_batch(pairs, self.last_ids()))

    def add_prepared(self, batch: PreparedBatch) -> list[int | None]:
        """Store a batch built by `prepare_batch` (perhaps in another process, before the
        archive's ids were known) in one transaction; return its article ids as `add_many`
        does. Articles stored since the batch was built are left out (None)."""
        with self.transaction():
            try:
                held = self.holds(batch.keys)
                if any(held):
                    batch = batch.without(i for i, h in zip(batch.ids, held) if i is not None and h)
                batch = batch.numbered_from(self.last_ids())
                self._write_entities(batch)
                self._write_rows(batch.rows, batch.fts, batch.terms)
            except sqlite3.Error as e:
                raise self._error(e) from None
        return batch.ids

    def last_ids(self) -> dict[str, int]:
        """The highest row id of each table (new rows are numbered after it)."""
        return {t: self._conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0] for t in TABLES}

    def _write_entities(self, batch: PreparedBatch) -> None:
        """Upsert the batch's documents, persons, issuers and speakers; put their ids in
        the officials and directives rows (whose last items are entity keys until now)."""
        c = self._conn
        rows, docs, persons = batch.rows, batch.docs, batch.persons
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
                [(k, i.doc_type, i.number, i.number_key, i.issuer or issuer_name(i.issuer_code), i.issuer_code,
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

    def _write_rows(self, rows: dict[str, list[tuple[Any, ...]]], fts: list[tuple[Any, ...]],
                    terms: Counter[str]) -> None:
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
            for kind, kind_rows in by_kind(fts).items():
                c.executemany(f"INSERT INTO search_fts_{kind}(rowid, body, body_f) VALUES (?,?,?)", kind_rows)
            c.executemany("INSERT INTO search_terms(term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET "
                          "n = n + excluded.n", list(terms.items()))

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
            batch = PreparedBatch(base=self.last_ids())
            province = record_province(record)
            pfkey = fkey(province)
            record_rows(batch, article_id, record, dict(batch.base), (row["published_date"], province))
            batch.terms = index_words(f[2] for f in batch.fts)
            self._write_entities(batch)
            self._write_rows(batch.rows, batch.fts, batch.terms)
            self._conn.execute("UPDATE articles SET extracted = 1, record_schema = ?, province = ?, province_fkey = ? "
                               "WHERE id = ?", (record.schema, province, pfkey, article_id))
            self._refresh_entities(*touched)
            self._refresh_collapse([row["cluster_id"] or article_id])

    def optimize(self) -> None:
        """Merge the full-text index into one segment (FTS5 'optimize') and refresh the query
        planner's statistics, for an archive read far more than it is written (after a big
        build): each word is then looked up in one b-tree, not in dozens. Minutes at a
        million articles; readers go on meanwhile."""
        with self.transaction():
            try:
                for table in ("search_fts",) + tuple(f"search_fts_{k}" for k in RECORD_KINDS):
                    self._conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            except sqlite3.Error as e:
                raise self._error(e) from None
        with self._lock:
            self._conn.execute("PRAGMA optimize")

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

    def rebuild_kind_index(self, chunk: int = 50_000) -> int:
        """Fill the full-text index of each record kind (`search_fts_<kind>`) from the
        search items; done once for archives built before schema 7, in transactions of
        `chunk` items (each notes the last item indexed in `kinds_pending`, so a fill that
        was stopped resumes after it). Return the number of items indexed."""
        c = self._conn
        done, last = 0, int(self._meta("kinds_pending") or 0)
        while True:
            with self.transaction():
                rows = c.execute("SELECT id, kind, body FROM search_items WHERE id > ? AND kind != 'article' "
                                 "ORDER BY id LIMIT ?", (last, chunk)).fetchall()
                for kind, kind_rows in by_kind([(r[0], r[2], fold_index(r[2]), r[1]) for r in rows]).items():
                    c.executemany(f"INSERT INTO search_fts_{kind}(rowid, body, body_f) VALUES (?,?,?)", kind_rows)
                if len(rows) < chunk:
                    c.execute("DELETE FROM archive_meta WHERE key = 'kinds_pending'")
                else:
                    c.execute("UPDATE archive_meta SET value = ? WHERE key = 'kinds_pending'", (str(rows[-1][0]),))
            done += len(rows)
            if len(rows) < chunk:
                return done
            last = rows[-1][0]

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
        fts = [(r["id"], r["body"], fold_index(r["body"]), r["kind"]) for r in rows]
        c.executemany("INSERT INTO search_fts(search_fts, rowid, body, body_f, kind) VALUES ('delete', ?, ?, ?, ?)", fts)
        for kind, kind_rows in by_kind(fts).items():
            c.executemany(f"INSERT INTO search_fts_{kind}(search_fts_{kind}, rowid, body, body_f) "
                          "VALUES ('delete', ?, ?, ?)", kind_rows)
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
        an LSH band, not with the archive (see `vnnews.corpus.duplicates`)."""
        with self._lock:
            if article_ids is None:
                wanted = [r[0] for r in self._conn.execute(
                    "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_minhash) ORDER BY id")]
            else:
                wanted = sorted(set(int(i) for i in article_ids))
            links = 0
            for i in range(0, len(wanted), duplicates.CHUNK):
                with self.transaction():
                    links += self._link_chunk(wanted[i:i + duplicates.CHUNK], threshold, window_days)
            return links

    def _link_chunk(self, ids: list[int], threshold: float, window_days: int) -> int:
        """Sketch the articles `ids` (those not sketched yet), find their candidates by LSH
        band, and store the links `duplicates.similar_pairs` decides."""
        conn = self._conn
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT a.id, a.text, a.published_date, m.sig FROM articles a LEFT JOIN article_minhash m "
                            f"ON m.article_id = a.id WHERE a.id IN ({marks})", ids).fetchall()
        sigs: dict[int, Any] = {}
        dates: dict[int, str | None] = {}
        new_rows, band_rows = [], []
        for aid, text, day, blob in rows:
            dates[aid] = day
            if blob is not None:
                sigs[aid] = np.frombuffer(blob, dtype=np.uint32)
                continue
            sig = duplicates.signature(text or "")
            if sig is None:
                continue
            sigs[aid] = sig
            new_rows.append((aid, sig.tobytes()))
            band_rows += [(k, aid) for k in duplicates.bands(sig)]
        conn.executemany("INSERT OR IGNORE INTO article_minhash(article_id, sig) VALUES (?, ?)", new_rows)
        conn.executemany("INSERT OR IGNORE INTO minhash_bands(band, article_id) VALUES (?, ?)", band_rows)
        # candidates: articles sharing a band
        cand: dict[int, set[int]] = {}
        for aid, sig in sigs.items():
            found: set[int] = set()
            for k in duplicates.bands(sig):
                found.update(r[0] for r in conn.execute(
                    "SELECT article_id FROM minhash_bands WHERE band = ? LIMIT ?", (k, duplicates.MAX_PER_BAND)))
            found.discard(aid)
            if found:
                cand[aid] = found
        others = sorted({o for f in cand.values() for o in f} - set(sigs))
        for n in range(0, len(others), 500):
            part = others[n:n + 500]
            for oid, day, blob in conn.execute(
                    f"SELECT m.article_id, a.published_date, m.sig FROM article_minhash m JOIN articles a "
                    f"ON a.id = m.article_id WHERE m.article_id IN ({','.join('?' * len(part))})", part):
                sigs[oid] = np.frombuffer(blob, dtype=np.uint32)
                dates[oid] = day
        pairs = duplicates.similar_pairs(sigs, dates, cand, threshold, window_days)
        return self._store_links(pairs) if pairs else 0

    def _store_links(self, pairs: list[tuple[int, int, float]]) -> int:
        """Store new links, merge their articles' clusters, refresh what collapses; the number of new links."""
        conn = self._conn
        new = 0
        touched: set[int] = set()
        for a, b, sim in pairs:
            cur = conn.execute("INSERT OR IGNORE INTO article_links(a, b, similarity) VALUES (?,?,?)",
                               (a, b, round(sim, 4)))
            if not cur.rowcount:
                continue
            new += 1
            ca = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", (a,)).fetchone()[0] or a
            cb = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", (b,)).fetchone()[0] or b
            if ca != cb:
                keep, drop = min(ca, cb), max(ca, cb)
                conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ? OR id IN (?, ?)",
                             (keep, drop, a, b))
                conn.execute("UPDATE articles SET duplicate_of = CASE WHEN id = cluster_id THEN NULL ELSE cluster_id "
                             "END WHERE cluster_id = ?", (keep,))
                touched.discard(drop)
                touched.add(keep)
        self._refresh_collapse(touched)
        return new

    def _refresh_collapse(self, cluster_ids: Iterable[int]) -> None:
        """Recompute which search items collapse into which within the given clusters
        (`duplicates.collapse_groups`): `dup_of` points to the head, which counts the others (`n_dups`)."""
        conn = self._conn
        for cid in set(cluster_ids):
            members = [r[0] for r in conn.execute("SELECT id FROM articles WHERE cluster_id = ?", (cid,))]
            if not members:
                continue
            marks = ",".join("?" * len(members))
            conn.execute(f"UPDATE search_items SET dup_of = NULL, n_dups = 0 WHERE article_id IN ({marks})", members)
            if len(members) < 2:
                continue
            heads, dups = duplicates.collapse_groups(conn.execute(
                f"SELECT id, kind, dedup_key FROM search_items WHERE article_id IN ({marks}) ORDER BY article_id, id",
                members))
            conn.executemany("UPDATE search_items SET n_dups = ? WHERE id = ?", heads)
            conn.executemany("UPDATE search_items SET dup_of = ? WHERE id = ?", dups)


def by_kind(fts: list[tuple[Any, ...]]) -> dict[str, list[tuple[Any, ...]]]:
    """Full-text rows `(rowid, body, body_f, kind)` of records, by kind, as their kind's own
    index takes them: `(rowid, body, body_f)` (articles have none)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for row in fts:
        if row[3] in RECORD_KINDS:
            out.setdefault(row[3], []).append(row[:3])
    return out
