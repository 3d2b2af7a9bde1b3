"""What has digits but is no number to measure with: codes, dates, clock times.

NUMBER_RULES look at the numeral and the characters around it, before any value is read;
READING_RULES read its value and drop what does not read as an amount. Each rule returns
a `Drop` or `None`, in the order of the tuples:

    >>> from vnnews.nlp.figures import find_figures
    >>> [f.text for f in find_figures("Ngày 22.4, Covid-19 lây cho 15 người lúc 7h30.")]
    ['15 người']
"""
from __future__ import annotations

import re

from .candidate import Candidate, Drop
from .patterns import (CLOCK, DAY_MONTH_DOT, DOCNUM, FULL_DATE, MONTH_YEAR, SPACED_CODE, SPACED_DASH_CODE,
                       SPLIT_CODE, TIME_UNITS, YEAR_RANGE)


def glued_to_a_word(c: Candidate) -> Drop | None:
    """`Covid19`, `H5N1`, `U23` -> dropped (part of a code); `còn có11.658 cây xanh` (a missing
    space after a function word) -> kept."""
    s, t = c.s, c.sc.t
    if s > 0:
        c1 = t[s - 1]
        if (c1.isalpha() and not c.sc.missing_space(s)) or c1.isdigit():
            return Drop("glued to a word", c.sc.skip_code(c.tok_end))
    return None


_COUNT_SLASH = re.compile(r"(?<![\w/])\d[\d.,]*[ \t\u00a0]+[^\W\d_A-ZĐ]+(?: [^\W\d_A-ZĐ]+){0,2}/$")


def after_a_code_joiner(c: Candidate) -> Drop | None:
    """`quý II/2025`, `QĐ-15` -> dropped; `(-75 độ C)`, the second of two counts joined by a
    slash (`di dời 4 hộ dân/11 nhân khẩu`, `12 hộ/45 khẩu`) -> kept."""
    s, t = c.s, c.sc.t
    if s > 1 and t[s - 1] in "-/.:_+#@&" and t[s - 2].isalnum():
        if t[s - 1] == "/" and _COUNT_SLASH.search(t, max(0, s - 40), s) and \
                re.match(r"[\d.,]*[ \t\u00a0]+[^\W\d_A-ZĐ]", t[s:s + 16]) and t[s - 2].islower():
            return None  # `4 hộ dân/11 nhân khẩu`: a second count
        return Drop("joined to a code", c.sc.skip_code(c.tok_end))
    return None


def inside_a_spaced_code(c: Candidate) -> Drop | None:
    """`42 / 2005 / QH / 11` (the `11`) -> dropped; `tăng 5 / 7 xã` -> kept."""
    s, t = c.s, c.sc.t
    if s > 0 and SPACED_CODE.search(t, max(0, s - 4), s):
        return Drop("inside a code written with spaces", c.sc.skip_code(c.tok_end))
    return None


def after_a_split_code(c: Candidate) -> Drop | None:
    """`Covid- 19`, `Covid - 19` -> dropped; `3 ha- 5 ha` -> kept."""
    s, t = c.s, c.sc.t
    if s > 0 and (SPLIT_CODE.search(t, max(0, s - 16), s) or SPACED_DASH_CODE.search(t, max(0, s - 16), s)):
        return Drop("the number of a code split by a dash", c.sc.skip_code(c.tok_end))
    return None


def a_full_date(c: Candidate) -> Drop | None:
    """`12/5/2024`, `2024-05-12`, `05 / 8 / 2005` -> dropped; `12/15 tiêu chí` -> kept (a ratio)."""
    m = FULL_DATE.match(c.sc.t, c.s)
    return Drop("a date", max(m.end(), c.tok_end)) if m else None


def a_clock_time(c: Candidate) -> Drop | None:
    """`7h30`, `14:00`, `9g` -> dropped; `4g/l` -> kept (a unit)."""
    m = CLOCK.match(c.sc.t, c.s)
    return Drop("a clock time", max(m.end(), c.tok_end)) if m else None


