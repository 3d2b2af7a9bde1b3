"""The documents rules on their cases as data (tests/data/documents/cases.tsv), one test per
case with the rule's name as its id."""
from __future__ import annotations

import pytest

import cases
import vnnews
from vnnews.nlp import documents
from vnnews.nlp.rules import names

RULES = set(names(getattr(documents, "DOCUMENT_RULES", ())))


@pytest.mark.parametrize("rule, text, want", cases.params("documents"))
def test_rule_cases(rule: str, text: str, want: list):
    if not RULES:
        pytest.skip("the documents grammar (DOCUMENT_RULES) arrives with the documents branch")
    assert rule in RULES, f"unknown rule {rule}"
    rec = vnnews.extract(text, explain=True)
    assert [f"{d.doc_type} {d.number or ''}".strip() for d in rec.directives if d.kind == "document"] == want
