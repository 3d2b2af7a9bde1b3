"""The figures lexicon: the word lists of `resources/figures/`, compiled once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import lines, table
from ..lexicon import loader
from .. import numbers

_R = "figures/"
LETTER = r"[^\W\d_]"
WORD = re.compile(LETTER + r"+(?:-" + LETTER + r"+)*")


def syllables(entry: str) -> tuple[str, ...]:
    """An entry as lower-cased syllables: `Hộ dân` -> ('hộ', 'dân')."""
    return tuple(entry.lower().split())


@dataclass(frozen=True)
class Lexicon:
    """The figures word lists (`resources/figures/`), built by `load()`."""

    units: re.Pattern                     # unit surfaces, longest first
    unit_map: dict[str, tuple[str, str]]  # surface (lower, single-spaced) -> (unit, kind)
    nouns: dict[str, list[tuple[str, ...]]]  # first syllable -> entries, longest first
    classifiers: frozenset[str]
    stop1: frozenset[str]
    stop_multi: frozenset[tuple[str, ...]]
    heads: frozenset[tuple[str, ...]]
    verbal_heads: frozenset[tuple[str, ...]]
    event_heads: frozenset[tuple[str, ...]]
    term_heads: frozenset[tuple[str, ...]]
    soft_heads: frozenset[tuple[str, ...]]
    head_exceptions: frozenset[tuple[str, ...]]
    date_cues: frozenset[tuple[str, ...]]
    approx: frozenset[tuple[str, ...]]
    approx_signs: frozenset[str]
    scales: dict[str, int]
    scale_abbr: frozenset[str]
    qheads: dict[str, list[tuple[str, ...]]]
    period_tails: frozenset[tuple[str, ...]]
    period_leads: frozenset[tuple[str, ...]]
    span_leads: frozenset[str]
    report_tails: frozenset[tuple[str, ...]]
    anniversary: dict[tuple[str, ...], bool]  # tail -> must be written capitalised
    months: dict[tuple[str, ...], bool]
    one_idioms: frozenset[tuple[str, ...]]
    slogan_words: frozenset[str]
    clock_before: frozenset[str]
    clock_after: frozenset[str]
    titles: frozenset[str]
    money: re.Pattern


def index(entries) -> dict[str, list[tuple[str, ...]]]:
    """Entries (syllable tuples) by first syllable, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for e in entries:
        if e:
            out.setdefault(e[0], []).append(e)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


@loader("figures")
def load() -> Lexicon:
    """The figures lexicon (built once per process)."""
    unit_map: dict[str, tuple[str, str]] = {}
    for row in table(_R + "units.tsv"):
        if len(row) >= 3 and row[0]:
            unit_map[" ".join(row[0].lower().split())] = (row[1], row[2])
    surfaces = sorted(unit_map, key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(p) for p in s.split()) for s in surfaces)
    units = re.compile(r"(?:" + alt + r")(?![^\W_])")
    stops = [syllables(x) for x in lines(_R + "stopwords.txt")]
    approx_all = [x.lower() for x in lines(_R + "approximators.txt")]
    clock = lines(_R + "clock_cues.txt")
    return Lexicon(
        units=units,
        unit_map=unit_map,
        nouns=index([syllables(x) for x in lines(_R + "measure_nouns.txt")]
                    + [syllables(x) for x in lines(_R + "title_nouns.txt")]),
        classifiers=frozenset(x.lower() for x in lines(_R + "classifiers.txt")),
        stop1=frozenset(s[0] for s in stops if len(s) == 1),
        stop_multi=frozenset(s for s in stops if len(s) > 1),
        heads=frozenset(syllables(x) for x in lines(_R + "id_heads.txt")),
        verbal_heads=frozenset(syllables(x) for x in lines(_R + "id_heads_verbal.txt")),
        event_heads=frozenset(syllables(x) for x in lines(_R + "id_heads_event.txt")),
        term_heads=frozenset(syllables(x) for x in lines(_R + "id_heads_term.txt")),
        soft_heads=frozenset(syllables(x) for x in lines(_R + "id_heads_soft.txt")),
        head_exceptions=frozenset(syllables(x) for x in lines(_R + "id_head_exceptions.txt")),
        date_cues=frozenset(syllables(x) for x in lines(_R + "date_cues.txt")),
        approx=frozenset(syllables(x) for x in approx_all if WORD.fullmatch(x.split()[0])),
        approx_signs=frozenset(x for x in approx_all if not WORD.fullmatch(x.split()[0])),
        scales=numbers.load().scales,
        scale_abbr=numbers.load().abbreviations,
        qheads=index(syllables(x) for x in lines(_R + "quantity_heads.txt")),
        period_tails=frozenset(syllables(x) for x in lines(_R + "period_tails.txt")),
        period_leads=frozenset(syllables(x) for x in lines(_R + "period_leads.txt")),
        span_leads=frozenset(x.lower() for x in lines(_R + "span_leads.txt")),
        report_tails=frozenset(syllables(x) for x in lines(_R + "report_tails.txt")),
        anniversary={syllables(x): x[:1].isupper() for x in lines(_R + "anniversary_tails.txt")},
        months={syllables(x): x[:1].isupper() for x in lines(_R + "month_names.txt")},
        one_idioms=frozenset(syllables(x) for x in lines(_R + "one_idioms.txt")),
        slogan_words=frozenset(x.lower() for x in lines(_R + "slogan_words.txt")),
        clock_before=frozenset(x.lower() for x in clock if not x.startswith("+")),
        clock_after=frozenset(x[1:].lower() for x in clock if x.startswith("+")),
        titles=frozenset(" ".join(syllables(x)) for x in lines(_R + "title_nouns.txt")),
        money=re.compile(r"(?<![^\W\d_])(?:" + "|".join(
            r"\s+".join(re.escape(p) for p in x.lower().split())
            for x in sorted(lines(_R + "money_cues.txt"), key=len, reverse=True)) + r")(?![^\W\d_])"),
    )


@lru_cache(maxsize=1)
def dictionary() -> frozenset[tuple[str, ...]]:
    """Words of two to four syllables from the Vietnamese word list that the underthesea
    package ships (`corpus/data/Viet74K.txt`); empty when it is not installed. Used only
    to decide where an unlisted counted noun ends."""
    try:
        import importlib.util
        from pathlib import Path

        spec = importlib.util.find_spec("underthesea")
        if spec is None or not spec.origin:
            return frozenset()
        path = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
        words = set()
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.lower().split()
                if 2 <= len(parts) <= 4 and all(p.isalpha() for p in parts):
                    words.add(tuple(parts))
        return frozenset(words)
    except (OSError, UnicodeDecodeError, ImportError, ValueError):
        return frozenset()


def dictionary_word_length(syl: list[str]) -> int:
    """How many of the syllables `syl` form one dictionary word (at least 1):
    `['hành', 'vi', 'vi']` -> 2 when `hành vi` is in the word list."""
    words = dictionary()
    for n in (4, 3, 2):
        if len(syl) >= n and tuple(syl[:n]) in words:
            if any(x in load().stop1 for x in syl[1:n]):
                continue
            return n
    return 1
