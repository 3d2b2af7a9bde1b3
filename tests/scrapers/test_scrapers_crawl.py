"""Fetcher and crawl against a real HTTP server on 127.0.0.1.

The server serves the real fixture pages under their real paths (taken from each page's
canonical link), the synthetic site in tests/data/scrapers/site (feed, sitemap index,
paginated category, articles) and fault routes: a timeout, 429 with Retry-After, 500
then success, a truncated body, wrong charset declarations, a redirect loop, a robots.txt
Disallow, a 20 MB page, tracking-parameter duplicates and a crawl killed with SIGKILL.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from vnnews.scrapers import parse_html
from vnnews.scrapers.crawl import crawl
from vnnews.scrapers.errors import FetchError
from vnnews.scrapers.fetcher import Fetcher

SITE = Path(__file__).parents[1] / "data" / "scrapers" / "site"
ARTICLES = sorted((SITE / "tin-tuc").glob("*.html"))
A101 = "/tin-tuc/ra-quan-mua-he-xanh-a101.html"


class Server:
    """The local test site; `hits` counts requests per path (query ignored)."""

    def __init__(self, fixtures: Path | None = None) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.fixture_paths: dict[str, Path] = {}
        if fixtures is not None and fixtures.exists():
            for page in sorted(fixtures.glob("*.html")):
                m = re.search(r'<link rel="canonical" href="https?://[^/"]+(/[^"]*)"', page.read_text("utf-8"))
                if m:
                    self.fixture_paths[m.group(1)] = page
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- routing ---------------------------------------------------------------------------
    def _count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        path, query = parts.path, parse_qs(parts.query)
        n = self._count(path)
        host = req.headers.get("Host")
        article = (SITE / A101.lstrip("/")).read_bytes()
        if path in ("/robots.txt", "/rss.xml", "/sitemap.xml") or path.startswith("/sitemap-"):
            body = (SITE / path.lstrip("/")).read_text("utf-8").replace("{host}", host).encode()
            ctype = "text/plain" if path.endswith(".txt") else "application/xml"
            return self.send(req, 200, body, ctype)
        if path == "/":
            return self.send(req, 200, (SITE / "index.html").read_bytes())
        if path == "/chuyen-muc/thoi-su/":
            page = query.get("p", ["1"])[0]
            f = SITE / f"chuyen-muc/thoi-su/page{page}.html"
            return self.send(req, 200, f.read_bytes()) if f.exists() else self.send(req, 404, b"not found")
        if path.startswith("/tin-tuc/") and (SITE / path.lstrip("/")).exists():
            if req.headers.get("If-None-Match") == f'"{path}"':
                return self.send(req, 304, b"", length=False)
            return self.send(req, 200, (SITE / path.lstrip("/")).read_bytes(), extra={"ETag": f'"{path}"'})
        if path in self.fixture_paths:
            return self.send(req, 200, self.fixture_paths[path].read_bytes())
        if path == "/loi/cham-a9001.html":  # slower than any client timeout used here
            time.sleep(2)
            return self.send(req, 200, article)
        if path == "/loi/ban-a9002.html":  # rate limited once
            return self.send(req, 429, b"slow down", extra={"Retry-After": "1"}) if n == 1 else self.send(req, 200, article)
        if path == "/loi/chap-chon-a9003.html":  # server error once
            return self.send(req, 500, b"oops") if n == 1 else self.send(req, 200, article)
        if path == "/loi/cut-a9004.html":  # always cut short
            return self.send(req, 200, article, truncate=True)
        if path == "/loi/cut-once-a9010.html":
            return self.send(req, 200, article, truncate=(n == 1))
        if path == "/loi/latin1-a9005.html":  # UTF-8 bytes declared as Latin-1 twice over
            body = article.replace(b'<meta charset="utf-8">', b'<meta charset="windows-1252">')
            return self.send(req, 200, body, "text/html; charset=iso-8859-1")
        if path == "/loi/cp1258-a9011.html":  # windows-1258 bytes, header claims UTF-8, <meta> is right
            text = article.decode("utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
            return self.send(req, 200, to_cp1258(text), "text/html; charset=utf-8")
        if path in ("/loi/vong-a.html", "/loi/vong-b.html"):
            other = "/loi/vong-b.html" if path.endswith("a.html") else "/loi/vong-a.html"
            return self.send(req, 302, b"", extra={"Location": other})
        if path == "/loi/chuyen-a9012.html":
            return self.send(req, 301, b"", extra={"Location": A101 + "?utm_source=redirect"})
        if path == "/loi/ftp-a9013.html":
            return self.send(req, 302, b"", extra={"Location": "ftp://127.0.0.1/tin.html"})
        if path == "/loi/khong-lo-a9007.html":  # 20 MB with a Content-Length
            return self.send(req, 200, b"<html><body>" + b"x" * (20 * 1024 * 1024) + b"</body></html>")
        if path == "/loi/khong-lo-stream-a9008.html":  # 20 MB without a Content-Length
            return self.send(req, 200, b"<html><body>" + b"y" * (20 * 1024 * 1024), length=False)
        if path == "/loi/danh-sach/":  # a list page linking to the faulty articles and a good one
            links = ["/loi/chap-chon-a9003.html", "/loi/cut-a9004.html", "/rieng-tu/bi-mat-a9006.html",
                     A101 + "?utm_source=zalo", A101 + "?fbclid=abc123"]
            body = "<html><body><ul>" + "".join(f'<li><a href="{u}">tin</a></li>' for u in links) + "</ul></body></html>"
            return self.send(req, 200, body.encode())
        if path.startswith("/rieng-tu/"):
            return self.send(req, 200, article)
        return self.send(req, 404, b"not found")

    @staticmethod
    def send(req, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", *, extra: dict | None = None,
             truncate: bool = False, length: bool = True) -> None:
        try:
            req.send_response(status)
            req.send_header("Content-Type", ctype)
            if length:
                req.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                req.send_header(k, v)
            req.end_headers()
            req.wfile.write(body[: len(body) // 2] if truncate else body)
            req.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit): nothing to do
        req.close_connection = True


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Vietnamese text as windows-1258 bytes: tone marks as combining characters, as that code page has it."""
    import unicodedata

    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            tones = "".join(c for c in decomposed if c in TONE_MARKS)
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@pytest.fixture()
def server(request):
    fixtures = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "html"
    s = Server(fixtures)
    yield s
    s.close()


