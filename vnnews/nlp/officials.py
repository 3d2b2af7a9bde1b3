"""The officials component: named persons with a position in an organisation.

A title is compositional: optional prefixes (`nguyên`, `Phó`, `Quyền`), a position
(`Bí thư`, `Giám đốc`, `Trưởng ban`), optional suffixes (`Thường trực`), then an
organisation phrase (`Đảng ủy xã An Khánh`, `UBND TP Cần Thơ`). The grammar is two
ordered tuples of named rules: NAME_RULES find personal names (`highland_name`,
`surname_first_name`, ...), ATTACH_RULES attach titles to each mention (before or after
the name, shared by a list, linked by a verb such as `được bầu giữ chức`, shared
backwards by coordinated names). Every decision is written to the doc's explain trace.
Later short mentions (`đồng chí Toàn`, `ông Dũng`) join the same official. The rules in
order: docs/officials.md. All lexicons are data files in `resources/officials/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..models import Official
from .component import declares
from .doc import Doc
from .gazetteer import DISTRICT_LEVELS, PROVINCE_LEVELS, level_syllables, syllable_levels
from .lexicon import loader
from .tokens import Token, inner_dot, tokenize

MAX_NAME = 4           # syllables in a personal name
MAX_ORG = 16           # tokens in an organisation phrase
_MIDDLE = {"thị", "văn"}  # middle names that follow a family name
_COMMA_PAIRS = {("phòng", "chống")}   # words written with a comma inside one name
_LEVEL_WORDS = level_syllables("org-prefix")   # `tỉnh Đoàn`, `Thành Đoàn`
_UNIT_LEVELS = syllable_levels()   # a level word before a unit's name, and the level it names
_PARENT_LEVELS = frozenset(PROVINCE_LEVELS + DISTRICT_LEVELS) | {"tp"}   # `…, huyện X` after a commune
_CAPTION_WORDS = {"ẢNH", "Ảnh", "Ảnh", "VIDEO", "Video", "Nguồn", "NGUỒN"}   # before `:` in a photo credit


@dataclass(frozen=True)
class Lexicon:
    """The officials word lists (`resources/officials/`), built by `load()`."""

    positions: dict[tuple[str, ...], str]     # words -> implied org head ('' if none)
    max_position: int
    prefixes: set[str]
    suffixes: set[tuple[str, ...]]
    honorifics: set[tuple[str, ...]]
    surnames: set[str]
    surname_rank: dict[str, int]
    stops: set[tuple[str, ...]]
    max_stop: int
    not_stops: set[tuple[str, ...]]
    org_heads: set[str]
    not_org_heads: set[tuple[str, ...]]
    held_cues: list[tuple[str, ...]]
    named_after: set[tuple[str, ...]]
    abbrev: dict[str, str]
    position_firsts: set[str]
    not_stop_firsts: set[str]
    named_after_lasts: set[str]
    stop_firsts: set[str]
    compounds: set[tuple[str, ...]]
    near_cues: list[tuple[str, ...]]
    adverbs: list[tuple[str, ...]]
    list_links: list[tuple[str, ...]]
    verb_links: list[tuple[str, ...]]
    personnel_words: set[tuple[str, ...]]
    held_firsts: set[str]
    link_firsts: set[str]
    object_links: set[tuple[str, ...]]


def _words(s: str) -> tuple[str, ...]:
    return tuple(s.lower().split())


@loader("officials")
def load() -> Lexicon:
    from .textnorm import key_lower

    positions: dict[tuple[str, ...], str] = {}
    for name in ("officials/positions.tsv", "officials/positions_system.tsv"):
        for row in resources.table(name):
            positions.setdefault(_words(key_lower(row[0])), row[1] if len(row) > 1 else "")
    mods = resources.table("officials/modifiers.tsv")
    stop_lines = [key_lower(s) for s in resources.lines("officials/stopwords.txt")]
    stops = {_words(s) for s in stop_lines if not s.startswith("!")}
    not_stops = {_words(s[1:]) for s in stop_lines if s.startswith("!")}
    lex = dict(
        positions=positions,
        max_position=max(len(k) for k in positions),
        prefixes={key_lower(m[1]) for m in mods if m[0] == "prefix"},
        suffixes={_words(key_lower(m[1])) for m in mods if m[0] == "suffix"},
        honorifics={_words(key_lower(h)) for h in resources.lines("officials/honorifics.txt")},
        surnames={key_lower(r[0]) for r in resources.table("officials/surnames.txt")},
        surname_rank={key_lower(r[0]): i for i, r in reversed(list(enumerate(resources.table("officials/surnames.txt"))))},
        stops=stops,
        max_stop=max(len(s) for s in stops),
        not_stops=not_stops,
        org_heads={key_lower(h) for h in resources.lines("officials/org_heads.txt") if not h.startswith("!")},
        not_org_heads={_words(key_lower(h[1:])) for h in resources.lines("officials/org_heads.txt")
                       if h.startswith("!")},
        named_after={_words(key_lower(h)) for h in resources.lines("officials/named_after.txt")},
        held_cues=sorted((_words(key_lower(h)) for h in resources.lines("officials/held_cues.txt")), key=len, reverse=True),
        abbrev={r[0]: r[1] for r in resources.table("officials/org_abbrev.tsv")},
    )
    lex["position_firsts"] = {k[0] for k in lex["positions"]}
    lex["not_stop_firsts"] = {k[0] for k in lex["not_stops"]}
    lex["named_after_lasts"] = {k[-1] for k in lex["named_after"]}
    lex["stop_firsts"] = {k[0] for k in lex["stops"]}
    lex["compounds"] = {_words(key_lower(h)) for h in resources.lines("officials/compound_bodies.txt")}
    near = [key_lower(h) for h in resources.lines("officials/near_cues.txt")]
    lex["near_cues"] = sorted((_words(h) for h in near if not h.startswith("adverb ")), key=len, reverse=True)
    lex["adverbs"] = sorted((_words(h[len("adverb "):]) for h in near if h.startswith("adverb ")), key=len, reverse=True)
    links = [key_lower(h).split(" ", 1) if h.split(" ", 1)[0] in ("object", "after-verb") else ["", key_lower(h)]
             for h in resources.lines("officials/list_links.txt")]
    lex["list_links"] = sorted((_words(w) for k, w in links if k != "after-verb"), key=len, reverse=True)
    lex["verb_links"] = sorted((_words(w) for k, w in links if k == "after-verb"), key=len, reverse=True)
    lex["object_links"] = {_words(w) for k, w in links if k in ("object", "after-verb")}
    lex["personnel_words"] = {_words(key_lower(h)) for h in resources.lines("officials/personnel_words.txt")}
    lex["held_firsts"] = {c[0] for c in lex["held_cues"]}
    lex["link_firsts"] = {c[0] for c in lex["list_links"] + lex["verb_links"]}
    return Lexicon(**lex)



def _is_name_syllable(t: Token) -> bool:
    """A capitalised syllable of a personal name: `Nguyễn`, `Y`, `H'Yim`, `Kđoh`, and a
    single capital letter (`Mùa A Sơn`, `Phạm S`)."""
    x = t.text
    if not x[0].isupper():
        return False
    w = x.replace("'", "").replace("’", "") if ("'" in x or "’" in x) else x
    if not w or not w.isalpha():
        return False
    if len(w) == 1:
        return True
    return w[1:].islower() or (t.text[1:2] in ("'", "’") and w[2:].islower())


def _is_prefixed_syllable(t: Token) -> bool:
    """A highland name syllable with a capital and an apostrophe before its stem:
    `K’Mak`, `H'Năm`, `R'Com` (K'Ho, Ê Đê, Gia Rai, Mạ)."""
    x = t.text
    return len(x) > 3 and x[0].isupper() and x[1] in "'’" and x[2].isupper() and x[3:].isalpha() \
        and x[3:].islower()


class TitleMatcher:
    """Position, honorific and stop-phrase look-ups over a token list."""

    def __init__(self, toks: list[Token], lex: Lexicon) -> None:
        self.toks = toks
        self.lex = lex
        self.n = len(toks)
        self.lows = [t.low for t in toks]
        self.cap = [_is_name_syllable(t) for t in toks]   # a name syllable, computed once per token
        self._positions: dict[int, int] = {}   # position_at, computed once per token

    def text(self, a: int, b: int) -> str:
        return " ".join(t.text for t in self.toks[a:b])

    def words(self, i: int, k: int) -> tuple[str, ...]:
        return tuple(self.lows[i:i + k])

    def position_at(self, i: int) -> int:
        """End index (exclusive) of a position (with its modifiers) starting at i, or -1."""
        if i >= self.n or (self.lows[i] not in self.lex.position_firsts and self.lows[i] not in self.lex.prefixes):
            return -1
        got = self._positions.get(i)
        if got is None:
            # `Ban Bí thư`, `Ban Giám đốc`, `ban giám hiệu`: the board, not one position
            got = -1 if i > 0 and self.lows[i - 1] == "ban" else self._position_at(i)
            self._positions[i] = got
        return got

    def _position_at(self, i: int) -> int:
        lex = self.lex
        j = i
        while j < self.n and self.toks[j].low in lex.prefixes:
            j += 1
        if j >= self.n or (self.toks[j].low not in lex.position_firsts and (j == i or self.toks[i].low not in lex.position_firsts)):
            return -1
        best = -1
        for k in range(min(lex.max_position, self.n - j), 0, -1):
            if self.words(j, k) in lex.positions:
                best = j + k
                break
        if j > i:
            # a position that itself starts with a prefix word (`phó phòng`, `phó ban`)
            for k in range(min(lex.max_position, self.n - i), j - i, -1):
                if i + k > best and self.words(i, k) in lex.positions:
                    best, j = i + k, i
                    break
        if best < 0:
            return -1
        # a bare `trưởng` needs a capitalised organisation right after it
        if best - j == 1 and self.toks[j].low == "trưởng":
            if best >= self.n or not self.toks[best].text[:1].isupper() or self.name_at(best):
                return -1
        changed = True
        while changed:
            changed = False
            for suf in lex.suffixes:
                if self.words(best, len(suf)) == suf:
                    best += len(suf)
                    changed = True
        return best

    def stop_at(self, i: int) -> int:
        if not self.toks[i].text[:1].islower():
            return 0  # capitalised words belong to names of organisations
        low = self.toks[i].low
        if low not in self.lex.stop_firsts:
            return 0
        if low in self.lex.not_stop_firsts and any(self.words(i, k) in self.lex.not_stops for k in (2, 3)):
            return 0  # `giao thông`, `giao dịch`: a noun, not the verb `giao`
        if self.in_compound(i):
            return 0  # `Trưởng ban chỉ đạo …`: the verb is a word of the body's name
        for k in range(min(self.lex.max_stop, self.n - i), 0, -1):
            if self.words(i, k) in self.lex.stops:
                return k
        return 0

    def in_compound(self, i: int) -> bool:
        """Token i is a later word of a body's lower-case name (`ban chỉ đạo`, `ban tổ chức`)."""
        for a in (i - 1, i - 2):
            if a >= 0 and any(a + len(c) > i and self.words(a, len(c)) == c for c in self.lex.compounds):
                return True
        return False

    def honorific_at(self, i: int) -> int:
        """Length of an honorific (`đồng chí`, `ông`, a rank) starting at token i, or 0."""
        for k in (3, 2, 1):
            if i + k <= self.n and self.words(i, k) in self.lex.honorifics:
                return k
        return 0

    def honorific_before(self, i: int) -> int:
        """Start index of an honorific ending right before token i, or -1."""
        for k in (3, 2, 1):
            if i - k >= 0 and self.words(i - k, k) in self.lex.honorifics:
                return i - k
        return -1

    def org_end(self, i: int, limit: int | None = None) -> int:
        """Extend an organisation phrase from i; returns the exclusive end index. Without
        a limit the phrase also ends before a personal name of three or more syllables."""
        toks = self.toks
        end = limit if limit is not None else min(self.n, i + MAX_ORG)
        j = i
        while j < end:
            t = toks[j]
            if j > i and t.nl:
                break   # an organisation's name does not run over a line break
            if t.is_word:
                if t.low == "kiêm" and j > i and self.position_at(j + 1) >= 0:
                    break   # `Phó Chủ tịch UBND tỉnh kiêm Giám đốc Sở Tài chính`: a second position
                if t.low == "tại" and j > i and self.abroad_at(j + 1):
                    j += 1
                    continue   # `Quỹ Nhi đồng Liên hợp quốc tại Việt Nam`: the office of a body in a place
                if self.stop_at(j) or (limit is None and self.name_at(j) >= 3 and not self.named_after(j)
                                       and not (j > i and toks[j - 1].text in "-–")
                                       and not (j > i and _is_place(self.text(j, j + self.name_at(j))))):
                    break   # (a name-like word after a dash kept in the phrase is a place: `Đông Á - Thái Bình Dương`)
                if limit is None and j == i and self.name_at(j) == 2 and t.low not in self.lex.org_heads \
                        and not _is_place(self.text(j, j + 2)):
                    break   # `Tô Lâm, Chủ tịch nước Lương Cường`: a name, not an organisation, follows
                if j > i and t.text in _CAPTION_WORDS and j + 1 < self.n and toks[j + 1].text == ":":
                    break   # `… HĐND tỉnh Gia Lai ẢNH: Đ.T`: a photo credit
                if t.low == "và" and j + 1 < self.n and (self.honorific_at(j + 1) or self.name_at(j + 1)):
                    break   # `Phó Chủ tịch HĐND tỉnh và đồng chí B`: the next person, not the organisation
                if self.position_at(j) >= 0 and j > i:
                    # `… MTTQ Việt Nam và Đoàn đại biểu Quốc hội tỉnh`: a second subject, not
                    # part of the organisation, starts at a `và` right before the position
                    for v in range(j - 1, max(i, j - 3), -1):
                        if toks[v].low == "và":
                            return v
                    break
                j += 1
                continue
            if t.text in "&" or (t.text in "-–" and j + 1 < end and toks[j + 1].text[:1].isupper()
                                 and self.position_at(j + 1) < 0 and not _dash_name(self, j)):
                j += 1
                continue
            if t.text == "." and j > i and j + 1 < self.n and toks[j + 1].is_word and (inner_dot(toks, j) or (
                    toks[j - 1].text + "." in self.lex.abbrev and j + 1 < end and toks[j + 1].text[:1].isupper())):
                j += 1   # `TP.HCM`; `UBND TP. Cần Thơ`: an abbreviated level word, then the name
                continue
            if t.text == "(" and j > i and j + 2 < end and toks[j + 2].text == ")" \
                    and toks[j + 1].is_word and toks[j + 1].text.isupper() and len(toks[j + 1].text) > 1:
                j += 3   # `Ủy ban nhân dân (UBND) tỉnh`: an abbreviation in parentheses
                continue
            if t.text == "," and j > i and j + 1 < end and self.inner_comma(j):
                j += 1
                continue
            break
        return j

    def abroad_at(self, j: int) -> bool:
        """Tokens from j name a country or province (`Việt Nam`, `Hà Nội`, `TP Hồ Chí Minh`)."""
        if j + 1 >= self.n or not self.toks[j].text[:1].isupper():
            return False
        if self.words(j, 2) == ("việt", "nam"):
            return True
        k = j + 1 if self.lows[j] in ("tp", "tp.") else j
        return any(k + w <= self.n and _is_place(self.text(k, k + w)) for w in (2, 3))

    def named_after(self, j: int) -> bool:
        """The words before token j name a kind of school (`Trường THPT`): a personal name
        at j is the school's name."""
        if j < 1 or self.toks[j - 1].low not in self.lex.named_after_lasts:
            return False
        return any(j - k >= 0 and self.toks[j - k].text[:1].isupper() and self.words(j - k, k) in self.lex.named_after
                   for k in (1, 2, 3, 4))   # capitalised: `Trường Lê Quý Đôn`, not `Môi trường Lê Văn Ba`

    def paren_abbr(self, j: int) -> bool:
        """Token j is a parenthesis of `(UBND)` inside an organisation's name."""
        toks = self.toks
        a = j if toks[j].text == "(" else j - 2
        return 0 <= a and a + 2 < self.n and toks[a].text == "(" and toks[a + 2].text == ")" \
            and toks[a + 1].is_word and toks[a + 1].text.isupper() and len(toks[a + 1].text) > 1

    def inner_comma(self, j: int) -> bool:
        """A comma inside an organisation's name: `Bộ Văn hóa, Thể thao và Du lịch`,
        `Sở Lao động, Thương binh và Xã hội` (capitalised words, then `và` + a capital)."""
        toks = self.toks
        if j > 0 and j + 1 < self.n and (toks[j - 1].low, toks[j + 1].low) in _COMMA_PAIRS:
            return True   # `Ban Chỉ đạo phòng, chống dịch bệnh`
        if j + 1 >= self.n or not toks[j + 1].is_word or not toks[j + 1].text[0].isupper() \
                or self.position_at(j + 1) >= 0 or self.name_at(j + 1):
            return False
        for k in range(j + 2, min(self.n - 1, j + 6)):
            if not toks[k].is_word:
                return False
            if toks[k].low == "và":
                return toks[k + 1].is_word and toks[k + 1].text[0].isupper()
        return False

    def name_at(self, i: int) -> int:
        """Length of a personal name (surname first) starting at token i, or 0."""
        if i >= self.n or self.toks[i].low not in self.lex.surnames or not self.cap[i]:
            return 0
        if i > 0 and self.toks[i].low in self.lex.org_heads and self.toks[i - 1].low in _LEVEL_WORDS \
                and i + 1 < self.n and self.toks[i + 1].low not in _MIDDLE:
            return 0   # `Tỉnh Đoàn Trà Vinh`: the province's Youth Union, not a person
        if i > 0 and self.toks[i].low in self.lex.org_heads and i + 1 < self.n and self.toks[i + 1].low not in _MIDDLE \
                and any(self.position_at(a) == i for a in range(max(0, i - 4), i)):
            return 0   # `Bí thư Đoàn Khối Doanh nghiệp`: a position, then its organisation
        k = 1
        while i + k < self.n and k < MAX_NAME and self.cap[i + k] \
                and self.position_at(i + k) < 0 and self.toks[i + k - 1].end == self.toks[i + k].start - 1 \
                and not self.toks[i + k].nl:
            k += 1
        if k < 2:
            return 0
        # a following capitalised syllable would make the run longer than a name
        if i + k < self.n and self.cap[i + k] and self.position_at(i + k) < 0 \
                and self.toks[i + k - 1].end == self.toks[i + k].start - 1 and not self.toks[i + k].nl:
            return 0
        return k


def _capital_run_names(m: TitleMatcher) -> list[tuple[int, int]]:
    """(start, end) token indices of personal names: runs of capitalised syllables whose
    tail of 2-4 syllables starts with a family name."""
    toks, out, i = m.toks, [], 0
    while i < m.n:
        if not m.cap[i]:
            i += 1
            continue
        j = i + 1
        while j < m.n and m.cap[j] and toks[j - 1].end == toks[j].start - 1 and not toks[j].nl \
                and m.position_at(j) < 0:
            j += 1  # `Phùng Thành Vinh Phó bí thư Huyện ủy`: a position ends the run
        h = m.honorific_at(i)
        if h and i + h < j - 1 and toks[i + h].low in m.lex.surnames:
            i += h   # `Ông Từ Thái Giang`, `Anh Trần Quốc Bình`: a capitalised honorific opens the sentence
        text = lambda a, b: " ".join(t.text for t in toks[a:b])  # noqa: E731
        if j - i > 2 and _is_place(text(i, j)):
            i = j
            continue  # `Buôn Ma Thuột`: the whole run is a place
        # the run i..j: the name is a tail of 2-4 syllables starting with a family name.
        # A run that is itself name-sized is one name (`Hồ Thị Hoàng Yến`) unless it starts
        # with a place (`Hà Nam Lê Minh`); in a longer run (`Tiền Giang Lê Minh Tùng`) a
        # family name before `Thị`/`Văn` wins, then the commoner family name (the list is
        # ordered by frequency).
        tails = [s for s in range(max(i, j - MAX_NAME), j - 1)
                 if toks[s].low in m.lex.surnames and all(m.position_at(x) < 0 for x in range(s, j))]
        if tails:
            if tails[0] == i and not any(_is_place(text(i, k)) for k in range(i + 1, j - 1)):
                s = i
            else:
                s = min(tails, key=lambda x: (toks[x + 1].low not in _MIDDLE,
                                              m.lex.surname_rank[toks[x].low], x))
            if s > i and toks[s].low in _MIDDLE and j - s < MAX_NAME and toks[s - 1].low not in m.lex.org_heads:
                s -= 1   # `Tân Văn Ngữ`: a rarer family name before the middle name `Văn`/`Thị`
            if s == i + 1 and toks[i].low in m.lex.org_heads:
                i = j
                continue  # `Sở Công Thương`, `Bộ Công Thương`: the name of an organisation
            if toks[s].low in m.lex.org_heads and s > 0 and toks[s + 1].low not in _MIDDLE and (
                    toks[s - 1].low in _LEVEL_WORDS or any(m.position_at(a) == s for a in range(max(0, s - 4), s))):
                i = j
                continue  # `tỉnh Đoàn Hà Giang`, `Bí thư Đoàn Tập đoàn …`: the Youth Union, not a person
            if s == i and m.named_after(i):
                i = j
                continue  # `Trường THPT Lê Quý Đôn`: a school named after a person
            if s > 0 and toks[s - 1].text.islower() and toks[s - 1].low in _UNIT_LEVELS \
                    and not any(toks[x].low in _MIDDLE for x in range(s, j)) \
                    and _is_unit(text(s, j), _UNIT_LEVELS[toks[s - 1].low]):
                i = j
                continue  # `xã Quảng Trung`, `xã Lê Lợi`: a unit named after its level word
            if not _is_place(text(s, j)) or m.honorific_before(s) >= 0:
                out.append((s, j))
        i = j
    return out


@lru_cache(maxsize=4096)
def _is_place(name: str) -> bool:
    """`Thái Bình`, `Lâm Đồng`: a province or district, not a person."""
    from .gazetteer import DISTRICT_LEVELS, PROVINCE_LEVELS, lookup

    return any(u.level in PROVINCE_LEVELS or u.level in DISTRICT_LEVELS for u in lookup(name))


@lru_cache(maxsize=4096)
def _is_unit(name: str, level: str) -> bool:
    """`Quảng Trung` at `xã`: an administrative unit of that level (a commune too)."""
    from .gazetteer import lookup

    return any(u.level == level for u in lookup(name))


def _title_text(doc: Doc, toks: list[Token], a: int, b: int) -> str:
    return doc.text[toks[a].start:toks[b - 1].end]


def _element(m: TitleMatcher, i: int) -> tuple[int, int] | None:
    """One title element (position + organisation) starting at token i: (pos_end, end)."""
    pe = m.position_at(i)
    if pe < 0:
        return None
    return pe, m.org_end(pe)


def _apposition(m: TitleMatcher, i: int) -> tuple[int, int, list[tuple[int, int, int]]] | None:
    """A title chain starting at token i (after `, ` / ` - ` / `(`)."""
    elems = []
    j = i
    start = i
    while True:
        el = _element(m, j)
        if not el:
            break
        end = el[1]
        # `Vụ trưởng Vụ Tổng hợp, Ban Tuyên giáo Trung ương`: the parent organisation
        while end + 2 < m.n and m.toks[end].text == "," and m.toks[end + 1].low in _PARENT_LEVELS \
                and m.toks[end + 1].text.islower() and m.toks[end + 2].text[:1].isupper():
            end = m.org_end(end + 1)   # `Chủ tịch UBND xã Quảng Trung, huyện Quảng Xương`: the parent unit
        while end + 1 < m.n and m.toks[end].text == "," and m.toks[end + 1].text[:1].isupper() \
                and m.toks[end + 1].low in m.lex.org_heads and m.position_at(end + 1) < 0 \
                and not m.name_at(end + 1) and m.words(end + 1, 2) not in m.lex.not_org_heads:
            pend = m.org_end(end + 1)
            org = m.words(el[0], end - el[0])
            if org and m.words(pend - len(org), len(org)) == org:
                break   # `Bí thư Tỉnh ủy, Ban Thường vụ Tỉnh ủy đã …`: a body of that organisation, no parent
            end = pend
        elems.append((j, el[0], end))
        j = end
        if j + 1 < m.n and (m.toks[j].text in (",", "-", "–") or m.toks[j].low == "kiêm") \
                and m.position_at(j + 1) >= 0:
            j += 1
            continue
        break
    if not elems:
        return None
    e = elems[-1][2]
    if _dash_name(m, e):
        return None  # `A, Phó Bí thư Tỉnh ủy – B, …`: a list of `title – name`; the chain is B's
    if m.name_at(e):
        elems.pop()  # `A, Chủ tịch nước B`: the title is B's
        if not elems:
            return None
    return start, elems[-1][2], elems


def _term(m: TitleMatcher, a: int, b: int) -> bool:
    """Tokens a..b-1 name a term of office: `nhiệm kỳ 2020-2025`, `khóa XI`."""
    toks = m.toks
    if a >= b:
        return False
    k = 2 if m.words(a, 2) == ("nhiệm", "kỳ") else 1 if toks[a].low in ("khóa", "khoá") else 0
    return k > 0 and a + k < b and all(
        t.text[0].isdigit() or t.text in "-–" or (t.text.isupper() and set(t.text) <= set("IVXLC"))
        for t in toks[a + k:b])


def _dash_name(m: TitleMatcher, i: int) -> bool:
    """Token i is a dash before a personal name (`… tỉnh – Nguyễn Văn Được`); not before a
    name that starts with a place (`khu vực Đông Á - Thái Bình Dương`)."""
    toks = m.toks
    return i + 2 < m.n and toks[i].text in ("-", "–") and m.name_at(i + 1) > 0 \
        and not _is_place(toks[i + 1].text + " " + toks[i + 2].text)


def _pre_title(m: TitleMatcher, name_start: int) -> tuple[int, int, list[tuple[int, int, int]]] | None:
    """A title chain that ends right before the name at token `name_start`."""
    toks = m.toks
    if name_start > 1 and toks[name_start - 2].is_word and _dash_name(m, name_start - 1):
        name_start -= 1   # `Chủ tịch HĐND tỉnh – Nguyễn Văn Được`: a title, a dash, then the name
    lo = max(0, name_start - MAX_ORG - m.lex.max_position - 3)
    best = None
    tend = name_start
    for i in range(name_start - 1, lo - 1, -1):
        t = toks[i]
        if t.text in "()" and m.paren_abbr(i):
            continue
        if t.text in ".;:!?\"“”()" and not inner_dot(toks, i):
            break
        if t.text == ",":
            if m.inner_comma(i):
                continue
            break
        pe = m.position_at(i)
        if pe < 0 or pe > name_start:
            continue
        if i > 0 and toks[i - 1].low in m.lex.prefixes:
            continue  # the longer prefixed form is found at i-1
        end = m.org_end(pe, limit=name_start) if pe < name_start else pe
        if end != name_start and _term(m, end, name_start):
            tend = end   # `Bí thư Thành ủy nhiệm kỳ 2020-2025, đồng chí B`: the term is no part of the title
            end = name_start
        if end == name_start:
            best = (i, pe)
            # a longer position may start a little earlier (`Tổng Cục trưởng`)
            for k in range(i - 1, max(-1, i - 4), -1):
                pk = m.position_at(k)
                if pk >= 0 and (pk == name_start or m.org_end(pk, limit=name_start) == name_start):
                    best = (k, pk)
            break
    if best is None:
        return None
    elems = [(best[0], best[1], tend)]
    # walk back over comma-separated title elements: `A, B, C Name`
    i = best[0]
    while i >= 2 and toks[i - 1].text in (",", "-", "–"):
        found = _element_before_comma(m, i, widen=True)
        if not found:
            break
        elems.insert(0, found)
        i = found[0]
    return elems[0][0], tend, elems


def _element_before_comma(m: TitleMatcher, i: int, widen: bool = False) -> tuple[int, int, int] | None:
    """The title element `(start, position end, end)` that ends right before the comma at
    token `i - 1` (`Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy`: from `Bí thư`, the element
    `Ủy viên Trung ương Đảng`), or None. With `widen`, a longer position starting a word or
    two earlier wins (`Tỉnh ủy viên`, not `ủy viên`)."""
    toks = m.toks
    for k in range(i - 2, max(-1, i - 2 - MAX_ORG - m.lex.max_position), -1):
        if toks[k].text in ".;:!?\"“”(),":
            return None
        pe = m.position_at(k)
        if pe >= 0 and pe <= i - 1 and (k == 0 or toks[k - 1].low not in m.lex.prefixes):
            if m.org_end(pe, limit=i - 1) != i - 1 or any(m.name_at(x) for x in range(pe, i - 1)):
                return None
            found = (k, pe, i - 1)
            if widen:
                for kk in range(k - 1, max(-1, k - 3), -1):
                    pk = m.position_at(kk)
                    if pk >= 0 and (pk == i - 1 or (pk < i - 1 and m.org_end(pk, limit=i - 1) == i - 1)):
                        found = (kk, pk, i - 1)
            return found
    return None


def _pre_title_aside(m: TitleMatcher, name_start: int):
    """`Phó Chủ tịch UBND huyện Châu Phú (tỉnh An Giang) Nguyễn Thanh Lâm`: a title, then a
    short parenthesis naming a place, then the name. The title runs to the parenthesis end."""
    toks = m.toks
    if name_start < 3 or toks[name_start - 1].text != ")":
        return None
    for k in range(name_start - 2, max(-1, name_start - 8), -1):
        if toks[k].text in "().;:,":
            if toks[k].text != "(" or k == 0:
                return None
            pre = _pre_title(m, k)
            return (pre[0], name_start, pre[2]) if pre else None
    return None


def _split(doc: Doc, m: TitleMatcher, elems: list[tuple[int, int, int]]) -> list[tuple[str, str]]:
    out = []
    for s, pe, e in elems:
        role = _title_text(doc, m.toks, s, pe)
        org = _title_text(doc, m.toks, pe, e) if e > pe else ""
        out.append((role, org))
    return out


# --------------------------------------------------------------------------------------
# Names. Each name rule returns (start, end) token spans of personal names; they run in
# the order of NAME_RULES and a span overlapping one found by an earlier rule is dropped.

def highland_name(m: TitleMatcher) -> list[tuple[int, int]]:
    """Given-name-first names of the Central Highlands and K'Ho names with an apostrophe:
    `Y Thanh Hà Niê Kđăm`, `H'Năm Niê`, `K’Mak` (the name after `Y` may be five syllables).

    >>> _spans("Ông Y Thanh Hà Niê Kđăm dự họp.", highland_name)
    ['Y Thanh Hà Niê Kđăm']
    >>> _spans("Ông K’Mak, Phó Bí thư Huyện ủy.", highland_name)
    ['K’Mak']
    >>> _spans("Bà Ksor H'Bơ Khăp phát biểu.", highland_name)
    ["Ksor H'Bơ Khăp"]
    """
    toks, out, i = m.toks, [], 0
    while i < m.n:
        t = toks[i]
        if not m.cap[i]:
            i += 1
            continue
        y = t.text == "Y" and i + 1 < m.n and m.cap[i + 1] and len(toks[i + 1].text) > 1
        if not (y or _is_prefixed_syllable(t)) or m.position_at(i) >= 0:
            i += 1
            continue
        j = i + 1
        while j < m.n and j - i < MAX_NAME + (1 if y else 0) and m.cap[j] \
                and toks[j - 1].end == toks[j].start - 1 and not toks[j].nl and m.position_at(j) < 0:
            j += 1
        if y and j - i < 3:
            i = j
            continue   # `Y` and one syllable: too little to tell from an initial
        s = i
        while s > 0 and i - s < 2 and toks[s - 1].low in m.lex.surnames and m.cap[s - 1] \
                and toks[s - 1].end == toks[s].start - 1 and not toks[s].nl and not y:
            s -= 1   # `Ksor H'Bơ Khăp`, `Điểu K'Ré`: a family name before the prefixed syllable
        out.append((s, j))
        i = j
    return out


def surname_first_name(m: TitleMatcher) -> list[tuple[int, int]]:
    """A run of capitalised syllables whose tail of 2-4 syllables starts with a family name
    of `surnames.txt`, and is not a place or a body (`Sở Công Thương`):
    `Lò Văn Tiến`, `Mùa A Sơn`, `Phạm S`.

    >>> _spans("Phó Bí thư Tỉnh ủy Tiền Giang Lê Minh Tùng dự.", surname_first_name)
    ['Lê Minh Tùng']
    """
    return _capital_run_names(m)


def name_after_bare_position(m: TitleMatcher) -> list[tuple[int, int]]:
    """A name that is also a place, right after a position with no organisation: a leader
    named by title (`Chủ tịch Hồ Chí Minh`).

    >>> _spans("phong cách Chủ tịch Hồ Chí Minh.", name_after_bare_position)
    ['Hồ Chí Minh']
    """
    out = []
    for i in range(1, m.n):
        if m.toks[i].low not in m.lex.surnames or not m.cap[i]:
            continue
        k = m.name_at(i)
        if k >= 3 and any(m.position_at(a) == i for a in range(max(0, i - 4), i)) and _is_place(m.text(i, i + k)):
            out.append((i, i + k))
    return out


def honorific_name(m: TitleMatcher) -> list[tuple[int, int]]:
    """Capitalised syllables after an honorific, whatever the family name: foreign names
    and short later mentions (`ông Dũng`, `bà Siu H'Prông`).

    >>> _spans("Ông Dũng nói.", honorific_name)
    ['Dũng']
    """
    toks, lex, out = m.toks, m.lex, []
    for i in range(m.n):
        if not m.cap[i]:
            continue
        h = m.honorific_before(i)
        if h < 0 or (h > 0 and toks[h - 1].low in lex.org_heads and toks[h - 1].text[:1].isupper()):
            continue  # `Hội nhà báo Việt Nam`: a word of an organisation's name, not an honorific
        j = i
        while j < m.n and j - i < MAX_NAME and m.cap[j] and m.position_at(j) < 0 \
                and (j == i or (toks[j - 1].end == toks[j].start - 1 and not toks[j].nl)):
            j += 1
        if j > i:
            out.append((i, j))
    return out


_VI_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                          r"[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")


