"""The only module that touches the network: polite HTTP GETs for the scrapers.

`Fetcher.get(url)` obeys robots.txt (fetched once per host and cached), waits `delay`
seconds between requests to the same host (requests to different hosts run concurrently
from different threads), retries connection errors, timeouts, truncated bodies, 429 and
5xx with exponential backoff (honouring `Retry-After`), refuses bodies over `max_bytes`,
follows at most `max_redirects` http(s) redirects (a loop is an error), decodes the
charset (header, then `<meta>`, then detection) and, with a `cache_dir`, revalidates
cached pages with ETag/Last-Modified so a re-crawl transfers little. Every failure is a
`FetchError` whose message names the URL and the reason.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import requests

from ..version import __version__
from .charset import decode_html, header_charset
from .errors import FetchError

RETRY_STATUS = {429, 500, 502, 503, 504}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def user_agent(contact: str | None = None) -> str:
    """`vnnews/<version> (news research crawler; <contact>)`."""
    extra = f"; {contact}" if contact else ""
    return f"vnnews/{__version__} (news research crawler{extra})"


@dataclass
class Response:
    """A fetched page: final URL after redirects, status, headers, body and decoded text."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    from_cache: bool = False
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return decode_html(self.content, header_charset(self.headers.get("content-type")))


@dataclass
class Stats:
    """Counters of a Fetcher (updated under the fetcher's lock)."""

    requests: int = 0
    retries: int = 0
    cache_hits: int = 0
    bytes: int = 0
    waits: list[float] = field(default_factory=list)  # Retry-After / backoff sleeps, seconds


class _Host:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_error: str | None = None
        self.crawl_delay: float | None = None


