"""Optional page fields never fail a page: JSON-LD, Open Graph and other meta tags, breadcrumbs,
canonical links and image sources are mutated on the real fixture pages (hypothesis), and the
article body must still come out."""
from __future__ import annotations

import json
import re

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnnews.scrapers import generic, parse_html

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
