"""`Doc`: one article text that pipeline components annotate, in the manner of spaCy.

The text is NFC-normalised once; every offset that a component records indexes
`doc.text`. `doc.key` is a same-length copy for matching (tone marks unified), so a
match found in the key is a match in the text at the same offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..models import Directive, Figure, Location, Official
from .rules import Decision
from .textnorm import match_key, nfc


@dataclass(frozen=True)
class Span:
    """A slice `[start, end)` of a Doc's text."""

    doc: "Doc" = field(repr=False, compare=False)
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


_PARA = re.compile(r"[^\n]+")


def _sentence_texts(paragraph: str) -> list[str]:
    from underthesea import sent_tokenize  # imported lazily: it is slow to import

    return sent_tokenize(paragraph)


class Doc:
    """Text plus sentence and paragraph boundaries, and the records components add."""

    def __init__(self, text: str, article: dict[str, Any] | None = None, explain: bool = False) -> None:
        self.text: str = nfc(text)
        self.key: str = match_key(self.text)
        self.article: dict[str, Any] = dict(article or {})
        self.paragraphs: list[Span] = []
        self.sents: list[Span] = []
        self._segment()
        self._para_starts = [p.start for p in self.paragraphs]
        # filled by components (see `component.RECORDS`)
        self.officials: list[Official] = []
        self.locations: list[Location] = []
        self.figures: list[Figure] = []
        self.directives: list[Directive] = []    # documents and instructions
        self.user_data: dict[str, Any] = {}
        # the explain trace: None unless asked for, so tracing costs nothing by default
        self.explanations: list[Decision] | None = [] if explain else None

    def trace(self, component: str, rule: str, action: str, start: int, end: int, note: str = "") -> None:
        """Record that `rule` of `component` took `action` on `text[start:end]` (explain mode only)."""
        if self.explanations is not None:
            self.explanations.append(Decision(component, rule, action, (start, end), self.text[start:end], note))

    def _segment(self) -> None:
        for m in _PARA.finditer(self.text):
            if not m.group().strip():
                continue
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            self.paragraphs.append(Span(self, start, end))
            pos = start
            for sent in _sentence_texts(self.text[start:end]):
                sent = sent.strip()
                if not sent:
                    continue
                i = self.text.find(sent, pos, end)
                if i < 0:  # the tokenizer altered the text: keep the rest as one sentence
                    break
                self.sents.append(Span(self, i, i + len(sent)))
                pos = i + len(sent)
            if pos < end and self.text[pos:end].strip():
                rest = pos + len(self.text[pos:end]) - len(self.text[pos:end].lstrip())
                self.sents.append(Span(self, rest, end))

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)

    def sent_at(self, offset: int) -> Span | None:
        """The sentence that contains `offset`."""
        lo, hi = 0, len(self.sents)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sents[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def paragraph_index(self, offset: int) -> int:
        """Index in `paragraphs` of the paragraph that contains `offset`, or -1."""
        i = bisect_right(self._para_starts, offset) - 1
        return i if i >= 0 and offset < self.paragraphs[i].end else -1

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph that contains `offset`."""
        i = self.paragraph_index(offset)
        return self.paragraphs[i] if i >= 0 else None

    def __len__(self) -> int:
        return len(self.text)

    def __iter__(self) -> Iterator[Span]:
        return iter(self.sents)

    def __repr__(self) -> str:
        return f"Doc({len(self.text)} chars, {len(self.sents)} sentences)"
