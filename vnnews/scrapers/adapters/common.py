"""What every adapter shares: building the `Article`, metadata fall-backs, list-page links."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Callable, Iterable, TypeVar
from urllib.parse import urlsplit

from ...dates import to_datetime
from ...models import Article, Image
from .. import dom
from ..body import Body
from ..dom import HtmlElement
from ..errors import ParseError
from ..sites import Site, for_url
from ..urls import canonical, host_of, is_http


T = TypeVar("T")

# What a malformed optional field (JSON-LD of an unexpected shape, a date out of range, a URL
# with a bad port) can raise while it is read; such a field is skipped, the page is kept.
FIELD_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError)


def optional(read: Callable[..., T], *args: Any, default: Any = None) -> T | None:
    """`read(*args)`, or `default` when a malformed optional field makes it fail.

    >>> optional(lambda: [].get("name"))  # a list where a dict was expected
    >>> optional(int, "12")
    12
    """
    try:
        return read(*args)
    except FIELD_ERRORS:
        return default


def tree_of(html: str | bytes | HtmlElement) -> HtmlElement:
    return html if isinstance(html, dom.HtmlElement) else dom.parse(html)


def site_of(tree: HtmlElement, url: str | None, site: Site | None = None) -> Site | None:
    """`site`, else the registered site of `url`, else that of the page's own canonical URL."""
    return site or for_url(url) or for_url(dom.page_url(tree, url))


def matches(pattern: re.Pattern[str], url: str) -> bool:
    """True when `url` without its query string matches an adapter's article-URL pattern."""
    return bool(pattern.search(url.split("?")[0]))


def build(tree: HtmlElement, url: str | None, site: Site | None, *, title: str | None, body: Body,
          lead: str | None = None, published=None, author: str | None = None, category: str | None = None,
          tags: Iterable[str] = (), images: Iterable[Image] = ()) -> Article:
    """An Article from the parts an adapter found, with page-metadata fall-backs for the rest."""
    paragraphs = [p for p in body.paragraphs if p]
    lead = dom.clean(lead) or None
    if lead and paragraphs and not covers(paragraphs[0], lead):
        paragraphs.insert(0, lead)  # the lead sits outside the body on this site: text starts with it
    if not paragraphs:
        raise ParseError("no article body found (not an article page?)")
    title = dom.clean(title) if isinstance(title, str) else None
    title = title or dom.meta(tree, "og:title") or dom.first_text(tree, "//title")
    page = dom.page_url(tree, url)
    seen: set[str] = set()
    all_images: list[Image] = []
    for img in [*images, *body.images]:
        if img.url and img.url not in seen and is_http(img.url):
            seen.add(img.url)
            all_images.append(img)
        elif not img.url and img.caption:  # a caption whose photo has no usable address: kept
            all_images.append(img)
    if not all_images:
        og = dom.meta(tree, "og:image")
        if og and is_http(og):
            all_images.append(Image(url=og))
    tag_list: list[str] = []
    for t in tags or ():
        t = dom.clean(t).lstrip("#").strip(" ,") if isinstance(t, str) else ""
        if t and len(t) < 100 and t not in tag_list:
            tag_list.append(t)
    source = site.source if site else (dom.meta(tree, "og:site_name") or (host_of(url) if url else None))
    dom.forget()  # the page is read: don't keep its tree alive in the metadata cache
    return Article(
        text="\n\n".join(paragraphs),
        title=title or None,
        url=optional(canonical, page) if page and is_http(page) else page,
        source=source,
        lead=lead,
        published=published if isinstance(published, datetime) else None,
        author=(author if isinstance(author, str) else None) or body.byline,
        category=(category if isinstance(category, str) else None) or None,
        tags=tag_list,
        images=all_images,
    )


def covers(paragraph: str, lead: str) -> bool:
    """True when the paragraph holds the lead, e.g. with a source tag in front.

    >>> covers("(CTO) - Sáng 14-7, Đảng ủy xã họp.", "Sáng 14-7, Đảng ủy xã họp")
    True
    """
    return compare_key(lead) in compare_key(paragraph)


