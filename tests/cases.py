"""Rule cases as data: `tests/data/<component>/cases.tsv`, one row a case.

Columns: the rule the case is about, the text (`\\n` is a line break) and the expected
records joined by ` | ` (how a record is written is said at the top of each file).
`params` gives one pytest parameter per row, its id the rule's name and a count. Other
tables of a component's cases (`tests/data/<component>/<name>.tsv`, columns said at the
top of the file) are read with `table`.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pytest

DATA = Path(__file__).parent / "data"


def table(component: str, name: str = "cases", columns: int = 3) -> list[list[str]]:
    """The rows of `tests/data/<component>/<name>.tsv` (none when there is no such file), each
    padded to `columns` cells; `\\n` in a cell is a line break, `#` starts a comment line."""
    path = DATA / component / f"{name}.tsv"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = (line.split("\t") + [""] * columns)[:max(columns, line.count("\t") + 1)]
            out.append([c.replace("\\n", "\n") for c in cells])
    return out


def rows(component: str) -> list[tuple[str, str, str]]:
    """(rule, text, expected) of every case of `component` (none when it has no file)."""
    return [(rule, text, expected) for rule, text, expected in (r[:3] for r in table(component))]


def items(expected: str) -> list[str]:
    """The expected records of a row: `82 hộ dân | 5 ha` -> ['82 hộ dân', '5 ha']."""
    return [x for x in expected.split(" | ") if x]


def params(component: str, parse: Callable[[str], Any] = items) -> list:
    """One `pytest.param(rule, text, parse(expected), id="rule-n")` per case."""
    seen: Counter = Counter()
    out = []
    for rule, text, expected in rows(component):
        seen[rule] += 1
        out.append(pytest.param(rule, text, parse(expected), id=f"{rule}-{seen[rule]}"))
    return out
