"""Optional page fields never fail a page: JSON-LD, Open Graph and other meta tags, breadcrumbs,
canonical links and image sources are mutated on the real fixture pages (hypothesis), and the
article body must still come out."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnnews.scrapers import parse_html
from vnnews.scrapers.adapters import generic

REPO = Path(__file__).resolve().parents[2]
ARTICLE_PAGES = ["baocantho-article.html", "baolaocai-article.html", "vtcnews-article.html", "znews-article.html"]

# Keys and values the readers look at, so mutations hit the code paths that read them.
_KEYS = st.sampled_from(["@type", "@graph", "itemListElement", "item", "name", "author", "datePublished",
                         "dateModified", "headline", "image", "url", "@id", "position", "publisher",
                         "articleSection", "keywords", "description"])
_TYPES = st.sampled_from(["NewsArticle", "Article", "BreadcrumbList", "ListItem", "Person", "WebPage"])
_ODD_TEXT = st.sampled_from([
    "", " ", "2025-13-45T99:99:99", "99999999999999999999-01-01", "31/02/2026 - 25:61", "0000-00-00T00:00:00Z",
    "http://[::1", "http://example.org:99999/x", "javascript:alert(1)", "//", "\u200b\ufeff", "Trang chủ",
    "2026-01-08T18:21:00+0700", "1e309", "-1", "NaN", "x" * 500,
])
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)  # what an HTML page can hold
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                     st.floats(allow_nan=True), st.text(max_size=30), _ODD_TEXT, _TYPES)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=25,
)


def _json_text(value) -> str:
    try:
        return json.dumps(value)
    except ValueError:  # NaN/inf are fine for json.dumps; nothing else should get here
        return "{"


@st.composite
def mutations(draw):
    """A JSON-LD payload (valid JSON, or broken text), a meta value and a URL to plant in the page."""
    ld = draw(st.one_of(_JSON.map(_json_text), _TEXT, _ODD_TEXT, _JSON.map(lambda v: "[[" + _json_text(v) + "]]")))
    meta = draw(st.one_of(_ODD_TEXT, _TEXT))
    href = draw(st.one_of(_ODD_TEXT, _TEXT))
    which = draw(st.sets(st.sampled_from(["ld", "meta", "canonical", "img", "breadcrumb"]), min_size=1))
    return ld, meta, href, which


def _mutate(html: bytes, ld: str, meta: str, href: str, which: set[str]) -> bytes:
    tree = lxml.html.document_fromstring(html)
    head = tree.find("head")
    if "ld" in which:
        for script in tree.xpath("//script[@type='application/ld+json']"):
            script.text = ld
        extra = lxml.html.fragment_fromstring('<script type="application/ld+json"></script>')
        extra.text = ld
        head.append(extra)
    if "breadcrumb" in which:
        crumb = lxml.html.fragment_fromstring('<script type="application/ld+json"></script>')
        crumb.text = json.dumps({"@type": "BreadcrumbList", "itemListElement": [[{"name": meta}], [meta], 3]})
        head.append(crumb)
    if "meta" in which:
        for m in tree.xpath("//meta[@content]"):
            if m.get("http-equiv") is None and m.get("charset") is None:
                m.set("content", meta)
    if "canonical" in which:
        for link in tree.xpath("//link[@rel='canonical']"):
            link.set("href", href)
        for base in tree.xpath("//base"):
            base.set("href", href)
    if "img" in which:
        for img in tree.xpath("//img")[:20]:
            img.set("src", href)
            img.set("data-src", href)
    return lxml.html.tostring(tree, encoding="utf-8")


def _body_paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n")[1:] if len(p) > 80]  # the first may be a lead from og:description


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_mutated_metadata_never_fails_the_body(fixtures_html, name):
    html = (fixtures_html / name).read_bytes()
    url = re.search(rb'<link rel="canonical" href="([^"]+)"', html).group(1).decode()
    expected = _body_paragraphs(parse_html(html, url).text)
    expected_generic = _body_paragraphs(generic.parse_article(html, url).text)
    assert len(expected) >= 4

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutations())
    def check(m):
        page = _mutate(html, *m)
        for got, want in ((parse_html(page, url), expected), (parse_html(page), None),
                          (generic.parse_article(page, url), expected_generic)):
            paragraphs = got.text.split("\n\n")
            for p in want or expected_generic[:2]:
                assert p in paragraphs
            got.to_dict()  # every field serialises

    check()


def test_breadcrumb_items_nested_in_lists_are_read(fixtures_html):
    """`"itemListElement": [[{...}], [{...}]]` (seen on a national outlet) is read, not a traceback."""
    html = (fixtures_html / "vtcnews-article.html").read_bytes().decode("utf-8")
    ld = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        [{"@type": "ListItem", "position": 1, "item": {"@id": "https://vtcnews.vn/", "name": "Trang chủ"}}],
        [{"@type": "ListItem", "position": 2, "item": {"@id": "https://vtcnews.vn/thoi-su-28.html", "name": "Thời sự"}}],
        [{"@type": "ListItem", "position": 3, "name": "Giao thông"}]]}
    html = re.sub(r'<script type="application/ld\+json">\s*\{[^<]*BreadcrumbList[^<]*</script>',
                  lambda m: f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>', html)
    assert "Giao thông" in html
    art = parse_html(html)
    assert art.category == "Thời sự > Giao thông"
    assert art.title and art.published and len(art.text) > 1000


RELATED = """<div class="box-{kind}">
  <h3 class="box-title">Tin cùng chủ đề</h3>
  <article><h4><a href="/bai-lien-quan-mot-a900001.html">Khánh thành cầu vượt nút giao thông phía Đông thành phố</a></h4>
    <p>Công trình giúp giảm ùn tắc tại cửa ngõ, rút ngắn thời gian đi lại của người dân.</p></article>
  <article><h4><a href="/bai-lien-quan-hai-a900002.html">Đề xuất mở rộng tuyến đường nối cảng với khu công nghiệp</a></h4>
    <p>Sở Xây dựng kiến nghị bố trí vốn trung hạn để khởi công trong năm tới.</p></article>
  <article><h4><a href="/bai-lien-quan-ba-a900003.html">Người dân góp ý quy hoạch giao thông đến năm 2030</a></h4></article>
