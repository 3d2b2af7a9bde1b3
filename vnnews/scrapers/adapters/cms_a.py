"""The `-a<id>.html` CMS: baodongkhoi.vn (and its home under baovinhlong.vn), baocantho.com.vn,
baolongan.vn, baodongthap.vn, baoangiang.com.vn, baobinhduong.vn.

Layout (baocantho fixture and ../shared/sites.md): title `h1.margintopbot10` (or `h1.title`),
date `span.pubdate` (`08/01/2026 - 18:21`), body `#newscontents div.content-fck` (or
`#contentNews .singular-content`, `#contentNews`), lead = first body paragraph starting with a
source tag `(CTO) -` / `BDK -` (or `.detail-desc`), captions = centred `<em>` paragraphs after
an image, byline = last right-aligned bold paragraph, category `div.titlecate h1 a` /
`h2.catename-h1 a` / `div.breadcrumb-news-detail a` (baodongthap, baobinhduong) /
`input#txtnewscate`, tags `div.block_tag a.tag_item`.
List pages: links ending `-a<id>.html`; next page `#page a` labelled `>`.
"""
from __future__ import annotations

import re

from ...dates import to_datetime
from ...models import Article
from .. import dom
from ..body import extract_body
from ..dom import HtmlElement, has_class
from ..errors import ParseError
from ..sites import Site
from . import common

ARTICLE_URL = re.compile(r"-a\d+\.html$")
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}\s*-\s*\d{1,2}:\d{2}")
_SOURCE_TAG = re.compile(r"^\s*(?:\([A-ZĐ][A-ZĐa-z.]{1,12}\)|[A-ZĐ]{2,6}(?:\.VN)?)\s*[-–—]\s*")
BODY_XPATHS = (
    f"//div[@id='newscontents']//div[{has_class('content-fck')}]",
    f"//div[@id='contentNews']//div[{has_class('singular-content')}]",
    "//div[@id='contentNews']",
    "//div[@id='newscontents']",
    f"//div[{has_class('content-fck')}]",
)


def is_article_url(url: str) -> bool:
    return common.matches(ARTICLE_URL, url)


def parse_article(html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
    """An Article from a page of this CMS; `ParseError` when it has no article body."""
    tree = common.tree_of(html)
    site = common.site_of(tree, url, site)
    container = dom.first(tree, *BODY_XPATHS)
    if container is None:
        raise ParseError("no article body (div.content-fck / #contentNews) on this page")
    base = dom.base_url(tree, url)
    body = extract_body(container, base)
    title = dom.first_text(
        tree,
        f"//h1[{has_class('margintopbot10')}]",
        f"//h1[{has_class('title')}]",
        f"//div[@id='colcate1']//h1[not(ancestor::div[{has_class('titlecate')}])]",
    )
    lead = dom.first_text(tree, f"//div[{has_class('detail-desc')}]//p", f"//div[{has_class('detail-desc')}]")
    if not lead and body.paragraphs and _SOURCE_TAG.match(body.paragraphs[0]):
        lead = body.paragraphs[0]
    if not lead:
        lead = dom.meta(tree, "og:description", "description")
        if lead and body.paragraphs and not common.covers(body.paragraphs[0], lead):
            lead = None  # a description that is not in the text is a summary, not the lead
    published = common.optional(_published, tree)
    crumbs = [common.uppercase_fix(dom.text_of(a).lstrip("> ").strip()) for a in tree.xpath(
        f"//div[{has_class('titlecate')}]//a | //h2[{has_class('catename-h1')}]//a"
        f" | //div[{has_class('breadcrumb-news-detail')}]//a[@href!='/' and @href!='#']")]
    crumbs = [c for c in crumbs if c and c.lower() != "trang chủ"]
    category = " > ".join(dict.fromkeys(crumbs)) or dom.first_text(tree, "//input[@id='txtnewscate']/@value")
    tags = [dom.text_of(a) for a in tree.xpath(f"//div[{has_class('block_tag')}]//a")]
    if not tags:
        tags = [t for t in (dom.meta(tree, "keywords") or "").split(",")]
    return common.build(tree, url, site, title=title, body=body, lead=lead, published=published,
                        category=category, tags=tags)


def _published(tree: HtmlElement):
    """The date line (`08/01/2026 - 18:21`), else the page metadata's publication time."""
    date_text = dom.first_text(tree, f"//span[{has_class('pubdate')}]", f"//*[{has_class('date')}]")
    published = to_datetime(date_text) if date_text and _DATE.search(date_text) else None
    return published or common.published_from_meta(tree)


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a category/home page, and the next page's URL (None on the last page)."""
    tree = common.tree_of(html)
    scope = "//div[@id='colcate1']//" if tree.xpath("//div[@id='colcate1']") else "//"
    links = common.article_links(tree, url, ARTICLE_URL, scope=scope)
    nxt = None
    for a in tree.xpath("//div[@id='page']//a[@href] | //div[contains(@class,'boxpage')]//a[@href]"):
        if dom.text_of(a) in (">", "›", "Trang sau"):
            href = a.get("href").strip()
            if not href.startswith("javascript:"):
                nxt = dom.join(dom.base_url(tree, url) or url, href)
                break
    else:
        nxt = common.next_page(tree, url)
    return links, nxt
