"""Apply a site spec to a page: named stages over the spec's lists of XPaths.

`parse_article(spec, html, url)` finds the body container, walks the body without the
spec's junk, reads each field from its sources in order (the first that gives a value
wins; a malformed optional field is skipped, never fatal) and builds the `Article`.
A family that needs real code passes its own stage for a field (`cms_a.py` does for the
lead, the date line, the breadcrumbs and the keywords); everything else stays data.
`parse_list(spec, html, url)` reads a list page. No network, no state: pure functions.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Sequence

from ...dates import to_datetime
from ...models import Article
from .. import dom
from ..body import Body, clean_byline, extract_body
from ..dom import HtmlElement
from ..errors import ParseError
from ..sites import Site
from . import common
from .spec import Spec, is_xpath


@dataclass
class Page:
    """An article page being read: its tree, the body container and the walked body."""

    spec: Spec
    tree: HtmlElement
    url: str | None
    site: Site | None
    container: HtmlElement
    body: Body


Stage = Callable[[Page], Any]


def container(spec: Spec, tree: HtmlElement) -> HtmlElement:
    """The element holding the article body: the first match of the first `body` XPath that matches."""
    found = dom.first(tree, *spec.article["body"])
    if found is None:
        raise ParseError(f"no article body on this page (no match for the {spec.name} spec's article.body)")
    return found


def body(spec: Spec, tree: HtmlElement, box: HtmlElement, url: str | None) -> Body:
    """Paragraphs, images and byline of the container, without what `drop` names."""
    junk = box.xpath(" | ".join(spec.article["drop"])) if spec.article["drop"] else None
    return extract_body(box, dom.base_url(tree, url), drop=junk)


def values(page: Page, source: str) -> Any:
    """What one source gives: a text, a list of texts (`all ...`) or a datetime (`page-date`).

    An XPath starting with `.` is read inside the body container, any other in the page."""
    tree = page.tree
    if source.startswith("all "):
        source = source[4:]
        if source.startswith("meta "):
            return dom.meta_all(tree, source[5:])
        return [dom.text_of(x) for x in (page.container if source.startswith(".") else tree).xpath(source)]
    if is_xpath(source):
        return dom.first_text(page.container if source.startswith(".") else tree, source)
    reader, _, arg = source.partition(" ")
    if reader == "meta":
        return dom.meta(tree, *arg.split())
    if reader == "page-date":
        return common.published_from_meta(tree)
    # json-ld KEY: the article object's KEY; `author` gives the author's name, `breadcrumb` the trail
    if arg == "author":
        return dom.ld_author(dom.ld_article(tree))
    if arg == "breadcrumb":
        return common.breadcrumb_ld(tree)
    return dom.ld_text(dom.ld_article(tree), arg)


def read(page: Page, field: str, sources: Sequence[str] | None = None) -> Any:
    """The first value the field's sources (or `sources`) give, converted for the field, or None.

    A list of texts (`all ...`) is joined as a trail of crumbs (`A > B`) except for `tags`; a
    single text read for `tags` is split at commas (`meta keywords`); a text read for `published`
    becomes a datetime; a byline read from the page (an XPath) for `author` is cleaned."""
    for source in page.spec.article[field] if sources is None else sources:
        value = values(page, source)
        if field == "tags":
            if isinstance(value, str):
                value = value.split(",")
        elif isinstance(value, list):
            value = " > ".join(value)
        if field == "published" and isinstance(value, str):
            value = to_datetime(value)
        elif field == "author" and is_xpath(source) and isinstance(value, str):
            value = clean_byline(value)
        if value:
            return value
    return None


def lead(page: Page) -> str | None:
    """The lead; a source tag printed apart (`(VTC News) -`, from `lead_tag`) goes in front."""
    text = read(page, "lead")
    tag = read(page, "lead_tag") if page.spec.article["lead_tag"] else None
    if text and tag and tag.rstrip(" -–").startswith("("):
        text = f"{tag.strip()} {text}"
    return text


def field_reader(name: str) -> Stage:
    """The standard stage of a field: its sources read in order."""
    return lambda page: read(page, name)


STAGES: dict[str, Stage] = {
    "title": field_reader("title"),
    "lead": lead,
    "published": field_reader("published"),
    "author": field_reader("author"),
    "category": field_reader("category"),
    "tags": field_reader("tags"),
}


def parse_article(spec: Spec, html: str | bytes | HtmlElement, url: str | None, site: Site | None = None,
                  **stages: Stage) -> Article:
    """An Article from a page of the spec's family; `ParseError` when it has no article body.

    `stages` replace the standard stage of a field (`lead=my_lead`), each a function of the `Page`."""
    tree = common.tree_of(html)
    site = common.site_of(tree, url, site)
    box = container(spec, tree)
    page = Page(spec, tree, url, site, box, body(spec, tree, box, url))
    got: dict[str, Any] = {}
    for name, standard in STAGES.items():
        stage = stages.pop(name, standard)
        got[name] = common.optional(stage, page)
    if stages:
        raise TypeError(f"no stage called {', '.join(stages)} (stages: {', '.join(STAGES)})")
    published = got["published"]
    return common.build(tree, url, site, body=page.body, title=got["title"], lead=got["lead"],
                        published=published if isinstance(published, datetime) else None,
                        author=got["author"], category=got["category"], tags=got["tags"] or ())


def parse_list(spec: Spec, html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Article URLs of a list page and the next page's URL."""
    tree = common.tree_of(html)
    return list_links(spec, tree, url), next_page(spec, tree, url)


def list_links(spec: Spec, tree: HtmlElement, url: str) -> list[str]:
    """Links matching the article-URL pattern, under `list.scope` when the page has it (with
    `whole_page_when_scope_empty`, the whole page's when the scope holds none), in page order."""
    if spec.scope and tree.xpath(spec.scope):
        links = common.article_links(tree, url, spec.article_url, scope=f"{spec.scope}//")
        if links or not spec.whole_page_when_scope_empty:
            return links
    return common.article_links(tree, url, spec.article_url)


def next_page(spec: Spec, tree: HtmlElement, url: str) -> str | None:
    """The spec's `list.next` link (the first href it finds), else `common.next_page` (`rel=next`,
    a link labelled `>`/`Trang sau`, or page n+1)."""
    for xp in spec.next:
        hrefs = tree.xpath(xp)
        if hrefs:
            return dom.join(url, hrefs[0]) or common.next_page(tree, url)
    return common.next_page(tree, url)


class SpecAdapter:
    """An adapter made of a spec: the same three functions as an adapter module."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.__name__ = f"{__package__}.{spec.name}"

    def __repr__(self) -> str:
        return f"<adapter {self.spec.name} ({self.spec.path})>"

    def is_article_url(self, url: str) -> bool:
        return common.matches(self.spec.article_url, url)

    def parse_article(self, html: str | bytes | HtmlElement, url: str | None, site: Site | None = None) -> Article:
        return parse_article(self.spec, html, url, site)

    def parse_list(self, html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
        return parse_list(self.spec, html, url)
