"""Data files (lexicons, gazetteer, patterns) shipped with vnnews, and their loaders.

Each file notes its source and licence in `resources/README.md`. Lines starting with
`#` are comments; blank lines are skipped.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    return ROOT / name


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text resource, NFC, stripped."""
    import unicodedata

    out = []
    for line in path(name).read_text(encoding="utf-8").splitlines():
        line = unicodedata.normalize("NFC", line.strip())
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated resource (comment lines skipped)."""
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in lines(name))


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    p = path(name)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8") as fh:
        return json.load(fh)
