"""Scrapers: fetch pages politely (fetcher) and parse them into Articles (adapters)."""
from __future__ import annotations

from pathlib import Path

from ..models import Article
from .dom import MAX_PAGE_BYTES
from .errors import FetchError, ParseError, ScraperError


def parse_html(html: str | bytes, url: str | None = None, *, max_bytes: int | None = MAX_PAGE_BYTES) -> Article:
    """Parse a saved page into an Article with the adapter for `url` (generic otherwise).

    When `url` is None or names no known site, the page's own canonical URL picks the
    adapter. If the site adapter finds no article body, the generic extractor is tried.
    A page over `max_bytes` (default 10 MB, as for fetched bodies; None: no limit) is a
    `ParseError` naming both sizes, before any parsing.
    """
    from . import adapters, dom
    from .adapters import generic

    tree = dom.parse(html, max_bytes=max_bytes)
    adapter, site = adapters.for_page(tree, url)
    try:
        if adapter is generic:
            return generic.parse_article(tree, url)
        try:
            return adapter.parse_article(tree, url, site)
        except ParseError:
            return generic.parse_article(tree, url, site)
    finally:
        dom.forget()


def parse_with_spec(html: str | bytes, url: str | None, spec_file: str | Path, *,
                    max_bytes: int | None = MAX_PAGE_BYTES) -> Article:
    """Parse a saved page with the site spec in `spec_file` (a family being written), no fall-back.

    A bad spec is a `SpecError` naming the file and the key; a page the spec finds no body in,
    a `ParseError`."""
    from . import dom
    from .adapters import spec, stages

    the = spec.read(spec_file)
    tree = dom.parse(html, max_bytes=max_bytes)
    try:
        return stages.parse_article(the, tree, url)
    finally:
        dom.forget()


def parse_list(html: str | bytes, url: str, *, max_bytes: int | None = MAX_PAGE_BYTES) -> tuple[list[str], str | None]:
    """Article URLs on a list page (home, category) and the next page's URL, by adapter."""
    from . import adapters, dom

    tree = dom.parse(html, max_bytes=max_bytes)
    adapter, _ = adapters.for_page(tree, url)
    try:
        return adapter.parse_list(tree, url)
    finally:
        dom.forget()


__all__ = ["parse_html", "parse_with_spec", "parse_list", "FetchError", "ParseError", "ScraperError"]