def foreign_name_after_title(m: TitleMatcher) -> list[tuple[int, int]]:
    """Two or three capitalised words without diacritics, the first of which no Vietnamese
    syllable could be, right after a title: a foreign official
    (`Đại sứ Nhật Bản tại Việt Nam Ito Naoki`, `Giám đốc quốc gia Ngân hàng Thế giới
    Mariam Sherman`).

    >>> _spans("Đại sứ Nhật Bản tại Việt Nam Ito Naoki thăm tỉnh.", foreign_name_after_title)
    ['Ito Naoki']
    """
    toks, out = m.toks, []
    for i in range(1, m.n):
        if not (m.cap[i] and toks[i].text.isascii()) or _VI_SYLLABLE.fullmatch(toks[i].low):
            continue   # (a name that opens with a possible Vietnamese syllable is left to other rules)
        j = i
        while j < m.n and j - i < 3 and m.cap[j] and toks[j].text.isascii() and toks[j].text.isalpha() \
                and (j == i or toks[j - 1].end == toks[j].start - 1) and not toks[j].nl:
            j += 1
        if j - i < 2 or (j < m.n and m.cap[j] and toks[j - 1].end == toks[j].start - 1):
            continue   # one word, or a longer run of capitals (an organisation's name)
        pre = _pre_title(m, i)
        if pre and pre[1] == i:
            out.append((i, j))
    return out