def fast_fetcher(**kw) -> Fetcher:
    opts = dict(delay=0.0, timeout=(2.0, 5.0), retries=2, backoff=0.01)
    opts.update(kw)
    return Fetcher(**opts)


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


# -- fixture pages served under their real paths ------------------------------------------------
def test_fixture_pages_fetched_and_parsed_by_their_site_adapter(server, fixtures_html):
    article_paths = [p for p, f in server.fixture_paths.items() if "article" in f.name]
    assert len(article_paths) >= 4
    fetcher = fast_fetcher()
    for path in article_paths:
        resp = fetcher.get(server.url(path))
        art = parse_html(resp.text, resp.url)
        # served from 127.0.0.1, the page's own canonical URL still picks the adapter and the URL
        assert art.url.endswith(path) and art.url.startswith("https://")
        assert art.source and art.title and art.published and len(art.text) > 500


# -- faults --------------------------------------------------------------------------------------
def test_timeout_is_retried_then_reported(server):
    fetcher = fast_fetcher(timeout=(1.0, 0.3), retries=1)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/loi/cham-a9001.html"))
    assert "timed out" in e.value.reason and e.value.retryable
    assert server.hits["/loi/cham-a9001.html"] == 2


def test_429_waits_retry_after_then_succeeds(server):
    fetcher = fast_fetcher()
    resp = fetcher.get(server.url("/loi/ban-a9002.html"))
    assert resp.status == 200 and server.hits["/loi/ban-a9002.html"] == 2
    assert fetcher.stats.waits == [1.0]  # the server's Retry-After, not the 0.01 s backoff
    assert parse_html(resp.text, resp.url).title == "Ra quân chiến dịch Mùa hè xanh tại xã Phú Hòa"


