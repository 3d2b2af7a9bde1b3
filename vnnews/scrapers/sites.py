"""The site registry (`resources/scrapers/sites.json`): which adapter serves which host."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from .. import resources
from .urls import host_of


@dataclass(frozen=True)
class Site:
    name: str
    adapter: str
    source: str
    hosts: tuple[str, ...]
    home: str
    categories: tuple[str, ...] = field(default_factory=tuple)
    feeds: tuple[str, ...] = field(default_factory=tuple)

    def start_urls(self) -> list[str]:
        """Where a crawl of this site starts: its feeds, its home page and its category pages."""
        return [*self.feeds, self.home, *(urljoin(self.home, c) for c in self.categories)]


@lru_cache(maxsize=1)
def all_sites() -> tuple[Site, ...]:
    """Every registered site, in registry order."""
    data = resources.load_json("scrapers/sites.json")
    return tuple(
        Site(name=s["name"], adapter=s["adapter"], source=s["source"], hosts=tuple(s["hosts"]), home=s["home"],
             categories=tuple(s.get("categories", ())), feeds=tuple(s.get("feeds", ())))
        for s in data["sites"]
    )


def by_name(name: str) -> Site | None:
    return next((s for s in all_sites() if s.name == name.lower()), None)


def for_url(url: str | None) -> Site | None:
    """The site whose hosts include the URL's host (or a parent domain of it)."""
    if not url:
        return None
    host = host_of(url)
    for site in all_sites():
        for h in site.hosts:
            if host == h or host.endswith("." + h):
                return site
    return None
