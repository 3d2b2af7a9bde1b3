"""Site adapters, the generic extractor, URL canonicalisation and charset decoding, offline."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnnews.models import VN_TZ, Article
from vnnews.scrapers import adapters, parse_html, parse_list
from vnnews.scrapers.adapters import generic
from vnnews.scrapers.charset import decode_html
from vnnews.scrapers.errors import ParseError
from vnnews.scrapers.urls import canonical

ARTICLE_PAGES = ["baocantho-article.html", "baolaocai-article.html", "vtcnews-article.html", "znews-article.html"]


def page(fixtures_html, name: str) -> bytes:
    return (fixtures_html / name).read_bytes()


def canonical_of(html: bytes) -> str:
    return re.search(rb'<link rel="canonical" href="([^"]+)"', html).group(1).decode()


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_article_fields(fixtures_html, name):
    html = page(fixtures_html, name)
    url = canonical_of(html)
    art = parse_html(html, url)
    assert adapters.for_url(url)[0] is not generic  # a dedicated adapter handles it
    assert art.url == canonical(url)
    assert art.title and art.source and art.lead and art.author and art.category
    assert art.published is not None and art.published.utcoffset() == VN_TZ.utcoffset(None)
    assert art.tags and art.images and all(i.url.startswith("http") for i in art.images)
    paragraphs = art.text.split("\n\n")
    assert len(paragraphs) >= 7 and all(p.strip() == p and p for p in paragraphs)
    assert paragraphs[0] == art.lead or art.lead in paragraphs[0]
    # no furniture in the text: byline, share/comment blocks, captions, title
    for junk in ("Chia sẻ", "BÌNH LUẬN", "Bình luận", "Đọc thêm", "Từ khóa", art.title, art.author):
        assert junk not in paragraphs, junk
    for img in art.images:
        if img.caption:
            assert img.caption not in art.text
    # round-trips through JSON
    assert Article.from_dict(json.loads(json.dumps(art.to_dict()))).to_dict() == art.to_dict()


def test_baocantho_matches_the_dev_set_text(fixtures_html, dev_dir):
    """Dev article 002 is this page's text (title, date, body, caption, byline): the adapter
    keeps exactly its body paragraphs and separates the caption and the byline."""
    art = parse_html(page(fixtures_html, "baocantho-article.html"))
    dev = (dev_dir / "002.txt").read_text("utf-8").split("\n---\n", 1)[1]
    dev_paragraphs = [p.strip() for p in dev.split("\n\n") if p.strip()]
    body = [p for p in dev_paragraphs if p not in (art.title, "08/01/2026 - 18:21", "Tin, ảnh: P.Y")
            and p != art.images[0].caption]
    assert art.text.split("\n\n") == body
    assert art.author == "P.Y"
    assert art.published == datetime(2026, 1, 8, 18, 21, tzinfo=VN_TZ)
    assert art.category == "Thời sự > Cần Thơ"


def test_adapter_chosen_from_the_page_when_url_unknown(fixtures_html):
    for name in ARTICLE_PAGES:
        html = page(fixtures_html, name)
        with_url = parse_html(html, canonical_of(html))
        without = parse_html(html, None)
        mirror = parse_html(html, "http://127.0.0.1:8000/saved.html")
        assert with_url.to_dict() == without.to_dict() == mirror.to_dict(), name


@pytest.mark.parametrize("name,url,pattern,next_re", [
    ("baocantho-category.html", "https://baocantho.com.vn/thoi-su/", r"-a\d+\.html$", r"\?p=2$"),
    ("vtcnews-latest.html", "https://vtcnews.vn/tin-moi-hom-nay.html", r"-ar\d+\.html$", r"trang-2\.html$"),
    ("znews-category.html", "https://znews.vn/kinh-doanh-tai-chinh.html", r"-post\d+\.html$", r"trang2\.html$"),
])
def test_list_pages(fixtures_html, name, url, pattern, next_re):
    links, nxt = parse_list(page(fixtures_html, name), url)
    assert len(links) >= 10 and len(set(links)) == len(links)
    assert all(re.search(pattern, u) for u in links)
    assert nxt and re.search(next_re, nxt)


BODY = ("<p>Đoạn một của bài viết thử nghiệm, đủ dài để được xem là một đoạn văn thực sự trong thân bài.</p>"
        "<p>Đoạn hai của bài viết thử nghiệm, cũng đủ dài để được tính là một đoạn văn của thân bài.</p>")


def test_cms_a_layouts_from_crawler_configs():
    """Layouts of the CMS family known only from crawler configs (../shared/sites.md §1, §3),
    written out as minimal pages: baodongthap/baobinhduong and dongkhoi.baovinhlong.vn."""
    dongthap = (f'<html><body><div class="breadcrumb-news-detail"><a href="/">Trang chủ</a> '
                f'<a href="/kinh-te/">&gt; Kinh tế</a></div><h1 class="title">Tiêu đề bài Đồng Tháp</h1>'
                f'<div id="contentNews"><div class="singular-content">{BODY}</div></div></body></html>')
    a = parse_html(dongthap, "https://baodongthap.vn/kinh-te/tieu-de-a1.html")
    assert (a.title, a.category, a.source) == ("Tiêu đề bài Đồng Tháp", "Kinh tế", "Báo Đồng Tháp")
    assert a.text.count("\n\n") == 1
    dongkhoi = ('<html><head><base href="https://dongkhoi.baovinhlong.vn/"></head><body>'
                '<h2 class="catename-h1"><a href="thoi-su/">Thời sự</a></h2>'
                '<h1 class="title">Tiêu đề bài Đồng Khởi</h1><span class="pubdate">04/07/2024 - 09:15</span>'
                '<div class="detail-desc"><p>BDK - Sáng 4-7, tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm.</p></div>'
                f'<div id="newscontents"><div class="content-fck">{BODY}'
                '<p><img src="image/ckeditor/2024/20240704/files/a.jpg"></p>'
                '<p style="text-align: center;"><em>Quang cảnh hội nghị.</em></p>'
                '<p style="text-align: right;"><strong>Bài, ảnh: Phan Hân</strong></p></div></div>'
                '<div id="linkshare">Chia sẻ bài viết</div></body></html>')
    a = parse_html(dongkhoi, "https://dongkhoi.baovinhlong.vn/thoi-su/tieu-de-a126056.html")
    assert a.lead.startswith("BDK - Sáng 4-7") and a.text.startswith(a.lead)
    assert a.published == datetime(2024, 7, 4, 9, 15, tzinfo=VN_TZ)
    assert a.author == "Phan Hân" and a.category == "Thời sự" and a.source == "Báo Đồng Khởi"
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://dongkhoi.baovinhlong.vn/image/ckeditor/2024/20240704/files/a.jpg", "Quang cảnh hội nghị.")]
    assert "Quang cảnh" not in a.text and "Phan Hân" not in a.text and "Chia sẻ" not in a.text


def test_list_links_resolve_against_base_href():
    """The baodongkhoi quirk: relative links resolve against `<base href>` on another host."""
    html = b"""<html><head><base href="https://dongkhoi.baovinhlong.vn/"></head><body><div id="colcate1">
    <a href="thoi-su/tin-mot-a123.html">x</a> <a href="/thoi-su/tin-hai-a124.html?utm_source=fb">y</a>
    <a href="/gioi-thieu.html">z</a><div id="page"><a href="thoi-su/?p=2">&gt;</a></div></div></body></html>"""
    links, nxt = parse_list(html, "https://baodongkhoi.vn/thoi-su/")
    assert [canonical(u) for u in links] == ["https://dongkhoi.baovinhlong.vn/thoi-su/tin-mot-a123.html",
                                             "https://dongkhoi.baovinhlong.vn/thoi-su/tin-hai-a124.html"]
    assert nxt == "https://dongkhoi.baovinhlong.vn/thoi-su/?p=2"


def test_generic_extractor_close_to_adapters(fixtures_html):
    """The generic extractor recovers each adapter's paragraphs on the fixture pages."""
    for name in ARTICLE_PAGES:
        html = page(fixtures_html, name)
        site = parse_html(html).text.split("\n\n")
        gen = generic.parse_article(html, None).text.split("\n\n")
        found = sum(1 for p in site if p in gen)
        assert found >= len(site) - 1, name
        assert len(gen) <= len(site) + 2, name