def test_500_then_success(server):
    fetcher = fast_fetcher()
    resp = fetcher.get(server.url("/loi/chap-chon-a9003.html"))
    assert resp.status == 200 and server.hits["/loi/chap-chon-a9003.html"] == 2
    assert fetcher.stats.retries == 1


def test_truncated_body_retried_and_recovered(server):
    resp = fast_fetcher().get(server.url("/loi/cut-once-a9010.html"))
    assert resp.content == (SITE / A101.lstrip("/")).read_bytes()


def test_truncated_body_every_time_is_a_failure(server):
    with pytest.raises(FetchError) as e:
        fast_fetcher(retries=1).get(server.url("/loi/cut-a9004.html"))
    assert "truncated" in e.value.reason
    assert server.hits["/loi/cut-a9004.html"] == 2


def test_wrong_charset_declaration_still_decodes(server):
    fetcher = fast_fetcher()
    for path in ("/loi/latin1-a9005.html", "/loi/cp1258-a9011.html"):
        art = parse_html(fetcher.get(server.url(path)).text, server.url(path))
        assert art.title == "Ra quân chiến dịch Mùa hè xanh tại xã Phú Hòa", path
        assert "ông Trần Văn Lợi, Phó Chủ tịch UBND huyện" in art.text


def test_redirect_loop_is_an_error(server):
    with pytest.raises(FetchError) as e:
        fast_fetcher().get(server.url("/loi/vong-a.html"))
    assert "redirect loop" in e.value.reason
    assert server.hits["/loi/vong-a.html"] == 1 and server.hits["/loi/vong-b.html"] == 1


def test_redirects_followed_http_only(server):
    fetcher = fast_fetcher()
    resp = fetcher.get(server.url("/loi/chuyen-a9012.html"))
    assert resp.url == server.url(A101 + "?utm_source=redirect") and resp.redirects == [server.url("/loi/chuyen-a9012.html")]
    assert parse_html(resp.text, resp.url).url == server.url(A101)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/loi/ftp-a9013.html"))
    assert "non-http(s)" in e.value.reason


def test_robots_disallow_is_obeyed(server):
    fetcher = fast_fetcher()
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/rieng-tu/bi-mat-a9006.html"))
    assert "robots.txt" in e.value.reason
    assert server.hits["/rieng-tu/bi-mat-a9006.html"] == 0
    assert server.hits["/robots.txt"] == 1
    fetcher.get(server.url(A101))
    assert server.hits["/robots.txt"] == 1  # cached per host


def test_20mb_page_refused_by_max_body_size(server):
    fetcher = fast_fetcher(max_bytes=10 * 1024 * 1024)
    for path in ("/loi/khong-lo-a9007.html", "/loi/khong-lo-stream-a9008.html"):
        with pytest.raises(FetchError) as e:
            fetcher.get(server.url(path))
        assert "limit" in e.value.reason and not e.value.retryable
        assert server.hits[path] == 1  # not retried


def test_conditional_get_uses_the_cache(server, tmp_path):
    fetcher = fast_fetcher(cache_dir=tmp_path / "cache")
    first = fetcher.get(server.url(A101))
    assert not first.from_cache
    second = fetcher.get(server.url(A101))  # revalidated with If-None-Match: 304, body from disk
    assert second.from_cache and second.status == 200 and second.content == first.content
    assert fetcher.stats.cache_hits == 1 and server.hits[A101] == 2


