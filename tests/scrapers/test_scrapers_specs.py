"""Site specs (resources/scrapers/adapters/*.toml): checked when loaded, applied by named stages,
and the fields of the real fixture pages read from the first source of the spec that finds them."""
from __future__ import annotations

import dataclasses
import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from vnnews.dates import to_datetime
from vnnews.scrapers import adapters, parse_html, parse_list, parse_with_spec
from vnnews.scrapers.adapters import common, spec, stages
from vnnews.scrapers.body import clean_byline
from vnnews.scrapers.dom import clean, text_of
from vnnews.scrapers.errors import ParseError
from vnnews.scrapers.sites import all_sites

REPO = Path(__file__).resolve().parents[2]
ARTICLE_PAGES = ["baocantho-article.html", "baolaocai-article.html", "vtcnews-article.html", "znews-article.html"]
# Fields cms_a.py reads with code of its own (see its docstring); the others are the spec's alone.
CODED_FIELDS = {"cms_a": {"lead", "published", "category"}}


def test_every_family_has_a_spec_that_loads_and_every_site_names_one():
    assert set(adapters.NAMES) == set(spec.names()) and set(adapters.CODED) <= set(adapters.NAMES)
    for name in adapters.NAMES:
        the = spec.load(name)
        assert the.name == name and the.article["body"] and the.article_url.pattern
    for site in all_sites():
        assert site.adapter in adapters.NAMES, site.name


def test_data_families_have_no_module_and_lookup_is_unchanged():
    for name in adapters.NAMES:
        adapter = adapters.module(name)
        assert isinstance(adapter, stages.SpecAdapter) == (name not in adapters.CODED)
        assert (REPO / "vnnews" / "scrapers" / "adapters" / f"{name}.py").exists() == (name in adapters.CODED)
    assert adapters.for_url("https://znews.vn/a-post1.html")[0] is adapters.module("znews")
    assert adapters.for_url("https://baocantho.com.vn/a-a1.html")[0] is adapters.module("cms_a")
    assert adapters.module("vtcnews").is_article_url("https://vtcnews.vn/x-ar123.html?utm_source=a")
    assert not adapters.module("vtcnews").is_article_url("https://vtcnews.vn/tin-moi-hom-nay.html")
    with pytest.raises(KeyError):
        adapters.module("nosuchsite")


GOOD = '[article]\nurl = \'-a\\d+\\.html$\'\nbody = ["//div[has-class(\'content\')]"]\n'


@pytest.mark.parametrize("text,key,says", [
    ("[article\n", "", "not TOML"),
    ('[article]\nbody = ["//div"]\n', "article.url", "missing"),
    ("[article]\nurl = 'x'\n", "article.body", "missing"),
    ("[article]\nurl = 'x('\nbody = ['//div']\n", "article.url", "not a regular expression"),
    ("[article]\nurl = 'x'\nbody = ['//div[']\n", "article.body", "not an XPath"),
    ("[article]\nurl = 'x'\nbody = []\n", "article.body", "at least one"),
    ("[article]\nurl = 'x'\nbody = ['.//div']\n", "article.body", "not relative"),
    (GOOD + "drop = ['//aside']\n", "article.drop", "starts with '.'"),
    (GOOD + "titel = ['//h1']\n", "article.titel", "unknown key"),
    (GOOD + "title = '//h1['\n", "article.title", "not an XPath"),
    (GOOD + "title = [1]\n", "article.title", "a list of non-empty strings"),
    (GOOD + "lead = ['og:description']\n", "article.lead", "neither an XPath nor a reader"),
    (GOOD + "lead = ['meta']\n", "article.lead", "needs a name"),
    (GOOD + "title = ['page-date']\n", "article.title", "'page-date'"),
    (GOOD + "tags = ['all json-ld keywords']\n", "article.tags", "'all' goes with"),
    (GOOD + "[list]\nscope = '//ul['\n", "list.scope", "not an XPath"),
    (GOOD + "[list]\nwhole_page_when_scope_empty = 'yes'\n", "list.whole_page_when_scope_empty", "true or false"),
    (GOOD + "[patterns]\nsource_tag = '(x'\n", "patterns.source_tag", "not a regular expression"),
    (GOOD + "[xpaths]\ncrumbs = ['//a[']\n", "xpaths.crumbs", "not an XPath"),
    (GOOD + "[sites]\nx = 1\n", "sites", "unknown key"),
])
def test_a_bad_spec_is_one_error_naming_the_file_and_the_key(tmp_path, text, key, says):
    path = tmp_path / "family.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(spec.SpecError) as e:
        spec.read(path)
    message = str(e.value)
    assert message.startswith(f"{path}: {key}") and says in message and "\n" not in message


def test_a_code_adapter_names_the_extras_it_needs(tmp_path):
    path = tmp_path / "cms_b.toml"
    path.write_text(GOOD + "[patterns]\nsource_tag = 'x'\n", encoding="utf-8")
    with pytest.raises(spec.SpecError, match=r"cms_b.toml: xpaths.crumbs: missing \(the cms_b adapter reads it\)"):
        spec.require(spec.read(path), xpaths=("crumbs",), patterns=("source_tag",))