def test_generic_rejects_non_article_pages(fixtures_html):
    with pytest.raises(ParseError):
        generic.parse_article(b"<html><body><nav><a href='/'>Home</a></nav><p>Short.</p></body></html>")
    with pytest.raises(ParseError):
        parse_html(b"   ")


def test_canonical_urls():
    a = canonical("HTTPS://Example.VN:443/tin/a-1.html?utm_source=fb&b=2&a=1&fbclid=x#top")
    assert a == "https://example.vn/tin/a-1.html?a=1&b=2"
    assert canonical("http://example.vn/x?p=2&utm_medium=zalo") == "http://example.vn/x?p=2"
    assert canonical("/y.html", "http://example.vn/x/") == "http://example.vn/y.html"
    assert canonical("http://example.vn") == "http://example.vn/"


@given(st.lists(st.sampled_from(["utm_source", "fbclid", "p", "id", "q", "UTM_Medium", "gclid"]), max_size=5),
       st.text(alphabet="abcxyz-đ0", min_size=1, max_size=12))
def test_canonical_is_idempotent_and_ignores_tracking(params, slug):
    query = "&".join(f"{k}={i}" for i, k in enumerate(params))
    url = f"HTTPS://Example.VN/tin/{slug}.html?{query}#frag"
    c = canonical(url)
    assert canonical(c) == c
    assert "utm" not in c.lower() and "fbclid" not in c and "gclid" not in c and "#" not in c
    kept = [k for k in params if k in ("p", "id", "q")]
    assert canonical(f"https://example.vn/tin/{slug}.html?" + "&".join(f"{k}={params.index(k)}" for k in kept)) == c \
        or len(set(kept)) != len(kept)