def test_per_host_delay_between_requests(server):
    slept: list[float] = []
    fetcher = Fetcher(delay=5.0, retries=0, sleep=slept.append)  # sleeps recorded, not slept
    fetcher.get(server.url(A101))
    fetcher.get(server.url("/tin-tuc/hoi-cho-nong-san-a107.html"))
    # robots.txt, then the first page 5 s later, then the second 5 s after that
    assert len(slept) == 2 and all(0 < s <= 5.0 for s in slept)
    other = server.url(A101).replace("127.0.0.1", "localhost")  # another host: no wait for it
    before = len(slept)
    fetcher.get(other)  # its own robots.txt, then the page
    assert len(slept) == before + 1


# -- crawls ---------------------------------------------------------------------------------------
def test_crawl_category_with_pagination(server, tmp_path):
    out = tmp_path / "out.jsonl"
    report = crawl(server.url("/chuyen-muc/thoi-su/"), out, fetcher=fast_fetcher())
    rows = read_out(out)
    assert report.stored == len(ARTICLES) == len(rows) and report.failed == 0
    assert len({r["url"] for r in rows}) == len(rows)
    assert all("utm_" not in r["url"] for r in rows)
    assert all(r["published"] and r["title"] and r["author"] for r in rows)
    # the generic extractor on the synthetic pages: breadcrumb, tag box, captioned figure, byline
    assert all(r["category"] == "Thời sự" and r["tags"] == ["địa phương"] for r in rows)
    assert all(len(r["images"]) == 1 and r["images"][0]["caption"].startswith("Quang cảnh") for r in rows)
    assert all(r["author"] not in r["text"] and "Chia sẻ" not in r["text"] and r["title"] not in r["text"]
               for r in rows)
    assert all(r["text"].startswith(r["lead"]) and r["text"].count("\n\n") == 3 for r in rows)


def test_crawl_feed_and_sitemap_same_articles_once(server, tmp_path):
    out = tmp_path / "out.jsonl"
    fetcher = fast_fetcher()
    crawl(server.url("/rss.xml"), out, fetcher=fetcher)
    assert len(read_out(out)) == 3
    report = crawl(server.url("/sitemap.xml"), out, fetcher=fetcher)
    rows = read_out(out)
    assert len(rows) == len(ARTICLES) and len({r["url"] for r in rows}) == len(rows)
    assert report.already == 3  # the feed's articles were not fetched again
    assert server.hits[A101] == 1


def test_crawl_home_page_then_robots_sitemaps(server, tmp_path):
    out = tmp_path / "out.jsonl"
    report = crawl(server.url("/"), out, fetcher=fast_fetcher())
    rows = read_out(out)
    assert [urlsplit(r["url"]).path for r in rows[:2]] == [A101, "/tin-tuc/nang-cap-duong-lien-xa-a102.html"]
    assert len(rows) == len(ARTICLES) and report.failed == 0
    assert server.hits["/sitemap.xml"] == 1 and server.hits["/sitemap-2024-03.xml"] == 1


