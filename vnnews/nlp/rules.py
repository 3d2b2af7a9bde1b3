"""Grammars as ordered tuples of small named rules, and the explain trace they write.

A rule is a plain function. A *filter* rule answers one question about a candidate and
returns a reason string when the candidate must be dropped (``None`` keeps it); a
grammar is the ordered tuple of such rules, run in order until one drops:

    >>> def too_short(c):
    ...     "Drop a one-letter name. `A` -> dropped; `An` -> kept."
    ...     return "one letter" if len(c) < 2 else None
    >>> def digits(c):
    ...     "Drop a name with digits. `A1` -> dropped."
    ...     return "has a digit" if any(ch.isdigit() for ch in c) else None
    >>> GRAMMAR = (too_short, digits)
    >>> verdict(GRAMMAR, "An1")
    ('digits', 'has a digit')
    >>> verdict(GRAMMAR, "An") is None
    True

Each decision can be recorded on the `Doc` with `doc.trace(...)`; the records appear in
`vnnews.extract(text, explain=True).explain`, so a user sees which rule kept or dropped
each candidate.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

Rule = Callable[..., Any]


@dataclass(frozen=True)
class Decision:
    """One step of an explain trace: `component` applied `rule` to the text at `span`."""

    component: str
    rule: str
    action: str               # "keep", "drop", "add", "merge", "set", ...
    span: tuple[int, int]
    text: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"component": self.component, "rule": self.rule, "action": self.action,
                "span": list(self.span), "text": self.text, "note": self.note}


def rule_name(rule: Rule) -> str:
    """The name a rule is reported by (its function name)."""
    return getattr(rule, "__name__", repr(rule))


def verdict(grammar: Sequence[Rule], *args: Any) -> tuple[str, str] | None:
    """Run filter rules in order; the first that returns a reason drops the candidate.

    Returns `(rule name, reason)` for a drop, `None` when every rule keeps it.
    """
    for rule in grammar:
        reason = rule(*args)
        if reason:
            return rule_name(rule), str(reason)
    return None


def names(grammar: Iterable[Rule]) -> list[str]:
    """The rule names of a grammar, in order."""
    return [rule_name(r) for r in grammar]
