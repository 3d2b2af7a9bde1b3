"""znews.vn (formerly zingnews.vn): article URLs end `-post<id>.html`.

Layout (fixture): title `h1.the-article-title`, lead `p.the-article-summary`, body
`div.the-article-body` (photos in `table.picture` with `td.pCaption`; related-article
tables `table.article` and promo boxes `div.notebox` dropped), byline
`div.the-article-credit p.author`, tags `meta[article:tag]`, category `p.the-article-category`.
List pages: `article.article-item h3 a`; next page `/<category>/trang<N>.html`.
"""
from __future__ import annotations

import re

from ...models import Article
from .. import dom
from ..body import clean_byline, extract_body
from ..dom import HtmlElement, has_class
from ..errors import ParseError
from ..sites import Site
from . import common

ARTICLE_URL = re.compile(r"-post\d+\.html$")


def is_article_url(url: str) -> bool:
    return common.matches(ARTICLE_URL, url)


def parse_article(html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
    """An Article from a znews.vn page; `ParseError` when it has no article body."""
    tree = common.tree_of(html)
    site = common.site_of(tree, url, site)
    container = dom.first(tree, f"//div[{has_class('the-article-body')}]")
    if container is None:
        raise ParseError("no article body (div.the-article-body) on this page")
    junk = container.xpath(f".//table[{has_class('article')}] | .//div[{has_class('notebox')}]"
                           f" | .//div[{has_class('inner-article')}]")
    body = extract_body(container, dom.base_url(tree, url), drop=junk)
    title = dom.first_text(tree, f"//h1[{has_class('the-article-title')}]", "//h1")
    lead = dom.first_text(tree, f"//p[{has_class('the-article-summary')}]") or dom.meta(tree, "og:description")
    optional = common.optional  # each optional field: a malformed one is skipped, never fatal
    published = optional(common.published_from_meta, tree)
    author = optional(lambda: clean_byline(dom.first_text(
        tree, f"//div[{has_class('the-article-credit')}]//p[{has_class('author')}]"))
        or dom.ld_author(dom.ld_article(tree)))
    category = optional(lambda: dom.first_text(tree, f"//p[{has_class('the-article-category')}]")
                        or common.breadcrumb_ld(tree))
    tags = dom.meta_all(tree, "article:tag") or [
        dom.text_of(x) for x in tree.xpath(f"//p[{has_class('the-article-tags')}]/*")]
    return common.build(tree, url, site, title=title, body=body, lead=lead, published=published,
                        author=author, category=category, tags=tags)


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a category page and the next page's URL."""
    tree = common.tree_of(html)
    links = common.article_links(tree, url, ARTICLE_URL, scope="//article//")
    if not links:
        links = common.article_links(tree, url, ARTICLE_URL)
    return links, common.next_page(tree, url)