def test_cli_fetch(server):
    done = subprocess.run([sys.executable, "-m", "vnnews", "fetch", server.url(A101 + "?utm_source=x"), "--delay", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    art = json.loads(done.stdout)
    assert art["url"] == server.url(A101) and art["author"] == "Minh An" and art["fetched_at"]
    bad = subprocess.run([sys.executable, "-m", "vnnews", "fetch", server.url("/khong-co.html"), "--delay", "0"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.strip().endswith("/khong-co.html: HTTP 404")


def test_crawl_since_stops_pagination(server, tmp_path):
    from vnnews.dates import parse_date

    out = tmp_path / "out.jsonl"
    report = crawl(server.url("/chuyen-muc/thoi-su/"), out, fetcher=fast_fetcher(),
                   since=parse_date("2024-03-10"))
    rows = read_out(out)
    assert sorted(r["published"][:10] for r in rows) == ["2024-03-10", "2024-03-11", "2024-03-12"]
    assert report.skipped >= 1
    assert server.hits["/chuyen-muc/thoi-su/"] == 2  # page 2 held only older articles: page 3 not read


def test_crawl_until_and_since_with_a_sitemap(server, tmp_path):
    from vnnews.dates import parse_date

    out = tmp_path / "out.jsonl"
    report = crawl(server.url("/sitemap.xml"), out, fetcher=fast_fetcher(), until=parse_date("2024-03-05 23:59"))
    assert sorted(r["published"][:10] for r in read_out(out)) == ["2024-03-04", "2024-03-05"]
    # lastmod is a modification date: it cannot rule out an older publication, so newer pages
    # are fetched and dropped on their own date
    assert report.skipped == len(ARTICLES) - 2 and server.hits[A101] == 1
    out2 = tmp_path / "out2.jsonl"
    crawl(server.url("/sitemap.xml"), out2, fetcher=fast_fetcher(), since=parse_date("2024-03-11"))
    assert sorted(r["published"][:10] for r in read_out(out2)) == ["2024-03-11", "2024-03-12"]
    # but a lastmod before --since does rule the page out: not fetched at all
    assert server.hits["/tin-tuc/giai-bong-da-thieu-nien-a109.html"] == 1  # by the first crawl only


def test_crawl_max(server, tmp_path):
    out = tmp_path / "out.jsonl"
    crawl(server.url("/chuyen-muc/thoi-su/"), out, fetcher=fast_fetcher(), max_articles=2)
    assert len(read_out(out)) == 2
    crawl(server.url("/chuyen-muc/thoi-su/"), out, fetcher=fast_fetcher(), max_articles=5)
    assert len(read_out(out)) == 5


def test_crawl_faults_and_tracking_duplicates(server, tmp_path):
    out = tmp_path / "out.jsonl"
    report = crawl(server.url("/loi/danh-sach/"), out, fetcher=fast_fetcher(retries=1))
    rows = read_out(out)
    # a101 under two tracking-parameter URLs: fetched once, written once; the 500-then-ok page
    # is fetched on the retry and, being a101 again (its canonical link), skipped as a duplicate
    assert server.hits[A101] == 1 and server.hits["/loi/chap-chon-a9003.html"] == 2
    assert [r["url"] for r in rows] == [server.url(A101)]
    assert report.stored == 1 and report.skipped == 1
    failures = {f.url.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert "truncated" in failures["cut-a9004.html"]
    assert "robots.txt" in failures["bi-mat-a9006.html"]
    # a rerun retries the failures and keeps what was collected
    report2 = crawl(server.url("/loi/danh-sach/"), out, fetcher=fast_fetcher(retries=0))
    assert read_out(out) == rows and report2.already == 2 and server.hits[A101] == 1
    assert server.hits["/loi/cut-a9004.html"] == 3  # failed twice in run 1, tried again in run 2


def test_crawl_killed_mid_way_resumes_exactly_once(server, tmp_path):
    out = tmp_path / "corpus.jsonl"
    cmd = [sys.executable, "-m", "vnnews", "crawl", server.url("/chuyen-muc/thoi-su/"), "--out", str(out),
           "--workers", "1", "--no-progress", "--retries", "0"]
    proc = subprocess.Popen(cmd + ["--delay", "0.3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if out.exists() and out.read_text("utf-8").count("\n") >= 3:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    before = read_out(out) if out.read_bytes().endswith(b"\n") else read_out(out)[:-1]
    assert 3 <= len(before) < len(ARTICLES)
    stored_first = {urlsplit(r["url"]).path for r in before}
    done = subprocess.run(cmd + ["--delay", "0"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = read_out(out)
    paths = [urlsplit(r["url"]).path for r in rows]
    assert sorted(paths) == sorted(f"/tin-tuc/{p.name}" for p in ARTICLES)  # all there, each exactly once
    assert rows[: len(before)] == before  # nothing collected was lost or rewritten
    for path in stored_first:
        assert server.hits[path] == 1, f"{path} was fetched again after being stored"
    assert "stored" in done.stderr and "already done" in done.stderr
