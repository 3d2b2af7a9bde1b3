"""Vietnamese text normalisation that keeps offsets.

`match_key(text)` returns a string of exactly the same length as `text` in which the old
tone-mark placement (`hoà`, `thuỷ`, `hoè`) is moved to the new one (`hòa`, `thủy`, `hòe`),
so that lexicons match either spelling and every offset found in the key indexes the
original text too. `fold(text)` strips all diacritics and maps đ to d (for search keys).
"""
from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}  # sắc huyền hỏi ngã nặng


def _split_tone(ch: str) -> tuple[str, str | None]:
    d = unicodedata.normalize("NFD", ch)
    tone = next((c for c in d if c in _TONES), None)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(ch: str, tone: str | None) -> str:
    return unicodedata.normalize("NFC", ch + tone) if tone else ch


def _fix_pair(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    b1, t1 = _split_tone(first)
    b2, t2 = _split_tone(second)
    if t2 and not t1 and len(b1) == 1 and len(b2) == 1:
        return _with_tone(b1, t2) + b2
    return m.group(0)


# a vowel pair whose tone the old style writes on the second letter, at syllable end
_PAIR_TONED = re.compile(
    r"(?<![qQ])([oOuU])([" + "".join(
        unicodedata.normalize("NFC", v + t) for v in "aAeEyY" for t in _TONES) + r"])(?![^\W\d_])"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def match_key(text: str) -> str:
    """Same-length copy of `text` with tone marks in the new (2018 school) position."""
    out = _PAIR_TONED.sub(_fix_pair, text)
    assert len(out) == len(text)
    return out


_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def fold(text: str) -> str:
    """Diacritic-free form: `Đồng Khởi` -> `Dong Khoi`."""
    d = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def key_lower(text: str) -> str:
    """Lower-cased match key, used to compare names and lexicon entries."""
    return match_key(nfc(text)).lower()
