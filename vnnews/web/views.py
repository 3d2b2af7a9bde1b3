"""The web's read side: the archive as view models for the pages and the JSON API.

`ArchiveViews(path)` opens `vnnews.Archive(path, readonly=True)` (one per thread: the web
server answers requests from a thread pool) and turns its typed results into plain
dicts for the templates and the JSON API. Article text reaches HTML only through
`vnnews.web.render`, which escapes it. Everything is read through the Archive (its
methods, or `Archive.query` from the corpus modules `facets`, `export`, `permalinks`).

Links are permalinks that survive a rebuild of the archive (`vnnews.corpus.permalinks`):
`/a/KEY` for an article, `/a/KEY/d3` for its directive 3, `/a/KEY#f5` for its figure 5
in the text.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..corpus import export as export_mod
from ..corpus import facets as facets_mod
from ..corpus import permalinks
from ..corpus.postgres import is_url
from .charts import time_chart
from .render import Span, entity_html

log = logging.getLogger("vnnews.web")

KIND_CHOICES = ("article", "document", "instruction", "official", "location", "figure")
PAGE_SIZE = 20          # results per HTML page
MAX_PAGE_SIZE = 100     # the most the API returns at once
MAX_PAGE = 500          # deepest page (offset at most 50,000 results)
MAX_LIST = 200          # longest list on a detail page (appearances, citing articles)

SECTION_LABELS = {"official": "Cán bộ", "location": "Địa danh", "figure": "Số liệu",
                  "document": "Văn bản", "instruction": "Chỉ đạo"}


class ArchiveUnavailable(Exception):
    """The archive can't be opened or read (missing, not an archive, locked)."""


def _num(v: Any) -> str:
    if v is None:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f.is_integer():
        return f"{int(f):,}".replace(",", ".")
    return f"{f:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".").rstrip("0").rstrip(",")


def _figure_value(value: Any, value_max: Any, total: Any) -> str:
    """A figure's value as shown: `1.200`, `3–5`, `2/10`."""
    out = _num(value)
    if value_max is not None:
        out += "–" + _num(value_max)
    if total is not None:
        out += "/" + _num(total)
    return out


def _doc_label(doc_type: str | None, number: str | None, name: str | None) -> str:
    """A document's heading: its type and number, else its name as written."""
    return " ".join(v for v in (doc_type, number) if v) or name or "Văn bản"


MAX_ID = 2 ** 63 - 1    # SQLite's largest row id
SORTS = ("relevance", "date")
HOME_LIST = 10          # documents and instructions on the home page


def parse_id(text: str) -> int | None:
    """A row id as written in an address: digits without a leading zero, at most 2^63 - 1;
    None for anything else (`1.0`, `01`, `-1`, `+1`, `9223372036854775808`)."""
    if not text or not text.isdigit() or not text.isascii() or text[0] == "0" or len(text) > 19:
        return None
    n = int(text)
    return n if n <= MAX_ID else None


