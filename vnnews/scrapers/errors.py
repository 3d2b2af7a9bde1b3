"""Errors raised by the scrapers."""


class ScraperError(Exception):
    """Base class of scraper errors."""


class ParseError(ScraperError):
    """A page could not be parsed into an article (e.g. it is not an article page)."""


class FetchError(ScraperError):
    """A URL could not be fetched; the message names the URL and the reason."""
