"""The rule runner and the explain trace."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import vnnews
from vnnews.nlp import rules


def test_rules_doctest():
    failures, tried = doctest.testmod(rules)
    assert tried > 0 and failures == 0


def test_explain_is_off_by_default():
    record = vnnews.extract("Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung rà soát.")
    assert record.explain is None
    assert "explain" not in record.to_dict()


def test_explain_lists_decisions_with_spans_into_the_text():
    text = "Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung rà soát hộ nghèo."
    record = vnnews.extract(text, explain=True)
    assert isinstance(record.explain, list)
    for d in record.explain:
        s, e = d.span
        assert record.text[s:e] == d.text
        assert d.component and d.rule and d.action


def test_cli_explain_flag(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Bí thư Huyện ủy Phan Song Toàn đề nghị các xã tập trung rà soát hộ nghèo.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "vnnews", "extract", str(f), "--format", "json", "--explain"],
                         capture_output=True, text=True, check=True).stdout
    assert isinstance(json.loads(out)["explain"], list)
