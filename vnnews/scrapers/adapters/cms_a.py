"""The `-a<id>.html` CMS (baodongkhoi, baocantho, baolongan, baodongthap, baoangiang,
baobinhduong): its spec (`resources/scrapers/adapters/cms_a.toml`) plus the code its pages need.

Why code: the lead of this CMS is often not marked up, so it is the first body paragraph when
that opens with a source tag (`(CTO) -`, `BDK -`), and the page description only when the text
holds it; the date line is read only when it has a date and a time; breadcrumbs come written in
capitals, behind `>` and with a home link; the pager's next link is found by its label.
Everything else is the spec, applied by `stages`.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from ...dates import to_datetime
from ...models import Article
from .. import dom
from ..dom import HtmlElement
from ..sites import Site
from . import common, spec, stages
from .stages import Page


@lru_cache(maxsize=1)
def the_spec() -> spec.Spec:
    """This family's spec, with the extras the code below reads."""
    return spec.require(spec.load("cms_a"), xpaths=("crumbs", "pager"),
                        patterns=("source_tag", "date_line", "next_label"))


def is_article_url(url: str) -> bool:
    return common.matches(the_spec().article_url, url)


def parse_article(html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
    """An Article from a page of this CMS; `ParseError` when it has no article body."""
    return stages.parse_article(the_spec(), html, url, site, lead=lead, published=published, category=category)


def lead(page: Page) -> str | None:
    """The lead block (`div.detail-desc`); else the first paragraph when it opens with a source
    tag; else the page description when the text holds it (otherwise it is a summary)."""
    sources = page.spec.article["lead"]
    found = stages.read(page, "lead", [s for s in sources if spec.is_xpath(s)])
    if found:
        return found
    first = page.body.paragraphs[0] if page.body.paragraphs else None
    if first and page.spec.patterns["source_tag"].match(first):
        return first
    described = stages.read(page, "lead", [s for s in sources if not spec.is_xpath(s)])
    if described and first and not common.covers(first, described):
        return None
    return described


def published(page: Page) -> datetime | None:
    """The date line (`08/01/2026 - 18:21`) when it holds a date and time, else the page metadata's."""
    sources = page.spec.article["published"]
    text = dom.first_text(page.tree, *[s for s in sources if spec.is_xpath(s)])
    when = to_datetime(text) if text and page.spec.patterns["date_line"].search(text) else None
    return when or stages.read(page, "published", [s for s in sources if not spec.is_xpath(s)])


def category(page: Page) -> str | None:
    """The breadcrumbs (`THỜI SỰ` > `Cần Thơ` -> `Thời sự > Cần Thơ`, home link left out), else the spec's."""
    crumbs = [common.uppercase_fix(dom.text_of(a).lstrip("> ").strip())
              for a in page.tree.xpath(" | ".join(page.spec.xpaths["crumbs"]))]
    crumbs = [c for c in crumbs if c and c.lower() != "trang chủ"]
    return " > ".join(dict.fromkeys(crumbs)) or stages.read(page, "category")


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a category/home page, and the next page's URL (None on the last page)."""
    tree = common.tree_of(html)
    return stages.list_links(the_spec(), tree, url), next_page(tree, url)


def next_page(tree: HtmlElement, url: str) -> str | None:
    """The pager link labelled `>` (or `›`, `Trang sau`), else `common.next_page`."""
    the = the_spec()
    for a in tree.xpath(" | ".join(the.xpaths["pager"])):
        if the.patterns["next_label"].fullmatch(dom.text_of(a)):
            href = a.get("href").strip()
            if not href.startswith("javascript:"):
                return dom.join(dom.base_url(tree, url) or url, href)
    return common.next_page(tree, url)
