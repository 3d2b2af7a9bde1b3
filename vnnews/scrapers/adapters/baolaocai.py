"""baolaocai.vn: article URLs end `-post<id>.html`.

Layout (fixture): title `h1.article__title`, lead `div.article__sapo`, time `time/@datetime`,
body `div.article__body` (paragraphs are `<div>`s; ad slots `div.sda_middle`), byline = last
right-aligned `div` (aligned by a class the body's own `<style>` defines), category
`div.breadcrumbs a`, tags `div.article__tags a`.
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

ARTICLE_URL = re.compile(r"-post\d+\.html$")


def is_article_url(url: str) -> bool:
    return common.matches(ARTICLE_URL, url)


def parse_article(html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
    """An Article from a baolaocai.vn page; `ParseError` when it has no article body."""
    tree = common.tree_of(html)
    site = common.site_of(tree, url, site)
    container = dom.first(tree, f"//div[{has_class('article__body')}]", "//*[@itemprop='articleBody']")
    if container is None:
        raise ParseError("no article body (div.article__body) on this page")
    body = extract_body(container, dom.base_url(tree, url))
    title = dom.first_text(tree, f"//h1[{has_class('article__title')}]", "//h1")
    lead = dom.first_text(tree, f"//div[{has_class('article__sapo')}]") or dom.meta(tree, "og:description")
    optional = common.optional  # each optional field: a malformed one is skipped, never fatal
    published = optional(lambda: to_datetime(dom.first_text(
        tree, f"//div[{has_class('article__meta')}]//time/@datetime")) or common.published_from_meta(tree))
    category = optional(lambda: " > ".join(dom.text_of(a) for a in tree.xpath(
        f"//div[{has_class('breadcrumbs')}]//a")) or dom.meta(tree, "article:section"))
    tags = optional(lambda: [dom.text_of(a) for a in tree.xpath(f"//div[{has_class('article__tags')}]//a")])
    return common.build(tree, url, site, title=title, body=body, lead=lead, published=published,
                        category=category, tags=tags)


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a list page and the next page's URL."""
    tree = common.tree_of(html)
    scope = f"//div[{has_class('main-col')}]//" if tree.xpath(f"//div[{has_class('main-col')}]") else "//"
    return common.article_links(tree, url, ARTICLE_URL, scope=scope), common.next_page(tree, url)
