"""The FastAPI application behind `vnnews serve`: HTML pages and a JSON API.

    from vnnews.web import create_app
    app = create_app("archive.db")          # opens the archive read-only

Pages: `/` (home; with a query or filters, search with facets and a chart), `/a/KEY`
(an article, by its permalink key), `/a/KEY/dN` (its directive N), `/document/{id}`,
`/official/{id}`, `/export.csv` and `/export.json` (every result of a search); the old
`/article/{id}` and `/directive/{id}` redirect to the permalinks. JSON: `/api/search`,
`/api/facets`, `/api/directives/{id}`, `/api/documents/{id}`, `/api/articles/{id}`,
`/api/officials/{id}`, `/api/stats`; the OpenAPI description is at `/api/openapi.json`.
FastAPI's Swagger and ReDoc pages are switched off: they load their scripts from a CDN,
and the page makes no external requests.

Security: the archive is opened read-only; templates autoescape and article text only
reaches HTML through `vnnews.web.render` (escaped pieces and fixed tags); a strict
Content-Security-Policy allows scripts, styles and images from this server only; no
endpoint takes a file name or a URL; page sizes and page numbers are bounded; every
error, including an unexpected exception, renders a page (or JSON under `/api/`), never
a traceback.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..corpus.archive import QueryTimeout
from ..corpus.export import COLUMNS
from ..corpus.keys import fold_lower
from .render import KINDS
from .views import (KIND_CHOICES, MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, SORTS, ArchiveUnavailable, ArchiveViews,
                    page_count, pages_to_show, parse_id)

log = logging.getLogger("vnnews.web")
HERE = Path(__file__).resolve().parent

KIND_TABS: list[tuple[str, str]] = [("", "Tất cả"), ("article", "Bài báo"), ("document", "Văn bản"),
                                    ("instruction", "Chỉ đạo"), ("official", "Cán bộ"),
                                    ("location", "Địa danh"), ("figure", "Số liệu")]
KIND_LABEL = dict(KIND_TABS[1:])
FILTERS = ("province", "issuer", "speaker", "source", "since", "until")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

ERRORS = {
    400: ("Yêu cầu không hợp lệ", "Địa chỉ hoặc tham số không đúng dạng."),
    404: ("Không tìm thấy", "Không có trang hoặc bản ghi nào như vậy trong kho."),
    405: ("Phương thức không được hỗ trợ", "Trang này chỉ để đọc."),
    422: ("Yêu cầu không hợp lệ", "Tham số không đúng dạng."),
    500: ("Lỗi máy chủ", "Đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau."),
    503: ("Kho dữ liệu không sẵn sàng", "Không đọc được cơ sở dữ liệu của kho."),
}


# ------------------------------------------------------------------ template filters

def _vndate(value: Any, with_time: bool = True) -> str:
    if not value:
        return ""
    try:
        dt = value if isinstance(value, (date, datetime)) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if isinstance(dt, datetime) and with_time and (dt.hour or dt.minute):
        return dt.strftime("%d/%m/%Y %H:%M")
    return dt.strftime("%d/%m/%Y")


def _vnnum(value: Any) -> str:
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def _shorten(value: Any, n: int = 80) -> str:
    s = " ".join(str(value or "").split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def is_http_link(value: Any) -> bool:
    """A value the pages may link to: an http(s) URL without white space (no `javascript:`,
    `data:`, `//host` or `file:` link to an original)."""
    return isinstance(value, str) and re.match(r"^https?://[^\s]+$", value, re.I) is not None


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(vndate=_vndate, vnnum=_vnnum, shorten=_shorten, is_http=is_http_link,
                       kind_label=lambda k: KIND_LABEL.get(k, k))
    return env


# ------------------------------------------------------------------ the application

def create_app(db: str | Path, *, views: ArchiveViews | None = None) -> FastAPI:
    """The web application over the archive at `db` (opened read-only)."""
    views = views or ArchiveViews(db)
    env = make_env()
    app = FastAPI(title="vnnews archive", version=_version(),
                  description="Tìm kiếm văn bản, chỉ đạo và cán bộ trong kho báo chí địa phương (read-only).",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.views = views
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        ctx = {"base": "", "q": None, "request": request}
        ctx.update(context)
        return HTMLResponse(env.get_template(name).render(ctx), status_code=status)

    def error_page(request: Request, status: int, message: str | None = None) -> Response:
        heading, default = ERRORS.get(status, ERRORS[500] if status >= 500 else ERRORS[400])
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": heading, "detail": message or default, "status": status},
                                status_code=status, headers=SECURITY_HEADERS)
        try:
            response: Response = render(request, "error.html",
                                        {"status": status, "heading": heading, "message": message or default}, status)
        except Exception:  # the error page itself failed: plain text, still no traceback
            log.exception("error page failed")
            response = Response(f"{status} {heading}", status_code=status, media_type="text/plain; charset=utf-8")
        response.headers.update(SECURITY_HEADERS)  # also for the 500 page, sent outside the middleware
        return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception:  # pragma: no cover - exception handlers below catch first
            log.exception("unhandled error on %s", request.url.path)
            response = error_page(request, 500)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
        if exc.status_code == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found":
            detail = exc.detail
        return error_page(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            problems = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
                        for e in exc.errors()]
            return JSONResponse({"error": ERRORS[422][0], "detail": problems, "status": 422}, status_code=422)
        # a page address with a non-numeric id is simply not there
        status = 404 if request.url.path.strip("/").count("/") == 1 and not request.url.query else 400
        return error_page(request, status)

    @app.exception_handler(QueryTimeout)
    async def too_slow(request: Request, exc: QueryTimeout):
        log.warning("search stopped by the time budget on %s", request.url.path)
        return error_page(request, 503, "Truy vấn chạy quá lâu nên đã dừng; hãy thêm từ khóa hoặc bộ lọc để thu hẹp.")

    @app.exception_handler(ArchiveUnavailable)
    async def store_error(request: Request, exc: ArchiveUnavailable):
        log.error("archive error: %s", exc)
        return error_page(request, 503)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_page(request, 500)

    # -------------------------------------------------------------- HTML pages

    def search_args(q: str, kind: str, filters_in: dict[str, str], sort: str) -> tuple[Any, ...]:
        """The cleaned query, kind, filters and order of a request, and what was wrong with it."""
        q = q.strip()[:200]
        filters = {k: v.strip()[:100] for k, v in filters_in.items() if v and v.strip()}
        errors = []
        for k in ("since", "until"):
            if k in filters and not _valid_date(filters[k]):
                errors.append(f"Ngày “{filters.pop(k)}” không đúng dạng năm-tháng-ngày; bộ lọc này bị bỏ qua.")
        if kind and kind not in KIND_CHOICES:
            errors.append(f"Không có loại kết quả “{kind[:40]}”; hiển thị tất cả.")
            kind = ""
        if sort not in SORTS:
            sort = "relevance"
        return q, kind, filters, sort, errors

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", kind: str = "", province: str = "", issuer: str = "",
                    speaker: str = "", source: str = "", since: str = "", until: str = "", page: str = "1",
                    sort: str = ""):
        q, kind, filters, sort, errors = search_args(
            q, kind, dict(province=province, issuer=issuer, speaker=speaker, source=source, since=since,
                          until=until), sort)
        try:
            pageno = min(max(int(page), 1), MAX_PAGE)
        except ValueError:
            pageno = 1
        searched = bool(q or kind or filters)
        ctx: dict[str, Any] = {"q": q, "kind": kind, "filters": filters, "kinds": KIND_TABS, "sort": sort,
                               "searched": searched, "active_filters": len(filters),
                               "error": " ".join(errors) or None, "options": views.options(),
                               "page": pageno, "size": PAGE_SIZE, "base": ""}

        def link(path: str = "/", **changes: Any) -> str:
            params = {"q": q, "kind": kind, **filters, "sort": sort if q else "", "page": pageno}
            params.update(changes)
            clean = {k: v for k, v in params.items()
                     if v not in (None, "") and not (k == "page" and v == 1) and not (k == "sort" and v == "relevance")}
            return ctx["base"] + path + ("?" + urlencode(clean) if clean else "")

        ctx["link"] = link
        if not searched:
            ctx.update(total=0, exact=True, hits=[], pages=1, counts={}, home=views.home())
            return render(request, "search.html", ctx)
        facets = views.facets(q, kind or None, filters)
        total, exact, hits = views.search(q, kind or None, filters, page=pageno, size=PAGE_SIZE, order=sort)
        if not exact and facets.exact:  # the facet pass counted further than the search
            total, exact = facets.total, True
        pages = min(MAX_PAGE, page_count(total, PAGE_SIZE))
        if not exact and len(hits) == PAGE_SIZE:  # a lower bound: there may be a next page
            pages = min(MAX_PAGE, max(pages, pageno + 1))
        if not hits and pageno > 1:  # past the end: the last page there is
            return RedirectResponse(link(page=min(pages, pageno - 1)), status_code=303)
        counts = views.kind_counts(q, kind or None, filters)
        facet_links = facet_view(facets, filters, link)
        ctx.update(total=total, exact=exact, hits=hits, pages=pages, counts=counts, facets=facet_links,
                   page_numbers=pages_to_show(pageno, pages, exact),
                   chart=views.chart(facets.months, "Số kết quả theo thời gian", "chart-results"),
                   undated=facets.undated, facets_exact=facets.exact)
        return render(request, "search.html", ctx)

    def export(q: str, kind: str, filters: dict[str, str], sort: str, fmt: str) -> Response:
        q, kind, filters, sort, errors = search_args(q, kind, filters, sort)
        if errors:
            raise HTTPException(400, " ".join(errors))
        if not (q or kind or filters):
            raise HTTPException(400, "Hãy nhập từ khóa hoặc chọn bộ lọc trước khi tải kết quả.")
        rows = views.export(q, kind or None, filters, sort)
        name = "vnnews-" + (re.sub(r"[^0-9A-Za-z]+", "-", fold_lower(q)).strip("-")[:40] or kind or "ket-qua")
        if fmt == "csv":
            return StreamingResponse(_csv_chunks(rows), media_type="text/csv; charset=utf-8",
                                     headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        query = {"q": q, "kind": kind or None, **filters, "sort": sort}
        return StreamingResponse(_json_chunks(query, rows), media_type="application/json",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.json"'})

    @app.api_route("/export.csv", methods=["GET", "HEAD"], include_in_schema=False)
    def export_csv(q: str = "", kind: str = "", province: str = "", issuer: str = "", speaker: str = "",
                   source: str = "", since: str = "", until: str = "", sort: str = ""):
        return export(q, kind, dict(province=province, issuer=issuer, speaker=speaker, source=source,
                                    since=since, until=until), sort, "csv")

    @app.api_route("/export.json", methods=["GET", "HEAD"], include_in_schema=False)
    def export_json(q: str = "", kind: str = "", province: str = "", issuer: str = "", speaker: str = "",
                    source: str = "", since: str = "", until: str = "", sort: str = ""):
        return export(q, kind, dict(province=province, issuer=issuer, speaker=speaker, source=source,
                                    since=since, until=until), sort, "json")

    @app.api_route("/document/{document_id}", methods=["GET", "HEAD"], response_class=HTMLResponse,
                   include_in_schema=False)
    def document_page(request: Request, document_id: str):
        d = _by_id(views.document, document_id)
        if d is None:
            raise HTTPException(404, "Không có văn bản nào với mã này.")
        return render(request, "document.html", {"doc": d})

    @app.api_route("/a/{key}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, key: str):
        article_id = views.find_article(key)
        a = views.article(article_id) if article_id is not None else None
        if a is None:
            raise HTTPException(404, "Không có bài báo nào với mã này.")
        legend = [(k, KINDS[k][1]) for k in ("official", "location", "figure", "document")]
        return render(request, "article.html", {"a": a, "body_html": Markup(a["body_html"]),
                                                "sections": a["sections"], "legend": legend})

    @app.api_route("/a/{key}/{ref}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def record_page(request: Request, key: str, ref: str):
        found = views.find_record(key, ref)
        if found is None:
            raise HTTPException(404, "Không có bản ghi nào với mã này.")
        kind, row_id, _ = found
        if kind != "directive":  # an entity of the text: its place in the article
            return RedirectResponse(views.article_href(key, ref), status_code=303)
        d = views.directive(row_id)
        if d is None:
            raise HTTPException(404, "Không có văn bản hay chỉ đạo nào với mã này.")
        return render(request, "directive.html", {"d": d, "citing": d.get("citing", [])})

    def to_permalink(row_id: str, permalink: Callable[[int], str | None], missing: str) -> RedirectResponse:
        """Old address by row id: a permanent redirect to the permalink (404 `missing` if none)."""
        n = parse_id(row_id)
        url = permalink(n) if n is not None else None
        if url is None:
            raise HTTPException(404, missing)
        return RedirectResponse(url, status_code=301)

    @app.api_route("/article/{article_id}", methods=["GET", "HEAD"], include_in_schema=False)
    def article_by_id(article_id: str):
        return to_permalink(article_id, views.article_permalink, "Không có bài báo nào với mã này.")

    @app.api_route("/directive/{directive_id}", methods=["GET", "HEAD"], include_in_schema=False)
    def directive_by_id(directive_id: str):
        return to_permalink(directive_id, views.directive_permalink, "Không có văn bản hay chỉ đạo nào với mã này.")

    @app.api_route("/official/{official_id}", methods=["GET", "HEAD"], response_class=HTMLResponse,
                   include_in_schema=False)
    def official_page(request: Request, official_id: str):
        n = parse_id(official_id)
        o = views.official(n) if n is not None else None
        if o is None:
            raise HTTPException(404, "Không có cán bộ nào với mã này.")
        return render(request, "official.html", {"o": o})

    # -------------------------------------------------------------- JSON API

    @app.get("/api/search", tags=["api"], summary="Search the archive")
    def api_search(q: str = Query("", max_length=200, description="query, as for `vnnews search`"),
                   kind: Optional[str] = Query(None, description="|".join(KIND_CHOICES)),
                   province: Optional[str] = Query(None, max_length=100),
                   issuer: Optional[str] = Query(None, max_length=100),
                   speaker: Optional[str] = Query(None, max_length=100),
                   source: Optional[str] = Query(None, max_length=100),
                   since: Optional[date] = None, until: Optional[date] = None,
                   page: int = Query(1, ge=1, le=MAX_PAGE),
                   size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
                   sort: str = Query("relevance", pattern="^(relevance|date)$",
                                     description="relevance (default) or date, newest first")) -> dict[str, Any]:
        """`{"total": N, "total_exact": bool, "page": P, "size": S, "results": [...]}`: one page of
        results, best first. Past the archive's counting limit `total` is a lower bound and
        `total_exact` is false."""
        if kind is not None and kind not in KIND_CHOICES:
            raise HTTPException(422, f"kind must be one of {', '.join(KIND_CHOICES)}")
        filters = {k: v for k, v in dict(province=province, issuer=issuer, speaker=speaker, source=source,
                                         since=since.isoformat() if since else None,
                                         until=until.isoformat() if until else None).items() if v}
        total, exact, results = views.search_json(q.strip(), kind, filters, page=page, size=size, order=sort)
        return {"total": total, "total_exact": exact, "page": page, "size": size, "sort": sort, "results": results}

    @app.get("/api/facets", tags=["api"], summary="Facet counts and results per month of a search")
    def api_facets(q: str = Query("", max_length=200), kind: Optional[str] = Query(None),
                   province: Optional[str] = Query(None, max_length=100),
                   issuer: Optional[str] = Query(None, max_length=100),
                   speaker: Optional[str] = Query(None, max_length=100),
                   source: Optional[str] = Query(None, max_length=100),
                   since: Optional[date] = None, until: Optional[date] = None) -> dict[str, Any]:
        """`{"kinds": {kind: n}, "counts": {facet: [[value, n], ...]}, "months": [["YYYY-MM", n], ...],
        "total": N, "exact": bool}` over every result of the search (the top 10 values of
        province, source, issuer, speaker and year). Past 50,000 results the counts are lower
        bounds and `exact` is false."""
        if kind is not None and kind not in KIND_CHOICES:
            raise HTTPException(422, f"kind must be one of {', '.join(KIND_CHOICES)}")
        filters = {k: v for k, v in dict(province=province, issuer=issuer, speaker=speaker, source=source,
                                         since=since.isoformat() if since else None,
                                         until=until.isoformat() if until else None).items() if v}
        return views.facets(q.strip(), kind, filters).to_dict()

    @app.get("/api/directives/{directive_id}", tags=["api"], summary="One directive (document or instruction)")
    def api_directive(directive_id: str = PathParam(description="row id: 1 to 2^63 - 1")) -> dict[str, Any]:
        return _found(_by_id(views.directive_json, directive_id), "directive")

    @app.get("/api/documents/{document_id}", tags=["api"],
             summary="One document (type, number, issuer scoped by province): citing articles, citations per month")
    def api_document(document_id: str = PathParam(description="row id: 1 to 2^63 - 1")) -> dict[str, Any]:
        return _found(_by_id(views.document_json, document_id), "document")

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with its records")
    def api_article(article_id: str = PathParam(description="row id: 1 to 2^63 - 1")) -> dict[str, Any]:
        return _found(_by_id(views.article_json, article_id), "article")

    @app.get("/api/officials/{official_id}", tags=["api"], summary="One official: titles, instructions, articles")
    def api_official(official_id: str = PathParam(description="row id: 1 to 2^63 - 1")) -> dict[str, Any]:
        return _found(_by_id(views.official_json, official_id), "official")

    @app.get("/api/stats", tags=["api"], summary="Counts of what the archive holds")
    def api_stats() -> dict[str, Any]:
        return views.stats()

    return app


FACET_LABELS = {"province": "Tỉnh/thành", "source": "Nguồn", "issuer": "Cơ quan ban hành",
                "speaker": "Người chỉ đạo", "year": "Năm"}


def facet_view(facets: Any, filters: dict[str, str], link: Callable[..., str]) -> list[dict[str, Any]]:
    """The facet panel: per facet its label and (value, count, link adding the filter,
    whether it is the active filter) rows. A year sets since/until to that year."""
    out = []
    for name, label in FACET_LABELS.items():
        rows = []
        for value, n in facets.counts.get(name, []):
            if name == "year":
                since, until = f"{value}-01-01", f"{value}-12-31"
                active = filters.get("since") == since and filters.get("until") == until
                href = link(since=since, until=until, page=None)
            else:
                active = (filters.get(name) or "").casefold() == str(value).casefold()
                href = link(**{name: value, "page": None})
            rows.append({"value": value, "count": n, "href": href, "active": active})
        if rows:
            out.append({"name": name, "label": label, "rows": rows})
    return out


def _csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text (header, then one line per row; a BOM so spreadsheet programs read UTF-8), in chunks."""
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(COLUMNS + ("page",))
    yield "\ufeff" + buf.getvalue()
    buf.seek(0)
    buf.truncate()
    for i, row in enumerate(rows, 1):
        out.writerow(["" if row.get(c) is None else row[c] for c in COLUMNS + ("page",)])
        if i % 200 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _json_chunks(query: dict[str, Any], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """`{"query": {...}, "results": [...], "count": N}`, written as the rows come."""
    yield '{"query": ' + json.dumps({k: v for k, v in query.items() if v}, ensure_ascii=False) + ', "results": ['
    n = 0
    for row in rows:
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
        n += 1
    yield f'\n], "count": {n}}}\n'


def _by_id(get: Callable[[int], Any], text: str) -> Any:
    """`get(id)` for an id written canonically (see `parse_id`), else None."""
    n = parse_id(text)
    return get(n) if n is not None else None


def _found(record: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """The record an API endpoint returns, or a 404 naming what is missing."""
    if record is None:
        raise HTTPException(404, f"no such {what}")
    return record


def _valid_date(s: str) -> bool:
    if not _DATE.match(s):
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _version() -> str:
    try:
        from .. import __version__
        return __version__
    except Exception:  # pragma: no cover
        return "0"
