"""What the rules' docstring examples call: the units found in a text and the decisions a
rule took in it."""
from __future__ import annotations

from ..doc import Doc


def found(text: str) -> list[tuple[str, str]]:
    """(name, level) of the units found in `text` (for the examples in the docstrings)."""
    from . import annotate

    doc = Doc(text)
    annotate(doc)
    return [(loc.name, loc.level) for loc in doc.locations]


def decided(text: str, rule: str) -> list[str]:
    """`action: text` of the decisions `rule` took in `text` (for the docstrings)."""
    from . import annotate

    doc = Doc(text, explain=True)
    annotate(doc)
    return [f"{d.action}: {d.text}" for d in doc.explanations or () if d.rule == rule]
