"""Generic article extraction for any news page (used when no site adapter matches).

The body is the element holding the most paragraph text (each paragraph of 25+ characters
scores its length for its parent and half of it for the grandparent; `[itemprop=articleBody]`
and `<article>` get a bonus); it is then walked like an adapter's body (`body.extract_body`:
ads, share/tag/related blocks dropped, captions to images, byline split off). Title, lead,
date and author come from `<h1>`, OpenGraph/JSON-LD metadata and date-looking elements.
"""
from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from ...dates import to_datetime
from ...models import Article
from .. import dom
from ..body import BLOCK, SKIP, extract_body, is_junk
from ..dom import HtmlElement
from ..errors import ParseError
from ..sites import Site
from ..urls import canonical, host_of, is_http
from . import common

_DATE_CLASS = re.compile(r"(?i)date|time|publish|posted|ngay")
_DMY_TIME = re.compile(r"\d{1,2}/\d{1,2}/\d{4}(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2})?|\d{1,2}:\d{2}\s*[-,|]?\s*\d{1,2}/\d{1,2}/\d{4}")
_LINK_ARTICLE = re.compile(r"(?:-a\d+|-ar\d+|-post\d+|-\d{5,})\.html?$|/\d{4}/\d{2}/[^/]+/?$")
MIN_BODY = 200
def is_article_url(url: str) -> bool:
    return common.matches(_LINK_ARTICLE, url)


def find_body(tree: HtmlElement) -> HtmlElement | None:
    """The element most likely to hold the article body, or None."""
    scores: dict[HtmlElement, float] = defaultdict(float)
    junk: dict[HtmlElement, bool] = {}
    body = tree.find("body")
    root = body if body is not None else tree
    holders = dom.skip_holders(root)
    for el in root.iter("p", "div", "td", "li", "span"):
        tag = el.tag
        if tag != "p":
            # a div/td/li counts as a paragraph only when it holds no block children
            if not BLOCK.isdisjoint([c.tag for c in el]):
                continue
            if tag == "span":  # (inside a p, the p is the paragraph)
                parent = el.getparent()
                if parent is not None and parent.tag == "p":
                    continue
        n = dom.text_len(el, el not in holders)
        if n < 25 or _inside_junk(el, junk):
            continue
        weight = n - 5 * sum(1 for _ in el.iter("a"))
        node, share = el.getparent(), 1.0
        while node is not None and share > 0.1:  # parent 1, grandparent 1/2, then 1/4, 1/8
            scores[node] += weight * share
            node, share = node.getparent(), share / 2
    if not scores:
        return None
    for el in list(scores):
        if el.get("itemprop") == "articleBody" or el.tag == "article":
            scores[el] *= 1.5
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= MIN_BODY else None


def _link_blocks(container: HtmlElement) -> list[HtmlElement]:
    """Blocks inside the body that are mostly link text (related-article boxes, link lists)."""
    out = []
    link_len: dict[HtmlElement, int] = {}
    for el in container.iter("div", "table", "ul", "ol", "section", "aside", "p", "li"):
        if el is container:
            continue
        links = [a for a in el.iter("a")]
        if not links:
            continue
        text = dom.text_len(el)
        linked = 0
        for a in links:
            if a not in link_len:
                link_len[a] = dom.text_len(a)
            linked += link_len[a]
        if text and linked / text > 0.6:
            out.append(el)
    return out


def _furniture(container: HtmlElement, title: str | None) -> list[HtmlElement]:
    """Headline, date line and breadcrumb-like bits inside the chosen body element."""
    out = []
    for el in container.iter("h1", "h2", "div", "p", "span", "time"):
        if el is container or any(isinstance(c.tag, str) and c.tag in BLOCK for c in el):
            continue
        if el.tag in ("h1", "time"):
            out.append(el)
            continue
        n = dom.text_len(el)
        if not n or (n >= 60 and not (title and n == len(title))):
            continue
        text = dom.text_of(el)
        if title and text == title:
            out.append(el)
        elif len(text) < 60 and _DMY_TIME.search(text) and len(_DMY_TIME.sub("", text).split()) <= 4:
            out.append(el)
    return out


def _inside_junk(el: HtmlElement, memo: dict[HtmlElement, bool]) -> bool:
    """True when `el` or an ancestor is skipped furniture (nav, header, ads, ...); memoised."""
    path = []
    node, result = el, False
    while node is not None:
        if node in memo:
            result = memo[node]
            break
        path.append(node)
        if node.tag in SKIP or node.tag in ("header", "footer", "aside", "nav") or is_junk(node):
            result = True
            break
        node = node.getparent()
    for p in path:
        memo[p] = result
    return result


def parse_article(html: str | bytes | HtmlElement, url: str | None = None, site: Site | None = None) -> Article:
    """Title, lead, body, date, author of any news page; `ParseError` when it holds no article."""
    tree = common.tree_of(html)
    container = find_body(tree)
    if container is None:
        raise ParseError("no article body found (not an article page?)")
    title = _title(tree, container)
    drop = _link_blocks(container) + _furniture(container, title)
    body = extract_body(container, dom.base_url(tree, url), drop=drop)
    if sum(len(p) for p in body.paragraphs) < MIN_BODY:
        raise ParseError("no article body found (not an article page?)")
    optional = common.optional  # each optional field: a malformed one is skipped, never fatal
    return common.build(tree, url, site, title=title, body=body, lead=optional(_lead, tree, body.paragraphs),
                        published=optional(_published, tree), author=optional(_author, tree),
                        category=optional(_category, tree), tags=optional(_tags, tree, default=[]))


