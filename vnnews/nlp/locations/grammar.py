"""The locations grammar: its three stages in order, each an ordered tuple of named rules
(the order is the grammar).

    >>> [(stage.name, len(stage.rules)) for stage in STAGES]
    [('anchored', 27), ('candidates', 5), ('bare', 13)]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .anchored import ANCHOR_RULES
from .bare import BARE_RULES
from .candidates import CANDIDATE_RULES


@dataclass(frozen=True)
class Stage:
    """A named stage and its rules in order; `answers` says what a rule returns."""

    name: str
    rules: tuple[Callable, ...]
    answers: str


STAGES = (
    Stage("anchored", ANCHOR_RULES, "a note (the level word is decided: `add` or `drop`) or None (next rule)"),
    Stage("candidates", CANDIDATE_RULES, "a reason (`drop`) or None (keep the candidate)"),
    Stage("bare", BARE_RULES, "a Unit (`keep`), a reason (`drop`) or None (next rule)"),
)
