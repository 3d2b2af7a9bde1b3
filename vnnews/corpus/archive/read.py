"""Reading the archive: stored articles with their records, directives, officials and
persons, documents and their citations, stats.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from ...models import Article, Location, Official, Record
from ..keys import fkey, number_key, person_key
from ..results import (ArchiveStats, Citation, DocumentEntity, DocumentProfile, OfficialMention, OfficialProfile,
                       PersonSummary, StoredArticle, StoredDirective)
from .rows import (ARTICLE_COLS_AS, ARTICLE_SELECT, DIRECTIVE_KINDS, article_of_row, article_ref, bounded,
                  directive_of, document_entity, fields_of, figure_of, like_pattern, province_key,
                  stored_directive_of, title_spans)


class ArchiveReader:
    """Reading stored articles, directives, persons, documents and stats."""

    def article(self, article_id: int) -> StoredArticle | None:
        """The stored article `article_id` with its record (offsets index `record.text`),
        the row ids of its records, and its syndicated duplicates; None if absent."""
        rows = self._rows(ARTICLE_SELECT + " WHERE id = ?", (article_id,))
        if not rows:
            return None
        a = rows[0]
        article = article_of_row(a)
        ids: dict[str, list[int]] = {}
        record = Record(text=a["text"], article=article.meta())
        o_rows = self._rows("SELECT * FROM officials WHERE article_id = ? ORDER BY seq", (article_id,))
        record.officials = [Official.from_dict({**fields_of("official", r), "mentions": json.loads(r["mentions"]),
                                                **json.loads(r["extra"])}) for r in o_rows]
        ids["officials"] = [r["id"] for r in o_rows]
        l_rows = self._rows("SELECT * FROM locations WHERE article_id = ? ORDER BY seq", (article_id,))
        record.locations = [Location.from_dict({**fields_of("location", r), "mentions": json.loads(r["mentions"]),
                                                **json.loads(r["extra"])}) for r in l_rows]
        ids["locations"] = [r["id"] for r in l_rows]
        f_rows = self._rows("SELECT * FROM figures WHERE article_id = ? ORDER BY seq", (article_id,))
        record.figures = [figure_of(r) for r in f_rows]
        ids["figures"] = [r["id"] for r in f_rows]
        d_rows = self._rows("SELECT * FROM directives WHERE article_id = ? ORDER BY seq", (article_id,))
        record.directives = [directive_of(r) for r in d_rows]
        ids["directives"] = [r["id"] for r in d_rows]
        if a["record_schema"]:
            record.schema = a["record_schema"]
        dups = self._rows(ARTICLE_SELECT + " WHERE cluster_id = ? AND id != ? ORDER BY id",
                          (a["cluster_id"], article_id)) if a["cluster_id"] is not None else []
        return StoredArticle(id=article_id, article=article, record=record, ref=article_ref(a), extracted=bool(a["extracted"]),
                             ids=ids, cluster_id=a["cluster_id"], duplicates=[article_ref(d) for d in dups])

    def directive(self, directive_id: int) -> StoredDirective | None:
        """The directive row `directive_id` (a document or an instruction) with its article
        and the text around it; None if absent."""
        rows = self._rows("SELECT d.*, " + ARTICLE_COLS_AS + " FROM directives d JOIN articles a "
                          "ON a.id = d.article_id WHERE d.id = ?", (directive_id,))
        return stored_directive_of(rows[0]) if rows else None

    def directives(self, kind: str | None = None) -> Iterator[StoredDirective]:
        """Stream every stored directive (`kind` document or instruction to restrict),
        in article order."""
        if kind not in (None, *DIRECTIVE_KINDS):
            raise ValueError(f"kind must be one of {DIRECTIVE_KINDS} or None, not {kind!r}")
        sql = ("SELECT d.*, " + ARTICLE_COLS_AS + " FROM directives d JOIN articles a ON a.id = d.article_id"
               + (" WHERE d.kind = ?" if kind else "") + " ORDER BY d.article_id, d.seq")
        yield from self._stream(sql, (kind,) if kind else (), stored_directive_of)

    def __iter__(self) -> Iterator[StoredDirective]:
        """Iterate over all stored directives (same as `directives()`)."""
        return self.directives()
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
                           "o.organization AS oorg, o.mentions AS omentions, " + ARTICLE_COLS_AS +
                           f" FROM officials o JOIN articles a ON a.id = o.article_id WHERE {where} "
                           "ORDER BY a.published_date IS NULL, a.published_date, o.id LIMIT ?",
                           (arg, self.MAX_APPEARANCES))
        appearances = [OfficialMention(id=r["oid"], article=article_ref(r, prefix="a_"), name=r["oname"], title=r["otitle"],
                                       role=r["orole"], organization=r["oorg"],
                                       mentions=tuple(tuple(m) for m in json.loads(r["omentions"])))
                       for r in mrows]
        titles = title_spans((m.title, m.article.date, m.article.id) for m in appearances)
        name = Counter(m.name for m in appearances).most_common(1)[0][0] if appearances else rows[0]["name"]
        longest = max((m.name for m in appearances), key=len, default=name)
        instructions = []
        if pid is not None:
            instructions = [stored_directive_of(r) for r in self._rows(
                "SELECT d.*, " + ARTICLE_COLS_AS + " FROM directives d JOIN articles a ON a.id = d.article_id "
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
            params.append("national" if fkey(province) == "national" else province_key(province))
        if name is not None:
            where.append("name_fkey LIKE ? ESCAPE '\\'")
            params.append(like_pattern(name))
        rows = self._rows("SELECT * FROM persons" + (" WHERE " + " AND ".join(where) if where else "") +
                          " ORDER BY articles DESC, id LIMIT ? OFFSET ?", (*params, bounded(limit), bounded(offset)))
        out = []
        for r in rows:
            titles = title_spans((t["title"], t["published_date"], t["article_id"]) for t in self._rows(
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
                params.append(province_key(province))
        if number is not None:
            where.append("number_key = ?")
            params.append(number_key(number))
        rows = self._rows("SELECT * FROM documents" + (" WHERE " + " AND ".join(where) if where else "") +
                          " ORDER BY citations DESC, id LIMIT ? OFFSET ?", (*params, bounded(limit), bounded(offset)))
        return [document_entity(r) for r in rows]

    def document(self, document_id: int) -> DocumentProfile | None:
        """Document `document_id` with the articles citing it (oldest first) and its
        citations per month; None if absent."""
        rows = self._rows("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            return None
        crows = self._rows("SELECT d.id AS did, d.doc_type, d.number, d.issuer, " + ARTICLE_COLS_AS +
                           " FROM directives d JOIN articles a ON a.id = d.article_id WHERE d.id IN "
                           "(SELECT MIN(id) FROM directives WHERE document_id = ? GROUP BY article_id) "
                           "ORDER BY a.published_date IS NULL, a.published_date, a.id LIMIT ?",
                           (document_id, self.MAX_APPEARANCES))
        citing = [Citation(directive_id=r["did"], doc_type=r["doc_type"], number=r["number"], issuer=r["issuer"],
                           article=article_ref(r, prefix="a_")) for r in crows]
        months = self._rows("SELECT substr(a.published_date, 1, 7) AS m, COUNT(DISTINCT a.id) FROM directives d "
                            "JOIN articles a ON a.id = d.article_id WHERE d.document_id = ? "
                            "AND a.published_date IS NOT NULL GROUP BY m ORDER BY m", (document_id,))
        return DocumentProfile(document=document_entity(rows[0]), citing=citing, by_month=[(m[0], m[1]) for m in months])

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
        rows = self._rows("SELECT d.id AS did, d.doc_type, d.number, d.issuer, " + ARTICLE_COLS_AS +
                          " FROM directives d JOIN articles a ON a.id = d.article_id "
                          "WHERE d.kind = 'document' AND d.number_key = ? "
                          "ORDER BY a.published_date IS NULL, a.published_date, a.id, d.seq", (key,))
        out, seen = [], set()
        for r in rows:
            if r["a_id"] in seen:
                continue
            seen.add(r["a_id"])
            out.append(Citation(directive_id=r["did"], doc_type=r["doc_type"], number=r["number"],
                                issuer=r["issuer"], article=article_ref(r, prefix="a_")))
        return out

    def articles(self) -> Iterator[Article]:
        """Stream every stored article (metadata and body), in insertion order."""
        yield from self._stream(ARTICLE_SELECT + " ORDER BY id", (), article_of_row)

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
