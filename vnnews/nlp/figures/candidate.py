"""A figure candidate: the number at one position and what the rules have made of it.

Rules of the figures grammar take a `Candidate` and return `None` (the rule has nothing
to say), a `Drop` (not a figure; scanning resumes at `Drop.resume`) or a note (a string:
the rule changed the candidate, for example read a ratio's second number). The stages
and their order are in `grammar.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, NamedTuple

from .numerals import Num


class Drop(NamedTuple):
    """A rule's answer that the candidate is no figure: why, and where scanning resumes."""

    reason: str
    resume: int


Unit = tuple[str, str, int, int]   # (unit as recorded, kind, start, end); kind `noun` for counted nouns
Words = list[tuple[str, int, int]]


@dataclass
class Candidate:
    """The number at `s` (`tok` is its numeral) as the rules read it."""

    sc: Any                    # the `scanner.Scanner` reading the text
    s: int
    tok: re.Match
    # read by the reading and composing stages
    n1: Num | None = None
    value: Decimal = Decimal(0)
    value_max: Decimal | None = None
    total: Decimal | None = None
    scaled: bool = False       # the figure carries a scale word (its own or a range's high end's)
    approx_max: str | None = None
    end: int = 0
    kind: str = "single"       # single, ratio, range
    unit: Unit | None = None
    n2: Num | None = None      # a range's high end
    # settled before the not-a-figure stage
    u_text: str = ""
    u_kind: str = "none"
    u_start: int = 0
    u_end: int = 0
    strong: bool = False       # a unit (not a counted noun) or a scale word follows
    noun_known: bool = False   # the counted noun is a listed one
    head: tuple[str, ...] | None = None
    # the extent
    f_start: int = 0
    approx: str | None = None
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        """The numeral as written: `46.346,8`."""
        return self.tok.group()

    @property
    def tok_end(self) -> int:
        return self.tok.end()

    @property
    def before(self) -> Words:
        """Up to four words right before the number (nearest last)."""
        if "before" not in self.memo:
            self.memo["before"] = self.sc.words_before(self.s)
        return self.memo["before"]

    @property
    def date_cue(self) -> bool:
        """Whether a date cue (`ngày`, `sáng`, ...) comes right before the number."""
        if "date_cue" not in self.memo:
            self.memo["date_cue"] = self.sc.ends_with(self.before, self.sc.lex.date_cues) is not None
        return self.memo["date_cue"]

    def memoized(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per candidate (several rules ask the same question)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    # stage entries (see grammar.STAGES)
    def begin(self) -> None:
        """Start composing from the first number: its value, scale and end."""
        n1 = self.n1
        self.value, self.scaled, self.end = n1.value, n1.scaled, n1.end

    def settle(self) -> None:
        """Fix what follows the (last) number before the not-a-figure rules ask about it."""
        if self.unit is not None:
            self.u_text, self.u_kind, self.u_start, self.u_end = self.unit
        else:
            self.u_text, self.u_kind, self.u_start, self.u_end = "", "none", self.end, self.end
        self.strong = self.u_kind not in ("noun", "none") or self.scaled
        self.noun_known = self.u_kind == "noun" and self.sc.lookup(
            [w[0] for w in self.sc.words_after(self.u_start, 4)], self.sc.lex.nouns) is not None

    def extent_start(self) -> None:
        self.f_start = self.n1.start

    @property
    def f_end(self) -> int:
        return max(self.end, self.u_end) if self.unit is not None else self.end
