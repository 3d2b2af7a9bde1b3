"""Plain HTTP tests of `vnnews serve`: the JSON API, error pages, limits, read-only archive.

A real server on 127.0.0.1 (a free port) over an archive built once from ../shared/eval/dev.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from websupport import HOSTILE_TITLE, LiveServer, build_archive, free_port


@pytest.fixture(scope="module")
def archive(dev_dir):
    return build_archive(dev_dir)


@pytest.fixture(scope="module")
def server(archive):
    from vnnews.web import create_app

    with LiveServer(create_app(archive)) as srv:
        srv.archive_path = archive
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
    from vnnews.web import ArchiveViews

    before = sha256(archive)
    for path in ("/?q=dong+khoi", "/api/search?q=01-CT/TU", "/api/stats", "/article/1", "/official/1"):
        assert fetch(server.url + path)[0] == 200
    assert sha256(archive) == before
    # the one door to the file refuses writes and other database files, even when asked in SQL
    from vnnews.corpus.archive import ArchiveError

    views = ArchiveViews(archive)
    for sql in ("CREATE TABLE intruder (x)", "DELETE FROM articles", "PRAGMA query_only=OFF",
                f"ATTACH DATABASE '{archive.parent / 'other.db'}' AS other"):
        with pytest.raises(ArchiveError):
            list(views.archive.query(sql))
    assert not (archive.parent / "other.db").exists()
    assert sha256(archive) == before


def test_unexpected_errors_render_a_page_not_a_traceback(archive):
    from vnnews.web import ArchiveViews, create_app

    class Broken(ArchiveViews):
        def article(self, article_id):
            raise RuntimeError("secret internals /etc/passwd")

        def article_json(self, article_id):
            raise RuntimeError("secret internals /etc/passwd")

    with LiveServer(create_app(archive, views=Broken(archive))) as srv:
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


# ---------------------------------------------------------------- issue 13: the archive page


def fetch_no_redirect(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_one_address_per_page_and_ids_bounded(server, caplog):
    """`/article/1.0`, `/article/01` are not second addresses; ids past SQLite's range are
    simply not there (404), with nothing in the log; HEAD works where GET does."""
    caplog.set_level("WARNING")
    status, headers, _ = fetch_no_redirect(server.url + "/article/1")
    assert status == 301 and re.fullmatch(r"/a/[0-9a-f]{16}", headers["location"])
    for path in ("/article/1.0", "/article/01", "/article/+1", "/article/-1", "/article/9223372036854775808",
                 "/article/99999999999999999999999", "/directive/9223372036854775808", "/official/1.0",
                 "/official/9223372036854775808", "/api/articles/1.0", "/api/articles/9223372036854775808",
                 "/api/directives/18446744073709551616", "/api/officials/01"):
        status, _, body = fetch_no_redirect(server.url + path)
        assert status == 404, path
        assert b"Traceback" not in body
    assert fetch_no_redirect(server.url + "/article/9223372036854775807")[0] == 404
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")], caplog.text
    for path in ("/", "/?q=dong+khoi", "/official/1", "/static/style.css"):
        status, headers, body = fetch_no_redirect(server.url + path, "HEAD")
        assert status == 200 and body == b"", path
    assert fetch_no_redirect(server.url + "/article/1", "HEAD")[0] == 301


def test_old_id_addresses_redirect_to_permalinks(server):
    _, art = get_json(server, "/api/articles/1")
    status, headers, _ = fetch_no_redirect(server.url + "/article/1")
    permalink = headers["location"]
    assert art["page"] == permalink
    status, html = get_html(server, permalink)
    assert status == 200 and f'href="{permalink}"' in html
    _, d = get_json(server, "/api/directives/2")
    status, headers, _ = fetch_no_redirect(server.url + "/directive/2")
    assert status == 301 and headers["location"] == d["page"] and re.fullmatch(r"/a/[0-9a-f]{16}/d\d+", d["page"])
    assert d["page"].startswith(d["article"]["page"] + "/")
    # a record that is not a directive has its place in the text: a redirect to the anchor
    status, headers, _ = fetch_no_redirect(server.url + permalink + "/l0")
    assert status == 303 and headers["location"] == permalink + "#l0"
    for bad in ("/d999", "/x1", "/d01", "/d-1", "/d1.0"):
        assert fetch_no_redirect(server.url + permalink + bad)[0] == 404, bad
    for bad in ("/a/0000000000000000", "/a/XYZ", "/a/" + permalink[3:-1], "/a/" + permalink[3:] + "0"):
        assert fetch_no_redirect(server.url + bad)[0] == 404, bad


def test_permalinks_survive_a_rebuild(archive, dev_dir, tmp_path):
    """The same articles added in another order get other row ids, but the same permalinks."""
    from websupport import handmade_records
    from vnnews import Archive
    from vnnews.inputs import read_input
    from vnnews.web import create_app

    other = tmp_path / "rebuilt.db"
    with Archive(other) as a:
        for record in reversed(handmade_records()):
            a.add(record)
        for name in sorted(dev_dir.glob("*.txt"), reverse=True)[:5]:
            a.add(read_input(str(name)))
    with LiveServer(create_app(archive)) as one, LiveServer(create_app(other)) as two:
        _, hits1 = get_json(one, "/api/search?q=01-CT/TU&kind=document&size=100")
        _, hits2 = get_json(two, "/api/search?q=01-CT/TU&kind=document&size=100")
        by_title1 = {r["article"]["title"]: (r["article"]["id"], r["url"]) for r in hits1["results"]}
        by_title2 = {r["article"]["title"]: (r["article"]["id"], r["url"]) for r in hits2["results"]}
        shared = set(by_title1) & set(by_title2)
        assert len(shared) >= 2
        assert any(by_title1[t][0] != by_title2[t][0] for t in shared)  # the ids moved...
        for t in shared:
            assert by_title1[t][1] == by_title2[t][1]  # ...the permalinks did not
            status, html = get_html(two, by_title1[t][1])
            assert status == 200 and "01-CT/TU" in html


def test_instruction_hits_show_the_archives_snippet(server):
    """The page shows the same anchored snippet as the API and the CLI, with text before the match."""
    _, data = get_json(server, "/api/search?" + urllib.parse.urlencode({"q": "nhân rộng", "kind": "instruction"}))
    hit = data["results"][0]
    assert hit["snippet"]["text"].startswith("các cấp ủy tiếp tục") or "tiếp tục" in hit["snippet"]["text"]
    _, html = get_html(server, "/?" + urllib.parse.urlencode({"q": "nhân rộng", "kind": "instruction"}))
    m = re.search(r'<p class="snippet">(.*?)</p>', html, re.S)
    shown = re.sub(r"<[^>]+>", "", m.group(1))
    assert shown == hit["snippet"]["text"]
    assert '<mark class="hit">nhân rộng</mark>' in m.group(1)


def test_pages_past_the_end_go_to_the_last_page(server):
    _, data = get_json(server, "/api/search?kind=figure&size=1")
    last = -(-data["total"] // 20)
    status, headers, _ = fetch_no_redirect(server.url + "/?kind=figure&page=499")
    assert status == 303 and headers["location"] == f"/?kind=figure&page={last}"
    status, html = get_html(server, headers["location"])
    assert f"trang {last}/{last}" in html and 'class="hit hit-figure"' in html
    status, headers, _ = fetch_no_redirect(server.url + "/?q=01-CT/TU&page=7")
    assert status == 303 and headers["location"] == "/?q=01-CT%2FTU"


def test_tab_counts_and_facets_from_one_pass(server):
    """The tabs and the facet panel count every result; their links add the filter."""
    _, html = get_html(server, "/?q=dong+khoi")
    for kind in ("article", "instruction"):
        _, d = get_json(server, f"/api/search?q=dong+khoi&kind={kind}")
        assert f'data-kind="{kind}">' in html
        assert re.search(rf'data-kind="{kind}"[^>]*>[^<]+<span class="count">{d["total"]}</span>', html)
    _, f = get_json(server, "/api/facets?q=dong+khoi")
    assert sum(f["kinds"].values()) == f["total"] and f["exact"]
    # the hostile source is a facet value: text in the panel, data in its link
    assert any("<b onmouseover" in v for v, _ in f["counts"]["source"])
    panel = html[html.index('id="facets"'):]
    assert "<b onmouseover" not in panel and "&lt;b onmouseover" in panel
    assert "source=B%C3%A1o+Ki%E1%BB%83m+Th%E1%BB%AD+%3Cb+onmouseover" in panel
    province, n = f["counts"]["province"][0]
    assert f'href="/?q=dong+khoi&amp;{urllib.parse.urlencode({"province": province})}"' in html
    _, narrowed = get_json(server, "/api/search?" + urllib.parse.urlencode({"q": "dong khoi", "province": province}))
    assert narrowed["total"] == n
    year, n = f["counts"]["year"][0]
    assert f"since={year}-01-01&amp;until={year}-12-31" in html
    _, in_year = get_json(server, f"/api/search?q=dong+khoi&since={year}-01-01&until={year}-12-31")
    assert in_year["total"] == n
    assert sum(n for _, n in f["months"]) + f["undated"] == f["total"]
    # the speaker facet of instructions, and the issuer facet of documents
    _, f = get_json(server, "/api/facets?q=01-CT/TU&kind=document")
    assert f["counts"]["issuer"][0] == ["Ban Thường vụ Tỉnh ủy", f["kinds"]["document"]]
    _, f = get_json(server, "/api/facets?kind=instruction")
    assert ["Nguyễn Văn Thử", 1] in f["counts"]["speaker"]


def test_sort_by_date(server):
    _, rel = get_json(server, "/api/search?q=t%E1%BB%89nh&size=100")
    _, new = get_json(server, "/api/search?q=t%E1%BB%89nh&size=100&sort=date")
    assert new["total"] == rel["total"] and new["sort"] == "date"
    dates = [r["article"]["date"] or "" for r in new["results"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated  # undated last
    assert {(r["kind"], r["id"]) for r in new["results"]} == {(r["kind"], r["id"]) for r in rel["results"]} \
        or new["total"] > 100
    status, html = get_html(server, "/?q=t%E1%BB%89nh&sort=date")
    assert status == 200 and 'aria-current="true">mới nhất' in html
    assert get_json(server, "/api/search?q=x&sort=bogus")[0] == 422


def test_export_streams_every_result(server):
    import csv
    import io

    _, data = get_json(server, "/api/search?kind=figure&size=1")
    assert data["total"] > 100  # more than the API gives at once
    status, headers, body = fetch(server.url + "/export.csv?kind=figure")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "attachment" in headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == data["total"]
    assert all(r["kind"] == "figure" and r["page"].startswith("/a/") and "#f" in r["page"] for r in rows)
    status, headers, body = fetch(server.url + "/export.json?kind=figure&sort=date")
    out = json.loads(body)
    assert out["count"] == len(out["results"]) == data["total"] and out["query"] == {"kind": "figure", "sort": "date"}
    dated = [r["date"] for r in out["results"] if r["date"]]
    assert dated == sorted(dated, reverse=True)
    # a query's export holds the hostile text as data, and the file is a download, not a page
    status, headers, body = fetch(server.url + "/export.csv?q=pwned")
    assert HOSTILE_TITLE in body.decode("utf-8-sig") and headers["x-content-type-options"] == "nosniff"
    assert fetch(server.url + "/export.csv")[0] == 400
    assert fetch(server.url + "/export.json?since=yesterday")[0] == 400


def test_home_page_lists_cited_documents_and_latest_instructions(server):
    status, html = get_html(server, "/")
    assert status == 200
    cited = html[html.index('id="most-cited"'):html.index('id="latest-instructions"')]
    from vnnews import Archive

    with Archive(server.archive_path, readonly=True) as a:
        top = a.documents(limit=10)
    assert top and top[0].citations >= 2  # the hand-made pair cite one document
    first = re.search(r'<li><a href="/document/(\d+)">([^<]+)</a>\s*<span class="count">(\d+) bài', cited)
    assert (int(first.group(1)), int(first.group(3))) == (top[0].id, top[0].citations)
    assert top[0].number in first.group(2)
    assert cited.count("<li>") == len(top)
    latest = html[html.index('id="latest-instructions"'):]
    assert re.search(r'href="/a/[0-9a-f]{16}/d\d+"', latest)
    assert '<svg class="chart"' in html and "<script>" not in html.split("</head>")[1]


def test_charts_are_svg_drawn_on_the_server(server):
    _, html = get_html(server, "/?q=dong+khoi")
    svg = html[html.index('<svg class="chart"'):html.index("</svg>")]
    _, f = get_json(server, "/api/facets?q=dong+khoi")
    assert sum(int(n) for n in re.findall(r'data-n="(\d+)"', svg)) == f["total"] - f["undated"]
    assert "<title" in svg and "style=" not in svg and "script" not in svg
    _, d = get_json(server, "/api/search?q=01-CT/TU&kind=document&size=1")
    _, html = get_html(server, d["results"][0]["url"])
    assert 'id="chart-citations"' in html
    _, o = get_json(server, "/api/search?q=nguyen+van+thu&kind=official")
    _, html = get_html(server, o["results"][0]["url"])
    assert 'id="chart-instructions"' in html


def test_instruction_page_has_its_passage_and_anchor(server):
    _, data = get_json(server, "/api/search?" + urllib.parse.urlencode({"q": "nhân rộng", "kind": "instruction"}))
    url = data["results"][0]["url"]
    _, html = get_html(server, url)
    ctx = html[html.index('id="context"'):]
    ctx = ctx[:ctx.index("</blockquote>")]
    assert "Bí thư Tỉnh ủy Lê Văn Mẫu đề nghị <mark" in ctx and '<mark class="here">các cấp ủy' in ctx
    key, ref = url.split("/")[2:4]
    assert f'id="article-link" href="/a/{key}#{ref}"' in html
    _, art = get_html(server, f"/a/{key}")
    assert f'id="{ref}"' in art and art.count(f'id="{ref}"') == 1


def test_a_search_past_the_time_budget_is_a_clear_503(archive, monkeypatch, caplog):
    """The archive stops a search that runs too long (QueryTimeout): the page and the API
    say so (503, with what to do), and the log has one line, not a traceback."""
    from vnnews.corpus.archive import Archive
    from vnnews.web import create_app

    monkeypatch.setattr(Archive, "time_budget", 1e-9)
    with LiveServer(create_app(archive)) as srv:
        status, html = get_html(srv, "/?q=t%E1%BB%89nh")
        assert status == 503 and "quá lâu" in html and "Traceback" not in html
        status, data = get_json(srv, "/api/search?q=t%E1%BB%89nh")
        assert status == 503 and "quá lâu" in data["detail"]
    assert "Traceback" not in caplog.text