</div>"""
FIGURE = """<figure class="photo"><img src="data:image/gif;base64,R0lGOD" data-lazy-load="x"><figcaption>Ảnh chú thích
  thử nghiệm: công nhân thi công trên công trường.</figcaption></figure>
<figure><picture><source srcset="/anh/thu-nghiem-800.webp 800w, /anh/thu-nghiem-400.webp 400w"><img alt=""></picture>
  <figcaption>Chú thích thứ hai của ảnh dùng srcset.</figcaption></figure>"""


def _insert_into_body(html: bytes, fragment: str) -> bytes:
    tree = lxml.html.document_fromstring(html)
    container = generic.find_body(tree)
    blocks = [c for c in container if c.tag in ("p", "div", "figure")]
    at = container.index(blocks[min(2, len(blocks) - 1)])
    for i, el in enumerate(lxml.html.fragments_fromstring(fragment)):
        container.insert(at + 1 + i, el)
    return lxml.html.tostring(tree, encoding="utf-8")


@pytest.mark.parametrize("name", ARTICLE_PAGES)
@pytest.mark.parametrize("kind", ["tin-cung-chu-de", "x9"])  # a class the junk patterns know, and one they don't
def test_related_box_inside_the_body_is_not_text(fixtures_html, name, kind):
    html = (fixtures_html / name).read_bytes()
    url = re.search(rb'<link rel="canonical" href="([^"]+)"', html).group(1).decode()
    page = _insert_into_body(html, RELATED.format(kind=kind))
    for before, after in ((parse_html(html, url), parse_html(page, url)),
                          (generic.parse_article(html, url), generic.parse_article(page, url))):
        for phrase in ("Khánh thành cầu vượt", "Công trình giúp giảm", "Sở Xây dựng kiến nghị", "Người dân góp ý"):
            assert phrase not in after.text
        assert after.text == before.text


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_captions_are_kept_as_image_captions_not_text(fixtures_html, name):
    html = (fixtures_html / name).read_bytes()
    url = re.search(rb'<link rel="canonical" href="([^"]+)"', html).group(1).decode()
    page = _insert_into_body(html, FIGURE)
    for art in (parse_html(page, url), generic.parse_article(page, url)):
        captions = {i.caption: i.url for i in art.images if i.caption}
        first = "Ảnh chú thích thử nghiệm: công nhân thi công trên công trường."
        second = "Chú thích thứ hai của ảnh dùng srcset."
        assert first in captions and second in captions
        assert captions[second].endswith("/anh/thu-nghiem-800.webp")
        assert "chú thích" not in art.text.lower()
        art.to_dict()


def test_text_nested_past_the_parser_depth_limit_is_kept():
    """libxml2 stops at 256 levels (2048 with huge_tree) and drops the rest of the page."""
    para = "<p>Đoạn văn {n} của bài viết nằm rất sâu trong trang, đủ dài để được tính là một đoạn của thân bài.</p>"
    paras = "".join(para.format(n=n) for n in range(1, 5))
    for depth in (300, 3000):
        deep = "<html><body><div id=main>" + "<div><span>" * depth + paras + "</span></div>" * depth + "</div></body></html>"
        art = parse_html(deep)
        assert art.text.split("\n\n") == [para.format(n=n)[3:-4] for n in range(1, 5)]
        # a deep menu before the article no longer swallows the article after it
        menu = "<div class=menu>" + "<div>" * depth + "Trang chủ" + "</div>" * depth + "</div>"
        art = parse_html(f"<html><body>{menu}<article>{paras}</article></body></html>")
        assert len(art.text.split("\n\n")) == 4


def test_page_size_limit(fixtures_html, tmp_path):
    from vnnews.scrapers.errors import ParseError

    html = (fixtures_html / "vtcnews-article.html").read_bytes()
    big = html.replace(b"</body>", b"<div class='comments'>" + b"<p>binh luan</p>" * 700_000 + b"</div></body>")
    assert len(big) > 10 * 1024 * 1024
    with pytest.raises(ParseError, match=rf"page of {len(big)} bytes exceeds the 10485760-byte"):
        parse_html(big)
    path = tmp_path / "big.html"
    path.write_bytes(big)
    run = [sys.executable, "-m", "vnnews", "parse", str(path), "--format", "text"]
    r = subprocess.run(run, capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == (f"vnnews parse: {path}: page of {len(big)} bytes exceeds the 10485760-byte "
                                "page size limit (max_bytes, --max-bytes on the command line)")
    r = subprocess.run(run + ["--max-bytes", str(len(big))], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0 and "Mở rộng đường" in r.stdout
    r = subprocess.run([sys.executable, "-m", "vnnews", "extract", str(path)], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "exceeds the 10485760-byte" in r.stderr


def test_parse_text_format_marks_captions(fixtures_html):
    path = fixtures_html / "baocantho-article.html"
    r = subprocess.run([sys.executable, "-m", "vnnews", "parse", str(path), "--format", "text"],
                       capture_output=True, text=True, cwd=REPO)
    art = parse_html(path.read_bytes())
    assert r.returncode == 0
    captions = [line[6:] for line in r.stdout.splitlines() if line.startswith("[ảnh] ")]
    assert captions and captions == [i.caption for i in art.images if i.caption]
    assert all(c not in art.text for c in captions)
