"""Small lxml helpers shared by the adapters: parse, text of an element, page metadata."""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..inputs import parse_date
from ..models import VN_TZ
from .errors import ParseError
from .urls import is_http

HtmlElement = lxml.html.HtmlElement
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2009\u202f\ufeff]+")
_NL = re.compile(r"\s*\n\s*")


def parse(html: str | bytes) -> HtmlElement:
    """The lxml tree of a page; `ParseError` when it is empty or not HTML."""
    if isinstance(html, bytes):
        from .charset import decode_html

        html = decode_html(html)
    if not html or not html.strip():
        raise ParseError("empty page")
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise ParseError(f"not an HTML page ({e})") from None


def clean(text: str | None) -> str:
    """NFC text with runs of spaces (incl. NBSP, zero-width) collapsed and ends stripped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _WS.sub(" ", text)
    return _NL.sub("\n", text).strip()


def text_of(el: HtmlElement | None) -> str:
    """The visible text of an element (scripts and styles skipped), cleaned; `<br>` is a space."""
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, parts)
    if el.tail:  # the element's own tail is not its text
        parts.pop()
    return clean("".join(parts)).replace("\n", " ")


_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "textarea"}


def _collect(el: HtmlElement, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS or not isinstance(el.tag, str):
        # a comment or skipped element: keep only its tail
        if el.tail:
            parts.append(el.tail)
        return
    if tag == "br":
        parts.append(" ")
    elif el.text:
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
    if tag in ("p", "div", "li", "td", "h1", "h2", "h3", "h4", "tr"):
        parts.append(" ")
    if el.tail:
        parts.append(el.tail)


def first(tree: HtmlElement, *xpaths: str) -> HtmlElement | None:
    """The first element matched by the first xpath that matches anything."""
    for xp in xpaths:
        found = tree.xpath(xp)
        if found:
            return found[0]
    return None


def first_text(tree: HtmlElement, *xpaths: str) -> str | None:
    """Cleaned text of the first non-empty match (elements or attribute/string results)."""
    for xp in xpaths:
        for hit in tree.xpath(xp):
            value = clean(str(hit)) if not isinstance(hit, etree._Element) else text_of(hit)
            if value:
                return value
    return None


def has_class(name: str) -> str:
    """An xpath predicate for `class~=name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def meta(tree: HtmlElement, *names: str) -> str | None:
    """Content of the first `<meta name|property|itemprop=...>` among `names` that is set."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            hits = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            for h in hits:
                if clean(h):
                    return clean(h)
    return None


def meta_all(tree: HtmlElement, name: str) -> list[str]:
    return [clean(h) for h in tree.xpath("//meta[@property=$n or @name=$n]/@content", n=name) if clean(h)]


def json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page (lists and @graph flattened); bad JSON is skipped."""
    out: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            try:  # some sites leave trailing commas or raw newlines
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except (ValueError, RecursionError):
                continue
        stack = [data]
        while stack and len(out) < 200:  # lists (nested too) and @graph flattened, in page order
            obj = stack.pop(0)
            if isinstance(obj, list):
                stack[:0] = obj
            elif isinstance(obj, dict):
                out.append(obj)
                graph = obj.get("@graph")
                if isinstance(graph, (list, dict)):
                    stack.insert(0, graph)
    return out


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The `@type` names of a JSON-LD object (a string or a list of them; anything else: none)."""
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def ld_text(obj: Any, key: str) -> str | None:
    """`obj[key]` when `obj` is a dict and the value is a non-empty string, cleaned; else None."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return clean(value) or None if isinstance(value, str) else None


def ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article type, or {}."""
    for obj in json_ld(tree):
        if any(k.endswith("Article") for k in ld_types(obj)):
            return obj
    return {}


def ld_author(obj: dict[str, Any]) -> str | None:
    """The first author's name of a JSON-LD article (a string, a Person, or a list of them)."""
    author = obj.get("author") if isinstance(obj, dict) else None
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    if isinstance(author, str) and clean(author) and not author.strip().startswith(("http:", "https:")):
        return clean(author)[:200]
    return None


def to_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 or Vietnamese day-first date as an aware datetime in Asia/Ho_Chi_Minh."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:100]
    if re.match(r"\d{4}-\d{2}-\d{2}T", value):
        iso = re.sub(r"Z$", "+00:00", value)
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        try:
            dt = datetime.fromisoformat(iso)
            return (dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)
        except (ValueError, OverflowError):  # out of range once moved to +07:00 (year 1 or 9999)
            pass
    return parse_date(value)


def join(base: str | None, href: str | None) -> str | None:
    """`href` made absolute against `base`; None for an empty or malformed one (`http://[::1`)."""
    href = (href or "").strip()
    if not href:
        return None
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return None


def base_url(tree: HtmlElement, url: str | None) -> str | None:
    """The URL relative links resolve against: `<base href>` if set, else the page URL."""
    base = tree.xpath("//base/@href")
    if base:
        return join(url, base[0]) or url
    return url


def page_url(tree: HtmlElement, url: str | None) -> str | None:
    """The page's own canonical URL: `<link rel=canonical>`, then `og:url`, then `url`."""
    for cand in tree.xpath("//link[@rel='canonical']/@href") + [meta(tree, "og:url") or ""]:
        absolute = join(url, cand)
        if absolute and absolute.startswith(("http://", "https://")) and is_http(absolute):
            return absolute
    return url


def img_src(img: HtmlElement) -> str | None:
    """The real source of an `<img>`, looking through lazy-loading attributes."""
    for attr in ("data-src", "data-original", "data-lazy-src", "src"):
        v = (img.get(attr) or "").strip()
        if v and not v.startswith("data:"):
            return v
    for attr in ("data-srcset", "srcset"):  # `a.jpg 480w, b.jpg 800w`: the first candidate
        v = (img.get(attr) or "").strip().split(",")[0].split()
        if v and not v[0].startswith("data:"):
            return v[0]
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            v = (source.get("srcset") or source.get("data-srcset") or "").strip().split(",")[0].split()
            if v and not v[0].startswith("data:"):
                return v[0]
    return None