def a_document_number(c: Candidate) -> Drop | None:
    """`265/QĐ-TTg`, `01-CT/TU`, `17/2023/QH15` -> dropped; `265 quyết định` -> kept."""
    m = DOCNUM.match(c.sc.t, c.s)
    return Drop("a document number", max(m.end(), c.tok_end)) if m else None


def a_month_and_year(c: Candidate) -> Drop | None:
    """`5/2025`, `05.2024` -> dropped; `5/20 hộ` -> kept (a ratio)."""
    m = MONTH_YEAR.match(c.sc.t, c.s)
    if m and 1 <= int(m.group(1)) <= 12:
        return Drop("a month and year", m.end())
    return None


def a_year_range(c: Candidate) -> Drop | None:
    """`2021-2025`, `2016 - 2020` -> dropped; `2021 - 2500 hộ` -> kept."""
    m = YEAR_RANGE.match(c.sc.t, c.s)
    return Drop("a range of years", m.end()) if m else None


def a_code_with_a_leading_zero(c: Candidate) -> Drop | None:
    """`0912345678`, `001`, `02.5` -> dropped (phone numbers, codes); `02 xã` -> kept (a count)."""
    raw = c.raw
    digits = raw.split(".")[0].split(",")[0]
    if len(digits) > 1 and digits.startswith("0") and (len(digits) > 2 or raw != digits):
        return Drop("a code with a leading zero", c.sc.skip_code(c.tok_end))
    return None


def a_day_and_month(c: Candidate) -> Drop | None:
    """`Chiều 22.4,` -> dropped (day.month); `tăng 3.8 lần`, `5.5%`, `1.9 triệu cp` -> kept
    (an English decimal before a measure)."""
    sc, lex = c.sc, c.sc.lex
    dm = DAY_MONTH_DOT.fullmatch(c.raw)
    if dm and 1 <= int(dm.group(1)) <= 31 and 1 <= int(dm.group(2)) <= 12:
        tok_end = c.tok_end
        date_cue = c.date_cue
        u = sc.read_unit(tok_end)
        listed = u is not None and u[1] == "noun" and u[0].split()[0] not in TIME_UNITS and \
            sc.lookup([w[0] for w in sc.words_after(u[2], 4)], lex.nouns) is not None
        nxt = sc.words_after(tok_end, 1)
        scaled_next = bool(nxt) and nxt[0][0] in lex.scales and nxt[0][1] > tok_end
        if (date_cue or not u or (u[1] == "noun" and not listed)) and not (scaled_next and not date_cue):
            return Drop("a day and month", tok_end)
    return None


NUMBER_RULES = (glued_to_a_word, after_a_code_joiner, inside_a_spaced_code, after_a_split_code, a_full_date,
                a_clock_time, a_document_number, a_month_and_year, a_year_range, a_code_with_a_leading_zero,
                a_day_and_month)


def no_value(c: Candidate) -> Drop | None:
    """`1.2.3` (reads as no amount) -> dropped; `2,5 tỷ` -> kept (and read as 2 500 000 000)."""
    c.n1 = c.sc.read_number(c.s)
    if c.n1 is None:
        return Drop("no value", c.sc.skip_code(c.tok_end))
    return None


def one_as_a_determiner(c: Candidate) -> Drop | None:
    """`1 số nhà thuốc`, `1 phần quan trọng` -> dropped (`một` as a determiner); `1 nhà thuốc` -> kept."""
    if c.raw == "1" and c.sc.one_idiom(c.tok_end):
        return Drop("'1' as a determiner", c.tok_end)
    return None


def letters_stuck_after(c: Candidate) -> Drop | None:
    """`8A3`, `vàng 24k` -> dropped; `920,4ha`, `5tr/tháng` -> kept (a unit or scale word stuck on)."""
    t, e = c.sc.t, c.tok_end
    if e < c.sc.n and t[e].isalpha() and not c.sc.attached_unit(e):
        return Drop("letters stuck to the number", c.sc.skip_code(e))
    return None


READING_RULES = (no_value, one_as_a_determiner, letters_stuck_after)