def test_module_doctests():
    for module in (spec, stages, common):
        failures, tried = doctest.testmod(module)
        assert failures == 0 and (tried > 0 or module is stages), module.__name__


PAGE = """<html><head><title>Tiêu đề trong thẻ title</title>
<meta property="og:description" content="Mô tả của trang, không có trong bài.">
<meta name="keywords" content="nông thôn mới, giao thông">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-07-04T09:15:00+07:00",
 "author": {"@type": "Person", "name": "Phan Hân"}}</script></head><body>
<div class="crumbs"><a href="/">Trang chủ</a><a href="/xa-hoi/">Xã hội</a></div>
<h1 class="headline">Khánh thành đường liên xã</h1><p class="sapo">Sáng 4-7, huyện khánh thành tuyến đường mới.</p>
<div class="content"><p>Tuyến đường dài 5 km, nối ba xã, được đầu tư từ ngân sách tỉnh và nguồn vốn xã hội hóa.</p>
<div class="hop-sach">Giới thiệu sách: cuốn địa chí của huyện vừa được tái bản, có bán tại nhà sách tỉnh.</div>
<p>Công trình giúp người dân đi lại thuận tiện, nhất là vào mùa mưa lũ hằng năm ở địa phương.</p>
<div class="byline">Văn Nam</div></div></body></html>"""
SPEC = """[article]
url = '-a\\d+\\.html$'
body = ["//div[has-class('content')]"]
drop = [".//div[has-class('hop-sach')]", ".//div[has-class('byline')]"]
title = ["//h1[has-class('title')]", "//h1[has-class('headline')]"]
lead = ["//div[has-class('sapo')]", "//p[has-class('sapo')]"]
published = ["//time/@datetime", "json-ld datePublished"]
author = [".//div[has-class('byline')]", "json-ld author"]
category = ["all //div[has-class('crumbs')]/a[@href!='/']"]
tags = ["all //div[has-class('tags')]//a", "meta keywords"]
"""


def test_the_spec_alone_decides_each_field(tmp_path):
    """A page and a spec written for the test: each field comes from the first source that finds it."""
    path = tmp_path / "test.toml"
    path.write_text(SPEC, encoding="utf-8")
    the = spec.read(path)
    art = stages.parse_article(the, PAGE, "https://example.org/khanh-thanh-a1.html")
    assert art.title == "Khánh thành đường liên xã"
    assert art.lead == "Sáng 4-7, huyện khánh thành tuyến đường mới."
    assert art.text.split("\n\n")[1:] == [
        "Tuyến đường dài 5 km, nối ba xã, được đầu tư từ ngân sách tỉnh và nguồn vốn xã hội hóa.",
        "Công trình giúp người dân đi lại thuận tiện, nhất là vào mùa mưa lũ hằng năm ở địa phương."]
    assert art.published == to_datetime("2024-07-04T09:15:00+07:00")
    assert art.author == "Văn Nam" and art.category == "Xã hội" and art.tags == ["nông thôn mới", "giao thông"]
    # change the data, not the code: other sources give other fields
    other = dataclasses.replace(the, article={**the.article, "title": ("//title",), "author": ("json-ld author",),
                                              "lead": ("meta og:description",), "drop": ()})
    art = stages.parse_article(other, PAGE, None)
    assert art.title == "Tiêu đề trong thẻ title" and art.author == "Phan Hân"
    assert art.lead == "Mô tả của trang, không có trong bài." and art.text.startswith(art.lead)
    assert "Giới thiệu sách" in art.text
    with pytest.raises(ParseError, match="article.body"):
        stages.parse_article(the, "<html><body><p>Không có thân bài.</p></body></html>", None)
    with pytest.raises(TypeError, match="no stage called headline"):
        stages.parse_article(the, PAGE, None, headline=lambda page: "x")


def test_list_scope(tmp_path):
    path = tmp_path / "list.toml"
    path.write_text(GOOD + "[list]\nscope = \"//div[has-class('main')]\"\nnext = ['//a[@id=\"more\"]/@href']\n")
    the = spec.read(path)
    page = ('<html><body><div class="main">{}</div><a href="/side-a9.html">x</a>'
            '<a id="more" href="/tin/trang-2.html">Xem thêm</a></body></html>')
    links, nxt = stages.parse_list(the, page.format('<a href="/tin/mot-a1.html">1</a>'), "https://example.org/tin/")
    assert links == ["https://example.org/tin/mot-a1.html"] and nxt == "https://example.org/tin/trang-2.html"
    assert stages.parse_list(the, page.format(""), "https://example.org/tin/")[0] == []
    wide = dataclasses.replace(the, whole_page_when_scope_empty=True)
    assert stages.parse_list(wide, page.format(""), "https://example.org/tin/")[0] == ["https://example.org/side-a9.html"]
    no_scope = page.replace('class="main"', 'class="other"').format("")
    assert stages.parse_list(the, no_scope, "https://example.org/tin/")[0] == ["https://example.org/side-a9.html"]


