"""vtcnews.vn: article URLs end `-ar<id>.html`.

Layout (fixture): title `h1`, lead `div.content-wrapper > h2` after the `(VTC News) -` tag,
body `div[itemprop=articleBody]` (photos in `figure`, text in `p`), byline `div.author-make`,
date and author in JSON-LD, category from the JSON-LD breadcrumb, tags `ul.keylink a`.
List pages: `section.list-articles h3 a`; next page `a.btn-show-news` (`/…/trang-2.html`).
"""
from __future__ import annotations

import re

from ...dates import to_datetime
from ...models import Article
from .. import dom
from ..body import clean_byline, extract_body
from ..dom import HtmlElement, has_class
from ..errors import ParseError
from ..sites import Site
from . import common

ARTICLE_URL = re.compile(r"-ar\d+\.html$")


def is_article_url(url: str) -> bool:
    return common.matches(ARTICLE_URL, url)


def parse_article(html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
    """An Article from a vtcnews.vn page; `ParseError` when it has no article body."""
    tree = common.tree_of(html)
    site = common.site_of(tree, url, site)
    container = dom.first(tree, "//div[@itemprop='articleBody']", f"//div[{has_class('edittor-content')}]")
    if container is None:
        raise ParseError("no article body (div[itemprop=articleBody]) on this page")
    byline = dom.first(container, f".//div[{has_class('author-make')}]")
    body = extract_body(container, dom.base_url(tree, url), drop=[byline] if byline is not None else None)
    ld = dom.ld_article(tree)
    title = dom.first_text(tree, "//section[contains(@class,'nd-detail')]//h1", "//h1")
    lead = dom.first_text(tree, f"//div[{has_class('content-wrapper')}]/h2") or dom.meta(tree, "og:description")
    tag = dom.first_text(tree, f"//div[{has_class('content-wrapper')}]/span[{has_class('inline-nb')}]")
    if lead and tag and tag.rstrip(" -–").startswith("("):
        lead = f"{tag.strip()} {lead}"
    optional = common.optional  # each optional field: a malformed one is skipped, never fatal
    published = optional(lambda: to_datetime(dom.ld_text(ld, "datePublished"))
                         or common.published_from_meta(tree))
    author = optional(lambda: dom.ld_author(ld) or (clean_byline(dom.text_of(byline)) if byline is not None
                                                     else None))
    category = optional(lambda: common.breadcrumb_ld(tree) or dom.meta(tree, "article:section"))
    tags = [dom.text_of(a) for a in tree.xpath(f"//ul[{has_class('keylink')}]//a")]
    return common.build(tree, url, site, title=title, body=body, lead=lead, published=published,
                        author=author, category=category, tags=tags)


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a list page and the next page's URL."""
    tree = common.tree_of(html)
    scope = "//section[contains(@class,'list-articles')]//" if tree.xpath(
        "//section[contains(@class,'list-articles')]") else "//"
    links = common.article_links(tree, url, ARTICLE_URL, scope=scope)
    more = tree.xpath(f"//a[{has_class('btn-show-news')}]/@href")
    nxt = (dom.join(url, more[0]) if more else None) or common.next_page(tree, url)
    return links, nxt