def test_charset_detection():
    text = "<html><head><meta charset='iso-8859-1'></head><body>Phó Chủ tịch UBND tỉnh</body></html>"
    assert "Phó Chủ tịch" in decode_html(text.encode("utf-8"), "iso-8859-1")
    assert "Phó Chủ tịch" in decode_html(text.replace("iso-8859-1", "utf-8").encode("utf-8"), None)
    latin = "<html><body>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</body></html>"
    assert "Café" in decode_html(latin.encode("latin-1"), "iso-8859-1")


def test_cli_parse_and_sites(fixtures_html, tmp_path):
    html = fixtures_html / "znews-article.html"
    out = subprocess.run([sys.executable, "-m", "vnnews", "parse", str(html), "--url", canonical_of(html.read_bytes())],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["title"] == "Giá vàng thế giới cao nhất mọi thời đại"
    bad = subprocess.run([sys.executable, "-m", "vnnews", "parse", str(tmp_path / "missing.html")],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "missing.html: no such file" in bad.stderr
    sites = subprocess.run([sys.executable, "-m", "vnnews", "sites", "--format", "json"],
                           capture_output=True, text=True, check=True)
    names = {s["name"] for s in json.loads(sites.stdout)}
    assert {"baodongkhoi", "baocantho", "baolaocai", "vtcnews", "znews"} <= names


def test_crawl_targets_resolve():
    from vnnews.scrapers.crawl import resolve_target
    from vnnews.scrapers.errors import ScraperError

    urls, site = resolve_target("baocantho")
    assert site.name == "baocantho" and urls[0] == "https://baocantho.com.vn/rss/cate/thoi-su/"
    assert "https://baocantho.com.vn/" in urls and "https://baocantho.com.vn/thoi-su/" in urls
    urls, site = resolve_target("https://dongkhoi.baovinhlong.vn/thoi-su/")
    assert urls == ["https://dongkhoi.baovinhlong.vn/thoi-su/"] and site.name == "baodongkhoi"
    with pytest.raises(ScraperError, match="not a site name"):
        resolve_target("baoxyz")


def test_cli_bad_fetch_options_and_cache_dir_are_one_line_errors(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "vnnews", *args], capture_output=True, text=True, cwd=tmp_path)

    for args in (("fetch", "http://127.0.0.1:9/a", "--timeout", "0"),
                 ("crawl", "http://127.0.0.1:9/", "--max-bytes", "-5")):
        bad = run(*args)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr  # argparse: usage, then the one error line
        assert bad.stderr.strip().splitlines()[-1].endswith(f"argument {args[-2]}: {args[-1]}: must be above 0")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    bad = run("crawl", "http://127.0.0.1:9/", "--out", "o.jsonl", "--cache", str(blocker / "cache"))
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        f"vnnews crawl: {blocker / 'cache'}: cannot create the cache directory (Not a directory)"]
