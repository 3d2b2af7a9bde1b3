"""The rule runner and the explain trace."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import cases
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


# -- every rule of every grammar has its cases ------------------------------------------------
# A grammar is a module-level tuple named `*_RULES` in a module of `vnnews.nlp` (found by
# walking the package, not listed here); its component is the module's first name under
# `vnnews.nlp` (`vnnews.nlp.figures.codes` -> figures) and its cases are the rows of
# `tests/data/<component>/cases.tsv` (rule, text, expected; the component's own test checks
# the expected records). A row is a *drop case* of its rule when the explain trace shows the
# rule dropping a candidate, a *keep case* when it shows the rule keeping, adding or changing
# one. A row where the rule does not act at all is the other case: for a rule that drops
# (a filter), a look-alike it lets through; for a rule that keeps (a finder, or a rule that
# shapes a figure), a look-alike it does not take. A rule that can never drop says so in its
# row with expected `keep-only: <why>`.

def _grammars() -> dict[str, dict[str, object]]:
    """{component: {rule name: rule}} for every `*_RULES` tuple under vnnews.nlp."""
    import importlib
    import pkgutil

    import vnnews.nlp as nlp

    found: dict[str, dict[str, object]] = {}
    for info in pkgutil.walk_packages(nlp.__path__, nlp.__name__ + "."):
        module = importlib.import_module(info.name)
        component = info.name.split(".")[2]
        for attr, value in vars(module).items():
            if attr.endswith("_RULES") and isinstance(value, tuple) and value and all(map(callable, value)):
                for rule in value:
                    found.setdefault(component, {})[rules.rule_name(rule)] = rule
    return found


def test_grammars_are_found():
    grammars = _grammars()
    assert {"officials", "instructions", "figures"} <= set(grammars), sorted(grammars)
    assert "a_day_and_month" in grammars["figures"] and "title_taken_by_verb" in grammars["officials"]


def test_every_rule_has_a_keep_and_a_drop_case():
    missing = []
    for component, grammar in sorted(_grammars().items()):
        acted: dict[str, list[set[str]]] = {}      # rule -> per row, the actions it took
        keep_only: set[str] = set()
        for rule, text, expected in cases.rows(component):
            if expected.startswith("keep-only:"):
                assert expected[len("keep-only:"):].strip(), f"{component}/{rule}: keep-only needs a reason"
                keep_only.add(rule)
                continue
            record = vnnews.extract(text, explain=True)
            acted.setdefault(rule, []).append(
                {d.action for d in record.explain if d.component == component and d.rule == rule})
        for name in grammar:
            rows = acted.get(name, [])
            drops = any("drop" in a for a in rows)               # a filter (it dropped somewhere)
            keeps = any(a - {"drop"} for a in rows)              # a finder or a shaper
            drop_case = drops or (keeps and any(not a for a in rows))
            keep_case = keeps or (drops and any(not a for a in rows))
            if not drop_case and name not in keep_only:
                missing.append(f"{component}/{name}: no drop case")
            if not keep_case:
                missing.append(f"{component}/{name}: no keep case")
    assert not missing, "\n".join(missing)
