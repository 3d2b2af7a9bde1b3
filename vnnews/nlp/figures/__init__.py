"""The figures component: quantities written with digits (shared spec, section 3).

`annotate(doc)` appends one `vnnews.models.Figure` per occurrence, in text order.
A figure is a number (with its scale words, `2,5 tỷ`) followed by a unit or a counted
noun (`46.346,8m2`, `82 hộ dân`, `133,33%`), a range (`từ 60 đến dưới 100%`, `16-17%`)
or a ratio (`4/3 đảng viên`, `817/898`). Everything else that has digits is left out:
dates, years and terms, periods (`9 tháng năm 2022`), clock times, identifiers (document
numbers, `Covid-19`, `Quốc lộ 57`, `Rạch Miễu 2`, `lớp 8A3`), ordinals and list numbers.

The method is a grammar of named rules over the text and its match key, in stages
(`grammar.STAGES`, each an ordered tuple of rules): what is no number (`codes.py`:
codes, dates, clock times), reading the value (`codes.READING_RULES`), what joins the
number (`compose.py`: its unit, a ratio or a range), what is no figure (`not_figures.py`:
identifiers, names, years, periods) and where the figure begins (`extent.py`). The
numbers and units themselves are read by `numerals.py` and `units.py`, with lexicons
as data in `resources/figures/` (`lexicon.py`). Everything is compiled once per process;
the component reads each number's neighbourhood only, so it costs microseconds per
sentence. `vnnews.extract(text, explain=True).explain` says which rule dropped or kept
each number.

Fields: `value` (low end of a range; scale words multiplied in), `value_max` (range),
`total` (ratio), `unit` (normalised unit or the counted noun as written, lower-cased),
`quantity` (what is measured, where a simple rule finds it), and in `extra`: `approx`
(the approximator written before the number, lower-cased: `hơn`, `gần`, `≥`, …),
`approx_max` (one before a range's high end: `dưới` in `từ 60 đến dưới 100%`).
"""
from __future__ import annotations

from .grammar import STAGES
from .lexicon import Lexicon, load
from .scanner import annotate, find_figures

__all__ = ["STAGES", "Lexicon", "annotate", "find_figures", "load"]
