"""Site adapters: pure functions from a page (HTML + URL) to an `Article` or to list links.

Each module has `parse_article(html, url) -> Article`, `parse_list(html, url) ->
(article_urls, next_page_url)` and `is_article_url(url)`. `for_url` picks the adapter for a
URL from the site registry; `for_page` also looks at the page's own canonical URL, so a
page saved to disk (or served from a mirror) still gets its site's adapter.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from .. import dom
from ..dom import HtmlElement
from ..sites import Site, for_url as site_for_url

NAMES = ("cms_a", "baolaocai", "vtcnews", "znews")


def module(name: str) -> ModuleType:
    """The adapter module called `name` (`generic` for the generic extractor)."""
    if name == "generic":
        from . import generic

        return generic
    if name not in NAMES:
        raise KeyError(f"no adapter called {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


def for_url(url: str | None) -> tuple[ModuleType, Site | None]:
    """The adapter (and site) for a URL; the generic extractor when no site matches."""
    site = site_for_url(url)
    return (module(site.adapter) if site else module("generic")), site


def for_page(tree: HtmlElement, url: str | None) -> tuple[ModuleType, Site | None]:
    """Like `for_url`, falling back to the page's canonical/og:url when the URL names no site."""
    adapter, site = for_url(url)
    if site is None:
        own = dom.page_url(tree, None)
        if own and own != url:
            adapter, site = for_url(own)
    return adapter, site
