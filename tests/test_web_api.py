"""Plain HTTP tests of `vnnews serve`: the JSON API, error pages, limits, read-only archive.

A real server on 127.0.0.1 (a free port) over an archive built once from ../shared/eval/dev.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from test_web_support import HOSTILE_TITLE, LiveServer, build_archive, free_port


@pytest.fixture(scope="module")
def archive(dev_dir):
    return build_archive(dev_dir)


@pytest.fixture(scope="module")
def server(archive):
    from vnnews.web import create_app

    with LiveServer(create_app(archive)) as srv:
        yield srv


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get_json(server, path: str) -> tuple[int, Any]:
    status, headers, body = fetch(server.url + path)
    assert headers.get("content-type", "").startswith("application/json"), (path, headers)
    return status, json.loads(body)


def get_html(server, path: str) -> tuple[int, str]:
    status, headers, body = fetch(server.url + path)
    assert headers.get("content-type", "").startswith("text/html"), (path, headers)
    return status, body.decode("utf-8")


def sha256(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_search_api_finds_dong_khoi(server):
    status, data = get_json(server, "/api/search?q=dong+khoi")
    assert status == 200
    assert data["total"] >= 1 and data["results"]
    assert data["page"] == 1 and data["size"] == 20
    first = data["results"][0]
    for key in ("kind", "id", "fields", "snippet", "article", "url"):
        assert key in first
    assert any("Đồng Khởi" in (r["article"]["title"] or "") + json.dumps(r, ensure_ascii=False)
               or "Đồng khởi" in json.dumps(r, ensure_ascii=False) for r in data["results"])


def test_search_api_kind_filter_and_pages(server):
    _, everything = get_json(server, "/api/search?q=dong+khoi&size=100")
    _, articles = get_json(server, "/api/search?q=dong+khoi&kind=article&size=100")
    assert articles["total"] >= 1
    assert {r["kind"] for r in articles["results"]} == {"article"}
    assert articles["total"] <= everything["total"]
    # pages partition the results
    _, p1 = get_json(server, "/api/search?q=dong+khoi&size=1&page=1")
    _, p2 = get_json(server, "/api/search?q=dong+khoi&size=1&page=2")
    assert p1["total"] == p2["total"] == everything["total"]
    assert len(p1["results"]) == 1
    if everything["total"] > 1:
        assert (p1["results"][0]["kind"], p1["results"][0]["id"]) != (p2["results"][0]["kind"], p2["results"][0]["id"])
    # far past the end: an empty page, not an error
    _, far = get_json(server, "/api/search?q=dong+khoi&page=400")
    assert far["results"] == [] and far["total"] == everything["total"]


def test_search_api_bounds_and_bad_parameters(server):
    assert get_json(server, "/api/search?q=a&size=100")[0] == 200
    for bad in ("size=101", "size=0", "page=0", "page=100000", "page=abc", "kind=bogus", "since=2022-13-45",
                "q=" + "x" * 201):
        status, data = get_json(server, "/api/search?" + bad)
        assert status == 422, bad
        assert "detail" in data and "Traceback" not in json.dumps(data)


@pytest.mark.parametrize("q", ['"', "dong AND", "NEAR(", "*", "a:b", "' OR 1=1 --", "()", "đ*", "\\", "%", "NĐ-CP",
                               "01-CT/TU", "24/2022/NĐ-CP"])
def test_search_api_never_crashes_on_query_syntax(server, q):
    status, data = get_json(server, "/api/search?" + urllib.parse.urlencode({"q": q}))
    assert status == 200 and isinstance(data["total"], int)


def test_records_by_id(server):
    _, data = get_json(server, "/api/search?q=dong+khoi&kind=article")
    art_id = data["results"][0]["id"]
    status, art = get_json(server, f"/api/articles/{art_id}")
    assert status == 200 and art["id"] == art_id
    assert art["record"]["text"] and "officials" in art["record"]
    # the document number as written finds the document in both articles that cite it
    _, docs = get_json(server, "/api/search?q=01-CT/TU&kind=document")
    assert docs["total"] >= 2
    d_id = docs["results"][0]["id"]
    status, d = get_json(server, f"/api/directives/{d_id}")
    assert status == 200 and d["id"] == d_id and d["kind"] == "document" and d["number"] == "01-CT/TU"
    assert d["article"]["id"] not in [c["id"] for c in d["citing"]]
    assert len(d["citing"]) >= 1 and all(c["directive_id"] != d_id for c in d["citing"])
    _, offs = get_json(server, "/api/search?q=nguyen+van+thu&kind=official")
    assert offs["total"] >= 1
    o_id = int(offs["results"][0]["url"].rsplit("/", 1)[1])
    status, o = get_json(server, f"/api/officials/{o_id}")
    assert status == 200 and o["name"] == "Nguyễn Văn Thử"
    assert o["appearances"] and o["titles"][0]["title"] == "Chủ tịch UBND tỉnh"
    assert [i["verb"] for i in o["instructions"]] == ["yêu cầu"]


@pytest.mark.parametrize("path", ["/api/articles/999999", "/api/directives/999999", "/api/officials/999999",
                                  "/api/articles/abc", "/api/nothing"])
def test_api_errors_are_json(server, path):
    status, data = get_json(server, path)
    assert status in (404, 422)
    assert "Traceback" not in json.dumps(data)


@pytest.mark.parametrize("path", ["/article/999999", "/directive/999999", "/official/999999", "/article/abc",
                                  "/no/such/page", "/static/../archive.db", "/static/%2e%2e/%2e%2e/pyproject.toml",
                                  "/docs", "/redoc"])
def test_page_errors_render_a_page(server, path):
    status, html = get_html(server, path)
    assert status == 404
    assert "Không tìm thấy" in html and "Traceback" not in html and 'lang="vi"' in html


def test_bad_search_parameters_on_the_page_are_forgiven(server):
    status, html = get_html(server, "/?q=dong+khoi&page=abc&since=h%C3%B4m-qua&kind=bogus")
    assert status == 200
    assert "không đúng dạng" in html and "Không có loại kết quả" in html
    assert 'id="total"' in html


def test_security_headers_and_local_assets(server):
    status, headers, body = fetch(server.url + "/?q=dong+khoi")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    html = body.decode()
    assert "http://" not in html.split("<main ")[0] and "https://" not in html.split("<main ")[0]
    for asset in ("/static/style.css", "/static/app.js", "/static/favicon.svg"):
        assert fetch(server.url + asset)[0] == 200


def test_hostile_article_is_escaped_in_html_and_json(server):
    _, data = get_json(server, "/api/search?q=pwned&kind=article")
    assert data["total"] == 1
    art_id = data["results"][0]["id"]
    status, html = get_html(server, f"/article/{art_id}")
    assert status == 200
    assert "<script>window" not in html and "<img src=\"x\"" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;window.__pwned" in html
    _, art = get_json(server, f"/api/articles/{art_id}")
    assert art["article"]["title"] == HOSTILE_TITLE  # the API gives the data as it is; escaping is the page's job


def test_openapi_describes_the_api(server):
    status, spec = get_json(server, "/api/openapi.json")
    assert status == 200
    for path in ("/api/search", "/api/articles/{article_id}", "/api/directives/{directive_id}",
                 "/api/officials/{official_id}"):
        assert path in spec["paths"]
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["size"]["schema"]["maximum"] == 100


def test_archive_is_opened_read_only(server, archive):
    from vnnews.web import Store

    before = sha256(archive)
    for path in ("/?q=dong+khoi", "/api/search?q=01-CT/TU", "/api/stats", "/article/1", "/official/1"):
        assert fetch(server.url + path)[0] == 200
    assert sha256(archive) == before
    # the one door to the file refuses writes and other database files, even when asked in SQL
    from vnnews.corpus.archive import ArchiveError

    store = Store(archive)
    for sql in ("CREATE TABLE intruder (x)", "DELETE FROM articles", "PRAGMA query_only=OFF",
                f"ATTACH DATABASE '{archive.parent / 'other.db'}' AS other"):
        with pytest.raises(ArchiveError):
            list(store.archive.query(sql))
    assert not (archive.parent / "other.db").exists()
    assert sha256(archive) == before


def test_unexpected_errors_render_a_page_not_a_traceback(archive):
    from vnnews.web import Store, create_app

    class Broken(Store):
        def article(self, article_id):
            raise RuntimeError("secret internals /etc/passwd")

        def article_json(self, article_id):
            raise RuntimeError("secret internals /etc/passwd")

    with LiveServer(create_app(archive, store=Broken(archive))) as srv:
        status, headers, body = fetch(srv.url + "/article/1")
        html = body.decode()
        assert status == 500 and "Lỗi máy chủ" in html
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "secret" not in html and "Traceback" not in html
        status, data = get_json(srv, "/api/articles/1")
        assert status == 500 and "secret" not in json.dumps(data)


def test_serve_command(archive, tmp_path):
    missing = subprocess.run([sys.executable, "-m", "vnnews", "serve", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "none.db" in missing.stderr and "Traceback" not in missing.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "vnnews", "serve", "--db", str(archive), "--port", str(port),
                             "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60  # start-up guard, not a timing assertion
        while True:
            try:
                status, _, body = fetch(f"http://127.0.0.1:{port}/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "vnnews serve did not start"
                time.sleep(0.1)
        assert status == 200 and "Kho văn bản" in body.decode()
    finally:
        proc.terminate()
        proc.wait(30)


def test_search_page_counts_and_pagination(server):
    status, data = get_json(server, "/api/search?kind=figure&size=1")
    assert status == 200 and data["total"] > 20, "needs more than one page of figures"
    status, html = get_html(server, "/?kind=figure")
    assert status == 200
    assert f'data-total="{data["total"]}"' in html
    assert html.count('class="hit hit-figure"') == 20
    assert 'rel="next" href="/?kind=figure&amp;page=2"' in html and 'rel="prev"' not in html
    pages = -(-data["total"] // 20)
    status, last = get_html(server, f"/?kind=figure&page={pages}")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert last.count('class="hit hit-figure"') == data["total"] - 20 * (pages - 1)
    # the kind tabs carry the counts of each kind for the same query and filters
    status, html = get_html(server, "/?q=dong+khoi")
    _, arts = get_json(server, "/api/search?q=dong+khoi&kind=article")
    assert f'data-kind="article">Bài báo <span class="count">{arts["total"]}</span>' in html


def test_capped_totals_show_as_lower_bounds(archive, monkeypatch):
    """Past the archive's counting limit the total is a lower bound: the page says "hơn N"
    (more than N), marks the tab counts with "+", and still offers the next page."""
    from vnnews.corpus.archive import Archive
    from vnnews.web import create_app

    if not hasattr(Archive, "COUNT_LIMIT"):
        pytest.skip("this Archive counts every result exactly")
    monkeypatch.setattr(Archive, "COUNT_LIMIT", 25)
    monkeypatch.setattr("vnnews.corpus.facets.CAP", 25)
    with LiveServer(create_app(archive)) as srv:
        _, data = get_json(srv, "/api/search?kind=figure")
        if data["total_exact"]:
            pytest.skip("fewer figures than the counting limit")
        status, html = get_html(srv, "/?kind=figure&page=2")
        assert status == 200 and 'data-exact="false"' in html and "Tìm thấy hơn" in html
        assert 'rel="next" href="/?kind=figure&amp;page=3"' in html
        assert re.search(r'data-kind="figure"[^>]*>Số liệu <span class="count">\d+\+</span>', html)
