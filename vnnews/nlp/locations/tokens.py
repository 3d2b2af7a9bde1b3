"""Words of an article's match key, their kinds, the comparison form of names, and the
mentions the stages find.

    >>> token_kind("Canh"), token_kind("UBND"), token_kind("xã"), token_kind("9A1"), token_kind("…")
    ('T', 'U', 'L', 'D', 'O')
    >>> canon("Ia  H’Drai"), canon("BR–VT")
    ("ia h'drai", 'br - vt')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..gazetteer import Unit
from ..textnorm import key_lower

# a word token; `'` joins minority names (`Ia H'Drai`)
WORD = re.compile(r"\w+(?:['’]\w+)?")

NAME_SEP = re.compile(r"^(?: |\s?[-–]\s?)$")

NUMBER = re.compile(r"^(?:\d{1,3}(?:[A-Za-z]\d{0,2})?|[IVX]{1,4})$")  # `ấp 5`, `ấp 1B`, `ấp 9A1`, `thôn IV`

_NUMERIC = re.compile(r"\d{1,4}(?:[A-Za-z]\d{0,2})?")


@dataclass(slots=True)
class Tok:
    """A word of `doc.key` and its kind."""

    start: int
    end: int
    text: str  # from doc.key
    kind: str  # T titlecase, U acronym, L lowercase, D number, O other


@dataclass
class Mention:
    """A unit named in the text: its span, its name as written, its level and its candidates."""

    start: int
    end: int
    name: str  # from doc.text
    level: str
    kind: str  # anchored, bare, village, list, paren
    cands: list[Unit] = field(default_factory=list)
    unit: Unit | None = None


@lru_cache(maxsize=1 << 16)
def token_kind(w: str) -> str:
    """T titlecase, U acronym, L lower case, D number, O other."""
    if _NUMERIC.fullmatch(w):
        return "D"
    c = w[0]
    if not c.isalpha():
        return "O"
    if c.isupper():
        if len(w) > 1 and w.isupper():
            return "U"
        return "T"
    return "L"

_HYPHEN = re.compile(r"\s*[-–]\s*")

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def canon(s: str) -> str:
    """Comparison form of a name: NFC, tone-unified, lower case, ` - ` for hyphens."""
    return canon_key(key_lower(s))


def canon_key(s: str) -> str:
    """`canon` of a slice of `doc.key` (already NFC and tone-unified)."""
    s = s.lower()
    if "’" in s:
        s = s.replace("’", "'")
    if "-" in s or "–" in s:
        s = _HYPHEN.sub(" - ", s)
    if "  " in s or "\n" in s or "\t" in s or "\u00a0" in s:
        s = _SPACES.sub(" ", s)
    return s.strip()


def numbered(tok: Tok) -> bool:
    """A number that can name a unit: `5`, `1B`, `IV`."""
    return tok.kind == "D" or (tok.kind == "U" and bool(NUMBER.match(tok.text)))
