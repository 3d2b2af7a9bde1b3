"""What joins the number: its unit, a ratio's or a range's second number.

COMPOSE_RULES extend the candidate (returning a note of what they read) or drop it when the
second number shows that the whole is a date, an address or a code:

    >>> from vnnews.nlp.figures import find_figures
    >>> [(f.text, f.total, f.value_max) for f in find_figures("đạt 5/9 tiêu chí, tăng 16-17%")]
    [('5/9 tiêu chí', 9, None), ('16-17%', None, 17)]
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..numbers import parse_decimal
from .candidate import Candidate, Drop
from .numerals import Num
from .patterns import CHANGE, HOURS, OVER, SLASH_NUM, SPACE, TIME_UNITS, YEARLIKE


def what_follows(c: Candidate) -> str | None:
    """Read the unit or counted noun after the number: `46.346,8m2` -> `m2`, `82 hộ dân` -> `hộ dân`."""
    c.unit = c.sc.read_unit(c.end)
    return f"followed by '{c.unit[0]}'" if c.unit else None


def a_ratio_in_words(c: Candidate) -> str | None:
    """`4 trên tổng số 8 huyện` -> one ratio 4/8 huyện; `4 trên 2 xã` -> not a ratio."""
    sc, n1 = c.sc, c.n1
    om = OVER.match(sc.k, c.end) if not c.unit else None
    if om and not n1.scaled:
        n2 = sc.read_number(om.end())
        u2 = sc.read_unit(n2.end) if n2 is not None and not n2.scaled else None
        if u2 is not None and n2.value >= n1.value:
            c.total, c.kind, c.end, c.unit = n2.value, "ratio", n2.end, u2
            return "a ratio in words"
    return None


class Slash(NamedTuple):
    """What follows a bare number's `/`: the match (group 1: the second numeral as written),
    the second number (None when it reads none) and the unit after it."""

    match: re.Match
    n2: Num | None
    unit: tuple[str, str, int, int] | None


def _slash(c: Candidate) -> Slash | None:
    """The `Slash` when `/` and a number follow a bare number, else None."""
    def compute():
        sm = SLASH_NUM.match(c.sc.t, c.end) if c.kind == "single" and not c.unit else None
        if not sm:
            return None
        n2 = c.sc.read_number(sm.start(1))
        return Slash(sm, n2, c.sc.read_unit(n2.end) if n2 is not None else None)
    return c.memoized("slash", compute)


def nothing_after_the_slash(c: Candidate) -> Drop | None:
    """`4/1.2.3` -> dropped (no value after `/`); `4/3 đảng viên` -> kept."""
    sl = _slash(c)
    if sl and sl.n2 is None:
        return Drop("no number after the slash", sl.match.end())
    return None


def a_slash_date(c: Candidate) -> Drop | None:
    """`16/4`, `ngày 3/2 tới`, `15/2025` -> dropped; `4/3 đảng viên`, `817/898` -> kept."""
    sl = _slash(c)
    if not sl:
        return None
    n1, n2, second = c.n1, sl.n2, sl.match.group(1)
    if YEARLIKE.fullmatch(second) and not n1.scaled:
        return Drop("a month and year", n2.end)
    plain = not n1.scaled and not n2.scaled and "," not in c.raw + second and "." not in c.raw + second
    if plain and 1 <= n1.value <= 31 and 1 <= n2.value <= 12:
        if c.date_cue or sl.unit is None or (sl.unit[1] == "noun" and sl.unit[0].split()[0] in TIME_UNITS):
            return Drop("a day and month", n2.end)
    return None


def a_house_number(c: Candidate) -> Drop | None:
    """`123/45 Nguyễn Trãi` -> dropped (an address); `123/450 hộ` -> kept."""
    sl = _slash(c)
    if sl and sl.unit is None:
        t, n2 = c.sc.t, sl.n2
        nxt = SPACE.match(t, n2.end).end()
        if nxt < c.sc.n and t[nxt].isupper():
            return Drop("an address", n2.end)
    return None


def a_slash_code(c: Candidate) -> Drop | None:
    """`120/34/56`, `40/50-A` -> dropped (codes); `40/50 hộ` -> kept."""
    sl = _slash(c)
    if sl:
        t, n, n2 = c.sc.t, c.sc.n, sl.n2
        if SLASH_NUM.match(t, n2.end) or (n2.end < n and t[n2.end] in "/-" and
                                          n2.end + 1 < n and t[n2.end + 1].isalnum()):
            return Drop("a code", c.sc.skip_code(n2.end))
    return None


def a_ratio(c: Candidate) -> str | None:
    """`4/3 đảng viên`, `2,9 tỷ/3,1 tỷ`, `trực 24/24h`, `số phiếu 62/62` -> a ratio (value/total)."""
    sl = _slash(c)
    if not sl:
        return None
    n1, n2 = c.n1, sl.n2
    total = n2.value
    if n1.scaled and not n2.scaled:
        total = n2.value * (n1.value / parse_decimal(c.raw)) if parse_decimal(c.raw) else n2.value
    if n2.scaled and not n1.scaled:
        c.value = n1.value * (n2.value / (parse_decimal(sl.match.group(1)) or 1))
    c.total, c.kind, c.end, c.unit = total, "ratio", n2.end, sl.unit
    if c.unit is None and HOURS.match(c.sc.t, n2.end):
        c.unit = ("h", "unit", n2.end, n2.end + 1)   # `trực 24/24h`
    if c.unit is None:
        c.unit = c.sc.counted_before(c.sc.words_before(c.s, 7), c.s)   # `với số phiếu 62/62`
    return "a ratio"


def _range(c: Candidate):
    return c.memoized("range", lambda: c.sc.range_at(c.n1, c.unit, c.before) if c.kind == "single" else None)


def a_date_range(c: Candidate) -> Drop | None:
    """`16 - 22.4`, `20 - 22 tháng 9` -> dropped (days of a month); `16-17%` -> kept."""
    if _range(c) == "date":
        return Drop("a range of dates", c.sc.after_range(c.n1.end))
    return None


def a_range(c: Candidate) -> str | None:
    """`16-17%`, `từ 60 đến dưới 100%`, `3 - 5 ha`, `vốn 3-5 tỷ` -> a range (value..value_max)."""
    rng = _range(c)
    if rng is None or rng == "date":
        return None
    n1, sc = c.n1, c.sc
    n2, unit2, approx_max = rng
    c.value_max = n2.value
    if n2.scaled and not n1.scaled:
        scale = n2.value / (parse_decimal(sc.numeral(n2.start).group()) or 1)
        if n1.value * scale <= n2.value:
            c.value = n1.value * scale
    c.kind, c.end, c.n2, c.approx_max = "range", n2.end, n2, approx_max
    c.unit = unit2 or c.unit
    c.scaled = c.scaled or n2.scaled
    return "a range"


def a_change_from_to(c: Candidate) -> str | None:
    """`giảm từ 10 xuống 5 vụ`, `tăng từ 5 lên 7 tỷ đồng` -> the first number takes the second's unit."""
    before, sc, n1 = c.before, c.sc, c.n1
    if c.unit is None and c.kind == "single" and before and before[-1][0] == "từ":
        cm = CHANGE.match(sc.k, c.end)
        if cm:
            n2 = sc.read_number(cm.end())
            u2 = sc.read_unit(n2.end) if n2 else None
            if n2 is not None and u2 is not None:
                c.unit = (u2[0], u2[1], c.end, c.end)
                if n2.scaled and not n1.scaled:
                    scale = n2.value / (parse_decimal(sc.numeral(n2.start).group()) or 1)
                    c.value = n1.value * scale
                return "the unit of the number it changes to"
    return None


def a_money_word_after_a_scale(c: Candidate) -> str | None:
    """`hơn 223 tỷ ủng hộ`, `300 tỷ vốn ngân sách` -> no counted noun (the amount is bare money);
    `2 triệu người` -> kept as a count."""
    u = c.unit
    if u is not None and u[1] == "noun" and c.scaled and c.sc.lex.money.match(c.sc.k, u[2]):
        c.unit = None
        return "a money word after a scale word is no counted noun"
    return None


COMPOSE_RULES = (what_follows, a_ratio_in_words, nothing_after_the_slash, a_slash_date, a_house_number,
                 a_slash_code, a_ratio, a_date_range, a_range, a_change_from_to, a_money_word_after_a_scale)
