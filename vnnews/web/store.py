"""Read-only access to the archive for the web pages, and the view models they render.

`Store(path)` opens `vnnews.Archive(path, readonly=True)` (one per thread: the web
server answers requests from a thread pool) and turns its typed results into plain
dicts for the templates and the JSON API. Article text reaches HTML only through
`vnnews.web.render`, which escapes it.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup, escape

from .render import Span, entity_html, snippet_html

log = logging.getLogger("vnnews.web")

KIND_CHOICES = ("article", "document", "instruction", "official", "location", "figure")
PAGE_SIZE = 20          # results per HTML page
MAX_PAGE_SIZE = 100     # the most the API returns at once
MAX_PAGE = 500          # deepest page (offset at most 50,000 results)
MAX_LIST = 200          # longest list on a detail page (appearances, citing articles)

SECTION_LABELS = {"official": "Cán bộ", "location": "Địa danh", "figure": "Số liệu",
                  "document": "Văn bản", "instruction": "Chỉ đạo"}
LEVEL_LABEL = {"tỉnh": "tỉnh", "thành phố": "thành phố", "huyện": "huyện", "quận": "quận", "thị xã": "thị xã",
               "xã": "xã", "phường": "phường", "thị trấn": "thị trấn"}


class StoreError(Exception):
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


def _ref_dict(ref: Any, base: str = "") -> dict[str, Any] | None:
    if ref is None:
        return None
    d = ref.to_dict() if hasattr(ref, "to_dict") else dict(ref)
    d["href"] = f"{base}/article/{d['id']}"
    return d


class Store:
    """The archive at `path`, opened read-only, as view models for the web pages."""

    def __init__(self, path: str | Path, base: str = "") -> None:
        self.path = Path(path)
        self.base = base
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not an archive file")
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such archive (build one with `vnnews archive build ... --db`)")
        self._local = threading.local()
        self._cache: dict[str, tuple[float, Any]] = {}  # small: stats, options, recent counts
        self._cache_lock = threading.Lock()
        self.archive  # open once now, so a bad file fails at start-up, not on the first request

    # ------------------------------------------------------------ connections

    @property
    def archive(self):
        a = getattr(self._local, "archive", None)
        if a is None:
            from ..corpus.archive import Archive

            try:
                a = Archive(self.path, readonly=True)
            except Exception as e:  # the archive's own errors name the problem
                raise StoreError(str(e)) from e
            self._local.archive = a
        return a

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection to the archive (for the few reads the Archive API lacks)."""
        return self.archive._conn

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

    # ------------------------------------------------------------ search

    def _search(self, q: str, kind: str | None, filters: dict[str, str], *, page: int, size: int):
        size = max(1, min(int(size), MAX_PAGE_SIZE))
        page = max(1, min(int(page), MAX_PAGE))
        kw: dict[str, Any] = {k: v for k, v in filters.items() if v}
        return self.archive.search(q, kind=kind or None, limit=size, offset=(page - 1) * size, **kw)

    def search(self, q: str, kind: str | None, filters: dict[str, str], *, page: int = 1,
               size: int = PAGE_SIZE) -> tuple[int, bool, list[dict[str, Any]]]:
        """(total, whether total is exact, hits as view dicts) for one page of the search page."""
        res = self._search(q, kind, filters, page=page, size=size)
        return res.total, _exact(res), [self.hit_view(r, q) for r in res]

    def search_json(self, q: str, kind: str | None, filters: dict[str, str], *, page: int = 1,
                    size: int = PAGE_SIZE) -> tuple[int, bool, list[dict[str, Any]]]:
        res = self._search(q, kind, filters, page=page, size=size)
        out = []
        for r in res:
            d = r.to_dict()
            d["url"] = self.result_href(r)
            d["article"]["page"] = f"{self.base}/article/{r.article.id}"
            out.append(d)
        return res.total, _exact(res), out

    def kind_counts(self, q: str, filters: dict[str, str],
                    known: dict[str, tuple[int, bool]] | None = None) -> dict[str, tuple[int, bool]]:
        """How many results each kind tab would show (`all` for no kind), as (count, exact):
        the archive counts exactly up to a limit, then gives a lower bound."""
        key = "counts:" + repr((q, sorted(filters.items())))

        def count() -> dict[str, tuple[int, bool]]:
            counts = dict(known or {})
            for k in ("all",) + KIND_CHOICES:
                if k not in counts:
                    res = self._search(q, None if k == "all" else k, filters, page=1, size=1)
                    counts[k] = (res.total, _exact(res))
            return counts

        # paging through one query reuses its counts for a minute
        return dict(self._cached(key, 60, count))

    def result_href(self, r: Any) -> str:
        if r.kind == "article":
            return f"{self.base}/article/{r.id}"
        if r.kind in ("document", "instruction"):
            return f"{self.base}/directive/{r.id}"
        if r.kind == "official":
            return f"{self.base}/official/{r.official_id or r.id}"
        return f"{self.base}/article/{r.article.id}#{r.kind[0]}{r.id}"

    def hit_view(self, r: Any, q: str) -> dict[str, Any]:
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
            if f.get("text"):  # the whole instruction, cut around the match when long
                snippet = snippet_html(f["text"], q, width=260)
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
        return {"kind": r.kind, "id": r.id, "label": label, "href": self.result_href(r), "snippet": snippet,
                "fields": fields, "article": _ref_dict(r.article, self.base), "exact": r.exact}

    @staticmethod
    def _snippet(sn: Any) -> Markup:
        """The archive's snippet (plain text and match spans) as escaped HTML."""
        if sn is None or not getattr(sn, "text", None):
            return Markup("")
        text, html, last = sn.text, Markup(""), 0
        for s, e in sorted(sn.marks or ()):
            s, e = max(s, last), min(e, len(text))
            if s >= e:
                continue
            html += escape(text[last:s]) + Markup('<mark class="hit">{}</mark>').format(text[s:e])
            last = e
        return html + escape(text[last:])

    # ------------------------------------------------------------ options and stats

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
            ("issuer", "SELECT issuer FROM directives WHERE kind='document' AND issuer IS NOT NULL "
                       "GROUP BY issuer_fkey ORDER BY COUNT(*) DESC LIMIT ?"),
            ("speaker", "SELECT speaker FROM directives WHERE kind='instruction' AND speaker IS NOT NULL "
                        "GROUP BY speaker_fkey ORDER BY COUNT(*) DESC LIMIT ?"),
        ):
            try:
                out[name] = sorted(r[0] for r in self.db.execute(sql, (MAX_LIST,)))
            except sqlite3.Error:
                out[name] = []
        return out

    # ------------------------------------------------------------ directive

    def _get(self, what: str, record_id: int):
        """`archive.article/directive/official(record_id)`, or None when there is no such record."""
        try:
            return getattr(self.archive, what)(int(record_id))
        except (KeyError, LookupError, ValueError):
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
        out = []
        for c in profile.citing:
            if c.article.id == d.article.id:
                continue
            ref = _ref_dict(c.article, self.base)
            ref["directive_id"] = c.directive_id
            ref["directive_href"] = f"{self.base}/directive/{c.directive_id}"
            out.append(ref)
            if len(out) >= MAX_LIST:
                break
        return out

    # ------------------------------------------------------------ document (entity)

    def document(self, document_id: int) -> dict[str, Any] | None:
        """The document page: the document, its citations over time (an SVG bar chart) and
        only the articles citing it."""
        from .svg import bar_chart, months_between

        p = self._get("document", document_id)
        if p is None:
            return None
        d = p.document
        where = "toàn quốc" if d.scope == "national" else ", ".join(x for x in (d.unit, d.province) if x) or "không rõ"
        citing = []
        for c in p.citing[:MAX_LIST]:
            ref = _ref_dict(c.article, self.base)
            ref["directive_href"] = f"{self.base}/directive/{c.directive_id}"
            citing.append(ref)
        series = months_between(p.by_month)
        return {"id": d.id, "label": _doc_label(d.doc_type, d.number, None), "doc_type": d.doc_type,
                "number": d.number, "issuer": d.issuer, "issuer_code": d.issuer_code, "scope": d.scope,
                "where": where, "citations": d.citations, "first_cited": d.first_cited, "last_cited": d.last_cited,
                "chart": bar_chart(series, label=f"Số bài trích dẫn theo {'năm' if series and len(series[0][0]) == 4 else 'tháng'}"),
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
        view: dict[str, Any] = {"id": d.id, "kind": x.kind, "doc_type": x.doc_type, "number": x.number,
                                "issuer": x.issuer, "name": x.name, "speaker": x.speaker,
                                "speaker_title": x.speaker_title, "verb": x.verb, "text": x.text,
                                "article": _ref_dict(d.article, self.base)}
        if x.kind == "document":
            view["label"] = _doc_label(x.doc_type, x.number, x.name)
        else:
            view["label"] = f"{x.speaker or x.speaker_title or 'Chỉ đạo'} {x.verb or ''}".strip()
            view["text_html"] = escape(x.text or "")
            view["speaker_href"] = self._speaker_href(d)
        ctx = d.context
        if ctx is not None and ctx.text and x.kind == "document":
            view["context_html"] = self._snippet(ctx)
        view["citing"] = self.citing(d)
        doc_id = self.archive.document_of(d.id) if x.kind == "document" else None
        view["document_href"] = f"{self.base}/document/{doc_id}" if doc_id is not None else None
        return view

    def _speaker_href(self, d: Any) -> str | None:
        """The official page of an instruction's speaker, when the speaker is an official of that article."""
        name = d.directive.speaker
        if not name:
            return None
        from ..corpus.keys import person_key

        try:
            row = self.db.execute("SELECT id FROM officials WHERE article_id = ? AND person_key = ? LIMIT 1",
                                  (d.article.id, person_key(name))).fetchone()
            if row is None:
                row = self.db.execute("SELECT MIN(id) FROM officials WHERE person_key = ?",
                                      (person_key(name),)).fetchone()
        except sqlite3.Error:
            return None
        return f"{self.base}/official/{row[0]}" if row and row[0] is not None else None

    def directive_json(self, directive_id: int) -> dict[str, Any] | None:
        d = self._get("directive", directive_id)
        if d is None:
            return None
        out = d.to_dict()
        out["article"]["page"] = f"{self.base}/article/{d.article.id}"
        out["citing"] = self.citing(d)
        out["document_id"] = self.archive.document_of(d.id) if d.kind == "document" else None
        return out

    # ------------------------------------------------------------ article

    def article(self, article_id: int) -> dict[str, Any] | None:
        s = self._get("article", article_id)
        if s is None:
            return None
        rec, ids = s.record, s.ids or {}
        text = rec.text
        spans: list[Span] = []
        instr: list[Span] = []
        sections: dict[str, list[dict[str, Any]]] = {k: [] for k in SECTION_LABELS}

        def rid(kind: str, i: int) -> int | None:
            lst = ids.get(kind) or []
            return lst[i] if i < len(lst) else None

        for i, o in enumerate(rec.officials):
            oid = rid("officials", i)
            ref = f"o{oid if oid is not None else 'x' + str(i)}"
            href = f"{self.base}/official/{oid}" if oid is not None else None
            tip = f"{o.name}: {o.title}" if o.title else o.name
            for m in o.mentions:
                spans.append(Span(m[0], m[1], "official", href, tip, ref))
            sections["official"].append({"ref": ref, "label": o.name, "href": href, "detail": o.title})
        for i, loc in enumerate(rec.locations):
            lid = rid("locations", i)
            ref = f"l{lid if lid is not None else 'x' + str(i)}"
            tip = " ".join(v for v in (loc.level, loc.name) if v) + (f", {loc.parent}" if loc.parent else "")
            for m in loc.mentions:
                spans.append(Span(m[0], m[1], "location", None, tip, ref))
            sections["location"].append({"ref": ref, "label": loc.name, "href": None,
                                         "detail": ", ".join(v for v in (loc.level, loc.parent) if v)})
        for i, fg in enumerate(rec.figures):
            fid = rid("figures", i)
            ref = f"f{fid if fid is not None else 'x' + str(i)}"
            value = _figure_value(fg.value, fg.value_max, fg.total)
            detail = " ".join(v for v in (value, fg.unit or "") if v)
            if fg.quantity:
                detail = f"{fg.quantity}: {detail}"
            if fg.span:
                spans.append(Span(fg.span[0], fg.span[1], "figure", None, detail, ref))
            sections["figure"].append({"ref": ref, "label": fg.text, "href": None,
                                       "detail": None if detail == " ".join(fg.text.split()) else detail})
        for i, d in enumerate(rec.directives):
            did = rid("directives", i)
            ref = f"d{did if did is not None else 'x' + str(i)}"
            href = f"{self.base}/directive/{did}" if did is not None else None
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
        a = s.article
        meta = _ref_dict(s.ref, self.base)
        meta.update(author=a.author, lead=a.lead, category=a.category, extracted=s.extracted,
                    body_html=entity_html(text, spans, instr),
                    sections=[{"kind": k, "label": SECTION_LABELS[k], "items": v} for k, v in sections.items()],
                    duplicates=[_ref_dict(r, self.base) for r in (s.duplicates or [])][:MAX_LIST])
        return meta

    def article_json(self, article_id: int) -> dict[str, Any] | None:
        s = self._get("article", article_id)
        if s is None:
            return None
        out = s.to_dict()
        out["page"] = f"{self.base}/article/{s.id}"
        return out

    # ------------------------------------------------------------ official

    def _instructions_of(self, name: str) -> list[dict[str, Any]]:
        """Instructions whose speaker is this person (same person key), oldest first."""
        from ..corpus.keys import fkey, person_key

        pk = person_key(name)
        key = fkey(name) or ""  # speaker_fkey is the folded "name | title"
        try:
            rows = self.db.execute(
                "SELECT d.id, d.speaker, d.speaker_title, d.verb, d.text, d.article_id "
                "FROM directives d JOIN articles a ON a.id = d.article_id "
                "WHERE d.speaker_fkey >= ? AND d.speaker_fkey < ? AND d.kind = 'instruction' "
                "ORDER BY a.published_date IS NULL, a.published_date, d.id LIMIT ?",
                (key, key + "\uffff", MAX_LIST * 2)).fetchall()
        except sqlite3.Error:
            return []
        out = []
        for r in rows:
            if r["speaker"] and person_key(r["speaker"]) != pk:
                continue  # same letters without diacritics, a different person
            out.append({"id": r["id"], "speaker": r["speaker"], "speaker_title": r["speaker_title"],
                        "verb": r["verb"], "text": r["text"], "article_id": r["article_id"],
                        "href": f"{self.base}/directive/{r['id']}"})
        return out[:MAX_LIST]

    def official(self, official_id: int) -> dict[str, Any] | None:
        p = self._get("official", official_id)
        if p is None:
            return None
        apps = p.appearances[:MAX_LIST]
        refs = {m.article.id: _ref_dict(m.article, self.base) for m in apps}
        titles = [{"title": t.title, "published": t.first_seen, "last_seen": t.last_seen, "articles": t.articles,
                   "article": None} for t in p.titles]
        # link each title to the first article it was seen in
        for t in titles:
            for m in apps:
                if m.title == t["title"]:
                    t["article"] = refs[m.article.id]
                    break
        instructions = self._instructions(p)
        for d in instructions:
            d["article"] = refs.get(d["article_id"]) or self._article_ref(d["article_id"])
        articles = []
        for m in apps:
            ref = dict(refs[m.article.id])
            ref["role_title"] = m.title
            ref["official_id"] = m.id
            articles.append(ref)
        where = "toàn quốc" if p.scope == "national" else p.province
        return {"id": p.id, "name": p.name, "titles": titles, "instructions": instructions, "articles": articles,
                "where": where, "total_articles": p.articles, "first_seen": p.first_seen, "last_seen": p.last_seen}

    def _instructions(self, p: Any) -> list[dict[str, Any]]:
        """The person's instructions (resolved to the person by the archive), oldest first."""
        if p.person_id is None:
            return self._instructions_of(p.name)
        return [{"id": d.id, "speaker": d.directive.speaker, "speaker_title": d.directive.speaker_title,
                 "verb": d.directive.verb, "text": d.directive.text, "article_id": d.article.id,
                 "href": f"{self.base}/directive/{d.id}"} for d in p.instructions[:MAX_LIST]]

    def _article_ref(self, article_id: int) -> dict[str, Any] | None:
        try:
            r = self.db.execute("SELECT id, title, published, published_date AS date, source, url, province "
                                "FROM articles WHERE id = ?", (article_id,)).fetchone()
        except sqlite3.Error:
            return None
        if r is None:
            return None
        d = dict(r)
        d["href"] = f"{self.base}/article/{d['id']}"
        return d

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


def _exact(res: Any) -> bool:
    """Whether a SearchResults' total is exact (the archive caps counting, then gives a lower bound)."""
    return bool(getattr(res, "total_exact", True))


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


__all__ = ["Store", "StoreError", "KIND_CHOICES", "PAGE_SIZE", "MAX_PAGE_SIZE", "MAX_PAGE"]
