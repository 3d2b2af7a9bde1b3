"""One shape for the word lists of every component: a frozen `Lexicon` and one cached `load()`.

Each component keeps its word lists in one frozen dataclass named `Lexicon`, built by one
function `load()` from its files in `vnnews/resources/<component>/` and cached once per
process by `@loader(component)`:

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Lexicon:
    ...     honorifics: frozenset[tuple[str, ...]]
    >>> @loader("example")
    ... def load() -> Lexicon:
    ...     return Lexicon(honorifics=phrases("officials/honorifics.txt"))
    >>> ("ông",) in load().honorifics and load() is load()
    True

`loaders()` lists every registered `load` (a test checks that each returns a frozen
`Lexicon`); `clear()` empties their caches, so edited files are read again.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from .. import resources
from .textnorm import key_lower

_LOADERS: dict[str, Callable[[], Any]] = {}


def loader(component: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Decorate a component's `load()`: built once per process, registered under `component`."""
    def register(build: Callable[[], Any]) -> Callable[[], Any]:
        cached = lru_cache(maxsize=1)(build)
        _LOADERS[component] = cached
        return cached
    return register


def loaders() -> dict[str, Callable[[], Any]]:
    """{component: its load()} for the components imported so far."""
    return dict(_LOADERS)


def clear() -> None:
    """Forget every loaded lexicon (and the resource files read for them)."""
    for load in _LOADERS.values():
        load.cache_clear()
    resources.lines.cache_clear()
    resources.table.cache_clear()


def phrases(name: str, norm: Callable[[str], str] = key_lower) -> frozenset[tuple[str, ...]]:
    """The entries of a word list as tuples of normalised syllables: `Hộ dân` -> ('hộ', 'dân')."""
    return frozenset(tuple(norm(x).split()) for x in resources.lines(name))


def words(name: str, norm: Callable[[str], str] = key_lower) -> frozenset[str]:
    """The entries of a word list, normalised (`key_lower`: tone marks unified, lower case)."""
    return frozenset(norm(x) for x in resources.lines(name))


def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated resource."""
    return resources.table(name)
