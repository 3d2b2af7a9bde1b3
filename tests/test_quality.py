"""Extraction quality on the annotated dev set, scored by the project's own scorer.

The floors sit just below what the extractor reaches today, so a change that makes any
category worse fails here. Raise them as the extractor improves.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_path

FLOORS = {
    "officials": 0.98,
    "locations": 0.98,
    "figures": 0.98,
    "documents": 0.98,
    "instructions": 0.97,
    "official_title_token_f1": 0.98,
}


@pytest.fixture(scope="module")
def scores() -> dict:
    scorer = shared_path("eval", "score.py")
    gold = shared_path("eval", "dev")
    command = f"{sys.executable} -m vnnews extract --format jsonl"
    proc = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--run", command, "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_f1_floor(scores, category):
    got = scores[category] if category.startswith("official_") else scores[category]["f1"]
    assert got >= FLOORS[category], f"{category}: {got:.3f} < floor {FLOORS[category]}"


def test_every_article_has_a_record(scores):
    assert scores["missing_records"] == []
