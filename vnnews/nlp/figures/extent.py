"""Where a kept figure begins: `từ` before a range, an approximator (`hơn`, `gần`, `≥`), a minus sign.

    >>> from vnnews.nlp.figures import find_figures
    >>> [(f.text, f.extra) for f in find_figures("từ 60 đến dưới 100%, gần 366 tỷ đồng, ≥ 5 ha")]
    [('từ 60 đến dưới 100%', {'approx_max': 'dưới'}), ('366 tỷ đồng', {'approx': 'gần'}), ('≥ 5 ha', {'approx': '≥'})]
"""
from __future__ import annotations

from .candidate import Candidate


def _adjacent(c: Candidate) -> bool:
    before = c.before
    return bool(before) and before[-1][2] == c.sc.skip_back_spaces(c.s)


def from_before_a_range(c: Candidate) -> str | None:
    """`từ 60 đến dưới 100%` -> the figure begins at `từ`; `16-17%` -> at the number."""
    if _adjacent(c) and c.kind == "range" and c.before[-1][0] == "từ":
        c.f_start = c.before[-1][1]
        return "begins at 'từ'"
    return None


def an_approximator_word(c: Candidate) -> str | None:
    """`gần 366 tỷ đồng`, `hơn 1,5 triệu đại biểu` -> approx `gần`, `hơn` (kept in `extra`, not in the
    figure's text); `có 366 tỷ` -> none."""
    if _adjacent(c) and not (c.kind == "range" and c.before[-1][0] == "từ"):
        a = c.sc.ends_with(c.before, c.sc.lex.approx)
        if a:
            c.approx = " ".join(a)
            return f"approximately: '{c.approx}'"
    return None


def an_approximator_sign(c: Candidate) -> str | None:
    """`≥ 5 ha`, `>90%` -> approx `≥`, `>`, and the figure begins at the sign."""
    sb = c.sc.skip_back_spaces(c.s)
    if sb > 0 and c.sc.t[sb - 1] in c.sc.lex.approx_signs:
        c.approx = c.sc.t[sb - 1]
        c.f_start = sb - 1
        return f"approximately: '{c.approx}'"
    return None


def a_minus_sign(c: Candidate) -> str | None:
    """`(-75 độ C)` -> -75; `5 -7 ha` (a range's dash) -> no sign."""
    if c.f_start == c.s and c.kind == "single" and c.sc.minus_sign(c.s):
        c.value, c.f_start = -c.value, c.s - 1
        return "negative"
    return None


EXTENT_RULES = (from_before_a_range, an_approximator_word, an_approximator_sign, a_minus_sign)