def _marked(tree: HtmlElement, mark: re.Pattern[str], *, tags: tuple[str, ...] = (),
            attrs: tuple[str, ...] = ("class", "id")) -> list[HtmlElement]:
    """Elements under <body> (of one of `tags`, if given) whose class or id matches `mark`."""
    body = tree.find("body")
    out = []
    for el in (body if body is not None else tree).iter(*tags or (etree.Element,)):
        for attr in attrs:
            value = el.get(attr)
            if value and mark.search(value):
                out.append(el)
                break
    return out


def _author(tree: HtmlElement) -> str | None:
    author = dom.ld_author(dom.ld_article(tree))
    site_name = dom.meta(tree, "og:site_name") or ""
    meta_author = dom.meta(tree, "author", "article:author", "dc.creator")
    if not author and meta_author and not meta_author.startswith("http") and len(meta_author) < 60 \
            and meta_author != site_name and "báo" not in meta_author.lower():
        author = meta_author
    return author


def _category(tree: HtmlElement) -> str | None:
    return common.breadcrumb_ld(tree) or _breadcrumb(_marked(tree, _CRUMB)) or dom.meta(tree, "article:section")


_CRUMB = re.compile("breadcrumb")


def _tags(tree: HtmlElement) -> list[str]:
    return dom.meta_all(tree, "article:tag") or \
        _tag_links(_marked(tree, _TAG_BOX, tags=("div", "ul", "p", "section", "span"), attrs=("class",))) or \
        [t for t in (dom.meta(tree, "keywords", "news_keywords") or "").split(",")]


_TAG_BOX = re.compile(r"(?i)(?:^|[\s_-])(?:tags?|tag-list|tags-list|keywords?|keylink|tu-khoa)(?:$|[\s_-])")


def _tag_links(boxes: list[HtmlElement]) -> list[str]:
    """Texts of the links in the first tag box (`div.tags a`, `ul.keywords a`, ...) that has some."""
    for box in boxes:
        names = [dom.text_of(a) for a in box.iter("a")]
        names = [n for n in names if n and len(n) < 60]
        if names:
            return names
    return []


def _breadcrumb(trails: list[HtmlElement]) -> str | None:
    """`Thời sự > Cần Thơ` from the first breadcrumb trail with links (the home link skipped)."""
    for trail in trails:
        names = [dom.text_of(a) for a in trail.iter("a")]
        names = [n for n in names if n and n.lower() not in ("trang chủ", "home", "tin tức") and len(n) < 60]
        if names:
            return " > ".join(dict.fromkeys(names))
    return None


def _title(tree: HtmlElement, container: HtmlElement) -> str | None:
    h1s = [dom.text_of(h) for h in tree.xpath("//h1")]
    h1s = [h for h in h1s if len(h) > 10]
    og = dom.meta(tree, "og:title")
    if og:
        for h in h1s:  # the h1 that agrees with og:title is the headline
            if h[:20].lower() in og.lower() or og[:20].lower() in h.lower():
                return h
    if h1s:
        return h1s[0]
    if og:
        return og
    title = dom.first_text(tree, "//title")
    return re.split(r"\s+[|–-]\s+", title)[0] if title else None


def _lead(tree: HtmlElement, paragraphs: list[str]) -> str | None:
    desc = dom.meta(tree, "og:description", "description")
    if paragraphs and desc and common.covers(paragraphs[0], desc):
        return paragraphs[0]
    norm = common.compare_key(desc) if desc else ""
    if len(norm) <= 30:
        return None
    # a description that is printed in the page (a sapo) is the lead; a site blurb is not.
    # Found from the text node holding its last words, then the outermost element around it
    # whose text ends with the description.
    needle = " ".join(desc.split()[-3:]).strip(" .…")
    for node in tree.xpath("//body//text()[contains(., $n)]", n=needle):
        best = None
        el = node.getparent()  # of a tail text: the element it follows, inside the one that holds it
        if node.is_tail and el is not None:
            el = el.getparent()
        while el is not None and el.tag != "body":
            if el.tag in SKIP:
                best = None
                break
            if dom.text_len(el) >= 1000:
                break
            text = dom.text_of(el)
            if not common.compare_key(text).endswith(norm):
                break
            if el.tag in ("p", "h2", "div", "span"):
                best = text
            el = el.getparent()
        if best:
            return best
    return None


def _published(tree: HtmlElement):
    """The publication time: from metadata with a time of day, else a date line in an element
    whose class or id says date/time (`dated`), else metadata with the date only."""
    dt = common.published_from_meta(tree, require_time=True)
    if dt:
        return dt
    for el in _marked(tree, _DATE_CLASS):
        if el.tag in SKIP or dom.text_len(el) >= 80:
            continue
        text = dom.text_of(el)
        if len(text) < 80:
            m = _DMY_TIME.search(text)
            if m:
                return to_datetime(m.group(0))
    return common.published_from_meta(tree)


def parse_list(html: str | bytes | HtmlElement, url: str) -> tuple[list[str], str | None]:
    """Links that look like articles (same host, article-like path) and the next page."""
    tree = common.tree_of(html)
    base = dom.base_url(tree, url)
    links: list[str] = []
    seen: set[str] = set()
    for a in tree.xpath("//a[@href]"):
        href = a.get("href").strip()
        absolute = dom.join(base or url, href) if not href.startswith(("javascript:", "#", "mailto:")) else ""
        if not absolute or not is_http(absolute) or host_of(absolute) not in (host_of(url), host_of(base or url)):
            continue
        if not is_article_url(absolute):
            continue
        key = canonical(absolute)
        if key not in seen:
            seen.add(key)
            links.append(absolute)
    return links, common.next_page(tree, url, base)