NAME_RULES = (highland_name, surname_first_name, name_after_bare_position, honorific_name,
              foreign_name_after_title)


def find_names(m: TitleMatcher, doc: Doc | None = None) -> list[tuple[int, int, str]]:
    """Names found by NAME_RULES in order, sorted: (start, end, rule name)."""
    taken = bytearray(m.n)
    out = []
    for rule in NAME_RULES:
        for s, e in rule(m):
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append((s, e, rule.__name__))
            if doc is not None:
                doc.trace("officials", rule.__name__, "add", m.toks[s].start, m.toks[e - 1].end, "name")
    out.sort()
    return out


def _spans(text: str, rule) -> list[str]:
    """The texts a name rule finds in `text` (for the examples in the docstrings)."""
    doc = Doc(text)
    m = TitleMatcher(tokenize(doc), load())
    return [doc.text[m.toks[s].start:m.toks[e - 1].end] for s, e in rule(m)]


# --------------------------------------------------------------------------------------
# Titles. Each attachment rule returns the titles it attaches to one name, as a list of
# (title text, [(role, organisation), ...]); ATTACH_RULES gives their order. The rules
# before FIRST_FALLBACK are tried on every mention and an official's title is the longest
# they attached to any of its mentions; the rules from FIRST_FALLBACK on are tried on a
# mention only when no earlier rule attached a title to it, and then the earliest that did
# gives the title.

