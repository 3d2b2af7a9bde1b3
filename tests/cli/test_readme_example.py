"""The README's "Get going" shows what `vnnews extract` prints for the bundled example
article; that block is the program's real output, kept true by this test."""
from __future__ import annotations

import re

from conftest import REPO

from vnnews.cli import main

EXAMPLE = REPO / "vnnews" / "data" / "example.txt"


def _readme_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"The first command prints:\n\n```\n(.*?)```", readme, re.S)
    assert found, "README.md: the block after 'The first command prints:' is missing"
    return found.group(1)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def test_readme_shows_the_real_table_for_the_example(capsys):
    assert main(["extract", "--format", "table", str(EXAMPLE)]) == 0
    assert _lines(capsys.readouterr().out) == _lines(_readme_block())
