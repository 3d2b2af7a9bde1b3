"""Turn an article's body element into paragraphs, images with captions and a byline.

Walks the element in document order, splitting text into paragraphs at block-level
tags. Ads, share/comment/tag/related blocks are skipped; an image's caption (a
`figcaption`, a caption cell, or a centred/italic paragraph right after the image) goes
to the image, not the text; a short right-aligned or all-bold last paragraph is the byline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from ..models import Image
from .dom import HtmlElement, clean, img_src, join, text_of

BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption",
    "header", "footer", "aside", "pre", "hr", "dl", "dt", "dd", "center", "address", "caption",
}
SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "textarea",
        "form", "input", "nav", "video", "audio", "object", "embed", "ins", "link", "meta"}
JUNK = re.compile(
    r"(?i)(?:^|[\s_-])(?:ads?|adv|advert\w*|adsbygoogle|banners?|baner|rennab|sda|amn|share|sharing|social|"
    r"relate[sd]?|related\w*|comments?|sponsor(?:ed)?|tags?|keylink|print|zalo|fb|breadcrumbs?|"
    r"newsletter|readmore|read-more|recommend\w*|box-?news|lien-?quan|tinlienquan|tin-?khac|xem-?them|"
    r"doc-?them|cung-?chuyen-?muc|more-?news|other-?news)(?:$|[\s_-])")
BYLINE_CLASS = re.compile(r"(?i)(?:^|[\s_-])(?:author\w*|byline|tac-?gia|writer)(?:$|[\s_-])")
CAPTION_CLASS = re.compile(r"(?i)caption|image-desc|img-desc|photo-desc|pcaption|note-img|desc-img")
_ALIGN = re.compile(r"text-align\s*:\s*(center|right)", re.I)
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:bài|tin|ảnh|bài và ảnh|tin và ảnh|bài, ảnh|tin, ảnh|video|clip|thực hiện|nhóm phóng viên|"
    r"pv|ctv)\s*(?:[,/&-]\s*(?:ảnh|video|clip)\s*)?[:.]\s*|theo\s*:?\s+)", re.I)


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    byline: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class _Block:
    kind: str  # "p", "img", "caption", "byline"
    text: str = ""
    align: str | None = None
    styled: bool = False  # the whole text is bold or italic
    italic: bool = False
    owner: HtmlElement | None = None  # the block element a paragraph's alignment is read from


BOXES = {"div", "section", "aside", "ul", "ol", "table", "article", "dl"}
_TEASER_LINK_MIN = 20  # characters of link text for a link to read as a headline


def is_teaser_box(el: HtmlElement) -> bool:
    """True for a box of links to other articles (a related-articles box inside the body):
    at least two headline links (a link that is the whole text of its heading, list item or
    paragraph) and, per headline, little other text (a one- or two-sentence summary).

    `<div><h3><a href=..>Headline one ...</a></h3><p>Summary</p><h3><a>Headline two ...</a></h3></div>`
    is a teaser box; a paragraph with a link inside a sentence is not a headline link.
    """
    headlines = 0
    link_chars = 0
    for a in el.iter("a"):
        if not a.get("href"):
            continue
        text = text_of(a)
        if len(text) < _TEASER_LINK_MIN:
            continue
        holder = a.getparent()
        while holder is not None and holder is not el and holder.tag not in _HOLDERS:
            holder = holder.getparent()
        if holder is None or holder is el or len(text) >= 0.8 * len(text_of(holder)):
            headlines += 1
            link_chars += len(text)
    if headlines < 2:
        return False
    other = len(text_of(el)) - link_chars
    return other <= 300 * headlines


_HOLDERS = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "div", "td", "dt", "dd"}


def is_junk(el: HtmlElement) -> bool:
    """True for ads, share/comment/tag/related blocks, by class or id."""
    cls = el.get("class") or ""
    ident = el.get("id") or ""
    return bool((cls and JUNK.search(cls)) or (ident and JUNK.search(ident)))


def extract_body(container: HtmlElement, base: str | None, *, drop: list[HtmlElement] | None = None,
                 byline: HtmlElement | None = None) -> Body:
    """Paragraphs, images and byline of `container`; `drop` elements are ignored entirely."""
    dropped = set(drop or [])
    blocks: list[_Block] = []
    _walk(container, blocks, dropped, base, [])
    css = _css_align(container)
    for b in blocks:
        if b.owner is not None:
            b.align = _align(b.owner, css)
    body = Body()
    pending: Image | None = None
    for b in blocks:
        if b.kind == "byline":
            body.byline = body.byline or clean_byline(b.text)
            continue
        if b.kind == "img":
            pending = Image(url=b.text or None)
            body.images.append(pending)
            continue
        if b.kind == "caption" or (pending is not None and pending.caption is None and _looks_like_caption(b)):
            if not body.images:  # a caption whose photo was not found: kept on its own
                body.images.append(Image(url=None, caption=b.text))
            elif body.images[-1].caption is None:
                body.images[-1].caption = b.text
            elif b.text not in body.images[-1].caption:
                body.images[-1].caption += " " + b.text
            continue
        pending = None
        body.paragraphs.append(b.text)
    if byline is not None:
        text = text_of(byline)
        body.byline = clean_byline(text)
        if body.paragraphs and body.byline and clean(body.paragraphs[-1]) == text:
            body.paragraphs.pop()
    elif body.byline is None:
        last = [b for b in blocks if b.kind == "p"]
        if last and body.paragraphs and _looks_like_byline(last[-1]) and body.paragraphs[-1] == last[-1].text:
            body.byline = clean_byline(body.paragraphs.pop())
    return body


def clean_byline(text: str | None) -> str | None:
    """`Tin, ảnh: P.Y` -> `P.Y`; `Theo TTXVN` -> `TTXVN`."""
    if not text:
        return None
    text = clean(text).strip(" -–—()")
    text = _BYLINE_PREFIX.sub("", text).strip(" -–—")
    return text or None


def _looks_like_caption(b: _Block) -> bool:
    return b.kind == "p" and len(b.text) < 400 and (b.italic or b.align == "center")


def _looks_like_byline(b: _Block) -> bool:
    words = b.text.split()
    if not words or len(words) > 10 or len(b.text) > 80:
        return False
    if _BYLINE_PREFIX.match(b.text):
        return True
    return b.align == "right" or (b.styled and not b.text.endswith((".", ":", "?", "!")))


_CSS_RULE = re.compile(r"\.([\w-]+)\s*\{[^}]*text-align\s*:\s*(center|right)", re.I)


def _css_align(container: HtmlElement) -> dict[str, str]:
    """Classes that a `<style>` inside the body aligns right or centre (`.t1 { text-align: right }`)."""
    rules: dict[str, str] = {}
    for style in container.iter("style"):
        for name, value in _CSS_RULE.findall(style.text or ""):
            rules[name] = value.lower()
    return rules


def _align(el: HtmlElement, css: dict[str, str]) -> str | None:
    """`center`/`right` when `el` (or an inline ancestor up to its block) is aligned so."""
    for node in (el, *el.iterancestors()):
        if css:
            for cls in (node.get("class") or "").split():
                if cls in css:
                    return css[cls]
        style = node.get("style") or ""
        m = _ALIGN.search(style)
        if m:
            return m.group(1).lower()
        if node.get("align") in ("center", "right"):
            return node.get("align")
        if node.tag in ("p", "div", "td", "figure"):
            break
    return None


class _Run:
    """Inline content gathered until the next block boundary."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.styled_chars = 0
        self.italic_chars = 0
        self.owner: HtmlElement | None = None

    def add(self, text: str | None, styled: bool, italic: bool) -> None:
        if text:
            self.parts.append(text)
            n = len(text.strip())
            if styled:
                self.styled_chars += n
            if italic:
                self.italic_chars += n


