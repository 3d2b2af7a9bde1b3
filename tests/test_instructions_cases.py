"""The instructions rules on their cases as data (tests/data/instructions/cases.tsv), one test
per case with the rule's name as its id."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import vnnews
from vnnews.nlp.instructions import SPEAKER_RULES, STATEMENT_RULES, VERB_RULES
from vnnews.nlp.rules import names

RULES = set(names(VERB_RULES + SPEAKER_RULES + STATEMENT_RULES))


def _load_cases() -> list:
    rows, seen = [], Counter()
    path = Path(__file__).parent / "data" / "instructions" / "cases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, text, expected = (line.split("\t") + [""])[:3]
            seen[rule] += 1
            rows.append(pytest.param(rule, text, [x for x in expected.split(" | ") if x], id=f"{rule}-{seen[rule]}"))
    return rows


@pytest.mark.parametrize("rule, text, want", _load_cases())
def test_rule_cases(rule: str, text: str, want: list):
    assert rule in RULES, f"unknown rule {rule}"
    rec = vnnews.extract(text, explain=True)
    assert [f"{d.speaker}: {d.verb}" for d in rec.directives if d.kind == "instruction"] == want