def compare_key(s: str) -> str:
    """`s` lower-cased with punctuation and spacing collapsed, to compare leads and paragraphs.

    >>> compare_key("(CTO) - Sáng  14-7!")
    'cto sáng 14 7'
    """
    return re.sub(r"\W+", " ", s).strip().lower()


def uppercase_fix(text: str | None) -> str | None:
    """`THỜI SỰ` -> `Thời sự` (menus written in capitals); other text unchanged."""
    if text and text.isupper() and len(text) > 3:
        return text[0] + text[1:].lower()
    return text


def breadcrumb_ld(tree: HtmlElement) -> str | None:
    """`Kinh tế > Đầu Tư` from a JSON-LD BreadcrumbList (the home item skipped)."""
    for obj in dom.json_ld(tree):
        if "BreadcrumbList" not in dom.ld_types(obj):
            continue
        names = []
        items = obj.get("itemListElement")
        stack = list(items) if isinstance(items, list) else [items]
        while stack:  # items may be wrapped in lists (`[[{...}], [{...}]]`); anything else is skipped
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
                continue
            name = dom.ld_text(item.get("item"), "name") or dom.ld_text(item, "name") if isinstance(item, dict) \
                else None
            if name and len(name) < 100 and name not in names:
                names.append(name)
        names = [n for n in names if n.lower() not in ("trang chủ", "home", "tin tức")]
        if names:
            return " > ".join(names)
    return None


def published_from_meta(tree: HtmlElement, *, require_time: bool = False):
    """The publication time from standard page metadata, or None.

    With `require_time`, values that carry only a date (`2026-01-08`) are passed over.
    """
    for value in (dom.meta(tree, "article:published_time", "datePublished", "pubdate", "og:published_time",
                           "dc.date.issued", "date"),
                  dom.ld_text(dom.ld_article(tree), "datePublished"),
                  dom.first_text(tree, "//time/@datetime")):
        if require_time and not (value and re.search(r"\d:\d\d", value)):
            continue
        dt = to_datetime(value)
        if dt:
            return dt
    return None


_NEXT_TEXT = {">", "›", "trang sau", "tiếp", "sau", "next", "xem thêm", "trang tiếp", "»»"}
_PAGE_NUM = re.compile(r"(?:[?&](?:p|page|trang)=|/trang-?|/page/?|[-_/]p)(\d+)(?=$|[./&?-])", re.I)


def page_number(url: str) -> int:
    m = None
    for m in _PAGE_NUM.finditer(url):
        pass
    return int(m.group(1)) if m else 1


def next_page(tree: HtmlElement, url: str, base: str | None = None, *, scope: str = "//") -> str | None:
    """The next list page: `rel=next`, a link labelled `>`/`Trang sau`/..., or page n+1."""
    base = base or dom.base_url(tree, url) or url
    for href in tree.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href"):
        absolute = dom.join(base, href)
        if absolute and is_http(absolute):
            return absolute
    current = page_number(url)
    candidates: list[str] = []
    for a in tree.xpath(f"{scope}a[@href]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        absolute = dom.join(base, href)
        if not absolute or not is_http(absolute) or host_of(absolute) not in (host_of(url), host_of(base)):
            continue
        label = dom.text_of(a).lower()
        if label in _NEXT_TEXT and page_number(absolute) > current:
            return absolute
        if _PAGE_NUM.search(absolute) and page_number(absolute) == current + 1:
            candidates.append(absolute)
    return candidates[0] if candidates else None


def article_links(tree: HtmlElement, url: str, pattern: re.Pattern[str], *, scope: str = "//",
                  base: str | None = None) -> list[str]:
    """Absolute URLs of the links under `scope` whose path matches `pattern`, in page order.

    Relative links resolve against `<base href>` when the page has one, as a browser does."""
    base = base or dom.base_url(tree, url) or url
    out: list[str] = []
    seen: set[str] = set()
    for href in tree.xpath(f"{scope}a/@href"):
        href = href.strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        absolute = dom.join(base, href)
        if not absolute or not is_http(absolute) or not pattern.search(urlsplit(absolute).path):
            continue
        key = canonical(absolute)
        if key not in seen:
            seen.add(key)
            out.append(absolute)
    return out