@dataclass
class Context:
    """What the attachment rules read: the doc, its tokens and the names found."""

    doc: Doc
    m: TitleMatcher
    names: list[tuple[int, int]]
    starts: dict[int, int]               # name start -> end
    group: dict[tuple[int, int], list[tuple[int, int]]]   # coordinated names around each name
    by_list: dict[tuple[int, int], tuple]                  # filled by _shared_titles
    ends: set[int] = field(default_factory=set)          # token index after each name
    title_spans: list[tuple[int, int]] = field(default_factory=list)   # token spans of titles read

    def text(self, a: int, b: int) -> str:
        return _title_text(self.doc, self.m.toks, a, b)

    def chain(self, chain) -> tuple[str, list[tuple[str, str]]]:
        a, b, elems = chain
        self.title_spans.append((a, b))
        return self.text(a, b), _split(self.doc, self.m, elems)


def title_shared_by_list(ctx: Context, s: int, e: int) -> list:
    """A title before a list of names that share it, after a colon or a linking word of
    `list_links.txt`: `các đồng chí Phó Bí thư Tỉnh ủy: A – Chủ tịch UBND tỉnh; B, C`,
    `Các Phó Chủ tịch UBND tỉnh gồm: ông A, ông B và bà C`, `hai Phó Chủ tịch HĐND là bà A
    và ông B`, `miễn nhiệm chức danh Phó Chủ tịch UBND tỉnh đối với ông A`. A name's own
    apposition is added after the shared title (`Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh`),
    except after a decision's object link (`đối với`), where the own title stands alone.
    """
    hit = ctx.by_list.get((s, e))
    if not hit:
        return []
    chain, own, obj = hit
    if own and (obj or ctx.m.words(own[0], chain[2][0][1] - chain[0]) == ctx.m.words(chain[0], chain[2][0][1] - chain[0])):
        return []   # the name's own title is read by `title_beside_name` (after `đối với`, or
        # when it names the shared role again: `Các Phó Bí thư gồm: A, Phó Bí thư Thường trực …`)
    text, pos = ctx.chain(chain)
    if own:
        text = text + ", " + ctx.text(own[0], own[1])
    return [(text, pos)]