def _walk(el: HtmlElement, out: list[_Block], dropped: set, base: str | None, style: list[str]) -> None:
    run = _Run()
    run.owner = el
    if el.text:
        run.add(el.text, bool(style), "i" in style)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is None:  # comment / processing instruction
            if child.tail:
                run.add(child.tail, bool(style), "i" in style)
            continue
        tag = tag.lower()
        if child in dropped or tag in SKIP or is_junk(child) or (tag in BOXES and is_teaser_box(child)):
            run.add(child.tail, bool(style), "i" in style)
            continue
        if tag == "img":
            _flush(run, out, el)
            out.append(_Block("img", join(base, img_src(child)) or ""))
            run.add(child.tail, bool(style), "i" in style)
            continue
        if tag == "br":
            run.add("\n", False, False)
            run.add(child.tail, bool(style), "i" in style)
            continue
        if tag in BLOCK:
            _flush(run, out, el)
            if BYLINE_CLASS.search(child.get("class") or "") and len(text := text_of(child)) < 100:
                if text:
                    out.append(_Block("byline", text))
            elif tag == "figcaption" or CAPTION_CLASS.search(child.get("class") or ""):
                cap = text_of(child)
                if cap:
                    out.append(_Block("caption", cap))
            else:
                _walk(child, out, dropped, base, style)
            run.add(child.tail, bool(style), "i" in style)
            continue
        # inline element: recurse for its text, tracking bold/italic
        mark = "i" if tag in ("em", "i") else "b" if tag in ("strong", "b") else None
        inner = style + [mark] if mark else style
        _inline(child, run, out, dropped, base, inner, el)
        run.add(child.tail, bool(style), "i" in style)
    _flush(run, out, el)


def _inline(el: HtmlElement, run: _Run, out: list[_Block], dropped: set, base: str | None,
            style: list[str], block_owner: HtmlElement) -> None:
    if el.text:
        run.add(el.text, bool(style), "i" in style)
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag and not (child in dropped or tag in SKIP or is_junk(child)):
            if tag == "img":
                _flush(run, out, block_owner)
                out.append(_Block("img", join(base, img_src(child)) or ""))
            elif tag == "br":
                run.add("\n", False, False)
            elif tag in BLOCK:  # a block inside an inline element (bad markup): treat as block
                _flush(run, out, block_owner)
                _walk(child, out, dropped, base, style)
            else:
                mark = "i" if tag in ("em", "i") else "b" if tag in ("strong", "b") else None
                _inline(child, run, out, dropped, base, style + [mark] if mark else style, block_owner)
        if child.tail:
            run.add(child.tail, bool(style), "i" in style)


def _flush(run: _Run, out: list[_Block], owner: HtmlElement) -> None:
    raw = "".join(run.parts)
    if raw.strip():
        total = len("".join(p.strip() for p in run.parts))
        for piece in re.split(r"\n\s*\n", raw):
            text = clean(piece.replace("\n", " "))
            if text:
                out.append(_Block("p", text, owner=owner,
                                  styled=run.styled_chars >= 0.9 * max(total, 1),
                                  italic=run.italic_chars >= 0.9 * max(total, 1)))
    run.parts.clear()
    run.styled_chars = run.italic_chars = 0


__all__ = ["Body", "extract_body", "clean_byline", "is_junk", "is_teaser_box", "JUNK"]
