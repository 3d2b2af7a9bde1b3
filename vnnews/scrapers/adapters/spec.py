"""Site specs: a site family's layout as data (`resources/scrapers/adapters/<family>.toml`).

A spec names, for each part of an article page, the places to read it from, tried in order
(the first that gives a value wins); `stages.parse_article(spec, html, url)` applies it. The
format, key by key, is in `resources/scrapers/README.md`. A spec is checked when it is
loaded: a bad one is a `SpecError` naming the file and the key.

>>> load("baolaocai").article["title"]
("//h1[contains(concat(' ', normalize-space(@class), ' '), ' article__title ')]", '//h1')
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from ... import resources
from ..dom import has_class

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FOLDER = "scrapers/adapters"

# Article fields and what their sources may be. Every field is a list of sources.
TEXT_FIELDS = ("title", "lead", "lead_tag", "published", "author", "category")
LIST_FIELDS = ("tags",)
ARTICLE_KEYS = ("url", "body", "drop", *TEXT_FIELDS, *LIST_FIELDS)
LIST_KEYS = ("scope", "whole_page_when_scope_empty", "next")
TABLES = ("article", "list", "xpaths", "patterns")

# Readers a source may name instead of an XPath: `meta NAME...`, `json-ld KEY`, `page-date`.
READERS = ("meta", "json-ld", "page-date")
_HAS_CLASS = re.compile(r"has-class\(\s*'([^']*)'\s*\)")


class SpecError(ValueError):
    """A site spec that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Spec:
    """One site family's layout. `article` maps each field to its sources; `xpaths` and
    `patterns` hold named extras that a family's Python adapter reads."""

    name: str
    path: str
    article_url: re.Pattern[str]
    article: dict[str, tuple[str, ...]]
    scope: str | None = None
    whole_page_when_scope_empty: bool = False
    next: tuple[str, ...] = ()
    xpaths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)


def names() -> tuple[str, ...]:
    """The families that have a spec file, sorted."""
    return tuple(sorted(p.stem for p in resources.path(FOLDER).glob("*.toml")))


def expand(xpath: str) -> str:
    """`has-class('x')` written out as the XPath 1.0 test for the class token `x`.

    >>> expand("//div[has-class('sapo')]")
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' sapo ')]"
    """
    return _HAS_CLASS.sub(lambda m: has_class(m.group(1)), xpath)


def is_xpath(source: str) -> bool:
    """True for a source that is an XPath (`//h1`, `.//p`, `(//p)[1]`), not a named reader."""
    return source.startswith(("/", ".", "("))


@lru_cache(maxsize=None)
def load(name: str) -> Spec:
    """The spec of family `name`, read and checked once per process."""
    path = resources.path(f"{FOLDER}/{name}.toml")
    if not path.exists():
        raise SpecError(f"{_shown(path)}: no spec for the site family {name!r}")
    return read(path)