def title_beside_name(ctx: Context, s: int, e: int) -> list:
    """A title chain right before the name (`Bí thư Huyện ủy Phan Song Toàn`, also over an
    honorific, a rank or a comma: `Giám đốc Sở Y tế tỉnh, ông Nguyễn Văn Em`; a place in
    parentheses: `Phó Chủ tịch UBND huyện Châu Phú (tỉnh An Giang) Nguyễn Thanh Lâm`), and
    one after it, after a comma, dash or parenthesis (`Hồ Quốc Dũng, Ủy viên Trung ương
    Đảng, Bí thư Tỉnh ủy`), skipping asides (`, sinh năm 1968,`)."""
    m, toks = ctx.m, ctx.m.toks
    h = m.honorific_before(s)
    pre = (_pre_title(m, h) if h > 0 else None) or _pre_title(m, s)
    if not pre and h > 1 and toks[h - 1].text == ",":
        pre = _pre_title(m, h - 1)
        if pre and pre[0] > 1 and toks[pre[0] - 1].text in (",", "-", "–", "(") and pre[0] - 1 in ctx.ends:
            pre = None   # `A – Bí thư Tỉnh ủy, bà B – …`: the title before the comma is A's
    if not pre:
        pre = _pre_title_aside(m, s if h < 0 else h)
    j = _skip_asides(m, e)
    app = _apposition(m, j + 1) if j + 1 < m.n and toks[j].text in (",", "-", "–", "(") else None
    if pre and app and pre[1] == s:
        # `Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng, Người phát ngôn của Chính phủ`: one list
        # around the name (not over an honorific: `giao … cho ông A, Phó Chủ tịch …` is two)
        (t1, p1), (t2, p2) = ctx.chain(pre), ctx.chain(app)
        return [(t1 + ", " + t2, p1 + p2)]
    return [ctx.chain(x) for x in (pre, app) if x]


