"""Small lxml helpers shared by the adapters: parse, text of an element, page metadata."""
from __future__ import annotations

import json
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from .errors import ParseError
from .urls import is_http

HtmlElement = etree._Element  # plain lxml elements: no per-element Python class lookup (5x faster walks)
MAX_PAGE_BYTES = 10 * 1024 * 1024  # the default page-size limit, as for the fetcher's bodies
MAX_DEPTH = 200  # elements nested deeper than this are unwrapped (their text kept) before parsing
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2009\u202f\ufeff]+")
_NL = re.compile(r"\s*\n\s*")


def check_size(html: str | bytes, max_bytes: int | None = MAX_PAGE_BYTES) -> None:
    """`ParseError` naming both sizes when the page is over `max_bytes` (None: no limit)."""
    if max_bytes is None or len(html) * (1 if isinstance(html, bytes) else 4) <= max_bytes:
        return
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ParseError(f"page of {size} bytes exceeds the {max_bytes}-byte page size limit (max_bytes, --max-bytes on the command line)")


def parse(html: str | bytes, *, max_bytes: int | None = MAX_PAGE_BYTES) -> HtmlElement:
    """The lxml tree of a page; `ParseError` when it is empty, not HTML or over `max_bytes`.

    Text nested deeper than the HTML parser goes (libxml2 stops at 256 levels and drops the
    rest of the page) is kept: such a page is parsed again with the nesting beyond
    `MAX_DEPTH` unwrapped.
    """
    check_size(html, max_bytes)
    if isinstance(html, bytes):
        from .charset import decode_html

        html = decode_html(html)
    if not html or not html.strip():
        raise ParseError("empty page")
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    parser = etree.HTMLParser()
    try:
        root = etree.fromstring(html, parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            root = etree.fromstring(unwrap_deep(html, MAX_DEPTH), etree.HTMLParser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise ParseError(f"not an HTML page ({e})") from None
    if root is None:
        raise ParseError("not an HTML page (no elements)")
    return root


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr", "keygen", "command"}
_SELF_CLOSING_REPEAT = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
_BLOCKISH = {"p", "div", "section", "article", "li", "ul", "ol", "table", "tr", "td", "blockquote",
             "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "main", "header", "footer"}


def unwrap_deep(html: str, limit: int) -> str:
    """`html` with the tags of elements nested more than `limit` deep removed, their text kept
    (a removed block tag becomes two `<br>`, so paragraphs stay apart).

    >>> unwrap_deep("<div><div><div><p>x</p></div></div></div>", 2)
    '<div><div><br><br><br><br>x<br><br><br><br></div></div>'
    """
    from html.parser import HTMLParser

    out: list[str] = []
    stack: list[str] = []
    deep: list[str] = []  # tags opened beyond the limit (dropped)

    class Unwrapper(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            raw = self.get_starttag_text() or ""
            if tag in _VOID:
                out.append(raw)
                return
            if tag in _SELF_CLOSING_REPEAT and (deep or stack) and (deep or stack)[-1] == tag:
                self.handle_endtag(tag)  # `<p>a<p>b`: the second p closes the first
            if len(stack) >= limit:
                deep.append(tag)
                if tag in _BLOCKISH:
                    out.append("<br><br>")
                return
            stack.append(tag)
            out.append(raw)

        def handle_startendtag(self, tag: str, attrs: list) -> None:
            if len(stack) < limit or tag in _VOID:
                out.append(self.get_starttag_text() or "")

        def handle_endtag(self, tag: str) -> None:
            if tag in deep:
                while deep and deep.pop() != tag:
                    pass
                if tag in _BLOCKISH:
                    out.append("<br><br>")
                return
            if tag in stack:
                while stack and stack.pop() != tag:
                    pass
                out.append(f"</{tag}>")

        def handle_data(self, data: str) -> None:
            out.append(data)

        def handle_entityref(self, name: str) -> None:
            out.append(f"&{name};")

        def handle_charref(self, name: str) -> None:
            out.append(f"&#{name};")

        def handle_comment(self, data: str) -> None:
            out.append(f"<!--{data}-->")

        def handle_decl(self, decl: str) -> None:
            out.append(f"<!{decl}>")

    parser = Unwrapper(convert_charrefs=False)
    parser.feed(html)
    parser.close()
    return "".join(out)


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


def text_len(el: HtmlElement, plain: bool | None = None) -> int:
    """About `len(text_of(el))` (a `<br>` not counted as a space), computed in C when the
    element holds no skipped element (script, style, ...); `plain=True` says so already."""
    if plain is None:
        plain = next(el.iter(*_SKIP_TAGS), None) is None
    if not plain:
        return len(text_of(el))
    return len(" ".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split()))


def skip_holders(root: HtmlElement) -> set[HtmlElement]:
    """The elements holding a skipped element (script, style, ...), for `text_len(el, el not in ...)`."""
    out: set[HtmlElement] = set()
    for skipped in root.iter(*_SKIP_TAGS):
        for node in (skipped, *skipped.iterancestors()):
            if node in out:
                break
            out.add(node)
    return out


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


_last = threading.local()  # the metadata index of the page read last in this thread


def _index(tree: HtmlElement) -> dict[str, Any]:
    """Meta tags and JSON-LD of the page `tree` belongs to, read once per page (a one-page cache
    per thread: the fields of a page are read one after another)."""
    root = tree.getroottree().getroot()
    cached = getattr(_last, "page", None)
    if cached is not None and cached[0] is root:
        return cached[1]
    metas: dict[str, str] = {}
    all_metas: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        content = clean(m.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = m.get(attr)
            if key:
                metas.setdefault(key, content)
                if attr != "itemprop":
                    all_metas.setdefault(key, []).append(content)
    index = {"meta": metas, "meta_all": all_metas, "json_ld": None}
    _last.page = (root, index)
    return index


def forget() -> None:
    """Drop this thread's cached page index (and with it the page's tree, which may be large)."""
    _last.page = None


def meta(tree: HtmlElement, *names: str) -> str | None:
    """Content of the first `<meta name|property|itemprop=...>` among `names` that is set."""
    metas = _index(tree)["meta"]
    return next((metas[n] for n in names if n in metas), None)


def meta_all(tree: HtmlElement, name: str) -> list[str]:
    """Contents of every `<meta property|name=name>`, in page order."""
    return list(_index(tree)["meta_all"].get(name, ()))


def json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page (lists and @graph flattened); bad JSON is skipped."""
    index = _index(tree)
    if index["json_ld"] is None:
        index["json_ld"] = _read_json_ld(tree)
    return index["json_ld"]


def _read_json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        data = _load_json_ld(raw)
        if data is None:
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


@lru_cache(maxsize=32)
def _load_json_ld(raw: str) -> Any:
    """The parsed JSON of a JSON-LD script (cached: a page's scripts are read by several fields;
    callers only read the result), or None when it is not JSON even after the usual repairs."""
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        try:  # some sites leave trailing commas or raw newlines
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
        except (ValueError, RecursionError):
            return None


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
    picture = next((a for a, _ in zip(img.iterancestors(), range(2)) if a.tag == "picture"), None)
    if picture is not None:  # (an old parser may nest the img inside an unclosed <source>)
        for source in picture.iter("source"):
            v = (source.get("srcset") or source.get("data-srcset") or "").strip().split(",")[0].split()
            if v and not v[0].startswith("data:"):
                return v[0]
    return None

