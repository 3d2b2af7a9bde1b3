"""Searching the archive: the plan that turns a query and its filters into SQL (the
full-text match, the tiers of ranking, browsing by index, keyset cursors), under a time
budget.
"""
from __future__ import annotations

import json
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterator, Sequence

from ..keys import fold_index, number_key
from ..query import Query, parse_query
from ..results import KINDS, SearchResult, SearchResults
from .connection import ArchiveError, QueryTimeout
from .rows import (ARTICLE_COLS, INDEX_WORD, RECORD_KINDS, article_ref, bounded, fields_of, iso_day, kinds_of, like_pattern,
                  make_snippet, province_key, snippet_field)


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
    covered: bool = False             # the filters read only columns of the `articles_filter` index

    @property
    def articles(self) -> str:
        """The articles `a` as the search plans' own statements join them: through the
        narrow `articles_filter` index (id, date, province, source) instead of the table
        when the filters need no other column (not for `sql(columns)`: any column)."""
        return "articles a INDEXED BY articles_filter" if self.covered else "articles a"

    def narrow(self, sql_from: str) -> str:
        """`sql_from` with its articles join as `articles` has it."""
        return sql_from.replace("JOIN articles a ON", f"JOIN {self.articles} ON")

    def sql(self, columns: str) -> str:
        """`SELECT columns FROM ... WHERE ...` over every selected item (no order, no limit)."""
        if self.match is None:
            return f"SELECT {columns} FROM {self.items} WHERE {self.where}"
        return f"SELECT {columns} FROM {self.fts_items} WHERE search_fts MATCH :match__ AND {self.where}"

    @property
    def sql_params(self) -> dict[str, Any]:
        return {**self.params, **({"match__": self.match} if self.match is not None else {})}