class ArchiveViews:
    """The archive at `path`, opened read-only, as view models for the web pages."""

    def __init__(self, path: str | Path, base: str = "") -> None:
        self.path = Path(path)
        self.base = base
        if is_url(str(path)):  # a PostgreSQL archive: opened read-only (a read-only session) like a file
            self.path = str(path)  # type: ignore[assignment]
        elif self.path.is_dir():
            raise ArchiveUnavailable(f"{self.path}: is a directory, not an archive file")
        elif not self.path.is_file():
            raise ArchiveUnavailable(f"{self.path}: no such archive (build one with `vnnews archive build ... --db`)")
        self._local = threading.local()
        self._cache: dict[str, tuple[float, Any]] = {}  # small: stats, options, facets, home lists
        self._cache_lock = threading.Lock()
        self.archive  # open once now, so a bad file fails at start-up, not on the first request

    # ------------------------------------------------------------ connections

    @property
    def archive(self):
        """This thread's read-only Archive (the one door to the database)."""
        a = getattr(self._local, "archive", None)
        if a is None:
            from ..corpus.archive import Archive

            try:
                a = Archive(self.path, readonly=True)
            except Exception as e:  # the archive's own errors name the problem
                raise ArchiveUnavailable(str(e)) from e
            self._local.archive = a
        return a

    def clear_cache(self) -> None:
        """Forget the cached summaries (stats, options, facets, home lists): the next page
        reads them from the archive again (as after their time to live)."""
        with self._cache_lock:
            self._cache.clear()

    def _cached(self, key: str, ttl: float, make: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit and now - hit[0] < ttl:
                return hit[1]
        value = make()
        with self._cache_lock:
            if len(self._cache) > 256:  # forget expired entries, then the oldest
                for k in [k for k, (t, _) in self._cache.items() if now - t >= 60] or list(self._cache)[:64]:
                    self._cache.pop(k, None)
            self._cache[key] = (now, value)
        return value

    # ------------------------------------------------------------ permalinks

    def article_href(self, key: str, anchor: str | None = None) -> str:
        return f"{self.base}/a/{key}" + (f"#{anchor}" if anchor else "")

    def record_href(self, key: str, ref: str) -> str:
        return f"{self.base}/a/{key}/{ref}"

    def find_article(self, key: str) -> int | None:
        return permalinks.find_article(self.archive, key)

    def find_record(self, key: str, ref: str) -> tuple[str, int, int] | None:
        return permalinks.find_record(self.archive, key, ref)

    def article_permalink(self, article_id: int) -> str | None:
        """The permalink of article `article_id` (old id addresses redirect there)."""
        key = permalinks.article_keys(self.archive, [article_id]).get(article_id)
        return self.article_href(key) if key else None

    def directive_permalink(self, directive_id: int) -> str | None:
        found = permalinks.record_refs(self.archive, "directive", [directive_id]).get(directive_id)
        return self.record_href(found[1], found[2]) if found else None

    def _keys(self, article_ids: Iterable[int]) -> dict[int, str]:
        return permalinks.article_keys(self.archive, article_ids)

    def _ref_dicts(self, refs: list[Any], keys: dict[int, str] | None = None) -> list[dict[str, Any]]:
        """ArticleRefs as dicts with `href`, their permalink."""
        keys = keys if keys is not None else self._keys(r.id for r in refs)
        out = []
        for ref in refs:
            d = ref.to_dict()
            d["key"] = keys.get(ref.id)
            d["href"] = self.article_href(d["key"]) if d["key"] else None
            out.append(d)
        return out

    def _ref_dict(self, ref: Any) -> dict[str, Any] | None:
        return self._ref_dicts([ref])[0] if ref is not None else None

    # ------------------------------------------------------------ search

    def _search(self, q: str, kind: str | None, filters: dict[str, str], *, page: int, size: int,
                order: str = "relevance"):
        size = max(1, min(int(size), MAX_PAGE_SIZE))
        page = max(1, min(int(page), MAX_PAGE))
        kw: dict[str, Any] = {k: v for k, v in filters.items() if v}
        return self.archive.search(q, kind=kind or None, limit=size, offset=(page - 1) * size,
                                   order=order if order in SORTS else "relevance", **kw)

    def _links(self, results: Any) -> tuple[dict[int, str], dict[tuple[str, int], str]]:
        """Permalink keys of the results' articles and the refs of their records."""
        keys = self._keys(r.article.id for r in results)
        refs: dict[tuple[str, int], str] = {}
        for kind in ("document", "instruction", "location", "figure"):
            ids = [r.id for r in results if r.kind == kind]
            if ids:
                for rid, (_, key, ref) in permalinks.record_refs(self.archive, kind, ids).items():
                    refs[(kind, rid)] = ref
        return keys, refs

    def search(self, q: str, kind: str | None, filters: dict[str, str], *, page: int = 1,
               size: int = PAGE_SIZE, order: str = "relevance") -> tuple[int, bool, list[dict[str, Any]]]:
        """(total, whether total is exact, hits as view dicts) for one page of the search page."""
        res = self._search(q, kind, filters, page=page, size=size, order=order)
        keys, refs = self._links(res)
        return res.total, _exact(res), [self.hit_view(r, keys, refs) for r in res]

    def search_json(self, q: str, kind: str | None, filters: dict[str, str], *, page: int = 1,
                    size: int = PAGE_SIZE, order: str = "relevance") -> tuple[int, bool, list[dict[str, Any]]]:
        res = self._search(q, kind, filters, page=page, size=size, order=order)
        keys, refs = self._links(res)
        out = []
        for r in res:
            d = r.to_dict()
            d["url"] = self.result_href(r, keys, refs)
            d["article"]["page"] = self.article_href(keys[r.article.id]) if r.article.id in keys else None
            out.append(d)
        return res.total, _exact(res), out

    def facets(self, q: str, kind: str | None, filters: dict[str, str]) -> Any:
        """Facet counts (`vnnews.corpus.facets.Facets`) of a search, cached a minute."""
        key = "facets:" + repr((q, kind, sorted(filters.items())))
        kw = {k: v for k, v in filters.items() if v}
        return self._cached(key, 60, lambda: facets_mod.facets(self.archive, q or None, kind or None, **kw))

    def kind_counts(self, q: str, kind: str | None, filters: dict[str, str]) -> dict[str, tuple[int, bool]]:
        """How many results each kind tab would show (`all` for no kind), as (count, exact),
        from the facet pass of the page (kind `kind`), which counts every kind."""
        f = self.facets(q, kind, filters)
        counts = {k: (n, f.exact) for k, n in f.kinds.items()}
        counts["all"] = (sum(f.kinds.values()), f.exact)
        return counts

    def export(self, q: str, kind: str | None, filters: dict[str, str], order: str) -> Iterator[dict[str, Any]]:
        """Every result as a flat row (`vnnews.corpus.export.COLUMNS` and `page`, its permalink)."""
        kw = {k: v for k, v in filters.items() if v}
        for row in export_mod.export_rows(self.archive, q or None, kind or None, order=order, **kw):
            key, ref = row["article_key"], row["ref"]
            if row["kind"] == "official":
                row["page"] = f"{self.base}/official/{row['id']}"
            elif row["kind"] in ("document", "instruction") and ref:
                row["page"] = self.record_href(key, ref)
            else:
                row["page"] = self.article_href(key, ref)
            yield row

    def result_href(self, r: Any, keys: dict[int, str], refs: dict[tuple[str, int], str]) -> str:
        key = keys.get(r.article.id, "")
        if r.kind == "official":
            return f"{self.base}/official/{r.official_id or r.id}"
        ref = refs.get((r.kind, r.id))
        if r.kind == "article" or ref is None:
            return self.article_href(key)
        if r.kind in ("document", "instruction"):
            return self.record_href(key, ref)
        return self.article_href(key, ref)

    def hit_view(self, r: Any, keys: dict[int, str], refs: dict[tuple[str, int], str]) -> dict[str, Any]:
        f = r.fields or {}
        fields: list[tuple[str, str]] = []
        snippet = self._snippet(r.snippet)
        if r.kind == "article":
            label = f.get("title") or "Bài báo không tiêu đề"
        elif r.kind == "document":
            label = _doc_label(f.get("doc_type"), f.get("number"), f.get("name"))
            if f.get("issuer"):
                fields.append(("Cơ quan ban hành", f["issuer"]))
            if f.get("name") and f.get("number"):
                fields.append(("Tên trong bài", f["name"]))
        elif r.kind == "instruction":
            who = f.get("speaker") or f.get("speaker_title") or "Không rõ người"
            label = f"{who} {f.get('verb') or 'chỉ đạo'}"
            if f.get("speaker") and f.get("speaker_title"):
                fields.append(("Chức vụ", f["speaker_title"]))
            if f.get("text") and "text" not in r.matched:  # matched the speaker: still show what was said
                snippet = escape(_short(f["text"], 240))
        elif r.kind == "official":
            label = f.get("name") or "Cán bộ"
            if f.get("title"):
                fields.append(("Chức vụ", f["title"]))
        elif r.kind == "location":
            label = " ".join(x for x in (f.get("level"), f.get("name")) if x) or "Địa danh"
            if f.get("parent"):
                fields.append(("Thuộc", f["parent"]))
        elif r.kind == "figure":
            label = f.get("text") or "Số liệu"
            if f.get("quantity"):
                fields.append(("Đại lượng", f["quantity"]))
            value = _figure_value(f.get("value"), f.get("value_max"), f.get("total"))
            if value:
                fields.append(("Giá trị", f"{value} {f.get('unit') or ''}".strip()))
        else:
            label = r.kind
        if getattr(r, "duplicates", 0):
            fields.append(("Bản đăng lại", str(r.duplicates)))
        return {"kind": r.kind, "id": r.id, "label": label, "href": self.result_href(r, keys, refs),
                "snippet": snippet, "fields": fields, "article": self._ref_dicts([r.article], keys)[0],
                "exact": r.exact}

    @staticmethod
    def _snippet(sn: Any, cls: str = "hit") -> Markup:
        """The archive's snippet (plain text and match spans) as escaped HTML."""
        if sn is None or not getattr(sn, "text", None):
            return Markup("")
        text, html, last = sn.text, Markup(""), 0
        for s, e in sorted(sn.marks or ()):
            s, e = max(s, last), min(e, len(text))
            if s >= e:
                continue
            html += escape(text[last:s]) + Markup('<mark class="{}">{}</mark>').format(cls, text[s:e])
            last = e
        return html + escape(text[last:])

    # ------------------------------------------------------------ options, stats, home

    def stats(self) -> dict[str, Any]:
        s = self._cached("stats", 30, lambda: self.archive.stats())
        d = s.to_dict() if hasattr(s, "to_dict") else dict(s)
        d.pop("path", None)  # where the file lives is not the visitor's business
        return d

    def stats_rows(self) -> list[tuple[str, int]]:
        s = self.stats()
        rows = [("Bài báo", s.get("articles")), ("Văn bản", s.get("documents")),
                ("Chỉ đạo", s.get("instructions")), ("Cán bộ", s.get("people")),
                ("Địa danh", s.get("locations")), ("Số liệu", s.get("figures"))]
        return [(k, v) for k, v in rows if v is not None]

    def options(self) -> dict[str, list[str]]:
        """Suggestions for the filter boxes (datalists)."""
        return self._cached("options", 60, self._options)

    def _options(self) -> dict[str, list[str]]:
        s = self.stats()
        out: dict[str, list[str]] = {
            "province": sorted((s.get("provinces") or {}).keys())[:MAX_LIST],
            "source": sorted(k for k in (s.get("sources") or {}) if k and k != "(unknown)")[:MAX_LIST],
        }
        for name, sql in (
            ("issuer", "SELECT MAX(issuer) FROM directives WHERE kind='document' AND issuer IS NOT NULL "
                       "GROUP BY issuer_fkey ORDER BY COUNT(*) DESC LIMIT ?"),
            ("speaker", "SELECT MAX(speaker) FROM directives WHERE kind='instruction' AND speaker IS NOT NULL "
                        "GROUP BY speaker_fkey ORDER BY COUNT(*) DESC LIMIT ?"),
        ):
            out[name] = sorted({r[0] for r in self.archive.query(sql, (MAX_LIST,))})
        return out

    def home(self) -> dict[str, Any]:
        """The home page: the archive's counts, articles over time, the most cited documents
        and the latest instructions (cached a minute)."""
        return self._cached("home", 60, self._home)

    def _home(self) -> dict[str, Any]:
        cited = self.archive.documents(limit=HOME_LIST)  # the documents as entities, most cited first
        latest = facets_mod.latest_instructions(self.archive, HOME_LIST)
        drefs = permalinks.record_refs(self.archive, "directive", [i.id for i in latest])
        docs = [{"label": _doc_label(c.doc_type, c.number, None), "issuer": c.issuer, "articles": c.citations,
                 "where": "toàn quốc" if c.scope == "national" else ", ".join(x for x in (c.unit, c.province) if x),
                 "first": c.first_cited, "last": c.last_cited, "href": f"{self.base}/document/{c.id}",
                 "search": f"{self.base}/?" + urlencode({"q": c.number or "", "kind": "document"}) if c.number else None}
                for c in cited]
        instructions = [{"label": f"{i.speaker or i.speaker_title or 'Không rõ người'} {i.verb or ''}".strip(),
                         "text": _short(i.text or "", 220), "date": i.date, "source": i.source,
                         "article_title": i.article_title,
                         "href": self.record_href(drefs[i.id][1], drefs[i.id][2]) if i.id in drefs else None}
                        for i in latest]
        months = facets_mod.facets(self.archive, None, "article").months
        return {"stats": self.stats_rows(), "documents": docs, "instructions": instructions,
                "chart": time_chart(months, "Số bài báo theo thời gian", "chart-home")}

    def chart(self, months: list[tuple[str, int]], title: str, chart_id: str = "chart") -> Markup:
        return time_chart(months, title, chart_id)

    # ------------------------------------------------------------ directive

    def _get(self, what: str, record_id: int):
        """`archive.article/directive/official(record_id)`, or None when there is no such record."""
        try:
            return getattr(self.archive, what)(int(record_id))
        except (KeyError, LookupError, ValueError, OverflowError):
            return None

    def citing(self, d: Any) -> list[dict[str, Any]]:
        """Other articles citing the same document as stored directive `d` (the document as
        an entity: same type, number and issuer, scoped by province), one line each."""
        if d.kind != "document":
            return []
        doc_id = self.archive.document_of(d.id)
        profile = self.archive.document(doc_id) if doc_id is not None else None
        if profile is None:
            return []
        cites = [c for c in profile.citing if c.article.id != d.article.id][:MAX_LIST]
        refs = self._ref_dicts([c.article for c in cites])
        drefs = permalinks.record_refs(self.archive, "directive", [c.directive_id for c in cites])
        for ref, c in zip(refs, cites):
            ref["directive_id"] = c.directive_id
            found = drefs.get(c.directive_id)
            ref["directive_href"] = self.record_href(found[1], found[2]) if found else None
            ref["in_article"] = self.article_href(found[1], found[2]) if found else ref["href"]
        return refs

    # ------------------------------------------------------------ document (entity)

    def document(self, document_id: int) -> dict[str, Any] | None:
        """The document page: the document, its citations over time (an SVG bar chart) and
        only the articles citing it."""
        p = self._get("document", document_id)
        if p is None:
            return None
        d = p.document
        where = "toàn quốc" if d.scope == "national" else ", ".join(x for x in (d.unit, d.province) if x) or "không rõ"
        cites = p.citing[:MAX_LIST]
        citing = self._ref_dicts([c.article for c in cites])
        drefs = permalinks.record_refs(self.archive, "directive", [c.directive_id for c in cites])
        for ref, c in zip(citing, cites):
            found = drefs.get(c.directive_id)
            ref["directive_href"] = self.record_href(found[1], found[2]) if found else None
        label = _doc_label(d.doc_type, d.number, None)
        return {"id": d.id, "label": label, "doc_type": d.doc_type,
                "number": d.number, "issuer": d.issuer, "issuer_code": d.issuer_code, "scope": d.scope,
                "where": where, "citations": d.citations, "first_cited": d.first_cited, "last_cited": d.last_cited,
                "chart": time_chart(p.by_month, f"Số bài trích dẫn {label} theo thời gian", "chart-citations"),
                "citing": citing, "more": max(0, d.citations - len(citing))}

    def document_json(self, document_id: int) -> dict[str, Any] | None:
        p = self._get("document", document_id)
        if p is None:
            return None
        out = p.to_dict()
        out["citing"] = out["citing"][:MAX_LIST]
        out["page"] = f"{self.base}/document/{document_id}"
        return out

    def directive(self, directive_id: int) -> dict[str, Any] | None:
        d = self._get("directive", directive_id)
        if d is None:
            return None
        x = d.directive
        article = self._ref_dict(d.article)
        found = permalinks.record_refs(self.archive, "directive", [d.id]).get(d.id)
        ref = found[2] if found else None
        view: dict[str, Any] = {"id": d.id, "kind": x.kind, "doc_type": x.doc_type, "number": x.number,
                                "issuer": x.issuer, "name": x.name, "speaker": x.speaker,
                                "speaker_title": x.speaker_title, "verb": x.verb, "text": x.text,
                                "article": article, "ref": ref,
                                "permalink": self.record_href(article["key"], ref) if ref and article["key"] else None,
                                "in_article": self.article_href(article["key"], ref) if article["key"] else None}
        if x.kind == "document":
            view["label"] = _doc_label(x.doc_type, x.number, x.name)
        else:
            view["label"] = f"{x.speaker or x.speaker_title or 'Chỉ đạo'} {x.verb or ''}".strip()
            view["text_html"] = escape(x.text or "")
            view["speaker_href"] = self._speaker_href(d)
        ctx = d.context
        if ctx is not None and ctx.text:  # the passage around it, the directive itself marked
            view["context_html"] = self._snippet(ctx, "here")
        view["citing"] = self.citing(d)
        doc_id = self.archive.document_of(d.id) if x.kind == "document" else None
        view["document_href"] = f"{self.base}/document/{doc_id}" if doc_id is not None else None
        if x.kind == "document" and x.number:
            dates = [d.article.date] + [c["date"] for c in view["citing"]]
            view["chart"] = time_chart(facets_mod.by_month(dates), f"Số bài trích dẫn {x.number} theo thời gian",
                                       "chart-citations")
        return view

    def _speaker_href(self, d: Any) -> str | None:
        """The official page of an instruction's speaker, when the speaker is an official of that article."""
        name = d.directive.speaker
        if not name:
            return None
        from ..corpus.keys import person_key

        pk = person_key(name)
        for sql, params in (("SELECT id FROM officials WHERE article_id = ? AND person_key = ? LIMIT 1",
                             (d.article.id, pk)),
                            ("SELECT MIN(id) AS id FROM officials WHERE person_key = ?", (pk,))):
            for row in self.archive.query(sql, params):
                if row["id"] is not None:
                    return f"{self.base}/official/{row['id']}"
        return None

    def directive_json(self, directive_id: int) -> dict[str, Any] | None:
        d = self._get("directive", directive_id)
        if d is None:
            return None
        out = d.to_dict()
        out["article"]["page"] = self.article_permalink(d.article.id)
        out["page"] = self.directive_permalink(d.id)
        out["citing"] = self.citing(d)
        out["document_id"] = self.archive.document_of(d.id) if d.kind == "document" else None
        return out

    # ------------------------------------------------------------ article

    def article(self, article_id: int) -> dict[str, Any] | None:
        s = self._get("article", article_id)
        if s is None:
            return None
        rec, ids = s.record, s.ids or {}
        meta = self._ref_dict(s.ref)
        key = meta["key"]
        text = rec.text
        spans: list[Span] = []
        instr: list[Span] = []
        sections: dict[str, list[dict[str, Any]]] = {k: [] for k in SECTION_LABELS}

        def rid(kind: str, i: int) -> int | None:
            lst = ids.get(kind) or []
            return lst[i] if i < len(lst) else None

        for i, o in enumerate(rec.officials):
            oid = rid("officials", i)
            ref = f"o{i}"
            href = f"{self.base}/official/{oid}" if oid is not None else None
            tip = f"{o.name}: {o.title}" if o.title else o.name
            for m in o.mentions:
                spans.append(Span(m[0], m[1], "official", href, tip, ref))
            sections["official"].append({"ref": ref, "label": o.name, "href": href, "detail": o.title})
        for i, loc in enumerate(rec.locations):
            ref = f"l{i}"
            tip = " ".join(v for v in (loc.level, loc.name) if v) + (f", {loc.parent}" if loc.parent else "")
            for m in loc.mentions:
                spans.append(Span(m[0], m[1], "location", None, tip, ref))
            sections["location"].append({"ref": ref, "label": loc.name, "href": None,
                                         "detail": ", ".join(v for v in (loc.level, loc.parent) if v)})
        for i, fg in enumerate(rec.figures):
            ref = f"f{i}"
            value = _figure_value(fg.value, fg.value_max, fg.total)
            detail = " ".join(v for v in (value, fg.unit or "") if v)
            if fg.quantity:
                detail = f"{fg.quantity}: {detail}"
            if fg.span:
                spans.append(Span(fg.span[0], fg.span[1], "figure", None, detail, ref))
            sections["figure"].append({"ref": ref, "label": fg.text, "href": None,
                                       "detail": None if detail == " ".join(fg.text.split()) else detail})
        for i, d in enumerate(rec.directives):
            ref = f"d{i}"
            href = self.record_href(key, ref) if key else None
            if d.kind == "document":
                label = _doc_label(d.doc_type, d.number, d.name)
                for m in d.mentions:
                    spans.append(Span(m[0], m[1], "document", href, label, ref))
                sections["document"].append({"ref": ref, "label": label, "href": href, "detail": d.issuer})
            else:
                who = d.speaker or d.speaker_title or "Không rõ người"
                label = f"{who} {d.verb or ''}".strip()
                if d.span:
                    instr.append(Span(d.span[0], d.span[1], "instruction", None, label, ref))
                sections["instruction"].append({"ref": ref, "label": label, "href": href,
                                                "detail": _short(d.text or "", 160)})
        anchored: set[str] = set()
        body_html = entity_html(text, spans, instr, anchored=anchored)
        for items in sections.values():
            for item in items:
                item["in_text"] = item["ref"] in anchored  # else the list item is the #ref target
        a = s.article
        meta.update(author=a.author, lead=a.lead, category=a.category, extracted=s.extracted,
                    body_html=body_html,
                    sections=[{"kind": k, "label": SECTION_LABELS[k], "items": v} for k, v in sections.items()],
                    duplicates=self._ref_dicts((s.duplicates or [])[:MAX_LIST]))
        return meta

    def article_json(self, article_id: int) -> dict[str, Any] | None:
        s = self._get("article", article_id)
        if s is None:
            return None
        out = s.to_dict()
        out["page"] = self.article_permalink(s.id)
        return out

    # ------------------------------------------------------------ official

    def _instructions_of(self, name: str) -> list[dict[str, Any]]:
        """Instructions whose speaker is this person (same person key), oldest first."""
        from ..corpus.keys import fkey, person_key

        pk = person_key(name)
        key = fkey(name) or ""  # speaker_fkey is the folded "name | title"
        rows = self.archive.query(
            "SELECT d.id, d.seq, d.speaker, d.speaker_title, d.verb, d.text, d.article_id, a.content_hash, "
            "a.published_date FROM directives d JOIN articles a ON a.id = d.article_id "
            "WHERE d.speaker_fkey >= ? AND d.speaker_fkey < ? AND d.kind = 'instruction' "
            "ORDER BY a.published_date IS NULL, a.published_date, d.id LIMIT ?",
            (key, key + "\uffff", MAX_LIST * 2))
        out = []
        for r in rows:
            if r["speaker"] and person_key(r["speaker"]) != pk:
                continue  # same letters without diacritics, a different person
            akey = permalinks.article_key(r["content_hash"])
            out.append({"id": r["id"], "speaker": r["speaker"], "speaker_title": r["speaker_title"],
                        "verb": r["verb"], "text": r["text"], "article_id": r["article_id"],
                        "date": r["published_date"], "href": self.record_href(akey, f"d{r['seq']}")})
        return out[:MAX_LIST]

    def official(self, official_id: int) -> dict[str, Any] | None:
        p = self._get("official", official_id)
        if p is None:
            return None
        apps = p.appearances[:MAX_LIST]
        instructions = self._instructions(p)
        firsts = {m.article.id: m.article for m in apps}
        keys = self._keys(list(firsts) + [d["article_id"] for d in instructions])
        refs = dict(zip(firsts, self._ref_dicts(list(firsts.values()), keys)))
        titles = [{"title": t.title, "published": t.first_seen, "last_seen": t.last_seen, "articles": t.articles,
                   "article": None} for t in p.titles]
        # link each title to the first article it was seen in
        for t in titles:
            for m in apps:
                if m.title == t["title"]:
                    t["article"] = refs[m.article.id]
                    break
        for d in instructions:
            d["article"] = refs.get(d["article_id"]) or self._article_ref(d["article_id"], keys)
        articles = []
        for m in apps:
            ref = dict(refs[m.article.id])
            ref["role_title"] = m.title
            ref["official_id"] = m.id
            articles.append(ref)
        chart = time_chart(facets_mod.by_month(d["date"] for d in instructions),
                           f"Chỉ đạo của {p.name} theo thời gian", "chart-instructions")
        mentions_chart = time_chart(facets_mod.by_month(m.article.date for m in apps),
                                    f"Số bài nhắc đến {p.name} theo thời gian", "chart-mentions")
        where = "toàn quốc" if p.scope == "national" else p.province
        return {"id": p.id, "name": p.name, "titles": titles, "instructions": instructions, "articles": articles,
                "chart": chart, "mentions_chart": mentions_chart, "where": where, "total_articles": p.articles,
                "first_seen": p.first_seen, "last_seen": p.last_seen}

    def _instructions(self, p: Any) -> list[dict[str, Any]]:
        """The person's instructions (resolved to the person by the archive), oldest first."""
        if p.person_id is None:
            return self._instructions_of(p.name)
        found = permalinks.record_refs(self.archive, "directive", [d.id for d in p.instructions[:MAX_LIST]])
        return [{"id": d.id, "speaker": d.directive.speaker, "speaker_title": d.directive.speaker_title,
                 "verb": d.directive.verb, "text": d.directive.text, "article_id": d.article.id,
                 "date": d.article.date,
                 "href": self.record_href(found[d.id][1], found[d.id][2]) if d.id in found else None}
                for d in p.instructions[:MAX_LIST]]

    def _article_ref(self, article_id: int, keys: dict[int, str]) -> dict[str, Any] | None:
        for r in self.archive.query("SELECT id, title, published, published_date AS date, source, url, province "
                                    "FROM articles WHERE id = ?", (article_id,)):
            d = dict(r)
            d["key"] = keys.get(article_id)
            d["href"] = self.article_href(d["key"]) if d["key"] else None
            return d
        return None

    def official_json(self, official_id: int) -> dict[str, Any] | None:
        p = self._get("official", official_id)
        if p is None:
            return None
        out = p.to_dict()
        out["appearances"] = out["appearances"][:MAX_LIST]
        out["instructions"] = [{k: v for k, v in d.items() if k != "href"} | {"url": d["href"]}
                               for d in self._instructions(p)]
        out["page"] = f"{self.base}/official/{p.id}"
        return out


def pages_to_show(page: int, pages: int, exact: bool, around: int = 2) -> list[int | None]:
    """Page numbers for the pager: the first, the last (when known), and `around` pages
    either side of `page`; None where numbers are skipped.

    >>> pages_to_show(7, 20, True)
    [1, None, 5, 6, 7, 8, 9, None, 20]
    >>> pages_to_show(2, 3, False)
    [1, 2, 3]
    """
    shown = {1, page} | set(range(max(1, page - around), min(pages, page + around) + 1))
    if exact:
        shown.add(pages)
    out: list[int | None] = []
    for n in sorted(p for p in shown if 1 <= p <= pages):
        if out and out[-1] is not None and n > out[-1] + 1:
            out.append(None)
        out.append(n)
    return out


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def _exact(res: Any) -> bool:
    """Whether a SearchResults' total is exact (the archive caps counting, then gives a lower bound)."""
    return bool(getattr(res, "total_exact", True))


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


__all__ = ["ArchiveViews", "ArchiveUnavailable", "KIND_CHOICES", "PAGE_SIZE", "MAX_PAGE_SIZE", "MAX_PAGE", "SORTS", "parse_id",
           "pages_to_show"]