def first_source_value(tree, box, field: str, sources) -> tuple[str, object] | None:
    """What the first source that finds something gives, read with plain lxml (not the stages)."""
    for source in sources:
        every = source.startswith("all ")
        s = source[4:] if every else source
        if not spec.is_xpath(s):
            if s.startswith("meta "):
                names = s[5:].split()
                hits = [v for n in names for v in tree.xpath(f"//meta[@property='{n}' or @name='{n}']/@content")]
                if every and hits:
                    return source, [clean(h) for h in hits]
                if not every and hits and clean(hits[0]):
                    return source, clean(hits[0])
                continue
            return None  # JSON-LD and page dates: read by dom's own helpers, not re-read here
        hits = (box if s.startswith(".") else tree).xpath(s)
        texts = [clean(h) if isinstance(h, str) else text_of(h) for h in hits]
        if every and texts:
            return source, texts
        if not every and any(texts):
            return source, next(t for t in texts if t)
    return None


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_fixture_fields_come_from_the_first_spec_source_that_finds_them(fixtures_html, name):
    html = (fixtures_html / name).read_text("utf-8")
    url = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    adapter, site = adapters.for_url(url)
    the = spec.load(site.adapter)
    art = parse_html(html, url)
    tree = lxml.html.fromstring(html)
    box = next(hit for xp in the.article["body"] for hit in tree.xpath(xp))
    checked = []
    for field in ("title", "lead", "published", "author", "category", "tags"):
        if field in CODED_FIELDS.get(the.name, ()):
            continue
        found = first_source_value(tree, box, field, the.article[field])
        if found is None:
            continue
        source, value = found
        if field == "tags":
            value = value.split(",") if isinstance(value, str) else value
            assert [t for t in (clean(v).lstrip("#").strip(" ,") for v in value) if t] == art.tags, source
        elif field == "category" and isinstance(value, list):
            assert art.category == " > ".join(value), source
        elif field == "published":
            assert art.published == to_datetime(value), source
        elif field == "author":
            assert art.author == (clean_byline(value) if spec.is_xpath(source) else value), source
        elif field == "lead" and the.article["lead_tag"]:
            assert art.lead.endswith(value), source
        else:
            assert getattr(art, field) == value, (field, source)
        checked.append(field)
    assert {"title", "tags"} <= set(checked) and len(checked) >= 2 + (the.name not in CODED_FIELDS), checked


def test_cli_parse_with_a_spec_being_written(tmp_path):
    page, good, bad = tmp_path / "page.html", tmp_path / "test.toml", tmp_path / "broken.toml"
    page.write_text(PAGE, encoding="utf-8")
    good.write_text(SPEC, encoding="utf-8")
    bad.write_text(SPEC.replace("title =", "titel ="), encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "vnnews", "parse", *args], capture_output=True, text=True,
                              cwd=REPO)

    ok = run(str(page), "--spec", str(good), "--url", "https://example.org/khanh-thanh-a1.html")
    assert ok.returncode == 0, ok.stderr
    art = json.loads(ok.stdout)
    assert (art["title"], art["author"], art["category"]) == ("Khánh thành đường liên xã", "Văn Nam", "Xã hội")
    assert art == parse_with_spec(PAGE, "https://example.org/khanh-thanh-a1.html", good).to_dict()
    err = run(str(page), "--spec", str(bad))
    assert err.returncode == 1 and err.stderr == f"vnnews parse: {bad}: article.titel: unknown key " \
        f"(known: {', '.join(spec.ARTICLE_KEYS)})\n"
    none = run(str(page), "--spec", str(tmp_path / "none.toml"))
    assert none.returncode == 1 and "none.toml: cannot read" in none.stderr and "Traceback" not in none.stderr


def test_parse_list_of_the_data_families(fixtures_html):
    """The data-only families' list pages: links in the scope, next page from `list.next` or the pager."""
    links, nxt = parse_list((fixtures_html / "vtcnews-latest.html").read_bytes(), "https://vtcnews.vn/tin-moi-hom-nay.html")
    tree = lxml.html.fromstring((fixtures_html / "vtcnews-latest.html").read_bytes())
    more = tree.xpath(spec.load("vtcnews").next[0])
    assert more and nxt == common.dom.join("https://vtcnews.vn/tin-moi-hom-nay.html", more[0])
    assert links and all(adapters.module("vtcnews").is_article_url(u) for u in links)


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_the_spec_file_alone_gives_the_registered_adapters_article(fixtures_html, name):
    """`vnnews parse --spec <family>.toml` shows what the registered adapter makes of the page
    (for a family with code, only the fields the spec alone decides)."""
    html = (fixtures_html / name).read_bytes()
    url = re.search(rb'<link rel="canonical" href="([^"]+)"', html).group(1).decode()
    family = adapters.for_url(url)[1].adapter
    by_spec = parse_with_spec(html, url, REPO / "vnnews" / "resources" / "scrapers" / "adapters" / f"{family}.toml")
    registered = parse_html(html, url).to_dict()
    same = {k: v for k, v in by_spec.to_dict().items() if k not in CODED_FIELDS.get(family, ()) and k != "text"}
    assert same == {k: registered[k] for k in same}
    if family not in CODED_FIELDS:
        assert by_spec.text == registered["text"]
