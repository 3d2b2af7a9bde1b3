"""The crawl: discover article URLs, fetch and parse them, append new articles to JSONL.

`crawl(target, out=...)` resolves the target (a registered site name, a home/category
URL, a feed URL or a sitemap URL), walks discovery, fetches article pages concurrently
(the fetcher keeps one request at a time per host, with the per-host delay), parses
each with its site's adapter, drops duplicates by canonical URL and pages outside
`since`/`until`, and appends each new article to the output as one JSON line. State
lives in the output file and its journal (`state.py`), so a killed crawl resumes.
"""
from __future__ import annotations

import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..models import Article
from . import parse_html
from .discovery import Batch, Discovery, Link
from .discovery import Problem as Failure  # one record for a failed URL, whoever found it
from .errors import FetchError, ParseError, ScraperError
from .fetcher import Fetcher
from .sites import Site, all_sites, by_name, for_url
from .state import CrawlState, JsonlWriter
from .urls import canonical, is_http


@dataclass
class CrawlReport:
    found: int = 0
    fetched: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    already: int = 0  # found but already stored/done by an earlier run
    failures: list[Failure] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return self.fetched / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self, out: str | Path) -> str:
        return (f"{self.stored} stored, {self.skipped} skipped, {self.failed} failed, {self.already} already done; "
                f"{self.found} found, {self.fetched} fetched in {self.elapsed:.1f}s "
                f"({self.rate:.2f} pages/s) -> {out}")


def resolve_target(target: str) -> tuple[list[str], Site | None]:
    """Start URLs and site of a crawl target; `ScraperError` when it is neither a site nor a URL."""
    site = by_name(target)
    if site:
        return site.start_urls(), site
    if is_http(target):
        return [target], for_url(target)
    names = ", ".join(s.name for s in all_sites())
    raise ScraperError(f"{target}: not a site name ({names}) nor an http(s) URL")


def _in_range(when: datetime | None, since: datetime | None, until: datetime | None) -> bool:
    if when is None:
        return True
    return (since is None or when >= since) and (until is None or when <= until)


def crawl(target: str, out: str | Path = "corpus.jsonl", *, fetcher: Fetcher | None = None,
          since: datetime | None = None, until: datetime | None = None, max_articles: int | None = None,
          max_pages: int = 50, workers: int = 4,
          progress: Callable[[CrawlReport], None] | None = None) -> CrawlReport:
    """Crawl `target` into the JSONL file `out` (resuming what an earlier run left there)."""
    start_urls, site = resolve_target(target)
    fetcher = fetcher or Fetcher()
    state = CrawlState.load(out)
    journal = state.open_journal()
    writer = JsonlWriter(out)
    report = CrawlReport()
    discovery = Discovery(fetcher, start_urls, site=site, max_pages=max_pages, since=since)
    seen: set[str] = set()
    tick = progress or (lambda r: None)

    def full() -> bool:
        return max_articles is not None and state.count >= max_articles

    def work(link: Link) -> tuple[Link, Article | None, str | None, FetchError | None]:
        try:
            resp = fetcher.get(link.url, use_cache=False)  # an article is fetched once: no cache copy
        except FetchError as e:
            return link, None, None, e
        except Exception as e:  # noqa: BLE001 - one bad URL must not end the crawl
            reason = f"unexpected error ({type(e).__name__}: {e})"
            return link, None, None, FetchError(f"{link.url}: {reason}", url=link.url, reason=reason, retryable=True)
        ctype = resp.content_type
        if ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype):
            return link, None, f"not an HTML page ({ctype})", None
        try:
            article = parse_html(resp.text, resp.url, max_bytes=None)  # the fetcher capped the body
        except ParseError as e:
            return link, None, f"not an article ({e})", None
        except Exception as e:  # noqa: BLE001 - a parser bug on one page must not end the crawl
            reason = f"parse failed ({type(e).__name__}: {e})"
            return link, None, None, FetchError(f"{link.url}: {reason}", url=link.url, reason=reason, retryable=True)
        article.fetched_at = datetime.now(timezone.utc).astimezone(article.published.tzinfo) \
            if article.published else datetime.now(timezone.utc)
        return link, article, None, None

    def settle(fut: Future, batch_dates: list[datetime]) -> None:
        link, article, not_article, error = fut.result()
        key = canonical(link.url)
        report.fetched += error is None
        if error is not None:
            report.failed += 1
            report.failures.append(Failure(link.url, error.reason))
            journal.write({"u": key, "s": "failed", "why": error.reason})
        elif article is None:
            report.skipped += 1
            journal.write({"u": key, "s": "skipped", "why": not_article})
        else:
            art_key = canonical(article.url) if article.url and is_http(article.url) else key
            article.url = art_key
            if article.published:
                batch_dates.append(article.published)
            if art_key in state.stored:
                report.skipped += 1
                journal.write({"u": key, "s": "skipped", "why": f"duplicate of {art_key}"})
            elif not _in_range(article.published, since, until):
                report.skipped += 1
                journal.write({"u": key, "s": "skipped", "why": "out of date range",
                               "p": article.published.isoformat() if article.published else None})
            elif full():
                return  # over --max: leave it for a later run
            else:
                journal.write({"u": key, "s": "stored", "a": art_key})
                writer.write(article.to_dict())
                state.stored.add(art_key)
                state.done.add(key)
                state.count += 1
                report.stored += 1
        tick(report)

    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        for batch in discovery.batches():
            if full():
                break
            pending: deque[Future] = deque()  # settled in submission (discovery) order
            batch_dates: list[datetime] = []
            fresh = 0
            for link in batch.links:
                key = canonical(link.url)
                if key in seen:
                    continue
                seen.add(key)
                report.found += 1
                fresh += 1
                if key in state.done or key in state.stored:
                    report.already += 1
                    continue
                when = link.published or state.dated.get(key)
                if not _in_range(when, since, until) or (
                        since is not None and link.modified is not None and link.modified < since):
                    report.skipped += 1  # dated out of range by the feed/sitemap: not fetched
                    if when or link.modified:
                        batch_dates.append(when or link.modified)
                    continue
                limit = max(1, workers) * 2
                if max_articles is not None:
                    limit = min(limit, max(1, max_articles - state.count))
                while pending and len(pending) >= limit:
                    settle(pending.popleft(), batch_dates)
                if full():
                    break
                pending.append(pool.submit(work, link))
                tick(report)
            while pending:
                settle(pending.popleft(), batch_dates)
            _prune(batch, batch_dates, since, fresh)
            tick(report)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        writer.close()
        journal.close()
    report.failed += len(discovery.problems)
    report.failures.extend(discovery.problems)
    report.elapsed = time.monotonic() - report.started
    return report


def _prune(batch: Batch, dates: list[datetime], since: datetime | None, fresh: int) -> None:
    """Stop paginating a list once one of its pages held only articles older than `since`."""
    if since is not None and batch.kind == "list" and dates and all(d < since for d in dates):
        batch.follow = False
    if batch.kind == "list" and fresh == 0:
        batch.follow = False  # a page with nothing new: pagination has looped or ended
