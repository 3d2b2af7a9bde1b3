"""Find article URLs: RSS/Atom feeds (feedparser), sitemaps (index, urlset, .gz) and list
pages (home, category) with pagination.

`Discovery.batches()` yields one `Batch` per page it read: the links found there and,
for a list page, whether to follow its next page. The crawler sets `batch.follow = False`
once a page held only articles older than `--since`, which stops that pagination chain.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..dates import VN_TZ, to_datetime
from . import adapters, dom
from .errors import FetchError, ParseError
from .fetcher import Fetcher, Response
from .sites import Site
from .urls import canonical, host_of, is_http


@dataclass
class Link:
    """An article URL found by discovery, with the dates the feed or sitemap gave for it.

    `published` bounds both ends of a date range; `modified` (a sitemap's `lastmod`, a feed's
    `updated`) only proves the article is not newer, so it is used for `--since` alone."""

    url: str
    published: datetime | None = None
    found_on: str = ""
    modified: datetime | None = None


@dataclass
class Batch:
    source: str
    kind: str  # "feed", "sitemap", "list", "article"
    links: list[Link] = field(default_factory=list)
    next_url: str | None = None
    follow: bool = True


@dataclass
class Problem:
    """A URL that failed (in discovery or in the crawl) and why."""

    url: str
    reason: str


def sniff(resp: Response) -> str:
    """`feed`, `sitemap` or `html` from the body (and content type) of a response."""
    head = resp.content[:2048].lstrip().lower()
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if resp.content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    return "html"


class Discovery:
    """Walks the start URLs of a crawl target and yields batches of article links."""

    def __init__(self, fetcher: Fetcher, start_urls: list[str], *, site: Site | None = None,
                 max_pages: int = 50, since: datetime | None = None) -> None:
        self.fetcher = fetcher
        self.start_urls = start_urls
        self.max_pages = max_pages
        self.since = since
        self.problems: list[Problem] = []
        hosts = {host_of(u) for u in start_urls}
        if site:
            hosts.update(site.hosts)
        self.hosts = {h[4:] if h.startswith("www.") else h for h in hosts}

    def on_site(self, url: str) -> bool:
        """True when a URL belongs to the crawl target (its hosts or their sub-domains)."""
        host = host_of(url)
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def batches(self) -> Iterator[Batch]:
        seen_pages: set[str] = set()
        for start in self.start_urls:
            yield from self._walk(start, seen_pages, depth=0)
        # a site's home page as target: its robots.txt sitemaps come after its list pages
        for start in self.start_urls:
            if urlsplit(start).path in ("", "/"):
                for sitemap in self.fetcher.sitemaps(start):
                    if self.on_site(sitemap):
                        yield from self._walk(sitemap, seen_pages, depth=0)

    # -- one start URL ---------------------------------------------------------------------
    def _fetch(self, url: str) -> Response | None:
        try:
            return self.fetcher.get(url)
        except FetchError as e:
            self.problems.append(Problem(url, e.reason))
            return None

    def _walk(self, url: str, seen_pages: set[str], depth: int) -> Iterator[Batch]:
        pages = 0
        while url and pages < self.max_pages:
            key = canonical(url)
            if key in seen_pages:
                return
            seen_pages.add(key)
            resp = self._fetch(url)
            if resp is None:
                return
            pages += 1
            kind = sniff(resp)
            content = resp.content
            if kind == "gzip":
                try:
                    content = _gunzip(content, self.fetcher.max_bytes)
                except (OSError, EOFError, ValueError) as e:
                    self.problems.append(Problem(url, f"bad gzip data ({e})"))
                    return
                resp = Response(resp.url, resp.status, resp.headers, content)
                kind = sniff(resp)
            if kind == "feed":
                yield self._feed(resp)
                return
            if kind == "sitemap":
                yield from self._sitemap(resp, seen_pages, depth)
                return
            batch = self._html(resp, is_start=(depth == 0 and pages == 1 and url in self.start_urls))
            if batch is None:
                return
            yield batch
            if not batch.follow or not batch.next_url:
                return
            url = batch.next_url

    def _feed(self, resp: Response) -> Batch:
        import feedparser

        parsed = feedparser.parse(resp.content, response_headers={"content-location": resp.url})
        batch = Batch(resp.url, "feed")
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            link = urljoin(resp.url, link)
            dates = {}
            for key in ("published", "created", "updated"):
                # dict.get: FeedParserDict.get would alias a missing `updated` to `published`
                parsed_time = dict.get(entry, key + "_parsed")
                raw = dict.get(entry, key)
                if parsed_time:
                    dates[key] = datetime(*parsed_time[:6], tzinfo=timezone.utc).astimezone(VN_TZ)
                elif raw:
                    dates[key] = _rfc822(raw) or to_datetime(raw)
            self._add(batch, link, dates.get("published") or dates.get("created"), resp.url,
                      modified=dates.get("updated"))
        return batch

    def _sitemap(self, resp: Response, seen_pages: set[str], depth: int) -> Iterator[Batch]:
        try:
            root = etree.fromstring(resp.content, parser=etree.XMLParser(recover=True, resolve_entities=False,
                                                                       no_network=True, huge_tree=False))
        except etree.XMLSyntaxError as e:
            self.problems.append(Problem(resp.url, f"bad sitemap XML ({e})"))
            return
        if root is None:
            self.problems.append(Problem(resp.url, "empty sitemap"))
            return
        name = etree.QName(root).localname
        if name == "sitemapindex":
            children = []
            for sm in root:
                loc = _child_text(sm, "loc")
                lastmod = to_datetime(_child_text(sm, "lastmod"))
                if loc and (self.since is None or lastmod is None or lastmod >= self.since):
                    children.append((lastmod, urljoin(resp.url, loc)))
            children.sort(key=lambda c: c[0].timestamp() if c[0] else 0, reverse=True)  # newest first
            if depth < 3:
                for _, loc in children:
                    yield from self._walk(loc, seen_pages, depth + 1)
            return
        batch = Batch(resp.url, "sitemap")
        for u in root:
            loc = _child_text(u, "loc")
            if not loc:
                continue
            self._add(batch, urljoin(resp.url, loc), to_datetime(_child_text(u, "publication_date")), resp.url,
                      modified=to_datetime(_child_text(u, "lastmod")))
        yield batch

    def _html(self, resp: Response, is_start: bool = False) -> Batch | None:
        try:
            tree = dom.parse(resp.text, max_bytes=None)  # the fetcher capped the body
        except ParseError as e:
            self.problems.append(Problem(resp.url, str(e)))
            return None
        adapter, _ = adapters.for_page(tree, resp.url)
        if is_start and adapter.is_article_url(resp.url):
            batch = Batch(resp.url, "article")
            self._add(batch, resp.url, None, resp.url)
            return batch
        try:
            links, nxt = adapter.parse_list(tree, resp.url)
        except Exception as e:  # noqa: BLE001 - a list-page bug is reported, the crawl goes on
            self.problems.append(Problem(resp.url, f"list page not understood ({type(e).__name__}: {e})"))
            return None
        batch = Batch(resp.url, "list", next_url=nxt if nxt and self.on_site(nxt) else None)
        for link in links:
            self._add(batch, link, None, resp.url)
        return batch

    def _add(self, batch: Batch, url: str, when: datetime | None, found_on: str,
             modified: datetime | None = None) -> None:
        if is_http(url) and self.on_site(url):
            batch.links.append(Link(url, when, found_on, modified))


def _child_text(el, name: str) -> str | None:
    for child in el.iter():
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return child.text.strip()
    return None


def _rfc822(value: str) -> datetime | None:
    import email.utils

    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)


def _gunzip(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise ValueError(f"uncompressed sitemap exceeds {limit} bytes")
    return out