class Fetcher:
    """Polite HTTP client; thread-safe (one lock per host serialises that host's requests)."""

    def __init__(self, *, delay: float = 1.0, timeout: float | tuple[float, float] = (10.0, 30.0),
                 retries: int = 3, backoff: float = 1.0, max_retry_after: float = 120.0,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5, contact: str | None = None,
                 cache_dir: str | Path | None = None, obey_robots: bool = True,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.obey_robots = obey_robots
        self.user_agent = user_agent(contact)
        self.cache = HttpCache(cache_dir) if cache_dir else None
        self.stats = Stats()
        self._stats_lock = threading.Lock()
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._local = threading.local()

    # -- public -------------------------------------------------------------------------
    def get(self, url: str, *, use_cache: bool = True) -> Response:
        """GET `url` politely, following redirects; `FetchError` on any failure.

        With a cache directory and `use_cache`, a cached copy is revalidated (ETag /
        Last-Modified) and reused on 304; pass `use_cache=False` for pages read only once."""
        chain: list[str] = []
        current = url
        for _ in range(self.max_redirects + 1):
            self._check_url(current, url)
            self._check_robots(current)
            resp = self._get_once(current, use_cache)
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.headers.get("location")
                if not location:
                    raise _fail(url, f"redirect {resp.status} without a Location header", resp.status)
                chain.append(current)
                target = urljoin(current, location)
                if target in chain:
                    raise _fail(url, f"redirect loop ({' -> '.join(chain + [target])})", resp.status)
                current = target
                continue
            resp.redirects = chain
            if resp.status >= 400:
                raise _fail(url, f"HTTP {resp.status}", resp.status)
            return resp
        raise _fail(url, f"too many redirects (more than {self.max_redirects})")

    def sitemaps(self, url: str) -> list[str]:
        """The `Sitemap:` URLs that the robots.txt of `url`'s host lists (loading it if needed)."""
        if not self.obey_robots:
            return []
        try:
            self._check_robots(url)
        except FetchError:
            pass
        robots = self._host(url).robots
        return list(robots.site_maps() or []) if robots is not None else []

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()

    # -- internals ------------------------------------------------------------------------
    @property
    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:  # requests.Session is not thread-safe: one per thread
            session = requests.Session()
            session.headers.update({"User-Agent": self.user_agent,
                                    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                    "Accept-Language": "vi,en;q=0.5"})
            self._local.session = session
        return session

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    def _check_url(self, current: str, original: str) -> None:
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise _fail(original, f"refusing a non-http(s) URL ({current})")

    def _check_robots(self, url: str) -> None:
        if not self.obey_robots:
            return
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            with host.lock:
                if host.robots is None and host.robots_error is None:
                    self._load_robots(url, host)
        if host.robots_error:
            raise _fail(url, host.robots_error, retryable=True)
        if host.robots is not None and not host.robots.can_fetch(self.user_agent, url):
            raise _fail(url, "disallowed by robots.txt")

    def _load_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            resp = self._request(robots_url, host, conditional=False, retries=min(self.retries, 1))
        except FetchError as e:
            # RFC 9309: an unreachable robots.txt (server error, no connection) means
            # "assume complete disallow" for now; a later run tries again.
            host.robots_error = f"robots.txt unavailable ({e.reason}); not crawling this host"
            return
        if resp.status >= 400 or resp.status in (301, 302, 303, 307, 308):
            parser.parse([])
        else:
            parser.parse(resp.content.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(self.user_agent)
            if delay:
                host.crawl_delay = float(delay)
        host.robots = parser

    def _get_once(self, url: str, use_cache: bool = True) -> Response:
        host = self._host(url)
        with host.lock:
            return self._request(url, host, conditional=use_cache)

    def _request(self, url: str, host: _Host, *, conditional: bool, retries: int | None = None) -> Response:
        """One URL with retries; called with the host lock held (requests to a host are serial)."""
        cached = self.cache.load(url) if (self.cache and conditional) else None
        attempt = 0
        retries = self.retries if retries is None else retries
        status: int | None = None
        while True:
            wait = max(self.delay, host.crawl_delay or 0) - (time.monotonic() - host.last)
            if wait > 0 and host.last:
                self._sleep(wait)
            headers = {}
            if cached:
                if cached.get("etag"):
                    headers["If-None-Match"] = cached["etag"]
                if cached.get("last_modified"):
                    headers["If-Modified-Since"] = cached["last_modified"]
            error: str | None = None
            retry_after: float | None = None
            try:
                with self._stats_lock:
                    self.stats.requests += 1
                resp = self._session.get(url, headers=headers, timeout=self.timeout, stream=True,
                                         allow_redirects=False)
                status = resp.status_code
                try:
                    if resp.status_code in RETRY_STATUS:
                        error = f"HTTP {resp.status_code}"
                        retry_after = _retry_after(resp.headers.get("Retry-After"))
                    elif resp.status_code == 304 and cached:
                        with self._stats_lock:
                            self.stats.cache_hits += 1
                        return Response(url, 200, cached["headers"], self.cache.body(url), from_cache=True)
                    else:
                        body = self._read_body(url, resp)
                        out = Response(url, resp.status_code, {k.lower(): v for k, v in resp.headers.items()}, body)
                        if self.cache and conditional and resp.status_code == 200:
                            self.cache.store(url, out)
                        return out
                finally:
                    resp.close()
            except FetchError:
                raise
            except requests.exceptions.Timeout:
                error = "timed out"
            except requests.exceptions.ChunkedEncodingError as e:
                error = f"truncated body ({_short(e)})"
            except requests.exceptions.ConnectionError as e:
                error = f"connection failed ({_short(e)})"
            except requests.exceptions.RequestException as e:
                raise _fail(url, _short(e)) from None
            finally:
                host.last = time.monotonic()
            if attempt >= retries:
                raise _fail(url, f"{error} (gave up after {attempt + 1} attempts)", status, retryable=True)
            if retry_after is not None and retry_after > self.max_retry_after:
                raise _fail(url, f"{error} with Retry-After {retry_after:.0f}s, over the "
                                 f"{self.max_retry_after:.0f}s limit", status, retryable=True)
            pause = retry_after if retry_after is not None else self.backoff * (2 ** attempt)
            with self._stats_lock:
                self.stats.retries += 1
                self.stats.waits.append(pause)
            self._sleep(pause)
            host.last = time.monotonic()
            attempt += 1

    def _read_body(self, url: str, resp: requests.Response) -> bytes:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise _fail(url, f"body of {int(declared)} bytes exceeds the {self.max_bytes}-byte limit", resp.status_code)
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                raise _fail(url, f"body exceeds the {self.max_bytes}-byte limit", resp.status_code)
            chunks.append(chunk)
        body = b"".join(chunks)
        if declared and declared.isdigit() and len(body) < int(declared) \
                and not resp.headers.get("Content-Encoding"):
            raise requests.exceptions.ChunkedEncodingError(f"got {len(body)} of {declared} bytes")
        with self._stats_lock:
            self.stats.bytes += size
        return body


def _fail(url: str, reason: str, status: int | None = None, retryable: bool = False) -> FetchError:
    return FetchError(f"{url}: {reason}", url=url, reason=reason, status=status, retryable=retryable)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _short(e: Exception) -> str:
    text = str(e)
    if "IncompleteRead" in text:
        return "connection closed before the end of the body"
    return text if len(text) < 160 else text[:157] + "..."


class HttpCache:
    """On-disk store of 200 responses with their validators, keyed by URL hash."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / f"{key}.json", self.root / f"{key}.body"

    def load(self, url: str) -> dict | None:
        meta, body = self._paths(url)
        if not (meta.exists() and body.exists()):
            return None
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if (data.get("etag") or data.get("last_modified")) else None

    def body(self, url: str) -> bytes:
        return self._paths(url)[1].read_bytes()

    def store(self, url: str, resp: Response) -> None:
        etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        if not (etag or modified):
            return
        meta, body = self._paths(url)
        tmp = body.with_suffix(".tmp")
        tmp.write_bytes(resp.content)
        tmp.replace(body)
        data = {"url": url, "etag": etag, "last_modified": modified, "headers": resp.headers}
        tmp = meta.with_suffix(".tmpj")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(meta)
