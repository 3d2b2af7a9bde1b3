"""Safe HTML for untrusted article text: entity highlighting and search snippets.

Everything here returns `markupsafe.Markup` built only from escaped pieces of the
input text and fixed tags, so an article containing `<script>` renders as text.

`entity_html(text, entities, instructions)` renders an article body in the manner of
displaCy's entity view: each entity span becomes `<mark class="ent ent-KIND">` with
its label, instructions are underlined blocks around them, paragraphs are `<p>`.

`snippet_html(text, query)` cuts a window of `text` around the first match of the
query's words (diacritic-insensitive, `đ` = `d`, word-prefix) and marks every match.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# kind -> (CSS class suffix, Vietnamese label)
KINDS: dict[str, tuple[str, str]] = {
    "official": ("official", "Cán bộ"),
    "location": ("location", "Địa danh"),
    "figure": ("figure", "Số liệu"),
    "document": ("document", "Văn bản"),
    "instruction": ("instruction", "Chỉ đạo"),
}
# when entity spans overlap, the longer one wins; ties go to this order
_PRIORITY = {"document": 0, "official": 1, "location": 2, "figure": 3}


@dataclass
class Span:
    """One highlighted span of the text: `[start, end)`, its kind, an optional link."""

    start: int
    end: int
    kind: str
    href: str | None = None
    title: str | None = None
    ref: str | None = None  # id of the record in the list beside the text
    extra: dict = field(default_factory=dict)


def _clean_spans(spans: list[Span], n: int) -> list[Span]:
    """Drop invalid spans and resolve overlaps (longest first, then by kind priority);
    the result is sorted by start and non-overlapping."""
    valid = []
    for s in spans:
        try:
            a, b = int(s.start), int(s.end)
        except (TypeError, ValueError):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            valid.append(Span(a, b, s.kind, s.href, s.title, s.ref, s.extra))
    valid.sort(key=lambda s: (-(s.end - s.start), _PRIORITY.get(s.kind, 9), s.start))
    starts: list[int] = []
    kept: list[Span] = []
    for s in valid:
        i = bisect_left(starts, s.start)
        if (i > 0 and kept[i - 1].end > s.start) or (i < len(kept) and kept[i].start < s.end):
            continue  # overlaps a span already kept
        starts.insert(i, s.start)
        kept.insert(i, s)
    return kept


def _covering(spans: list[Span], starts: list[int], pos: int) -> Span | None:
    """The span of sorted, non-overlapping `spans` that contains `pos`, if any."""
    i = bisect_right(starts, pos) - 1
    return spans[i] if i >= 0 and spans[i].end > pos else None


def _text(piece: str) -> Markup:
    """Escaped text with single newlines as line breaks."""
    return Markup("<br>").join(escape(line) for line in piece.split("\n"))


def _anchor(s: Span, anchored: set[str]) -> Markup:
    """` id="REF"` on the first element of record REF (the target of `#REF` links), else nothing."""
    if not s.ref or s.ref in anchored:
        return Markup("")
    anchored.add(s.ref)
    return Markup(' id="{}" tabindex="-1"').format(s.ref)


def _open_entity(s: Span, anchored: set[str]) -> Markup:
    cls, _ = KINDS.get(s.kind, (s.kind, s.kind))
    attrs = Markup(' class="ent ent-{}" data-kind="{}"').format(cls, s.kind) + _anchor(s, anchored)
    if s.ref:
        attrs += Markup(' data-ref="{}"').format(s.ref)
    if s.title:
        attrs += Markup(' title="{}"').format(s.title)
    out = Markup("<mark{}>").format(attrs)
    if s.href:
        out += Markup('<a href="{}">').format(s.href)
    return out


def _close_entity(s: Span, last_piece: bool) -> Markup:
    out = Markup("</a>") if s.href else Markup("")
    if last_piece:
        out += Markup('<span class="ent-label">{}</span>').format(KINDS.get(s.kind, ("", s.kind))[1])
    return out + Markup("</mark>")


def _open_instruction(s: Span, anchored: set[str]) -> Markup:
    attrs = Markup(' class="ins" data-kind="instruction"') + _anchor(s, anchored)
    if s.ref:
        attrs += Markup(' data-ref="{}"').format(s.ref)
    if s.title:
        attrs += Markup(' title="{}"').format(s.title)
    return Markup("<span{}>").format(attrs)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each paragraph: runs of text between blank lines, trimmed."""
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t\r]*\n))+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def entity_html(text: str, entities: list[Span], instructions: list[Span] | None = None,
                anchored: set[str] | None = None) -> Markup:
    """The article body as `<p>` paragraphs with entities and instructions marked.

    The first mark of each record (`Span.ref`) carries `id=ref`, so `#ref` scrolls to it;
    the refs so anchored are added to `anchored` when given (a record whose spans were all
    dropped, as invalid or overlapped, has none).

    Entities are `<mark>`s inside instruction `<span>`s; where an entity crosses an
    instruction's edge or a paragraph break it is split in two marks (the label goes on
    the last one). Runs in O(n log n) of the number of spans."""
    text = text or ""
    anchored = set() if anchored is None else anchored
    ents = _clean_spans(entities, len(text))
    inss = _clean_spans([Span(s.start, s.end, "instruction", None, s.title, s.ref) for s in instructions or []],
                        len(text))
    ent_starts = [s.start for s in ents]
    ins_starts = [s.start for s in inss]
    cuts = sorted({p for s in ents + inss for p in (s.start, s.end)})
    out: list[str] = []
    for pa, pb in paragraphs(text):
        bounds = [pa] + cuts[bisect_right(cuts, pa):bisect_left(cuts, pb)] + [pb]
        parts: list[str] = ["<p>"]
        cur_ent: Span | None = None
        cur_ins: Span | None = None
        for a, b in zip(bounds, bounds[1:]):
            ent = _covering(ents, ent_starts, a)
            ins = _covering(inss, ins_starts, a)
            if cur_ent is not None and (ent is not cur_ent or ins is not cur_ins):
                parts.append(_close_entity(cur_ent, last_piece=cur_ent.end <= a))
                cur_ent = None
            if ins is not cur_ins:
                if cur_ins is not None:
                    parts.append("</span>")
                if ins is not None:
                    parts.append(_open_instruction(ins, anchored))
                cur_ins = ins
            if ent is not None and cur_ent is None:
                parts.append(_open_entity(ent, anchored))
                cur_ent = ent
            parts.append(_text(text[a:b]))
        if cur_ent is not None:
            parts.append(_close_entity(cur_ent, last_piece=cur_ent.end <= pb))
        if cur_ins is not None:
            parts.append("</span>")
        parts.append("</p>")
        out.append("".join(parts))
    # every piece above is a fixed tag or Markup built from escaped text
    return Markup("\n".join(out))


