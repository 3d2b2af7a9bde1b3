"""The locations lexicon: level words and context words as data
(`resources/gazetteer/levels.tsv`, `context.tsv`) and the gazetteer's index, loaded once
(`load()`), and the tiers a unit ranks at.

    >>> lex = load()
    >>> lex.level_of["xã"], lex.ranks["thành phố"]
    (('xã', 'word'), (0, 1))
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ... import resources
from ..gazetteer import DISTRICT_LEVELS, Gazetteer, Unit, get_gazetteer, levels_of_tier
from ..lexicon import loader
from ..textnorm import key_lower
from .tokens import canon

TIERS = ("province", "district", "commune")   # the tiers a location's rank counts (0, 1, 2)


@dataclass(frozen=True)
class Lexicon:
    """The locations word lists (`resources/gazetteer/levels.tsv`, `context.tsv`) and the
    gazetteer's index, built by `load()`; `lex["level_of"]` reads a field like `lex.level_of`."""

    level_of: dict[str, tuple[str, str]]     # level word -> (level, kind)
    level_re: re.Pattern
    descriptor_re: re.Pattern
    block: list[str]
    foreign: list[str]
    village: set[str]
    notlevel: list[str]
    stop: set[tuple[str, str]]
    nobare: set[str]
    surname: set[str]
    lead: set[str]
    country_re: re.Pattern
    index: dict[str, list[Unit]]
    max_words: int
    gaz: Gazetteer
    ranks: dict[str, tuple[int, ...]]        # level -> its tiers, 0 province, 1 district, 2 commune
    containers: frozenset[str]               # the province and district levels (a list's container)
    name_followers: frozenset[str]           # words after a number that end no name (`Vân Canh 2 và`)
    facility_before: re.Pattern | None = None   # filled on the locations branch (issue 10)
    described_list: re.Pattern | None = None    # a plural level word's description, then its list
    facility_list: re.Pattern | None = None     # a count of facilities opening a list of them

    def __getitem__(self, name: str):
        return getattr(self, name)


@loader("locations")
def load() -> "Lexicon":
    """Read the level and context words and index the gazetteer by comparison form (once)."""
    levels = resources.table("gazetteer/levels.tsv")
    ctx = defaultdict(list)
    for row in resources.table("gazetteer/context.tsv"):
        ctx[row[0]].append(row[1:])
    level_of = {key_lower(r[0]): (r[1], r[2]) for r in levels if r[2] != "descriptor"}
    descriptors = sorted((key_lower(r[0]) for r in levels if r[2] == "descriptor"), key=len, reverse=True)
    descriptor_re = re.compile(r" (?:" + "|".join(re.escape(d) for d in descriptors) + r")(?= )")
    words = sorted(level_of, key=len, reverse=True)
    level_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    cues = "|".join(re.escape(c) for c in sorted((key_lower(r[0]) for r in ctx["list_cue"]), key=len, reverse=True))
    g = get_gazetteer()
    index: dict[str, list[Unit]] = defaultdict(list)
    for key, units in g.by_key.items():
        index[canon(key)].extend(units)
    return Lexicon(**{
        "level_of": level_of,
        "level_re": level_re,
        "descriptor_re": descriptor_re,
        "block": [key_lower(r[0]) for r in ctx["block"]],
        "foreign": [key_lower(r[0]) for r in ctx["foreign"]],
        "village": {key_lower(r[0]) for r in ctx["village"]},
        "notlevel": [key_lower(r[0]) for r in ctx["notlevel"]],
        "stop": {(canon(r[0]), key_lower(r[1])) for r in ctx["stop"]},
        "nobare": {canon(r[0]) for r in ctx["nobare"]},
        # the family names marked `stops-place` in officials/surnames.txt, and the other words
        # of context.tsv that start a person's name (`K'`, `Ông`)
        "surname": {key_lower(r[0]) for r in resources.table("officials/surnames.txt") if "stops-place" in r[1:]}
        | {key_lower(r[0]) for r in ctx["surname"]},
        "lead": {key_lower(r[0]) for r in ctx["lead"]},
        "country_re": re.compile(r"(?:,? (?:tỉnh|huyện|thành phố|thủ đô|bang) [^\W\d][\w ]{0,24}?)*"
                                 r"(?: ?\(|, (?:nước )?)(?:" + "|".join(re.escape(key_lower(r[0])) for r in ctx["country"])
                                 + r")(?!\w)", re.IGNORECASE),
        "index": dict(index),
        # a facility word, then up to three words, right before a name (`Trường Đại học `)
        "facility_before": re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(key_lower(r[0])) for r in ctx["foreign"])
                                      + r")(?: \w+){0,3} $"),
        # after a plural level word: up to eight words describing the units (or none), then a colon or
        # a `list_cue` (`Một số xã đã hoàn thành gieo cấy là: A`, `các xã phía Tây như A`)
        "described_list": re.compile(r"(?: [^\W\d][\w&-]*){0,8}?(?:(?:,? (?:%s))?: |,? (?:%s) )(?=[A-ZĐ])"
                                     % (cues, cues)),
        # a count of facilities, a few words, then a colon or a `list_cue`, and list items
        # (`04 trường học trên địa bàn huyện gồm: THCS A, mầm non B`)
        "facility_list": re.compile(r"(?i)(?<!\w)(?:\d+|các|những|một số) (?:" + "|".join(
            re.escape(key_lower(r[0])) for r in ctx["foreign"]) + r")(?: [^\W\d][\w&-]*){0,8}?"
            r"(?:(?:,? (?:%s))?: |,? (?:%s) )[^.;:\n]*$" % (cues, cues)),
        "max_words": g.max_words + 2,
        "gaz": g,
        # from gazetteer/tiers.tsv: `thành phố` is a province or a district
        "ranks": {level: tuple(t for t, tier in enumerate(TIERS) if level in levels_of_tier(tier))
                  for tier in TIERS for level in levels_of_tier(tier)},
        "containers": frozenset(levels_of_tier("province") + levels_of_tier("district")),
        # the first syllable of a province, district or commune level (`thị` of `thị xã`), and
        # the words of context.tsv marked `follower`
        "name_followers": frozenset(level.split()[0] for tier in TIERS for level in levels_of_tier(tier))
        | {key_lower(r[0]) for r in ctx["follower"]},
    })


def rank(u: Unit) -> int:
    """0 province, 1 district, 2 commune: by level, so post-reform communes rank 2."""
    if u.parent_id is None:
        return 0
    if u.level in DISTRICT_LEVELS:
        return 1
    return 2


def level_ok(u: Unit, level: str) -> bool:
    """The unit has the level written (`thành phố` only for a thành phố)."""
    if level == "thành phố":
        return u.level == "thành phố"
    return u.level == level


def ranked(hit, level: str):
    """Keep the gazetteer units whose tier fits the level word (`Huyện ủy Phan ...` is
    no district called Phan)."""
    if not hit:
        return None
    ranks = load().ranks.get(level, (0, 1, 2))
    units = [u for u in hit[1] if rank(u) in ranks]
    return (hit[0], units) if units else None