class ArchiveSearch:
    """The search plan: from a query and filters to SQL over the full-text index and the
    items, ranked in tiers, under a time budget."""

    # queries with at most this many hits are ranked by BM25; more, by tier then newest first
    RANK_LIMIT = 2000
    # ... and whose words the index holds at most this many times in all: BM25's IDF reads
    # every row of each word (`van`, `ubnd`: millions at a million articles)
    IDF_READ_LIMIT = 300_000
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
        kinds = kinds_of(kind)
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
                                   (like_pattern(value), self.MAX_FILTER_VALUES + 1))
                if len(found) > self.MAX_FILTER_VALUES:
                    ors.append(f"(si.kind = '{kind_}' AND d.{col} LIKE :{col} ESCAPE '\\')")
                    params[col] = like_pattern(value)
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
            params["province"] = province_key(province)
        if source is not None:
            where.append("(a.source_fkey LIKE :source ESCAPE '\\' OR a.canonical_url LIKE :source ESCAPE '\\')")
            params["source"] = like_pattern(source)
        if since is not None:
            where.append("a.published_date >= :since")
            params["since"] = iso_day(since)
        if until is not None:
            where.append("a.published_date <= :until")
            params["until"] = iso_day(until)
        if collapse:
            where.append("si.dup_of IS NULL")
        items = f"search_items si JOIN articles a ON a.id = si.article_id {joins}"
        # CROSS JOIN keeps FTS as the outer loop (else SQLite may scan items by kind and probe FTS per row)
        fts_items = ("search_fts CROSS JOIN search_items si ON si.id = search_fts.rowid "
                     f"JOIN articles a ON a.id = si.article_id {joins}")
        return Selection(q, browse, kinds, items, fts_items, " AND ".join(where) or "1", params, None, joins, matching,
                         covered=source is None)

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
        where_sql, fts_items = sel.where, sel.narrow(sel.fts_items)
        art = sel.articles
        narrowed = any(v is not None for v in (province, source, since, until))  # filters beyond issuer/speaker
        cols = ("si.id AS sid, si.kind, si.ref_id, si.article_id, si.n_dups, a.published_date")
        if not collapse:
            cols = cols.replace("si.n_dups", "0 AS n_dups")
        if order == "date":
            after = None  # keyset paging follows the relevance order
        if joins and matching is not None and matching <= (self.FILTER_FIRST_QUERY if q else self.FILTER_FIRST):
            # few directives by this issuer/speaker: take them by index and match the query
            # in their text here, instead of walking every full-text hit
            return self._filter_first(text, q, where_sql, params, cols, limit, offset, art)
        if browse:
            # walk the articles newest first (by index) and take their items: no scan, no sort;
            # a cursor starts the walk where the previous page ended
            index = "articles_province_date" if province is not None else "articles_published"
            sql_from = f"articles a INDEXED BY {index} CROSS JOIN search_items si ON si.article_id = a.id {joins}"
            order = "ORDER BY a.published_date DESC, a.id DESC, si.id DESC LIMIT :limit OFFSET :offset"
            select = f"SELECT {cols}, 0.0 AS score, 0 AS exact FROM {sql_from} WHERE {where_sql}"
            deep = after is None and offset > self.BROWSE_COUNT_LIMIT
            if after is None:
                # a deep page reads one row more instead of counting every row before it
                rows = self._rows(f"{select} {order}", {**params, "limit": limit + deep, "offset": offset})
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
            if deep and rows:  # past the counting limit: a lower bound, one more than shown while there are more
                more = len(rows) > limit
                rows = rows[:limit]
                total, exact_total = offset + len(rows) + more, not more
            elif matching and matching > 2 * self.BROWSE_COUNT_LIMIT and not narrowed and not deep:
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
        # BM25 ranks the words' hits without the kind: FTS5's bm25 reads every row of each
        # phrase of the match (its IDF), and the kind's phrase (weight 0: no part in the
        # score) is a million rows; the kind is filtered on the items instead
        rank_terms = {"qf": q.fts(folded=True, completions=completions),
                      "qe": q.fts(folded=False, phrase=True, completions=completions),
                      **({"qp": q.fts(folded=True, phrase=True, completions=completions)} if q.multiword else {})}
        # one record kind: its own index holds just its rows (schema 7), so the words are
        # matched there, with no kind to intersect; else `search_fts` with the kind's phrase
        fts = self._kind_index(kinds)
        if fts != "search_fts":
            kind_match = ""
            fts_items = fts_items.replace("search_fts", fts)
        qf, qe = rank_terms["qf"] + kind_match, rank_terms["qe"] + kind_match
        qp = rank_terms["qp"] + kind_match if q.multiword else None

        def ranked() -> list[Any]:
            """The page ranked by tier and BM25 over every hit of the words (for at most
            RANK_LIMIT of them); each row also holds `hits__`, the number of those hits."""
            return self._rows(
                "WITH h AS MATERIALIZED (SELECT rowid AS sid, bm25(search_fts, 1.0, 1.0, 0.0) AS score "
                "FROM search_fts WHERE search_fts MATCH :qf), "
                "e AS MATERIALIZED (SELECT rowid AS sid FROM search_fts WHERE search_fts MATCH :qe)"
                + (", p AS MATERIALIZED (SELECT rowid AS sid FROM search_fts WHERE search_fts MATCH :qp) "
                   if q.multiword else " ") +
                f"SELECT {cols}, h.score, (si.id IN e) AS exact, "
                + ("(si.id IN p)" if q.multiword else "1") + " AS phrase, COUNT(*) OVER () AS total, "
                "(SELECT COUNT(*) FROM h) AS hits__ "
                "FROM h CROSS JOIN search_items si ON si.id = h.sid "
                f"JOIN {art} ON a.id = si.article_id {joins} WHERE {where_sql} "
                + ("ORDER BY a.published_date DESC, si.id DESC " if order == "date" else
                   "ORDER BY exact DESC, phrase DESC, h.score, a.published_date DESC, si.id DESC ")
                + "LIMIT :limit OFFSET :offset",
                {**params, **rank_terms, "limit": limit, "offset": offset})

        def hit_ids() -> list[int]:
            """The full-text hits (with the kind), oldest first, at most `scan` of them."""
            return [r[0] for r in self._rows(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?", (qf, scan))]

        def newest_hits() -> list[int]:
            """The newest `scan` full-text hits (with the kind), newest first."""
            return [r[0] for r in self._rows(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? "
                                             "ORDER BY rowid DESC LIMIT ?", (qf, scan))]

        scan = max(self.RANK_LIMIT, self.SCAN_LIMIT) + 1
        rows = None
        ids: list[int] | None = None
        newest_first: list[int] | None = None  # the newest `scan` hits, newest first, once read
        costly: list[bool] = []  # whether BM25's IDF would read too many rows (asked once, when it matters)

        def bm25_affordable() -> bool:
            if not costly:
                costly.append(self._idf_rows(q, completions) > self.IDF_READ_LIMIT)
            return not costly[0]

        citations = self._citations(q)
        if 0 < citations <= self.FEW_CITATIONS and bm25_affordable():
            # a document number cited by few directives (an index lookup): its hits are few,
            # so rank them at once and skip the count; kept only when the hits prove few
            rows = ranked()
            if not rows or rows[0]["hits__"] > self.RANK_LIMIT:
                rows = None
        if rows is not None:
            hits = rows[0]["hits__"]
        elif kinds:
            # whether BM25 ranks is decided by the words' hits (the kind apart: see above)
            hits = self._rows("SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                              "LIMIT ?)", (rank_terms["qf"], self.RANK_LIMIT + 1))[0][0]
        elif citations > self.MANY_CITATIONS or q.words_only:
            # newest first at once: past SCAN_LIMIT the newest hits are the window, and
            # counting them first walked every hit twice. For words without a phrase (FTS5
            # walks an AND of words backwards about as cheaply as forwards; a phrase
            # backwards decodes each doclist whole) and a document number so often cited
            # that its hits surely pass SCAN_LIMIT.
            ids = newest_first = newest_hits()
            hits = len(ids)
        else:
            # one pass over the hits serves the BM25 decision, the window and the totals
            ids = hit_ids()
            hits = len(ids)
        if hits <= self.RANK_LIMIT and (rows is not None or bm25_affordable()):
            if rows is None:
                rows = ranked()
            if rows:
                more = offset + len(rows) < rows[0]["total"]
                return self._results(text, q, rows, rows[0]["total"], True, limit, offset,
                                     f"o{offset + len(rows)}" if more else None)
            total = self._rows(f"SELECT COUNT(*) FROM {fts_items} "
                               f"WHERE {fts} MATCH :qf AND {where_sql}", {**params, "qf": qf})[0][0] if offset else 0
            return self._results(text, q, rows, total, True, limit, offset)

        # many hits: tiers in order, each newest-added first; a cursor continues where the
        # previous page ended (no offset walked). Beyond SCAN_LIMIT hits the tiers rank the
        # newest SCAN_LIMIT (rowid >= floor) and the older hits follow newest first, untiered
        # (exact -1: decided from the text): a tier of rare matches (the words as typed)
        # then costs what the window holds, not a walk over every hit of common words.
        if q.multiword:
            tiers = [(qe, 1), (f"({qp}) NOT ({qe})", 0), (f"({qf}) NOT ({qp})", 0)]
        else:
            tiers = [(qe, 1), (f"({qf}) NOT ({qe})", 0)]
        if ids is None:  # the hits with the kind (so far only the words' were counted), read
            # newest first at once: they are walked whole either way, and the newest are the
            # window when there are more than SCAN_LIMIT
            ids = newest_first = newest_hits()
            hits = len(ids)
        # the window: every hit, or past SCAN_LIMIT the newest (its oldest is the floor)
        floor = 0
        if hits > self.SCAN_LIMIT:
            window = newest_first if newest_first is not None else newest_hits()
            floor = min(window)
            tiers.append((qf, -1))
        else:
            window = ids
        if order == "date":  # one pass over every match, newest first; count apart
            need = offset + limit
            rows = self._rows(f"SELECT {cols}, 0.0 AS score, 0 AS exact FROM {fts_items} "
                              f"WHERE {fts} MATCH :qf AND {where_sql} "
                              "ORDER BY a.published_date DESC, si.id DESC LIMIT :n",
                              {**params, "qf": qf, "n": need})
            total, exact_total = self._count(f"SELECT 1 FROM {fts_items} WHERE {fts} MATCH :qf AND {where_sql}",
                                             {**params, "qf": qf}, len(rows))
            return self._results(text, q, rows[offset:need], total, exact_total, limit, offset)
        start_tier, below, offset = tier_start(after, offset)
        need = offset + limit
        # the tiers within the window as sets of ids: the exact phrase (E), the folded phrase
        # (P), the rest of the window. Each is read in rowid order: FTS5 walks a phrase
        # backwards only by decoding every doclist whole. First within the
        # newest few hundred hits: when the first tier wanted fills the page there, those
        # are its newest rows and the rest of the window need not be read.
        rows: list[Any] = []

        def tier_sets(lo: int, hi: int | None = None) -> list[set[int]]:
            """The tiers of the window's hits at rowids `lo` <= id < `hi`."""
            win = {i for i in window if i >= lo and (hi is None or i < hi)}
            # a kind's few hits among the rows of common words: walking the tier's match from
            # `lo` reads every row of the kind there; asking each hit (by rowid) costs less
            # (a kind's own index has no kind to walk: its tiers are walked)
            probe = fts == "search_fts" and bool(kinds) and 0 < len(win) <= self.PROBE_LIMIT and \
                max(win) - lo > self.PROBE_SPREAD * len(win)

            def within(expr: str, bare: str) -> set[int]:
                if not win:
                    return set()
                if probe:  # the window's hits are of the kind: ask for the words alone (a seek)
                    return {i for i in win if self._rows("SELECT 1 FROM search_fts WHERE search_fts MATCH :t AND "
                                                         "rowid = :i", {"t": bare, "i": i})}
                return {r[0] for r in self._rows(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :t AND "
                                                 "rowid >= :floor AND rowid <= :top",
                                                 {"t": expr, "floor": lo, "top": max(win)})}
            exact_ids = within(qe, rank_terms["qe"])
            if q.multiword:
                phrase_ids = within(qp, rank_terms["qp"])
                return [exact_ids, phrase_ids - exact_ids, win - phrase_ids - exact_ids]
            return [exact_ids, win - exact_ids]

        def tier_rows(ids: set[int], ti: int, exact: int, n: int) -> list[Any]:
            top = below if ti == start_tier and below is not None else None
            return self._newest_items(sorted((i for i in ids if top is None or i < top), reverse=True), n,
                                      f"{cols}, 0.0 AS score, {exact} AS exact, {ti} AS tier", joins, where_sql, params,
                                      art)

        if start_tier < len(tiers) - (1 if floor else 0):
            newest = sorted(window, reverse=True)
            first = max(8 * need, 256)
            if first < len(newest):
                lo = newest[first - 1]
                newer = tier_sets(lo)
                rows = tier_rows(newer[start_tier], start_tier, tiers[start_tier][1], need)
                if len(rows) < need:  # the rest of the window: only the part below what was read
                    sets = [a | b for a, b in zip(newer, tier_sets(floor, lo))]
            elif window:
                sets = tier_sets(floor)
            else:
                sets = [set() for _ in tiers]
            if len(rows) < need:
                rows = []
        for ti, (expr, exact) in enumerate(tiers):
            if len(rows) >= need or ti < start_tier:
                continue
            top = below if ti == start_tier and below is not None else None
            if exact < 0:  # the older hits: a plain match, walked newest first
                bound = f" AND {fts}.rowid < :below" if top is not None else ""
                skip = max(0, offset - len(rows))  # rows before the page: skipped in SQL, held by a None
                args = {**params, "t": expr, "n": need - len(rows) - skip, "below": top, "floor": floor, "skip": skip}
                older = (f"WHERE {fts} MATCH :t{bound} AND {fts}.rowid < :floor AND {where_sql} "
                         f"ORDER BY {fts}.rowid DESC")
                if skip and not narrowed:
                    # no filter on the articles: the rows before the page are skipped over the
                    # items alone (a deep page read each one's article too), then the page is
                    # read from the first of its rows
                    first = self._rows(f"SELECT {fts}.rowid FROM {fts} CROSS JOIN search_items si "
                                       f"ON si.id = {fts}.rowid {joins} {older} LIMIT 1 OFFSET :skip", args)
                    args.update(skip=0, floor=first[0][0] + 1 if first else 0)
                got = self._rows(f"SELECT {cols}, 0.0 AS score, -1 AS exact, {ti} AS tier FROM {fts_items} "
                                 f"{older} LIMIT :n OFFSET :skip", args)
                rows += [None] * skip + got if got else []
                continue
            ahead = offset - len(rows)  # rows still to pass before the page
            if ahead >= len(sets[ti]) and below is None:
                # the whole tier lies before the page: count its rows, don't read them
                rows += [None] * self._count_listed(sorted(sets[ti]), None, joins, where_sql, params, art)
                continue
            rows += tier_rows(sets[ti], ti, exact, need - len(rows))
        # count: exactly up to COUNT_LIMIT among the newest SCAN_LIMIT full-text hits (a lower
        # bound beyond), so a filter that keeps few hits does not walk them all
        counted = self._count_listed(sorted(window, reverse=True)[:self.SCAN_LIMIT], self.COUNT_LIMIT + 1,
                                     joins, where_sql, params, art)
        exact_total = counted <= self.COUNT_LIMIT and hits <= self.SCAN_LIMIT
        total = max(min(counted, self.COUNT_LIMIT), len(rows) + (offset if after is None else 0))
        page = rows[offset:need]
        cursor = f"t{page[-1]['tier']}.{page[-1]['sid']}" if len(page) == limit and page else None
        return self._results(text, q, page, total, exact_total, limit, offset, cursor)

    @staticmethod
    def _listed_items(art: str, joins: str, where_sql: str) -> str:
        """FROM … WHERE of the search items listed in `:ids__` (a JSON array) that pass the filters."""
        return (f"FROM json_each(:ids__) j CROSS JOIN search_items si ON si.id = j.value "
                f"JOIN {art} ON a.id = si.article_id {joins} WHERE {where_sql}")

    def _count_listed(self, ids: list[int], cap: int | None, joins: str, where_sql: str,
                      params: dict[str, Any], art: str = "articles a") -> int:
        """How many of the search items `ids` pass the filters (counted up to `cap`, if given)."""
        limit = " LIMIT :cap__" if cap is not None else ""
        return self._rows(f"SELECT COUNT(*) FROM (SELECT 1 {self._listed_items(art, joins, where_sql)}{limit})",
                          {**params, "ids__": json.dumps(ids), "cap__": cap})[0][0]

    def _newest_items(self, ids: list[int], n: int, columns: str, joins: str, where_sql: str,
                      params: dict[str, Any], art: str = "articles a") -> list[Any]:
        """The first `n` of the search items `ids` (newest first) that pass the filters, read
        in growing chunks: the page costs what it shows, not what the window holds."""
        out: list[Any] = []
        step, i = max(2 * n, 64), 0
        while i < len(ids) and len(out) < n:
            chunk = ids[i:i + step]
            i += step
            step *= 4
            out += self._rows(f"SELECT {columns} {self._listed_items(art, joins, where_sql)} "
                              "ORDER BY si.id DESC LIMIT :n__", {**params, "ids__": json.dumps(chunk), "n__": n - len(out)})
        return out

    def _filter_first(self, text: str, q: Query, where_sql: str, params: dict[str, Any], cols: str, limit: int,
                      offset: int, art: str = "articles a") -> SearchResults:
        """Search among the few directives an issuer/speaker filter allows: fetched by index
        (and sorted by date) or, with a query, matched against it here; exact matches first,
        then newest."""
        force = ("INDEXED BY directives_issuer_article " if ":issuer_fkey0" in where_sql and ":speaker_fkey0" not in where_sql
                 else "INDEXED BY directives_speaker_article " if ":speaker_fkey0" in where_sql
                 and ":issuer_fkey0" not in where_sql else "")
        src = (f"FROM directives d {force}CROSS JOIN search_items si ON si.article_id = d.article_id AND si.ref_id = d.id "
               f"AND si.kind = d.kind JOIN {art} ON a.id = d.article_id WHERE {self._directive_filter(where_sql)} "
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

    # a kind-filtered tier is read by asking each of at most PROBE_LIMIT hits (by rowid) when
    # they are sparser than one per PROBE_SPREAD rows: the walk would read the kind's rows between
    PROBE_LIMIT = 300
    PROBE_SPREAD = 5000

    # a document number cited by at most this many directives is ranked without counting first
    FEW_CITATIONS = 800
    # ... by more than this many, its hits (each citing record and article) pass SCAN_LIMIT
    MANY_CITATIONS = 1500

    def _citations(self, q: Query) -> int:
        """When the query is one document number (`01-CT/TU`), how many directives carry it
        (by the `directives_number` index, counted up to `MANY_CITATIONS` + 1); else 0."""
        if len(q.terms) != 1 or q.terms[0].prefix:
            return 0
        key = number_key(q.text.strip().strip('"'))
        if not key or "/" not in key or not any(ch.isdigit() for ch in key):
            return 0
        return self._rows("SELECT COUNT(*) FROM (SELECT 1 FROM directives WHERE number_key = ? LIMIT ?)",
                          (key, max(self.FEW_CITATIONS, self.MANY_CITATIONS) + 1))[0][0]

    KIND_INDEX = True  # match a one-kind query in the kind's own index (schema 7) when it is filled

    def _kind_index(self, kinds: tuple[str, ...] | None) -> str:
        """The full-text table to match a query of these kinds in: `search_fts_<kind>` for
        one record kind (when filled), else `search_fts`."""
        if (self.KIND_INDEX and kinds and len(kinds) == 1 and kinds[0] in RECORD_KINDS
                and not self._meta("kinds_pending")):
            return f"search_fts_{kinds[0]}"
        return "search_fts"

    def _idf_rows(self, q: Query, completions: dict[str, list[str]]) -> int:
        """How many times the index holds the query's folded words (`search_terms`), a
        prefix's completions included: what FTS5's bm25 reads for their IDF."""
        words = {w for t in q.terms for w in (t.index_words[:-1] if t.prefix else t.index_words)}
        words.update(c for comps in completions.values() for c in comps)
        if not words:
            return 0
        return self._rows(f"SELECT COALESCE(SUM(n), 0) FROM search_terms WHERE term IN ({','.join('?' * len(words))})",
                          sorted(words))[0][0]

    def completions(self, prefix: str) -> list[str]:
        """The index words starting with the folded `prefix`, at most `MAX_COMPLETIONS`,
        most frequent first (among the first `MAX_COMPLETION_SCAN` in alphabetical order)."""
        p = "".join(INDEX_WORD.findall(fold_index(prefix)))
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
        columns = "*" if kind == "article" else ", ".join(ARTICLE_COLS)
        arow = self._rows(f"SELECT {columns} FROM articles WHERE id = ?", (r["article_id"],))
        if not arow:
            return None
        a = arow[0]
        ref_obj = article_ref(a)
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
            fields = fields_of(kind, row)
            text_fields = {k: v for k, v in fields.items() if isinstance(v, str) and k not in ("kind", "unit")}
            if kind == "official":
                official_id = ref
        field_spans = {k: q.spans(v) for k, v in text_fields.items() if v}
        matched = tuple(k for k, v in field_spans.items() if v)
        main = snippet_field(kind, text_fields, matched)
        main_text = text_fields.get(main) or ""
        spans = field_spans.get(main, [])
        snippet = make_snippet(main_text, spans, width=240 if kind in ("article", "instruction") else 160,
                               anchor=q.anchor(main_text, spans))
        exact = r["exact"]
        if exact < 0:  # past the window of ranked tiers: typed as is, somewhere in the item's text?
            exact = q.exact_in("\n".join(text_fields.values()))
        return SearchResult(kind=kind, id=ref, article=ref_obj, fields=fields, matched=matched, snippet=snippet,
                            exact=bool(exact), score=float(r["score"] or 0.0), duplicates=int(r["n_dups"]),
                            official_id=official_id)


def tier_start(after: str | None, offset: int) -> tuple[int, int | None, int]:
    """Where a tiered search resumes: (first tier, the id below which it goes on, offset) from a
    `t` cursor, or from the start of tier 0 at `offset` without one."""
    if after is None:
        return 0, None, offset
    start_tier, below = parse_cursor(after, "t", 2)
    return start_tier, below, 0


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
            return (bounded(int(fields[0])),)
        if kind == "t":
            return int(fields[0]), bounded(int(fields[1]))
        if fields[0] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields[0]):
            raise bad
        return fields[0] or None, bounded(int(fields[1])), bounded(int(fields[2]))
    except ValueError:
        raise bad from None
