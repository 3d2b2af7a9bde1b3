"""Scrapers: fetch pages politely (fetcher) and parse them into Articles (adapters)."""
from __future__ import annotations

from ..models import Article
from .errors import FetchError, ParseError, ScraperError


def parse_html(html: str | bytes, url: str | None = None) -> Article:
    """Parse a saved page into an Article with the adapter for `url` (generic otherwise)."""
    from . import generic

    return generic.parse(html, url)


__all__ = ["parse_html", "FetchError", "ParseError", "ScraperError"]
