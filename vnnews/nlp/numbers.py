"""The number grammar of Vietnamese news.

Vietnamese writes a dot between thousands and a comma before decimals: `46.346,8` is
46346.8, `1.000` is 1000, `2,5` is 2.5, and `19,970` is 19.97 (a comma is always a
decimal mark). The English format is read only where it cannot be Vietnamese:
`1,234,567` (several comma groups), `1,234.5` (comma groups then a dot), `2.5` (a dot
followed by other than three digits); thousands grouped by spaces (`1 000`) are read as
one number. Scale words are multiplied in: `2,5 tỷ` is
2 500 000 000, `1,2 nghìn tỷ` is 1 200 000 000 000.

    >>> parse_number("46.346,8")
    46346.8
    >>> parse_number("1.000")
    1000
    >>> parse_amount("2,5 tỷ")
    2500000000

Values are exact: integers come back as `int`, others as `float` (computed with
`Decimal`, so `2,9 tỷ` is exactly 2900000000).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass

from ..resources import table
from .lexicon import loader

Number = int | float

_VN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")   # 46.346,8  1.000  1.000.000
_VN_DECIMAL = re.compile(r"\d+(?:,\d+)?")                     # 2,5  19,970  123
_EN_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")   # 1,234,567  1,234,567.5
_EN_GROUP_DOT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")        # 1,234.5
_EN_DECIMAL = re.compile(r"\d+\.(?:\d{1,2}|\d{4,})")           # 2.5  0.25  (not 1.000)
_SPACED = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")             # 1 000  12 500,5 (space-grouped)

#: the numeral as it is written in running text (both formats; the parser decides)
NUMERAL = r"\d+(?:[.,]\d+)*"


def _clean(text: str) -> str:
    return text.strip().replace("\u00a0", "").replace("\u202f", "")


def parse_decimal(text: str) -> Decimal | None:
    """The exact value of a numeral, or None when it is not a number in either format."""
    s = _clean(text)
    if not s or not s[0].isdigit():
        return None
    if " " in s:
        if not _SPACED.fullmatch(s):
            return None
        s = s.replace(" ", "")
    try:
        if _VN_DECIMAL.fullmatch(s) or _VN_THOUSANDS.fullmatch(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _EN_GROUPS.fullmatch(s) or _EN_GROUP_DOT.fullmatch(s):
            return Decimal(s.replace(",", ""))
        if _EN_DECIMAL.fullmatch(s):
            return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        return None
    return None


def to_number(value: Decimal) -> Number:
    """`int` when the value is whole, else `float`."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_number(text: str) -> Number | None:
    """`"46.346,8"` -> 46346.8, `"1.000"` -> 1000, `"2,5"` -> 2.5; None if not a numeral."""
    d = parse_decimal(text)
    return None if d is None else to_number(d)


@dataclass(frozen=True)
class Lexicon:
    """The scale words of `resources/figures/scales.tsv`, built by `load()`."""

    scales: dict[str, int]          # scale word (lower-case) -> multiplier
    abbreviations: frozenset[str]   # those marked `abbr` (`tr`, `k`): they may be stuck to the number


@loader("numbers")
def load() -> Lexicon:
    rows = table("figures/scales.tsv")
    return Lexicon(scales={row[0].lower(): int(row[1]) for row in rows},
                   abbreviations=frozenset(row[0].lower() for row in rows if len(row) > 2 and row[2].strip() == "abbr"))


def scale_of(words: str) -> int | None:
    """The multiplier of one or more scale words (`"nghìn tỷ"` -> 10**12), else None."""
    parts = words.lower().split()
    if not parts:
        return None
    scales = load().scales
    m = 1
    for p in parts:
        if p not in scales:
            return None
        m *= scales[p]
    return m


_AMOUNT_PART = re.compile(r"(" + NUMERAL + r")((?:\s+[^\W\d_]+)*)")  # a numeral and its scale words


def parse_amount(text: str) -> Number | None:
    """A numeral followed by scale words: `"2,5 tỷ"` -> 2500000000, `"300 triệu"` -> 300000000.

    Compound amounts add up: `"1 tỷ 200 triệu"` -> 1200000000.
    """
    total = Decimal(0)
    pos = 0
    found = False
    s = _clean(text) if text else ""
    while pos < len(s):
        while pos < len(s) and s[pos].isspace():
            pos += 1
        if pos >= len(s):
            break
        m = _AMOUNT_PART.match(s, pos)
        if not m:
            return None
        d = parse_decimal(m.group(1))
        if d is None:
            return None
        words = m.group(2).strip()
        mult = scale_of(words) if words else 1
        if mult is None:
            return None
        total += d * mult
        found = True
        pos = m.end()
    return to_number(total) if found else None


def format_number(value: Number, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 46346.8 -> `46.346,8`, 1000 -> `1.000`."""
    d = Decimal(str(value))
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    out = ".".join(reversed(groups))
    if frac:
        out += "," + frac
    return sign + out


__all__ = ["NUMERAL", "Lexicon", "load", "parse_number", "parse_decimal", "parse_amount", "scale_of",
           "format_number", "to_number"]
