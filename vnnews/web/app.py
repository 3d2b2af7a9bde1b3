"""The FastAPI application behind `vnnews serve`: HTML pages and a JSON API.

    from vnnews.web import create_app
    app = create_app("archive.db")          # opens the archive read-only

Pages: `/` (search), `/directive/{id}`, `/document/{id}`, `/article/{id}`, `/official/{id}`.
JSON: `/api/search`, `/api/directives/{id}`, `/api/documents/{id}`, `/api/articles/{id}`, `/api/officials/{id}`,
`/api/stats`; the OpenAPI description is at `/api/openapi.json`. FastAPI's Swagger and
ReDoc pages are switched off: they load their scripts from a CDN, and the page makes
no external requests.

Security: the archive is opened read-only; templates autoescape and article text only
reaches HTML through `vnnews.web.render` (escaped pieces and fixed tags); a strict
Content-Security-Policy allows scripts, styles and images from this server only; no
endpoint takes a file name or a URL; page sizes and page numbers are bounded; every
error, including an unexpected exception, renders a page (or JSON under `/api/`), never
a traceback.
"""
from __future__ import annotations

import logging
import math
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as ApiPath
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from .render import KINDS
from .store import KIND_CHOICES, MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, Store, StoreError

log = logging.getLogger("vnnews.web")
HERE = Path(__file__).resolve().parent

KIND_TABS: list[tuple[str, str]] = [("", "Tất cả"), ("article", "Bài báo"), ("document", "Văn bản"),
                                    ("instruction", "Chỉ đạo"), ("official", "Cán bộ"),
                                    ("location", "Địa danh"), ("figure", "Số liệu")]
KIND_LABEL = dict(KIND_TABS[1:])
FILTERS = ("province", "issuer", "speaker", "source", "since", "until")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id in an API path is a 422, not a 500

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


def _is_http(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s]+$", value, re.I) is not None


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(vndate=_vndate, vnnum=_vnnum, shorten=_shorten, is_http=_is_http,
                       kind_label=lambda k: KIND_LABEL.get(k, k))
    return env


# ------------------------------------------------------------------ the application