def title_after_name_unseparated(ctx: Context, s: int, e: int) -> list:
    """A capitalised title right after the name with no comma (`đồng chí Phùng Thành Vinh
    Phó bí thư Huyện ủy`); after an honorific also a lower-case one (`đồng chí B ủy viên
    ban thường vụ huyện ủy`)."""
    m = ctx.m
    j = _skip_aside(m, e)
    if j < m.n and m.toks[j].text not in (",", "-", "–", "(") and (
            m.toks[j].text[:1].isupper() or m.honorific_before(s) >= 0) and m.position_at(j) >= 0:
        app = _apposition(m, j)
        if app:
            return [ctx.chain(app)]
    return []


def title_taken_by_verb(ctx: Context, s: int, e: int) -> list:
    """A position linked to the name, or to the list of coordinated names it ends, by a verb
    of `held_cues.txt` (`ông A giữ chức Chủ tịch UBND tỉnh`; `bà A, ông B và ông C tái cử
    chức danh Phó Chủ tịch UBND tỉnh`; `được bầu làm`, `thôi giữ chức`), or by a short
    link of `near_cues.txt` right after the names (`bà B làm Phó Chủ tịch HĐND tỉnh`)."""
    last = ctx.group[(s, e)][-1][1]
    hold = _held_position(ctx, last)
    return [ctx.chain(hold)] if hold else []


def title_shared_backwards(ctx: Context, s: int, e: int) -> list:
    """The title after the last of a list of coordinated names, shared by the names before
    it that have none: `A, B, C, Bí thư Chi bộ các thôn`; `A và B, nguyên Phó Chủ tịch
    UBND tỉnh`."""
    grp = ctx.group[(s, e)]
    if len(grp) < 2 or grp[-1] == (s, e):
        return []
    ls, le = grp[-1]
    m = ctx.m
    j = _skip_aside(m, le)
    if j < m.n and m.toks[j].text in (",", "-", "–") and j + 1 < m.n:
        app = _apposition(m, j + 1)
        if app:
            return [ctx.chain(app)]
    return []


ATTACH_RULES = (title_shared_by_list, title_beside_name, title_after_name_unseparated,
                title_taken_by_verb, title_shared_backwards)
FIRST_FALLBACK = 2   # index in ATTACH_RULES of the first rule tried only on untitled mentions


@dataclass
class _Candidate:
    name: str
    start: int                 # token index
    end: int
    titles: list[tuple[int, str, int, int]] = field(default_factory=list)  # (rule index, text, s, e)
    positions: list[tuple[str, str]] = field(default_factory=list)


def same_person_fuller_name(doc: Doc, found: dict[str, "_Candidate"], order: list[str]) -> dict[str, str]:
    """A name that is another's without a middle syllable is the same person, named by the
    fuller form (`Huỳnh Thúy Vân` and `Huỳnh Thị Thúy Vân`): its titles and mentions join
    the fuller name's. Returns {shorter key: fuller key}."""
    buckets: dict[tuple[str, str], list[str]] = {}
    for key in order:
        w = key.split()
        buckets.setdefault((w[0], w[-1]), []).append(key)
    alias: dict[str, str] = {}
    for keys in buckets.values():
        if len(keys) < 2:
            continue
        for short in keys:
            fuller = [k for k in keys if len(k.split()) > len(short.split()) and _subsequence(short.split(), k.split())]
            if len(fuller) == 1:
                alias[short] = fuller[0]
                a, b = found[short], found[fuller[0]]
                b.titles.extend(a.titles)
                b.positions.extend(a.positions)
                toks = tokenize(doc)
                doc.trace("officials", "same_person_fuller_name", "merge", toks[a.start].start,
                          toks[a.end - 1].end, b.name)
    return alias


def name_inside_a_title(ctx: Context, found: dict[str, "_Candidate"], order: list[str],
                        mentions: list[tuple[int, int, str]]) -> set[str]:
    """A name every mention of which lies inside another person's title is a word of an
    organisation's name (`Giám đốc Bệnh viện Bạch Mai`), not a person. Returns their keys."""
    covered = bytearray(ctx.m.n + 1)
    for a, b in ctx.title_spans:
        covered[a:b] = b"\x01" * (b - a)
    outside = {text.lower() for s, e, text in mentions if not all(covered[s:e])}
    out = set()
    for key in order:
        if key not in outside:
            out.add(key)
            c = found[key]
            toks = ctx.m.toks
            ctx.doc.trace("officials", "name_inside_a_title", "drop", toks[c.start].start, toks[c.end - 1].end,
                          "a word of an organisation's name")
    return out


_BYLINE_WORDS = {"tác", "giả", "bài", "ảnh", "tin", "và", ",", "nguồn", "thực", "hiện", "ghi", "chép", "video", "clip"}


def byline_name(ctx: Context, found: dict[str, "_Candidate"], order: list[str],
                mentions: list[tuple[int, int, str]]) -> set[str]:
    """A name named only in a byline (`Tác giả: Nguyễn Văn Hoán – Bí thư Đảng ủy`, `Bài,
    ảnh: …`) is the article's author, not an official (spec section 3). Returns their keys."""
    toks = ctx.m.toks

    def byline(s: int) -> bool:
        if s < 2 or toks[s - 1].text != ":":
            return False
        k = s - 2   # the words before the colon, back to the start of the line
        while k >= 0 and toks[k].low in _BYLINE_WORDS:
            if k == 0 or toks[k].nl:
                return True
            k -= 1
        return k >= 0 and k < s - 2 and toks[k].text in ".!?"

    elsewhere = {text.lower() for s, e, text in mentions if not byline(s)}
    out = {key for key in order if key not in elsewhere}
    for key in out:
        c = found[key]
        ctx.doc.trace("officials", "byline_name", "drop", toks[c.start].start, toks[c.end - 1].end, "the byline")
    return out


