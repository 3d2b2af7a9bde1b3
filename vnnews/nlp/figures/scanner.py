"""The figures scanner: finds every number in a text and runs the grammar on it.

`Scanner` reads the text and its match key (lower-cased, tone marks unified) through the
methods of its parts: `words.Words` (the words around a position), `numerals.Numerals`
(number scanning), `units.Units` (unit reading) and `context.Context` (ranges, lists,
periods, names). `Scanner.at` runs the stages of `grammar.STAGES` on the number at one
position and writes each decision to the explain trace.
"""
from __future__ import annotations

from typing import Any, Iterator

from ...models import Figure
from ..component import declares
from ..doc import Doc
from ..numbers import to_number
from ..rules import rule_name
from ..textnorm import match_key, nfc
from .candidate import Candidate, Drop
from .context import Context
from .grammar import STAGES
from .lexicon import load
from .numerals import Numerals
from .patterns import NUM
from .units import Units
from .words import Words

COMPONENT = "figures"


class LightDoc:
    """Just what the scanner reads from a Doc: text and match key (no sentence split)."""

    def __init__(self, text: str) -> None:
        self.text = nfc(text)
        self.key = match_key(self.text)


class Scanner(Words, Numerals, Units, Context):
    """Reads the figures of one text (a `Doc` or a `LightDoc`)."""

    def __init__(self, doc: Doc | LightDoc) -> None:
        self.t = doc.text
        k = doc.key.lower()
        if len(k) != len(doc.text):  # a few characters change length when lower-cased
            k = "".join(c.lower() if len(c.lower()) == 1 else c for c in doc.key)
        self.k = k
        self.lex = load()
        self.n = len(self.t)
        self._no_spaced: set[int] = set()
        self._list_depth = 0
        self._trace = getattr(doc, "trace", None) if getattr(doc, "explanations", None) is not None else None

    def scan(self) -> Iterator[Figure]:
        t = self.t
        pos = 0
        while True:
            m = NUM.search(t, pos)
            if not m:
                return
            fig, end = self.at(m.start())
            if fig is not None:
                yield fig
            pos = max(end, m.end())

    def _explain(self, rule: Any, action: str, start: int, end: int, note: str) -> None:
        # numbers read ahead inside a list (`_list_depth` > 0) are decided again in their turn
        if self._trace is not None and self._list_depth == 0:
            self._trace(COMPONENT, rule_name(rule), action, start, end, note)

    def at(self, s: int) -> tuple[Figure | None, int]:
        """The figure that starts with the number at `s` (or None), and where scanning resumes."""
        c = Candidate(self, s, self.numeral(s))
        keeper = None
        tracing = self._trace is not None and self._list_depth == 0
        for stage in STAGES:
            if stage.enter is not None:
                stage.enter(c)
            for rule in stage.rules:
                answer = rule(c)
                if answer is None:
                    continue
                if answer.__class__ is Drop:
                    if tracing:
                        self._explain(rule, "drop", s, max(c.tok_end, min(answer.resume, self.n)), answer.reason)
                    return None, answer.resume
                if stage.names_the_keep:
                    keeper = rule
                if tracing:
                    self._explain(rule, "set", s, max(c.tok_end, c.end), answer)
        fig = Figure(
            text=self.t[c.f_start:c.f_end],
            value=to_number(c.value),
            value_max=to_number(c.value_max) if c.value_max is not None else None,
            total=to_number(c.total) if c.total is not None else None,
            unit=c.u_text,
            quantity=self.quantity(c.f_start, c.f_end, c.u_kind),
            span=[c.f_start, c.f_end],
        )
        if c.approx:
            fig.extra["approx"] = c.approx
        if c.approx_max:
            fig.extra["approx_max"] = c.approx_max
        self._explain(keeper, "keep", c.f_start, c.f_end, f"unit '{c.u_text}'" if c.u_text else "no unit")
        return fig, c.f_end


def find_figures(text_or_doc: str | Doc) -> list[Figure]:
    """The figures of a text (or a `Doc`), in text order.

    >>> [(f.value, f.unit) for f in find_figures("An Khánh có 82 hộ dân, diện tích 46.346,8m2.")]
    [(82, 'hộ dân'), (46346.8, 'm2')]
    """
    doc = text_or_doc if isinstance(text_or_doc, Doc) else LightDoc(text_or_doc)
    return list(Scanner(doc).scan())


@declares(assigns=("figures",))
def annotate(doc: Doc) -> None:
    """Add figures to `doc`, one per occurrence, in text order."""
    doc.figures.extend(Scanner(doc).scan())