# ---------------------------------------------------------------- search snippets

def match_ranges(text: str, query: str | None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping `[start, end)` ranges of `text` that match the query, with
    the archive search's rules (`vnnews.corpus.query`: whole words, diacritic-insensitive,
    `đ` = `d`, a trailing `*` for a prefix)."""
    if not query or not text:
        return []
    from ..corpus.query import parse_query

    return [(a, b) for a, b in parse_query(query).spans(text) if 0 <= a < b <= len(text)]


def highlight_html(text: str | None, query: str | None) -> Markup:
    """All of `text`, escaped, with the query's matches in `<mark class="hit">`."""
    text = text or ""
    html = Markup("")
    pos = 0
    for a, b in match_ranges(text, query):
        html += escape(text[pos:a]) + Markup('<mark class="hit">{}</mark>').format(text[a:b])
        pos = b
    return html + escape(text[pos:])


def snippet_html(text: str | None, query: str | None, width: int = 220) -> Markup:
    """A window of about `width` chars of `text` around the first match of the query."""
    text = " ".join((text or "").split())  # snippets are one line
    if len(text) <= width:
        return highlight_html(text, query)
    ranges = match_ranges(text, query)
    centre = ranges[0][0] if ranges else 0
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < centre else start
    if end < len(text):
        sp = text.rfind(" ", start, end)
        end = sp if sp > centre else end
    piece = highlight_html(text[start:end], query)
    return (Markup("… ") if start > 0 else Markup("")) + piece + (Markup(" …") if end < len(text) else Markup(""))