def _subsequence(short: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(w in it for w in short)


def _groups(m: TitleMatcher, names: list[tuple[int, int]]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each name's list of coordinated names: names with only commas, `và` and honorifics
    between them (`bà A, ông B và ông C`)."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    cur: list[tuple[int, int]] = []
    for s, e in names:
        if cur and _coordinated(m, cur[-1][1], s):
            cur.append((s, e))
        else:
            cur = [(s, e)]
        out[(s, e)] = cur
    return out


def _coordinated(m: TitleMatcher, a: int, b: int) -> bool:
    """Tokens a..b-1 only join two names: `, `, ` và `, `, ông `, ` và bà `."""
    if a >= b:
        return False
    i = a
    while i < b:
        t = m.toks[i]
        if t.text == "," or t.low == "và":
            i += 1
            continue
        k = m.honorific_at(i)
        if not k:
            return False
        i += k
    return True


@declares(assigns=("officials",))
def annotate(doc: Doc) -> None:
    """Find officials in `doc` and add them to `doc.officials`."""
    lex = load()
    toks = tokenize(doc)
    m = TitleMatcher(toks, lex)
    found_names = find_names(m, doc)
    # two syllables or more make a name that can hold a title; one (`ông Dũng`) is a later
    # mention of a name, unless it is a whole highland name (`K’Mak`)
    names = [(s, e) for s, e, _ in found_names if e - s >= 2 or _is_prefixed_syllable(toks[s])]
    short = [(s, e) for s, e, _ in found_names if not (e - s >= 2 or _is_prefixed_syllable(toks[s]))]
    ctx = Context(doc, m, names, {s: e for s, e in names}, _groups(m, names), {},
                  {e for _, e in names} | {e for _, e in short})
    ctx.by_list = _shared_titles(ctx)

    found: dict[str, _Candidate] = {}
    order: list[str] = []
    mentions: list[tuple[int, int, str]] = []

    for s, e in names:
        name = doc.text[toks[s].start:toks[e - 1].end]
        key = name.lower()
        if key not in found:
            found[key] = _Candidate(name, s, e)
            order.append(key)
        c = found[key]
        titled = False
        for rank, rule in enumerate(ATTACH_RULES):
            if titled and rank >= FIRST_FALLBACK:
                break   # the fallback rules serve only a mention that has no title yet
            for text, pos in rule(ctx, s, e):
                c.titles.append((rank, text, s, e))
                c.positions.extend(pos)
                titled = True
                doc.trace("officials", rule.__name__, "attach", toks[s].start, toks[e - 1].end, text)
        mentions.append((s, e, name))

    alias = same_person_fuller_name(doc, found, order)
    inside = name_inside_a_title(ctx, found, order, mentions) | byline_name(ctx, found, order, mentions)
    officials: list[Official] = []
    by_key: dict[str, Official] = {}
    for key in order:
        if key in alias or key in inside:
            continue
        c = found[key]
        span = (toks[c.start].start, toks[c.end - 1].end)
        if not c.titles:
            doc.trace("officials", "no_title", "drop", *span, "a name with no position attached")
            continue
        # the direct rules (before FIRST_FALLBACK) are one tier: the longest of their titles
        best = min(c.titles, key=lambda t: (max(t[0], FIRST_FALLBACK - 1), -len(t[1])))
        doc.trace("officials", ATTACH_RULES[best[0]].__name__, "keep", *span, best[1])
        # role and organisation: the first position of the chosen title that names one
        chosen = [p for p in c.positions if p[0] and (p[0] + " " + p[1]).strip() in best[1]] or c.positions
        role, org = next((p for p in chosen if p[1]), chosen[0]) if chosen else (best[1], "")
        off = Official(name=c.name, title=best[1], role=role, organization=org or None)
        if org:
            off.extra["organization_full"] = expand_org(org)
        distinct = _dedup(c.positions)
        if len(distinct) > 1:
            off.extra["positions"] = [{"role": r, "organization": o or None} for r, o in distinct]
        officials.append(off)
        by_key[key] = off
    # mentions: full names, and short forms (`ông Dũng`, `đồng chí Toàn`) by their last syllables
    for short_key, full_key in alias.items():
        if full_key in by_key:
            by_key[short_key] = by_key[full_key]
    tails = _tail_index(officials)
    seen: set[tuple[int, int]] = set()
    for s, e, text in mentions + [(s, e, doc.text[toks[s].start:toks[e - 1].end]) for s, e in short]:
        off = by_key.get(text.lower()) or _by_tail(tails, text)
        span = (toks[s].start, toks[e - 1].end)
        if off is not None and span not in seen:
            seen.add(span)
            off.mentions.append(list(span))
    for off in officials:
        off.mentions.sort()
    doc.officials.extend(o for o in officials if o.mentions)


_ASIDES = {("sinh",), ("sinh", "năm"), ("sinh", "ngày"), ("quê",), ("quê", "quán"), ("năm", "sinh"), ("sn",),
           ("dân", "tộc"), ("người", "dân", "tộc")}


def _skip_asides(m: TitleMatcher, i: int) -> int:
    """`_skip_aside` as often as asides follow one another (`, sinh năm 1970, quê Nghệ An,`)."""
    while True:
        j = _skip_aside(m, i)
        if j == i:
            return i
        i = j


def _skip_aside(m: TitleMatcher, i: int) -> int:
    """Skip `, sinh ngày 18/4/1968` and similar asides after a name; returns the index
    of the separator before the apposition."""
    toks = m.toks
    if i + 2 < m.n and toks[i].text == "(" and (any(m.words(i + 1, len(a)) == a for a in _ASIDES)
                                               or (toks[i + 1].text.isdigit() and toks[i + 2].low == "tuổi")):
        for k in range(i + 2, min(m.n, i + 10)):
            if toks[k].text in ");:":
                break
            if toks[k].text == ",":
                return k   # `Trần Văn Công (SN 1960, cựu Chủ tịch UBND huyện …)`
    if i + 2 < m.n and toks[i].text == "(":
        # `Ông Nguyễn Văn An (thứ hai từ trái sang), Giám đốc Sở …`: a caption aside
        for k in range(i + 1, min(m.n, i + 9)):
            if m.position_at(k) >= 0 or toks[k].text in ".;:(":
                break
            if toks[k].text == ")":
                # the separator after it, or the word after it (`A (50 tuổi, quê Quảng Ngãi) từng giữ chức`)
                return k + 1
    if i + 2 < m.n and toks[i].text == ",":
        k = m.honorific_at(i + 1)
        if k and i + 1 + k < m.n and toks[i + 1 + k].text in (",", "-", "–") and m.position_at(i + 1) < 0:
            return i + 1 + k   # `ông Trần Thanh Sơn, Đại tá, Chỉ huy trưởng …`: the rank is no title
    if i + 3 < m.n and toks[i].text == "," and toks[i + 1].text.isdigit() and toks[i + 2].low == "tuổi" \
            and toks[i + 3].text == ",":
        return i + 3   # `ông Vũ Hải Quân, 48 tuổi, Ủy viên Trung ương Đảng`
    if i + 1 < m.n and toks[i].text == "," and any(m.words(i + 1, len(a)) == a for a in _ASIDES):
        j = i + 1
        while j < m.n and (toks[j].text not in ",;.:()" or inner_dot(toks, j)):
            j += 1
        if j < m.n and toks[j].text == ",":
            return j
    return i


def _tail_index(officials: list[Official]) -> dict[tuple[str, ...], list[Official]]:
    """Officials by each tail of their name's words (`dũng`, `quốc dũng`, ...)."""
    index: dict[tuple[str, ...], list[Official]] = {}
    for o in officials:
        words = tuple(o.name.lower().split())
        for k in range(1, len(words) + 1):
            hits = index.setdefault(words[-k:], [])
            if o not in hits:
                hits.append(o)
    return index


def _by_tail(index: dict[tuple[str, ...], list[Official]], text: str) -> Official | None:
    """The one official whose name ends with `text` (`Toàn` -> `Phan Song Toàn`), if unique."""
    hits = index.get(tuple(text.lower().split()), [])
    return hits[0] if len(hits) == 1 else None


def _dedup(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Distinct positions, in order; `Bí thư Đảng ủy xã` goes when `Bí thư Đảng ủy xã Phú
    Túc` is there. O(n log n): among one role's sorted organisations, the ones that start
    with `o` come right after `o`."""
    distinct: dict[tuple[str, str], tuple[str, str]] = {}
    for r, o in pairs:
        distinct.setdefault((r.lower(), o.lower()), (r, o))
    by_role: dict[str, list[str]] = {}
    for r, o in distinct:
        by_role.setdefault(r, []).append(o)
    shorter: set[tuple[str, str]] = set()
    for r, orgs in by_role.items():
        orgs.sort()
        for a, b in zip(orgs, orgs[1:]):
            if b.startswith(a):
                shorter.add((r, a))
    return [p for k, p in distinct.items() if k not in shorter]


def _held_position(ctx: Context, i: int):
    """The title a verb links to the name ending at token i: a cue of `held_cues.txt`
    within the sentence before any other name (`Name, sinh năm 1967, giữ chức Title`), or
    one of `near_cues.txt` right after the name, over adverbs (`ông A làm Trưởng ban ...`)."""
    m = ctx.m
    toks = m.toks
    # a short link right after the name: `A làm`, `A nay là`, `A đã được bầu làm`
    j = _skip_asides(m, i)   # `A, 52 tuổi, hiện là …`
    j = j + 1 if j < m.n and m.toks[j].text == "," else j   # `A và B, đều là Phó Chủ tịch …`
    moved = True
    while moved:
        moved = False
        for adv in m.lex.adverbs:
            if m.words(j, len(adv)) == adv:
                j += len(adv)
                moved = True
                break
    app = _apposition_after_cue(m, j, m.lex.near_cues)
    if app:
        return app
    for j in range(i, min(m.n, i + 25)):
        if toks[j].text in ".;:!?" or (j > i and j in ctx.starts):
            return None   # the sentence ends, or another person is named first
        if toks[j].low not in m.lex.held_firsts:
            continue
        app = _apposition_after_cue(m, j, m.lex.held_cues)
        if app:
            return app
    return None


def _apposition_after_cue(m: TitleMatcher, j: int, cues):
    """The title in apposition after the first of `cues` at word j that has one, else None."""
    for cue in cues:
        if m.words(j, len(cue)) == cue:
            app = _apposition(m, _skip_post_noun(m, j + len(cue)))
            if app:
                return app
    return None


_POST_NOUNS = (("chức", "danh"), ("chức", "vụ"), ("vị", "trí"), ("chức",))


def _skip_post_noun(m: TitleMatcher, j: int) -> int:
    """Skip `chức`, `chức danh`, `chức vụ`, `vị trí` between a verb and the position it
    links (`tái đắc cử chức Phó Chủ tịch`)."""
    for w in _POST_NOUNS:
        if m.words(j, len(w)) == w:
            return j + len(w)
    return j


def _chain_before(m: TitleMatcher, i: int):
    """A title (one element) ending right before token i: (start, i, [(start, pos_end, i)]).
    Terms of office just before i are no part of it (`Chủ tịch UBND tỉnh khóa V, nhiệm kỳ
    2011-2016 đối với ông A`)."""
    toks = m.toks
    i = _before_terms(m, i)
    for k in range(i - 1, max(-1, i - MAX_ORG - 4), -1):
        if toks[k].text in ".;:!?()":
            return None
        pe = m.position_at(k)
        if pe >= 0 and (k == 0 or toks[k - 1].low not in m.lex.prefixes):
            end = m.org_end(pe, limit=i) if pe < i else pe
            if end != i or any(toks[x].low == "và" and toks[x + 1].text[:1].islower() for x in range(pe, i - 1)):
                return None   # (`nguyên Chủ tịch Tập đoàn FLC và vợ là B`: a relative, not the title)
            for kk in range(k - 1, max(-1, k - 4), -1):
                pk = m.position_at(kk)
                if pk >= 0 and (pk == i or m.org_end(pk, limit=i) == i):
                    k, pe = kk, pk   # a longer position starting a little earlier (`Bộ trưởng`)
            elems = [(k, pe, i)]
            # `Chủ tịch UBND và đại biểu HĐND tỉnh`: positions joined by `và` share the list
            while k > 1 and toks[k - 1].low == "và":
                prev = next((x for x in range(k - 2, max(-1, k - 8), -1) if m.position_at(x) >= 0
                             and (x == 0 or toks[x - 1].low not in m.lex.prefixes)), None)
                if prev is None or m.org_end(m.position_at(prev), limit=k - 1) != k - 1:
                    break
                elems.insert(0, (prev, m.position_at(prev), k - 1))
                k = prev
            # `các Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng: …`: earlier elements after commas
            while k >= 2 and toks[k - 1].text == ",":
                prev = _element_before_comma(m, k)
                if prev is None:
                    break
                elems.insert(0, prev)
                k = prev[0]
            return k, i, elems
    return None


def _before_terms(m: TitleMatcher, i: int) -> int:
    """Where the terms of office (`khóa V`, `nhiệm kỳ 2011-2016`, joined by commas) that end
    right before token i start; i when there are none."""
    moved = True
    while moved:
        moved = False
        for x in range(i - 2, max(-1, i - 8), -1):
            if _term(m, x, i):
                i = x - 1 if x > 0 and m.toks[x - 1].text == "," else x
                moved = True
                break
    return i


def _link_at(m: TitleMatcher, i: int, chain_start: int) -> tuple[int, bool]:
    """End of the words linking a title to the list of names after it, starting at token i
    (`:`, `gồm:`, `là`, `đối với`; `với` only after a personnel word), or -1; and whether
    the link names the object of a decision (`đối với`)."""
    toks = m.toks
    found = None
    for link in m.lex.list_links:
        if m.words(i, len(link)) == link:
            found = link
            break
    if found is None and chain_start > 0:
        before = {m.words(chain_start - k, k) for k in (1, 2) if chain_start - k >= 0}
        if before & m.lex.personnel_words:
            found = next((link for link in m.lex.verb_links if m.words(i, len(link)) == link), None)
    if found is None:
        return (i + 1 if i < m.n and toks[i].text == ":" else -1), False
    j = i + len(found)
    if j < m.n and toks[j].text == ":":
        j += 1
    return j, found in m.lex.object_links


_PLURALS = {"các", "những", "hai", "ba", "bốn", "năm", "sáu", "2", "3", "4", "5", "6"}


def _shared_titles(ctx: Context) -> dict[tuple[int, int], tuple]:
    """{(s, e): (shared chain, own chain or None, object link?)} for names listed after a
    title they share (see `title_shared_by_list`): after a link word or colon, or right
    after a plural title (`Các Phó Chủ tịch UBND tỉnh A, B`)."""
    m, toks, starts = ctx.m, ctx.m.toks, ctx.starts
    out: dict[tuple[int, int], tuple] = {}
    for i, t in enumerate(toks):
        if t.text != ":" and t.low not in m.lex.link_firsts:
            continue
        if i > 0 and toks[i - 1].low in m.lex.link_firsts and t.text == ":":
            continue   # `gồm:` is read at `gồm`
        if not any(x in starts for x in range(i + 1, min(m.n, i + 8))) and t.text != ":":
            continue   # no name follows closely: nothing to share (a fast path for `là`, `cho`)
        chain = _chain_before(m, i)
        if not chain:
            # `2 vị Phó giám đốc Sở Nội vụ được điều chuyển là ông A và ông B`: a passive verb between
            d = next((x for x in (i - 2, i - 3) if x > 0 and toks[x].low == "được"), None)
            chain = _chain_before(m, d) if d is not None and t.low == "là" else None
            if not chain:
                continue
        j, obj = _link_at(m, i, chain[0])
        if j >= 0:
            _share(m, starts, chain, j, obj, out)
    for s in starts:
        h = m.honorific_before(s)
        a = h if h >= 0 else s
        if (s, starts[s]) in out or a == 0:
            continue
        chain = _chain_before(m, a)
        if chain and chain[0] > 0 and toks[chain[0] - 1].low in _PLURALS:
            _share(m, starts, chain, a, False, out)
    return out


def _share(m: TitleMatcher, starts: dict[int, int], chain, j: int, obj: bool, out: dict) -> None:
    """Give `chain` to the names listed from token j on (separated by `,` `;` `và`)."""
    toks = m.toks
    j = _skip_honorifics(m, j)
    sep = ""
    while True:
        own = None
        if j not in starts:
            if sep == ";":
                break   # `…; Bí thư Trung ương Đảng, Chánh Văn phòng … Lê Hoài Trung`: a new group
            # `…: Chủ nhiệm Ủy ban Kiểm tra Trung ương Nguyễn Duy Ngọc, Trưởng ban … Lê Minh Hưng`
            n = next((x for x in range(j + 1, min(m.n, j + MAX_ORG + 6)) if x in starts
                      or toks[x].text in ".;:!?()"), None)
            pre = _pre_title(m, n) if n is not None and n in starts else None
            if not pre or pre[0] != j or pre[1] != n:
                break
            own, j = (pre[0], pre[1]), n
        e = _skip_aside(m, starts[j])
        if own is None and e < m.n and toks[e].text in ("-", "–", ",", "(") and e + 1 < m.n:
            app = _apposition(m, e + 1)
            if app:
                own = (app[0], app[1])
                e = app[1] + (1 if toks[e].text == "(" and app[1] < m.n and toks[app[1]].text == ")" else 0)
        if not (own is not None and own[1] == j):
            out[(j, starts[j])] = (chain, own, obj)
        # (an item with its own title before its name keeps that title alone, as the
        # guideline's examples annotate it: `các Ủy viên Bộ Chính trị: Chủ tịch nước A, …`)
        if e < m.n and (toks[e].text in (",", ";") or toks[e].low == "và"):
            sep = toks[e].text
            j = _skip_honorifics(m, e + 1)
        else:
            break


def _skip_honorifics(m: TitleMatcher, j: int) -> int:
    """Skip an honorific before a listed name, also a plural one with a colon (`ông`,
    `các đồng chí`, `các ông:`)."""
    if j < m.n and m.lows[j] in ("các", "những") and m.honorific_at(j + 1):
        j += 1
    j += m.honorific_at(j) if j < m.n else 0
    if j < m.n and m.toks[j].text == ":":
        j += 1
    return j


def expand_org(org: str) -> str:
    """Organisation with abbreviations expanded: `UBND tỉnh` -> `Ủy ban nhân dân tỉnh`."""
    abbrev = load().abbrev
    return re.sub(r"[\w&.-]+", lambda mt: abbrev.get(mt.group(0).rstrip("."), mt.group(0)), org)