def create_app(db: str | Path, *, store: Store | None = None) -> FastAPI:
    """The web application over the archive at `db` (opened read-only)."""
    store = store or Store(db)
    env = make_env()
    app = FastAPI(title="vnnews archive", version=_version(),
                  description="Tìm kiếm văn bản, chỉ đạo và cán bộ trong kho báo chí địa phương (read-only).",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
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

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        log.error("archive error: %s", exc)
        return error_page(request, 503)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_page(request, 500)

    # -------------------------------------------------------------- HTML pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", kind: str = "", province: str = "", issuer: str = "",
                    speaker: str = "", source: str = "", since: str = "", until: str = "", page: str = "1"):
        q = q.strip()[:200]
        filters = {k: v.strip()[:100] for k, v in
                   dict(province=province, issuer=issuer, speaker=speaker, source=source,
                        since=since, until=until).items() if v and v.strip()}
        errors = []
        for k in ("since", "until"):
            if k in filters and not _valid_date(filters[k]):
                errors.append(f"Ngày “{filters.pop(k)}” không đúng dạng năm-tháng-ngày; bộ lọc này bị bỏ qua.")
        if kind and kind not in KIND_CHOICES:
            errors.append(f"Không có loại kết quả “{kind[:40]}”; hiển thị tất cả.")
            kind = ""
        try:
            pageno = min(max(int(page), 1), MAX_PAGE)
        except ValueError:
            pageno = 1
        searched = bool(q or kind or filters)
        ctx: dict[str, Any] = {"q": q, "kind": kind, "filters": filters, "kinds": KIND_TABS,
                               "searched": searched, "active_filters": len(filters),
                               "error": " ".join(errors) or None, "options": store.options(),
                               "page": pageno, "size": PAGE_SIZE,
                               "base": ""}

        def link(**changes: Any) -> str:
            params = {"q": q, "kind": kind, **filters, "page": pageno}
            params.update(changes)
            clean = {k: v for k, v in params.items() if v not in (None, "") and not (k == "page" and v == 1)}
            return ctx["base"] + "/?" + urlencode(clean) if clean else ctx["base"] + "/"

        ctx["link"] = link
        if searched:
            total, exact, hits = store.search(q, kind or None, filters, page=pageno, size=PAGE_SIZE)
            pages = min(MAX_PAGE, max(1, math.ceil(total / PAGE_SIZE)))
            if not exact and len(hits) == PAGE_SIZE:  # a lower bound: there may be a next page
                pages = min(MAX_PAGE, max(pages, pageno + 1))
            ctx.update(total=total, exact=exact, hits=hits, pages=pages,
                       counts=store.kind_counts(q, filters, known={kind or "all": (total, exact)}))
        else:
            ctx.update(total=0, exact=True, hits=[], pages=1, counts={}, stats=store.stats_rows())
        return render(request, "search.html", ctx)

    @app.get("/directive/{directive_id}", response_class=HTMLResponse, include_in_schema=False)
    def directive_page(request: Request, directive_id: int):
        d = store.directive(directive_id)
        if d is None:
            raise HTTPException(404, "Không có văn bản hay chỉ đạo nào với mã này.")
        return render(request, "directive.html", {"d": d, "citing": d.get("citing", [])})

    @app.get("/document/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: int):
        d = store.document(document_id)
        if d is None:
            raise HTTPException(404, "Không có văn bản nào với mã này.")
        return render(request, "document.html", {"doc": d})

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: int):
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, "Không có bài báo nào với mã này.")
        legend = [(k, KINDS[k][1]) for k in ("official", "location", "figure", "document")]
        return render(request, "article.html", {"a": a, "body_html": Markup(a["body_html"]),
                                                "sections": a["sections"], "legend": legend})

    @app.get("/official/{official_id}", response_class=HTMLResponse, include_in_schema=False)
    def official_page(request: Request, official_id: int):
        o = store.official(official_id)
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
                   size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)) -> dict[str, Any]:
        """`{"total": N, "total_exact": bool, "page": P, "size": S, "results": [...]}`: one page of
        results, best first. Past the archive's counting limit `total` is a lower bound and
        `total_exact` is false."""
        if kind is not None and kind not in KIND_CHOICES:
            raise HTTPException(422, f"kind must be one of {', '.join(KIND_CHOICES)}")
        filters = {k: v for k, v in dict(province=province, issuer=issuer, speaker=speaker, source=source,
                                         since=since.isoformat() if since else None,
                                         until=until.isoformat() if until else None).items() if v}
        total, exact, results = store.search_json(q.strip(), kind, filters, page=page, size=size)
        return {"total": total, "total_exact": exact, "page": page, "size": size, "results": results}

    @app.get("/api/directives/{directive_id}", tags=["api"], summary="One directive (document or instruction)")
    def api_directive(directive_id: int = ApiPath(ge=1, le=MAX_ID)) -> dict[str, Any]:
        return _found(store.directive_json(directive_id), "directive")

    @app.get("/api/documents/{document_id}", tags=["api"],
             summary="One document (type, number, issuer scoped by province): citing articles, citations per month")
    def api_document(document_id: int) -> dict[str, Any]:
        return _found(store.document_json(document_id), "document")

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with its records")
    def api_article(article_id: int = ApiPath(ge=1, le=MAX_ID)) -> dict[str, Any]:
        return _found(store.article_json(article_id), "article")

    @app.get("/api/officials/{official_id}", tags=["api"], summary="One official: titles, instructions, articles")
    def api_official(official_id: int = ApiPath(ge=1, le=MAX_ID)) -> dict[str, Any]:
        return _found(store.official_json(official_id), "official")

    @app.get("/api/stats", tags=["api"], summary="Counts of what the archive holds")
    def api_stats() -> dict[str, Any]:
        return store.stats()

    return app


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
