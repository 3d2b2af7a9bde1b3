"""Errors raised by the scrapers."""
from __future__ import annotations


class ScraperError(Exception):
    """Base class of scraper errors."""


class ParseError(ScraperError):
    """A page could not be parsed into an article (e.g. it is not an article page)."""


class FetchError(ScraperError):
    """A URL could not be fetched; the message names the URL and the reason.

    `url` and `reason` are the two halves of the message; `status` is the last HTTP status
    seen (None when no response came back); `retryable` tells a later run to try again.
    """

    def __init__(self, message: str, *, url: str | None = None, reason: str | None = None,
                 status: int | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.url = url
        self.reason = reason or message
        self.status = status
        self.retryable = retryable
