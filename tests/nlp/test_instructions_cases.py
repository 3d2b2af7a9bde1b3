"""The instructions rules on their cases as data (tests/data/instructions/cases.tsv), one test
per case with the rule's name as its id."""
from __future__ import annotations

import pytest

import cases
import vnnews
from vnnews.nlp.instructions import SPEAKER_RULES, STATEMENT_RULES, VERB_RULES
from vnnews.nlp.rules import names

RULES = set(names(VERB_RULES + SPEAKER_RULES + STATEMENT_RULES))
# rules whose cases are written before the rule is merged from another branch (issue 10)
PENDING = {"the_subject_of_a_series"}


@pytest.mark.parametrize("rule, text, want", cases.params("instructions"))
def test_rule_cases(rule: str, text: str, want: list):
    if rule not in RULES and rule in PENDING:
        pytest.skip(f"{rule} arrives with the instructions branch")
    assert rule in RULES, f"unknown rule {rule}"
    rec = vnnews.extract(text, explain=True)
    assert [f"{d.speaker}: {d.verb}" for d in rec.directives if d.kind == "instruction"] == want
