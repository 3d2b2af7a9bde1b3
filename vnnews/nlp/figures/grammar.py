"""The figures grammar: its stages in order, each an ordered tuple of named rules.

A candidate is every number in the text; the stages run in this order and a rule's
`Drop` ends it. Rules that change the candidate return a note; the last of them in the
composing and not-a-figure stages names the rule that kept the figure in the explain
trace (`vnnews.extract(text, explain=True).explain`).

    >>> [stage.name for stage in STAGES]
    ['number', 'reading', 'composing', 'not a figure', 'extent']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .candidate import Candidate
from .codes import NUMBER_RULES, READING_RULES
from .compose import COMPOSE_RULES
from .extent import EXTENT_RULES
from .not_figures import NOT_FIGURE_RULES


@dataclass(frozen=True)
class Stage:
    """A named stage: its rules in order, and the candidate step run before them."""

    name: str
    rules: tuple[Callable, ...]
    enter: Callable[[Candidate], None] | None = None
    names_the_keep: bool = False     # a change by one of its rules names the keep decision


STAGES = (
    Stage("number", NUMBER_RULES),
    Stage("reading", READING_RULES),
    Stage("composing", COMPOSE_RULES, Candidate.begin, names_the_keep=True),
    Stage("not a figure", NOT_FIGURE_RULES, Candidate.settle, names_the_keep=True),
    Stage("extent", EXTENT_RULES, Candidate.extent_start),
)
