"""URL canonicalisation: one spelling per page, tracking parameters stripped.

Two URLs that differ only by scheme case, host case, a default port, a fragment, the
order of query parameters or tracking parameters (`utm_*`, `fbclid`, ... listed in
`resources/scrapers/tracking_params.txt`) canonicalise to the same string.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from .. import resources

_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=1)
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    names, prefixes = set(), []
    for line in resources.lines("scrapers/tracking_params.txt"):
        line = line.lower()
        if line.endswith("*"):
            prefixes.append(line[:-1])
        else:
            names.add(line)
    return frozenset(names), tuple(prefixes)


def is_tracking_param(name: str) -> bool:
    """True when a query parameter only tracks the visitor (utm_source, fbclid, ...)."""
    names, prefixes = _tracking()
    name = name.lower()
    return name in names or name.startswith(prefixes)


def canonical(url: str, base: str | None = None) -> str:
    """The canonical form of `url` (made absolute against `base` first)."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if port and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~%")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def host_of(url: str) -> str:
    """The lower-case host of a URL, without a leading `www.`."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # `http://[::1` and the like
        return ""
    return host[4:] if host.startswith("www.") else host


def is_http(url: str) -> bool:
    """True for a well-formed http(s) URL with a host (a bad port or bracket makes it False)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