def read(path: str | Path) -> Spec:
    """The spec in the TOML file `path` (the family is the file's name), checked."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise SpecError(f"{_shown(path)}: cannot read ({e.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SpecError(f"{_shown(path)}: not TOML ({e})") from None
    return parse(data, path.stem, _shown(path))


def parse(data: dict[str, Any], name: str, where: str) -> Spec:
    """A `Spec` from the parsed TOML of one file; `SpecError` naming `where` and the key."""
    _only(data, TABLES, where, "")
    article = _table(data, "article", where)
    _only(article, ARTICLE_KEYS, where, "article.")
    lst = _table(data, "list", where)
    _only(lst, LIST_KEYS, where, "list.")
    if "url" not in article:
        raise SpecError(f"{where}: article.url: missing (the article-URL pattern)")
    if "body" not in article:
        raise SpecError(f"{where}: article.body: missing (the XPaths of the body container)")
    fields: dict[str, tuple[str, ...]] = {}
    for key in ("body", "drop", *TEXT_FIELDS, *LIST_FIELDS):
        fields[key] = _sources(article.get(key, []), where, f"article.{key}", key)
    if not fields["body"]:
        raise SpecError(f"{where}: article.body: at least one XPath is needed")
    scope = lst.get("scope")
    if scope is not None:
        scope = _xpath(scope, where, "list.scope")
    flag = lst.get("whole_page_when_scope_empty", False)
    if not isinstance(flag, bool):
        raise SpecError(f"{where}: list.whole_page_when_scope_empty: true or false, not {flag!r}")
    xpaths = _table(data, "xpaths", where)
    patterns = _table(data, "patterns", where)
    return Spec(
        name=name,
        path=where,
        article_url=_regex(article["url"], where, "article.url"),
        article=fields,
        scope=scope,
        whole_page_when_scope_empty=flag,
        next=tuple(_xpath(x, where, "list.next") for x in _strings(lst.get("next", []), where, "list.next")),
        xpaths={k: tuple(_xpath(x, where, f"xpaths.{k}") for x in _strings(v, where, f"xpaths.{k}"))
                for k, v in xpaths.items()},
        patterns={k: _regex(v, where, f"patterns.{k}") for k, v in patterns.items()},
    )


def require(the: Spec, *, xpaths: tuple[str, ...] = (), patterns: tuple[str, ...] = ()) -> Spec:
    """`the`, checked for the named extras a family's Python adapter reads; `SpecError` otherwise."""
    for table, keys, have in (("xpaths", xpaths, the.xpaths), ("patterns", patterns, the.patterns)):
        for key in keys:
            if key not in have:
                raise SpecError(f"{the.path}: {table}.{key}: missing (the {the.name} adapter reads it)")
    return the


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _only(table: dict[str, Any], allowed: tuple[str, ...], where: str, prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise SpecError(f"{where}: {prefix}{key}: unknown key (known: {', '.join(allowed)})")


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SpecError(f"{where}: {key}: a table ([{key}]), not {type(value).__name__}")
    return value


def _strings(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SpecError(f"{where}: {key}: a list of non-empty strings, not {value!r}")
    return value


def _sources(value: Any, where: str, key: str, field_name: str) -> tuple[str, ...]:
    out = []
    for source in _strings(value, where, key):
        source = source.strip()
        if field_name in ("body", "drop"):
            xp = _xpath(source, where, key)
            if field_name == "drop" and not xp.startswith("."):
                raise SpecError(f"{where}: {key}: {source!r}: junk is found inside the body, so the XPath "
                                f"starts with '.'")
            if field_name == "body" and xp.startswith("."):
                raise SpecError(f"{where}: {key}: {source!r}: the body is found in the page, not relative to it")
            out.append(xp)
            continue
        every = source.startswith("all ")
        rest = source[4:].strip() if every else source
        if is_xpath(rest):
            out.append(("all " if every else "") + _xpath(rest, where, key))
            continue
        reader, _, arg = rest.partition(" ")
        if reader not in READERS:
            raise SpecError(f"{where}: {key}: {source!r}: neither an XPath nor a reader ({', '.join(READERS)})")
        if every and reader != "meta":
            raise SpecError(f"{where}: {key}: {source!r}: 'all' goes with an XPath or 'meta'")
        if reader == "page-date" and (arg or field_name != "published"):
            raise SpecError(f"{where}: {key}: {source!r}: 'page-date' takes nothing and is read for 'published'")
        if reader in ("meta", "json-ld") and not arg.strip():
            raise SpecError(f"{where}: {key}: {source!r}: '{reader}' needs a name")
        if reader == "json-ld" and len(arg.split()) != 1:
            raise SpecError(f"{where}: {key}: {source!r}: 'json-ld' takes one key")
        out.append(" ".join(source.split()))
    return tuple(out)


def _xpath(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"{where}: {key}: an XPath string, not {value!r}")
    xp = expand(value.strip())
    try:
        etree.XPath(xp)
    except etree.XPathSyntaxError as e:
        raise SpecError(f"{where}: {key}: {value!r}: not an XPath ({e})") from None
    return xp


def _regex(value: Any, where: str, key: str) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise SpecError(f"{where}: {key}: a regular expression string, not {value!r}")
    try:
        return re.compile(value)
    except re.error as e:
        raise SpecError(f"{where}: {key}: {value!r}: not a regular expression ({e})") from None
