"""Site adapters: pure functions from a page (HTML + URL) to an `Article` or to list links.

An adapter has `parse_article(html, url, site=None) -> Article`, `parse_list(html, url) ->
(article_urls, next_page_url)` and `is_article_url(url)`. Most are data: a site family's spec
(`resources/scrapers/adapters/<family>.toml`) applied by `stages`; a family whose pages need
real code has a module here as well (`CODED`). `for_url` picks the adapter for a URL from the
site registry; `for_page` also looks at the page's own canonical URL, so a page saved to disk
(or served from a mirror) still gets its site's adapter.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType
from typing import Protocol

from ...models import Article
from .. import dom
from ..dom import HtmlElement
from ..sites import Site, for_url as site_for_url
from . import spec as specs
from .stages import SpecAdapter

# Families whose spec comes with a module of code (`cms_a.py`: see its docstring for why).
CODED = ("cms_a",)
# Every site family: one spec file each.
NAMES = specs.names()


class Adapter(Protocol):
    """What `module`, `for_url` and `for_page` give: a spec-made adapter or an adapter module."""

    def is_article_url(self, url: str) -> bool: ...
    def parse_article(self, html: str | bytes | HtmlElement, url: str | None,
                      site: Site | None = None) -> Article: ...
    def parse_list(self, html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]: ...


@lru_cache(maxsize=None)
def module(name: str) -> Adapter | ModuleType:
    """The adapter of family `name` (`generic` for the generic extractor); its spec is checked here."""
    if name == "generic":
        from . import generic

        return generic
    if name not in NAMES:
        raise KeyError(f"no adapter called {name!r}")
    if name in CODED:
        return importlib.import_module(f"{__name__}.{name}")
    return SpecAdapter(specs.load(name))


def for_url(url: str | None) -> tuple[Adapter | ModuleType, Site | None]:
    """The adapter (and site) for a URL; the generic extractor when no site matches."""
    site = site_for_url(url)
    return (module(site.adapter) if site else module("generic")), site


def for_page(tree: HtmlElement, url: str | None) -> tuple[Adapter | ModuleType, Site | None]:
    """Like `for_url`, falling back to the page's canonical/og:url when the URL names no site."""
    adapter, site = for_url(url)
    if site is None:
        own = dom.page_url(tree, None)
        if own and own != url:
            adapter, site = for_url(own)
    return adapter, site
