"""The locations component: Vietnamese administrative units named in an article.

Three kinds of mention are found on `doc.key` (tone-unified, same offsets as `doc.text`):

1. *Anchored*: a level word before a name (`xã An Khánh`, `TP. Bến Tre`, `Phường 4`,
   `ấp An Mỹ`, `khu phố 2`), including inside organisation names (`Đảng ủy xã An Khánh`,
   `UBND tỉnh Bình Định`), committee names (`Tỉnh ủy Tiền Giang`, `Huyện ủy Châu Thành`)
   and lists that continue a level word (`các xã Canh Hiệp, Canh Thuận`).
2. *Bare*: a capitalised word sequence that the gazetteer knows, accepted only when the
   article's context supports it: province names (unless preceded by a road, company or
   person word), districts of a province the article is about, communes of a district it
   is about, and a parenthesised name right after a unit that it contains
   (`xã An Khánh (Châu Thành)`).
3. *Village-level* units (ấp, thôn, khu phố, ...) are found by pattern only.

Every anchored mention is resolved to a gazetteer unit using the article's context
(provinces and districts mentioned, the publication date); a bare name gets the level
its unit has at the article's date. One `Location` is emitted per unit (same name and
level, or the same resolved unit under other spellings, listed in `extra["aliases"]`) with
all its mentions; `parent` is the containing unit, and `extra` holds `province` and, for
a unit merged by the 2025 reform, `current` (its post-reform unit).

The grammar is three ordered tuples of named rules, each a small function with examples
in its docstring (the order is the grammar): ANCHOR_RULES read what follows each level
word (the first rule that decides ends it), CANDIDATE_RULES drop capitalised runs that
start with a known name but name no unit, BARE_RULES accept or reject the rest by the
article's context. `vnnews.extract(text, explain=True).explain` names the rule that added,
kept or dropped each candidate; `tests/data/locations/cases.tsv` holds a case where each
rule acts and one where it does not.

Lexicons are data: `resources/gazetteer/levels.tsv` (level words) and `context.tsv`
(blocking words, surnames, ...); the gazetteer is `resources/gazetteer/units.json.gz`.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..models import Location
from .component import declares
from .doc import Doc
from .rules import rule_name, verdict
from .gazetteer import (COMMUNE_LEVELS, DISTRICT_LEVELS, VILLAGE_LEVELS, Gazetteer, Unit,
                        get_gazetteer, levels_of_tier)
from .lexicon import loader
from .textnorm import key_lower

DEFAULT_DATE = "2025-06-30"  # undated articles: the last pre-reform day

# a word token; `'` joins minority names (`Ia H'Drai`)
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_NAME_SEP = re.compile(r"^(?: |\s?[-–]\s?)$")
_NUMBER = re.compile(r"^(?:\d{1,3}(?:[A-Za-z]\d{0,2})?|[IVX]{1,4})$")  # `ấp 5`, `ấp 1B`, `ấp 9A1`, `thôn IV`
_SENT_PUNCT = frozenset(".!?:;\"“”([–-…*•")


_DATE_IN_TEXT = re.compile(r"(?<![\d/.])\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)(?!\d)")
_YEAR_IN_TEXT = re.compile(r"(?i)(?<!\w)năm ((?:19|20)\d\d)(?!\d)")
_BARE_YEAR = re.compile(r"(?<![\d,])((?:19|20)\d\d)(?: ?[-–] ?((?:19|20)\d\d))?(?!\d|[.,]\d| ?(?:tỷ|tỉ|triệu|nghìn|ngàn|"
                        r"đồng|người|ha|km|m|tấn|kg|USD|%|học sinh|hộ|căn|sản phẩm)(?!\w))")
_TERM_IN_TEXT = re.compile(r"(?i)(?<!\w)(?:nhiệm kỳ|khóa) ?((?:19|20)\d\d) ?[-–] ?(?:19|20)\d\d")


def _guess_date(key: str) -> str:
    """A date for an undated article, from the years written in it: the latest full date
    (`19/09/2022`; birth dates before 1995 ignored) and the most frequent `năm YYYY` (unless
    it is a post-reform year no full date reaches: plans say `đến năm 2030`), else the first
    year of a term (`nhiệm kỳ 2015-2020`) plus one, else `DEFAULT_DATE`. A year up to
    2025 gives a pre-reform date."""
    def recent(ys):
        return [int(y) for y in ys if 1995 <= int(y) <= 2100]

    dated = recent(_DATE_IN_TEXT.findall(key))
    counts: dict[int, int] = defaultdict(int)
    for y in recent(_YEAR_IN_TEXT.findall(key)):
        counts[y] += 1
    said = max(counts, key=lambda y: (counts[y], y)) if counts else None
    if said and said > max([2025, *dated]):
        said = None  # a plan's target year (`đến năm 2030`), not the article's
    if dated or said:
        y = max(dated + ([said] if said else []))
    else:
        terms = recent(_TERM_IN_TEXT.findall(key))
        if terms:
            y = max(terms) + 1
        else:
            # any year written (`tháng 11.2016`, `Nghị định 71/2011/NĐ-CP`, `giai đoạn 2017-2025`
            # counts its first year plus one): the article is at least that recent
            bare = []
            for m in _BARE_YEAR.finditer(key):
                a, b = int(m.group(1)), m.group(2)
                bare.append(min(a + 1, int(b)) if b else a)
            bare = [x for x in recent(map(str, bare)) if x <= 2025]
            if not bare:
                return DEFAULT_DATE
            y = max(bare)
    return f"{y}-12-31" if y < 2025 else (DEFAULT_DATE if y == 2025 else f"{y}-06-30")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str  # from doc.key
    kind: str  # T titlecase, U acronym, L lowercase, D number, O other


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # from doc.text
    level: str
    kind: str  # anchored, bare, village, list, paren
    cands: list[Unit] = field(default_factory=list)
    unit: Unit | None = None


def _rank(u: Unit) -> int:
    """0 province, 1 district, 2 commune: by level, so post-reform communes rank 2."""
    if u.parent_id is None:
        return 0
    if u.level in DISTRICT_LEVELS:
        return 1
    return 2


_PLURAL_BEFORE = re.compile(r"(?i)(?:các|những|\d{1,2}|hai|ba|bốn|năm) $")
_ONE_WORD_END = re.compile(r"\s*(?:$|[,.;:!?)\]”\"(–-]|(?:thuộc|xã|phường|thị trấn|huyện|với|để|và|của|cùng) )")
# `ấp A, B và ấp C`: names between two mentions of the same village word are villages too
_SAME_WORD_LIST = re.compile(r"(?:, [^\W\d_][^,;:.()\n]{0,40}?)+ (?:và|, ) ?")
_PAREN_LIST = re.compile(r" \((?=[A-ZĐ])")
# `các xã, phường: …`, `bốn tỉnh, thành phố: …`: a list after two level words
_MIXED_LEVELS = re.compile(r"(xã|phường|thị trấn|tỉnh|huyện|quận|thị xã),? (?:và )?$")
_COLON_LIST = re.compile(r"(?:,? (?:bao gồm|gồm có|gồm|là))?: ")
_GOM_LIST = re.compile(r",? (?:bao gồm|gồm có|gồm) (?=[A-ZĐ])")
_NUMERIC = re.compile(r"\d{1,4}(?:[A-Za-z]\d{0,2})?")


@lru_cache(maxsize=1 << 16)
def _kind(w: str) -> str:
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
def _canon(s: str) -> str:
    """Comparison form of a name: NFC, tone-unified, lower case, ` - ` for hyphens."""
    return _canon_key(key_lower(s))


def _canon_key(s: str) -> str:
    """`_canon` of a slice of `doc.key` (already NFC and tone-unified)."""
    s = s.lower()
    if "’" in s:
        s = s.replace("’", "'")
    if "-" in s or "–" in s:
        s = _HYPHEN.sub(" - ", s)
    if "  " in s or "\n" in s or "\t" in s or "\u00a0" in s:
        s = _SPACES.sub(" ", s)
    return s.strip()


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

    def __getitem__(self, name: str):
        return getattr(self, name)


@loader("locations")
def load() -> "Lexicon":
    levels = resources.table("gazetteer/levels.tsv")
    ctx = defaultdict(list)
    for row in resources.table("gazetteer/context.tsv"):
        ctx[row[0]].append(row[1:])
    level_of = {key_lower(r[0]): (r[1], r[2]) for r in levels if r[2] != "descriptor"}
    descriptors = sorted((key_lower(r[0]) for r in levels if r[2] == "descriptor"), key=len, reverse=True)
    descriptor_re = re.compile(r" (?:" + "|".join(re.escape(d) for d in descriptors) + r")(?= )")
    words = sorted(level_of, key=len, reverse=True)
    level_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    g = get_gazetteer()
    index: dict[str, list[Unit]] = defaultdict(list)
    for key, units in g.by_key.items():
        index[_canon(key)].extend(units)
    return Lexicon(**{
        "level_of": level_of,
        "level_re": level_re,
        "descriptor_re": descriptor_re,
        "block": [key_lower(r[0]) for r in ctx["block"]],
        "foreign": [key_lower(r[0]) for r in ctx["foreign"]],
        "village": {key_lower(r[0]) for r in ctx["village"]},
        "notlevel": [key_lower(r[0]) for r in ctx["notlevel"]],
        "stop": {(_canon(r[0]), key_lower(r[1])) for r in ctx["stop"]},
        "nobare": {_canon(r[0]) for r in ctx["nobare"]},
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


TIERS = ("province", "district", "commune")   # the tiers a location's rank counts (0, 1, 2)


class _Analyzer:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.key = doc.key
        self.text = doc.text
        self.lex = load()
        self.g: Gazetteer = self.lex["gaz"]
        pub = doc.article.get("published") if doc.article else None
        day = str(pub)[:10] if pub else None
        self.on = day if day and re.match(r"\d{4}-\d\d-\d\d$", day) else _guess_date(self.key)
        self.on_guessed = self.on == DEFAULT_DATE and not day  # no date and no year in the text
        self.toks = [_Tok(m.start(), m.end(), m.group(), _kind(m.group())) for m in _WORD.finditer(self.key)]
        self.tok_at = {t.start: i for i, t in enumerate(self.toks)}
        self.tok_end = {t.end: i for i, t in enumerate(self.toks)}
        self.mentions: list[_Mention] = []
        self.covered = bytearray(len(self.key))  # 1 where a mention already is

    # ---- helpers -----------------------------------------------------------------
    def sep(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.key[self.toks[i].end:self.toks[i + 1].start] if i + 1 < len(self.toks) else ""

    def next_item(self, j: int, seps=(", ", " , ", "; ")) -> int | None:
        """The first token of the next list item after token j: after a comma (or one of
        `seps`) or after `và`/`hoặc` (a token of its own), else None."""
        if j + 1 >= len(self.toks):
            return None
        sep = self.sep(j)
        if sep in seps:
            return j + 1
        if sep in (" ", ", ") and self.toks[j + 1].text in ("và", "hoặc") and j + 2 < len(self.toks) \
                and self.sep(j + 1) == " ":
            return j + 2
        return None

    def gaz_match(self, i: int, allow_number_tail: bool = True) -> tuple[int, list[Unit]] | None:
        """Longest gazetteer name starting at token i: (last token index, units)."""
        toks, best = self.toks, None
        if i >= len(toks) or toks[i].kind not in "TU":
            return None
        j = i
        while j < len(toks) and j - i < self.lex["max_words"]:
            t = toks[j]
            if j > i:
                if not _NAME_SEP.match(self.sep(j - 1)):
                    break
                if t.kind == "D" or (t.kind == "U" and _NUMBER.match(t.text)):
                    if not allow_number_tail:
                        break
                elif t.kind == "U" and toks[i].kind == "U" and self.sep(j - 1) != " ":
                    pass  # `BR-VT`: an acronym of acronyms
                elif t.kind != "T":
                    break
            units = self.lex["index"].get(_canon_key(self.key[toks[i].start:t.end]))
            if units:
                best = (j, units)
            if t.kind == "D" or (t.kind == "U" and j > i):
                break  # a number or an acronym ends a name (`TT-Huế`, `BR-VT` start with one)
            j += 1
        if best and toks[i].kind == "U" and not all(u.parent_id is None for u in best[1]):
            return None
        return best

    def run_end(self, i: int, limit: int = 4) -> int:
        """Last token of a capitalised run from token i, for names the gazetteer lacks."""
        toks, j = self.toks, i
        surnames = self.lex["surname"]
        while j + 1 < len(toks) and j + 1 - i < limit and self.sep(j) == " " and toks[j + 1].kind == "T" \
                and not (key_lower(toks[j + 1].text) in surnames and self._starts_person(j + 1)):
            j += 1
        if j + 1 < len(toks) and self.sep(j) == " " and toks[j + 1].kind == "D" and len(toks[j + 1].text) <= 2:
            nxt = self.key[toks[j + 1].end:toks[j + 1].end + 2]
            if not re.match(r"[\d.,/%]\d|\s?%", nxt) and not self._counts(j + 1):
                j += 1
        return j

    def _counts(self, d: int) -> bool:
        """The number at token d counts the lower-case noun after it (`xã Cư Mlan 7 căn`,
        `thôn Đông 5 hộ`), so it ends no name; a level word or a connective after it does
        not count (`Vân Canh 2 và xã Canh Liên`)."""
        toks = self.toks
        if d + 1 >= len(toks) or self.sep(d) != " " or toks[d + 1].kind != "L":
            return False
        return key_lower(toks[d + 1].text) not in self.lex.name_followers

    def _starts_person(self, k: int) -> bool:
        """A surname at token k followed by another capitalised word starts a person's name
        (`ấp An Thạnh Nguyễn Văn A`); a surname that ends the run does not (`thôn Tràng Bạch`)."""
        toks = self.toks
        if not (k + 1 < len(toks) and self.sep(k) == " " and toks[k + 1].kind == "T"):
            return False
        # a one-letter word that ends the run is a suffix (`ấp Suối Cao A`), no given name
        return len(toks[k + 1].text) > 1 or (k + 2 < len(toks) and self.sep(k + 1) == " "
                                             and toks[k + 2].kind == "T")

    def village_end(self, i: int) -> int:
        """Last token of a village's name from token i: up to four capitalised words, and a
        second part after a dash (`làng Đak Ya - Kliết`, `làng Jro Ktu Đak Yang`)."""
        j = self.run_end(i, limit=4)
        toks = self.toks
        if j + 1 < len(toks) and self.sep(j) in (" - ", " – ", "-", "–") and toks[j + 1].kind == "T" \
                and self.key[toks[j + 1].start:toks[j + 1].start + 1].isupper():
            j = self.run_end(j + 1, limit=2)
        return j

    def overlaps(self, s: int, e: int) -> bool:
        return 1 in self.covered[s:e]

    def add(self, m: _Mention) -> _Mention:
        self.mentions.append(m)
        self.covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        self._sorted = None
        return m

    def before(self, pos: int, n: int = 30) -> str:
        return self.key[max(0, pos - n):pos].lower()

    def preceded_by(self, pos: int, phrases) -> bool:
        """True when one of `phrases` ends one space before `pos`."""
        left = self.before(pos)
        if not left.endswith(" "):
            return False
        left = left[:-1]
        for p in phrases:
            if left.endswith(p) and (len(left) == len(p) or not left[-len(p) - 1].isalnum()):
                return True
        return False

    def after_facility(self, pos: int) -> bool:
        """A facility word (`context.tsv` foreign) before `pos`, right before it or followed by
        up to three lower-case words: `Trường THPT Hòa Bình`, `Trung tâm thể thao Phú Thọ`,
        `Sân vận động Long An`."""
        foreign = self.lex["foreign"]
        if self.preceded_by(pos, foreign):
            return True
        i = self.tok_at.get(pos)
        if i is None:
            return False
        for k in range(1, 4):
            j = i - k
            if j < 0 or self.toks[j].kind != "L" or self.sep(j) != " ":
                return False
            if self.preceded_by(self.toks[j].start, foreign):
                return True
        return False

    def at_sentence_start(self, pos: int) -> bool:
        """Only white space, or sentence/clause punctuation, before `pos`."""
        left = self.key[max(0, pos - 8):pos].rstrip()
        if not left:
            return True
        return left[-1] in _SENT_PUNCT

    def valid(self, units: list[Unit]) -> list[Unit]:
        v = [u for u in units if u.valid_on(self.on)]
        return v or units

    # ---- pass 1: level words -------------------------------------------------------
    def find_anchored(self) -> None:
        """Pass 1: each level word in the text runs ANCHOR_RULES in order; the first rule
        that decides ends it (`add` when it added mentions, else `drop`)."""
        lex = self.lex
        for m in lex["level_re"].finditer(self.key):
            word = m.group(1)
            level, kind = lex["level_of"].get(key_lower(word), ("", ""))
            w = LevelWord(m.start(), m.end(), word, level, kind)
            before = len(self.mentions)
            decided = verdict(ANCHOR_RULES, self, w)
            if decided is not None and self.doc.explanations is not None:
                added = self.mentions[before:]
                end = max((x.end for x in added), default=w.end)
                self.doc.trace("locations", decided[0], "add" if added else "drop", w.start, end, decided[1])

    def _miscased(self, i: int) -> tuple[int, list[Unit]] | None:
        """A name the gazetteer knows, written with a lower-case syllable after a capitalised
        one (`xã Ia lốp`, `huyện Châu thành`): two or three words followed by a separator."""
        toks = self.toks
        for j in (i + 2, i + 1):
            if j >= len(toks) or any(self.sep(k) != " " or toks[k + 1].kind not in "TL" for k in range(i, j)):
                continue
            if not re.match(r"\s*(?:[,.;:)(]|$| và | \d)", self.key[toks[j].end:toks[j].end + 5]):
                continue
            units = self.lex["index"].get(_canon_key(self.key[toks[i].start:toks[j].end]))
            if units:
                return j, units
        return None

    @staticmethod
    def _ranked(hit, level: str):
        """Keep the gazetteer units whose tier fits the level word (`Huyện ủy Phan ...` is
        no district called Phan)."""
        if not hit:
            return None
        ranks = load().ranks.get(level, (0, 1, 2))
        units = [u for u in hit[1] if _rank(u) in ranks]
        return (hit[0], units) if units else None

    def _colon_list(self, pos: int, level: str, mixed: str | None = None) -> None:
        """`3 đơn vị cấp xã, bao gồm: Vân Canh 1, Vân Canh 2 và xã Canh Liên`, `gồm các
        phường: A, B`: capitalised names after the colon, up to the first that is none.
        Names the gazetteer lacks need two words (a number may end them)."""
        ranks = set(self.lex.ranks.get(level, ()))
        i = self.tok_at.get(pos)
        word = {"phường": "Phường", "quận": "Quận"}.get(level, level if level in VILLAGE_LEVELS else None)
        while i is not None and i < len(self.toks) and self.toks[i].kind == "D" and word \
                and len(self.toks[i].text) <= 2 and self._numbered_ok(i):
            t = self.toks[i]  # `nhập 3 phường: 1, 9 và Trường An`: numbered units first
            from .figures import find_figures  # `2 phường: 5 phường mới` counts
            if any(f.span[0] <= t.start - pos < f.span[1] and f.span[1] > t.end - pos
                   for f in find_figures(self.text[pos:t.start + 40])):
                return
            name = f"{word} {t.text}"
            if not self.overlaps(t.start, t.end):
                self.add(_Mention(t.start, t.end, name, level, "list", cands=self.g.candidates(name)))
            i = self.next_item(i, (", ", "; "))
        while i is not None and i < len(self.toks) and self.toks[i].kind == "T":
            hit = self.gaz_match(i)
            j = self.run_end(i, limit=3)
            if hit and hit[0] >= j:
                units = [u for u in self.valid(hit[1]) if _rank(u) in ranks] if ranks else []
                if ranks and not units:
                    units = [u for u in hit[1] if _rank(u) in ranks]  # that tier at another date
                if ranks and not units and hit[0] == i:
                    # one word known at another tier only: no item, but the list goes on
                    i = self.next_item(hit[0], (", ", "; "))
                    if i is None:
                        return
                    continue
                # (two words known at another tier only, a gap of the gazetteer: `Phú Quý` among
                # island districts, count like names it lacks, with the level written)
                j = hit[0]
            else:
                units = []
                if j == i or key_lower(self.toks[i].text) in self.lex["surname"]:
                    return
            s, e = self.toks[i].start, self.toks[j].end
            own = level
            if mixed:  # the tier both level words share (`tỉnh, thành phố`: provinces)
                tier = set(self.lex.ranks.get(mixed, ())) & set(self.lex.ranks.get(level, ()))
                dated = {u.level for u in self.valid(units) if not tier or _rank(u) in tier}
                own = dated.pop() if len(dated) == 1 else level
            if not self.overlaps(s, e):
                self.add(_Mention(s, e, self.text[s:e], own, "list", cands=units))
            i = self.next_item(j, (", ", "; "))
            if i is not None and self.toks[i].kind == "L":
                i = self._after_container(i)  # `12 xã: A và B, huyện X; C, huyện Y`
            if i is None:
                return

    _RURAL_AFTER = re.compile(r"(?i),? (?:ấp|thôn|xóm|bản|buôn|làng|sóc|khóm)(?!\w)")
    _URBAN = re.compile(r"(?i)(?<!\w)(?:phường|thị trấn|khu phố|tổ dân phố)(?!\w)")

    def _urban_village(self, start: int, i: int, level: str, word: str) -> str:
        """`tổ 15` is a tổ dân phố where the article names a phường or thị trấn (`thân nhân
        liệt sỹ tổ 15` in phường Sông Cầu); not with a capital (`Tổ 1` of a working group),
        not a count (`mỗi tổ 3 đồng chí`), not inside a rural village (`tổ 5, ấp Hòn Tre`)."""
        tok = self.toks[i]
        if not word.islower() or tok.kind != "D" or len(tok.text) > 3 or not self._numbered_ok(i) \
                or self._counts(i) or self._RURAL_AFTER.match(self.key, tok.end):
            return "no number of a tổ dân phố (a capital, a count, or inside a rural village)"
        if getattr(self, "_urban", None) is None:
            self._urban = self._URBAN.search(self.key) is not None
        if not self._urban:
            return "the article names no phường or thị trấn"
        self.add(_Mention(start, tok.end, self.text[start:tok.end], level, "village"))
        self._numbered_list(i, level, word, start)  # `các tổ 1, 3, 27`
        return "a tổ dân phố by its number"

    def _abbr_village(self, start: int, i: int, level: str, word: str, kind: str) -> str:
        """An abbreviated village word with its number is a village (`KP 3`, `TDP I và II`),
        unless the number counts a noun (`KP 3 tấn`) or a company or road word comes first."""
        tok = self.toks[i]
        if kind != "abbr" or not self._numbered_ok(i) or len(tok.text) > 4 or self._counts(i) \
                or self.preceded_by(start, self.lex["block"] + self.lex["foreign"]):
            return "no village number (a count, a figure, or a company's name)"
        self.add(_Mention(start, tok.end, self.text[start:tok.end], level, "village"))
        self._numbered_list(i, level, word, start)
        return "an abbreviated village word and its number"

    def _after_container(self, i: int) -> int | None:
        """In a list grouped by container (`12 xã: Hợp Thành, Minh Thanh, huyện Sơn Dương;
        Tứ Quận, Thắng Quân, huyện Yên Sơn`), the first item after the container at token i:
        the container is a higher level word and its name (found by the level-word pass),
        and a semicolon follows it. None when token i starts no container."""
        lm = self.lex["level_re"].match(self.key, self.toks[i].start)
        entry = self.lex["level_of"].get(key_lower(lm.group(1))) if lm else None
        if entry is None or entry[1] != "word" or entry[0] not in self.lex.containers:
            return None
        k = self.tok_at.get(lm.end() + 1)
        hit = self._ranked(self.gaz_match(k), entry[0]) if k is not None else None
        if not hit:
            return None
        end = self.toks[hit[0]].end
        nxt = re.match(r", (?:tỉnh|thành phố|TP\.?) [^;,.]{2,25}?(?=;)", self.key[end:end + 40])
        if nxt:
            end += nxt.end()
        if self.key[end:end + 2] != "; ":
            return None
        return self.tok_at.get(end + 2)

    def _numbered_list(self, i: int, level: str, word: str, lo: int) -> None:
        """More numbers after a numbered unit, each a unit of that level: `Quận 5, 6, 7`,
        `khu phố 1, 2 và 3` (named with the level word: `Quận 6`, the number in `aliases`)."""
        toks = self.toks
        while True:
            j = self.next_item(i, (", ",))
            if j is None or not (toks[j].kind == "D" or (toks[j].kind == "U" and _NUMBER.match(toks[j].text))):
                return
            t = toks[j]
            if len(t.text) > 3 or not self._numbered_ok(j) or self.overlaps(t.start, t.end):
                return
            from .figures import find_figures  # `Phường 4, 5 hộ dân`: a count, no unit
            if any(f.span[0] <= t.start - lo < f.span[1] for f in find_figures(self.text[lo:t.start + 40])):
                return
            name = f"{word} {t.text}"
            self.add(_Mention(t.start, t.end, name, level, "list", cands=self.g.candidates(name)))
            i = j

    def _village_list(self, j: int, level: str) -> None:
        """More village names after a plural village word: `các ấp A, B và C`."""
        toks, surnames = self.toks, self.lex["surname"]
        while j + 1 < len(toks) and self.sep(j) in (", ", " , ", " "):
            i = j + 1
            if self.sep(j) == " ":  # `A và B`
                if toks[i].text != "và" or i + 1 >= len(toks) or self.sep(i) != " ":
                    return
                i += 1
            t = toks[i]
            if t.kind != "T" or key_lower(t.text) in surnames or key_lower(t.text) in self.lex["level_of"]:
                return
            j = self.village_end(i)
            s, e = t.start, toks[j].end
            if self.overlaps(s, e):
                return
            self.add(_Mention(s, e, self.text[s:e], level, "village"))

    def _not_level(self, end: int) -> bool:
        left = self.key[max(0, end - 24):end].lower()
        for p in self.lex["notlevel"]:
            if left.endswith(p):
                s = end - len(p)
                if s == 0 or not self.key[s - 1].isalnum():
                    return True
        return False

    _ADDR_AFTER = re.compile(r"\s*[,(]\s*(?:Q\.|P\.|[Qq]uận|TP|Tp|[Tt]hành phố|H\.|[Hh]uyện|TX|[Tt]ỉnh)")
    _ADDR_BEFORE = re.compile(r"(?:P\.|[Pp]hường|Q\.|[Qq]uận)\s?\w+(?: \w+){0,3},\s*$")

    def _in_address(self, start: int, end: int) -> bool:
        """`P.4, Q.5, TP.HCM`: an abbreviated numbered unit is one inside an address, next to
        another unit (`Lô P.4`, `nhóm Q.3` are no units)."""
        return bool(self._ADDR_AFTER.match(self.key, end) or
                    self._ADDR_BEFORE.search(self.key[max(0, start - 40):start]))

    def _numbered_ok(self, i: int) -> bool:
        t = self.toks[i]
        nxt = self.key[t.end:t.end + 2]
        return not re.match(r"[\d/%]|[.,]\d|\s?%", nxt)

    def _anchored(self, i: int, hit, level: str, kind: str) -> _Mention:
        j, units = hit
        s, e = self.toks[i].start, self.toks[j].end
        return self.add(_Mention(s, e, self.text[s:e], level, kind, cands=list(units)))

    def _continue_list(self, j: int, head: _Mention, plural: bool = False) -> None:
        """`các xã Canh Hiệp, Canh Thuận`, `phường Trường Thi, Hưng Dũng`: more names of
        the same level, known to the gazetteer at that level. After a plural level word
        (`các xã A, B và C`), an item the gazetteer lacks (a commune dissolved before its
        snapshots, a spelling it does not know) is a unit of that level too when it is a
        capitalised run of two or three words that ends at the next list separator."""
        toks = self.toks
        while j + 1 < len(toks):
            nxt = self.next_item(j)
            if nxt is None:
                break
            hit = self.gaz_match(nxt)
            if not hit:
                if plural and self._unknown_item(nxt):
                    e = self.run_end(nxt, limit=3)
                    s0, e0 = toks[nxt].start, toks[e].end
                    self.add(_Mention(s0, e0, self.text[s0:e0], head.level, "list"))
                    j = e
                    continue
                break
            # `xã Nậm Xé, Lào Cai`: a name of a unit containing the head is its container, no list item
            ancestors = {a.base_id for u in head.cands for a in u.chain}
            if any(u.base_id in ancestors for u in hit[1]):
                break
            ranks = {_rank(u) for u in self.valid(head.cands)} or set(self.lex.ranks.get(head.level, ()))
            cand = [u for u in hit[1] if _rank(u) in ranks]
            # the level word written applies to the whole list (`3 phường An Phú, An Nghiệp, An Cư`,
            # wards merged on the article's date): its level first, in the head's province
            pref = [u for u in cand if u.level == head.level]
            provs = {u.province.base_id for u in self.valid(head.cands) if u.province}
            pref = [u for u in pref if u.province and u.province.base_id in provs] or pref
            same = self.valid(pref or cand)
            if not same:
                break
            level = head.level if any(u.level == head.level for u in same) else same[0].level
            same = [u for u in same if u.level == level]
            self._anchored(nxt, (hit[0], same), level, "list")
            j = hit[0]

    _ITEM_END = re.compile(r"(?:,| và | hoặc |[.;:)(]| \(|\s*$| (?:thuộc|của|ở|tại|trên|đã|được|cùng)(?!\w))")

    def _unknown_item(self, i: int) -> bool:
        """A list item the gazetteer lacks: two or three capitalised words, no person's name
        (a surname first), no level word, ending at a list separator (`, `, ` và `, `.`,
        `(`) or a connective (`thuộc`, `của`)."""
        toks = self.toks
        t = toks[i]
        if t.kind != "T" or key_lower(t.text) in self.lex["surname"] or key_lower(t.text) in self.lex["level_of"]:
            return False
        e = self.run_end(i, limit=3)
        if e == i or toks[e].kind != "T":
            return False
        if any(key_lower(toks[k].text) in self.lex["level_of"] for k in range(i, e + 1)):
            return False
        if self.preceded_by(t.start, self.lex["block"] + self.lex["foreign"]):
            return False
        return bool(self._ITEM_END.match(self.key, toks[e].end))

    # ---- pass 2: bare names ---------------------------------------------------------
    def find_bare(self) -> list[_Mention]:
        """Pass 2: each capitalised run that starts with a name the gazetteer knows is a
        candidate; CANDIDATE_RULES drop some (roads, bylines, names inside other names)."""
        out, toks = [], self.toks
        last_end, last_top = -1, False
        for i, t in enumerate(toks):
            if t.kind not in "TU":  # `TPHCM`: an acronym only when it names a province
                continue
            if t.start < last_end:
                continue  # inside the name just found (`Huế` of `TT-Huế`)
            # a name starts a capitalised run (or follows an acronym: `THPT Thuận Thành`)
            dashed = i > 0 and self.sep(i - 1) in (" - ", " – ") and (
                self.covered[toks[i - 1].start] or (last_top and last_end == toks[i - 1].end))
            if i > 0 and toks[i - 1].kind == "T" and _NAME_SEP.match(self.sep(i - 1)) and not (
                    key_lower(toks[i - 1].text) in self.lex["lead"] and self.at_sentence_start(toks[i - 1].start)) \
                    and not dashed:
                continue  # (but `tỉnh Phú Thọ - Vĩnh Phúc - Hòa Bình`: a unit or a province, a dash, a name)
            hit = self.gaz_match(i)
            if not hit:
                continue
            j, units = hit
            c = Candidate(i, j, t.start, toks[j].end, units, dashed)
            dropped = verdict(CANDIDATE_RULES, self, c)
            if dropped is not None:
                self.doc.trace("locations", dropped[0], "drop", c.start, c.end, dropped[1])
                continue
            out.append(_Mention(c.start, c.end, self.text[c.start:c.end], "", "bare", cands=list(units)))
            last_end, last_top = c.end, any(u.parent_id is None for u in units)
        return out

    def _byline(self, s: int, e: int) -> bool:
        """A name alone on one of the article's last lines is its byline (`Hà Nam`), not a unit."""
        key = self.key
        ls = key.rfind("\n", 0, s) + 1
        le = key.find("\n", e)
        le = len(key) if le < 0 else le
        if key[ls:s].strip() or key[e:le].strip(" .\t"):
            return False
        after = len([ln for ln in key[le:].split("\n") if ln.strip()])
        before = len([ln for ln in key[:ls].split("\n") if ln.strip()])
        return after <= 2 and before >= 2

    # the periods the gazetteer tells apart: before the 2020 mergers and upgrades, up to
    # the 2023-2025 mergers, the last pre-reform months, after the reform of 1 July 2025
    ERAS = ("2017-12-31", "2022-12-31", DEFAULT_DATE, "2026-06-30")

    def date_from_units(self) -> None:
        """An article with no date and no year: the period in which most of the units it
        names with a level word had that level (`huyện Hoài Nhơn` was a district until
        2020, `Quận 9` until 2021). The default date stays unless another period fits more."""
        def fits(on: str) -> int:
            n = 0
            for m in self.mentions:
                if m.cands and m.level in self.lex.ranks and \
                        any(self._level_ok(u, m.level) and u.valid_on(on) for u in m.cands):
                    n += 1
            return n
        scores = {on: fits(on) for on in self.ERAS}
        best = max(self.ERAS, key=lambda on: (scores[on], on == DEFAULT_DATE))
        if scores[best] > scores[DEFAULT_DATE]:
            self.on = best

    # ---- resolution --------------------------------------------------------------------
    def province_votes(self, bare: list[_Mention]) -> dict[str, float]:
        votes: dict[str, float] = defaultdict(float)
        for m in self.mentions:
            if not m.cands:
                continue
            cands = [u for u in self.valid(m.cands) if self._level_ok(u, m.level)] or self.valid(m.cands)
            provs = {u.province.base_id for u in cands}
            for p in provs:
                votes[p] += 1.0 / len(provs)
        for m in bare:
            tops = [u for u in self.valid(m.cands) if u.parent_id is None]
            if tops and _canon(m.name) not in self.lex["nobare"] and not self.after_facility(m.start):
                votes[tops[0].base_id] += 1.0
        # the title, and the outlet (`Báo Bình Định`), name the article's province too
        article = self.doc.article or {}
        for field_ in ("title", "source"):
            value = article.get(field_)
            if isinstance(value, str) and value:
                for unit in {u.base_id: u for u in self._title_provinces(value[:300])}.values():
                    votes[unit.base_id] += 1.0
        source = article.get("source")
        if isinstance(source, str) and source:
            for p in self._outlet_district_provinces(source[:300]):
                votes[p] += 1.0
        return votes

    _OUTLET_UNIT = re.compile(r"(?i)(?<!\w)(huyện|quận|thị xã|thành phố|tp\.?|tx\.?) ([A-ZĐ]\w*(?: [A-ZĐ]\w*){0,3})")

    def _outlet_district_provinces(self, source: str) -> set[str]:
        """The province of a district the outlet names with its level word (`Cổng TTĐT huyện
        Đô Lương`: Nghệ An), when the name is a district of one province only."""
        out = set()
        for m in self._OUTLET_UNIT.finditer(source):
            units = [u for u in self.lex["index"].get(_canon(m.group(2)), []) if _rank(u) == 1]
            provs = {u.province.base_id for u in units}
            if len(provs) == 1:
                out |= provs
        return out

    def _title_provinces(self, title: str):
        key = title
        toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(key)]
        out = []
        for a in range(len(toks)):
            for b in range(min(len(toks), a + 5) - 1, a - 1, -1):
                if not all(_kind(toks[x][2]) == "T" for x in range(a, b + 1)):
                    continue
                units = self.lex["index"].get(_canon(key[toks[a][0]:toks[b][1]]))
                if units:
                    tops = [u for u in self.valid(units) if u.parent_id is None]
                    if tops and _canon(key[toks[a][0]:toks[b][1]]) not in self.lex["nobare"] \
                            and not self.lex["facility_before"].search(key_lower(key[max(0, toks[a][0] - 60):toks[a][0]])):
                        out.append(tops[0])  # (not `Trường Đại học Cần Thơ`: a facility's name)
                    break
        return out

    @staticmethod
    def _level_ok(u: Unit, level: str) -> bool:
        if level == "thành phố":
            return u.level == "thành phố"
        return u.level == level

    def resolve(self) -> None:
        bare = self.find_bare()
        votes = self.province_votes(bare)
        context = {p for p, v in votes.items() if v >= 0.99}
        if not context and votes:
            best = max(votes.values())
            context = {p for p, v in votes.items() if v == best}
        self.context_prov = context
        # the article's home province(s): one or two, or one clearly ahead of the others
        ranked = sorted(((v, p) for p, v in votes.items() if p in context), reverse=True)
        if len(ranked) <= 2:
            self.home_prov = {p for _, p in ranked}
        elif ranked[0][0] >= ranked[1][0] + 1:
            self.home_prov = {ranked[0][1]}
        else:
            self.home_prov = set()

        # parenthesised or comma-appended container: `xã An Khánh (Châu Thành)`
        by_start = {m.start: m for m in bare}
        for m in list(self.mentions):
            if not m.cands:
                continue
            k = m.end
            tail = self.key[k:k + 2]
            if tail not in (" (", ", ") and self.key[k:k + 1] != "(":
                continue
            s = k + (1 if self.key[k:k + 1] == "(" else 2)
            b = by_start.get(s)
            if not b:
                continue
            parents = {}
            for u in m.cands:
                for a in u.chain:
                    parents[a.base_id] = a
            ups = [u for u in b.cands if u.base_id in parents]
            if ups and tail != ", " or (ups and tail == ", " and all(u.parent_id is None for u in ups)):
                b.cands = ups
                b.kind = "paren"
                m.cands = [u for u in m.cands if any(a.base_id in {x.base_id for x in ups} for a in u.chain)]
                for u in ups:
                    self.context_prov.add(u.province.base_id)

        # resolve anchored mentions
        for m in self.mentions:
            if m.cands:
                m.unit = self.pick(m.cands, m.level, m.end)
        districts = set()
        for m in self.mentions:
            if m.unit is not None:
                if _rank(m.unit) == 1:
                    districts.add(m.unit.base_id)
                elif _rank(m.unit) == 2 and m.unit.parent_id and _rank(self.g.get(m.unit.parent_id)) == 1:
                    districts.add(self.g.get(m.unit.parent_id).base_id)
        # bare names
        self._named: dict[str, tuple[Unit, str]] = {}
        for m in self.mentions:  # the highest-level unit of each name (`Vân Canh`: the huyện)
            if m.unit is not None and m.kind != "bare":
                k = _canon(m.name)
                if k not in self._named or _rank(m.unit) < _rank(self._named[k][0]):
                    self._named[k] = (m.unit, m.level)
        accepted = []
        for b in sorted(bare, key=lambda x: x.start):
            u = self.accept_bare(b, districts)
            if u is None:
                continue
            b.unit = u
            named = self._named.get(_canon(b.name))
            # the level the text gave the unit elsewhere (`Huyện ủy Phú Quốc`), else its level then
            b.level = named[1] if named is not None and named[0] is u else u.level
            accepted.append(b)
            if _rank(u) == 1:
                districts.add(u.base_id)
        for b in accepted:
            self.add(b)

    def pick(self, cands: list[Unit], level: str, at: int | None = None) -> Unit | None:
        after = self._next_names(at) if at is not None else set()

        def score(u: Unit):
            s = 0.0
            if self._level_ok(u, level):
                s += 4
            if u.valid_on(self.on):
                s += 2
            if u.province.base_id in self.context_prov:
                s += 3
            names = self._mentioned_names
            if any(_canon(a.name) in names for a in u.chain):
                s += 2
            if after and any(_canon(a.name) in after for a in u.chain):
                s += 6  # `xã Tân Hương, huyện Yên Bình`, `xã An Khánh (Châu Thành)`
            return s
        if not hasattr(self, "_mentioned_names"):
            self._mentioned_names = {_canon(m.name) for m in self.mentions}
        if not cands:
            return None
        best = max(cands, key=score)
        if self.context_prov and best.province.base_id not in self.context_prov \
                and not any(_canon(a.name) in self._mentioned_names for a in best.chain):
            return None  # the name is known only outside the article's provinces
        return best

    def _next_names(self, pos: int) -> set[str]:
        """Names of the units written right after `pos`: `, huyện Y, tỉnh Z` or ` (Y)`."""
        out = set()
        if getattr(self, "_sorted", None) is None:
            self._sorted = sorted(self.mentions, key=lambda x: x.start)
            self._starts = [m.start for m in self._sorted]
        for m in self._sorted[bisect.bisect_left(self._starts, pos):]:
            gap = self.key[pos:m.start]
            if len(gap) > 40 or not re.fullmatch(r"[\s,(–-]*(?:(?:\w+\.? ?){0,3})", gap):
                break
            out.add(_canon(m.name))
            pos = m.end
        return out

    _LIST_NEXT = re.compile(r"(?:, | và )([A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*){0,3})(?=, | và |[;.)\n]|$)")
    _LIST_PREV = re.compile(r"([A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*){0,3})(?:, | và | - | – )$")

    def _among_provinces(self, b: _Mention) -> bool:
        """A name next to another province name in a list (`Hòa Bình, Hà Giang`), each
        separated by a comma or `và`."""
        def province(name: str) -> bool:
            name = name.strip()
            return _canon(name) not in self.lex["nobare"] and \
                any(u.parent_id is None for u in self.g.candidates(name))
        nx = self._LIST_NEXT.match(self.key, b.end)
        if nx and province(nx.group(1)) and \
                re.search(r"(?:[:,(;]|\bgồm|\bvà)\s*$", self.key[max(0, b.start - 8):b.start]):
            return True  # the list's first item (not `Bảo tàng Hồ Chí Minh, Hà Nội`)
        pv = self._LIST_PREV.search(self.key, max(0, b.start - 40), b.start)
        return bool(pv and province(pv.group(1)))

    def accept_bare(self, b: _Mention, districts: set[str]) -> Unit | None:
        """Pass 3: a bare name runs BARE_RULES in order; the first that answers accepts it
        (a unit, `keep`) or rejects it (a reason, `drop`)."""
        c = BareName(self, b, districts)
        for rule in BARE_RULES:
            answer = rule(self, c)
            if answer is None:
                continue
            if isinstance(answer, str):
                self.doc.trace("locations", rule_name(rule), "drop", b.start, b.end, answer)
                return None
            self.doc.trace("locations", rule_name(rule), "keep", b.start, b.end, f"{answer.level} {answer.name}")
            return answer
        return None

    def _run_ends(self, b: _Mention) -> bool:
        """No capitalised word follows the name (a number may: `Trường THPT Thuận Thành số 1`)."""
        j = self.tok_end.get(b.end)
        return j is None or not (j + 1 < len(self.toks) and self.toks[j + 1].kind in "TU"
                                 and _NAME_SEP.match(self.sep(j)))

    def _whole_run(self, b: _Mention) -> bool:
        i = self.tok_at.get(b.start)
        j = self.tok_end.get(b.end)
        if i is None or j is None:
            return False
        if i > 0 and self.toks[i - 1].kind in "TU" and _NAME_SEP.match(self.sep(i - 1)) and not (
                key_lower(self.toks[i - 1].text) in self.lex["lead"] and self.at_sentence_start(self.toks[i - 1].start)):
            return False
        return not (j + 1 < len(self.toks) and self.toks[j + 1].kind in "TUD" and _NAME_SEP.match(self.sep(j)))

    # ---- output ------------------------------------------------------------------------
    def locations(self) -> list[Location]:
        # one record per unit: mentions with the same name and level, and mentions that
        # resolve to the same unit under other spellings (`TP.HCM` and `Thành phố Hồ Chí Minh`)
        groups: dict[tuple[str, str], list[_Mention]] = {}
        for m in sorted(self.mentions, key=lambda x: x.start):
            if m.level:
                groups.setdefault((_canon(m.name), m.level), []).append(m)
        by_unit: dict[tuple[str, str], tuple[str, str]] = {}
        for gk in list(groups):
            unit = next((m.unit for m in groups[gk] if m.unit is not None), None)
            if unit is None:
                continue
            uk = (unit.id, gk[1])
            if uk in by_unit:
                groups[by_unit[uk]].extend(groups.pop(gk))
                groups[by_unit[uk]].sort(key=lambda x: x.start)
            else:
                by_unit[uk] = gk
        communes = sorted((m for m in self.mentions if m.level in COMMUNE_LEVELS), key=lambda x: x.start)
        out = []
        for (_, level), ms in groups.items():
            first = ms[0]
            unit = next((m.unit for m in ms if m.unit is not None), None)
            if unit is not None:  # the unit's own name where the text writes it so
                first = next((m for m in ms if _canon(m.name) == _canon(unit.name)), first)
            name = first.name
            if unit is not None and _canon(name) != _canon(unit.name) and \
                    all(re.match(r"[A-ZĐ]{2}|[QP]\.", m.name) for m in ms):
                name = unit.name  # only an abbreviation is written (`TP.HCM`, `TT-Huế`): the unit's name
            loc = Location(name=name, level=level, mentions=[[m.start, m.end] for m in ms])
            others = sorted({self.text[m.start:m.end] for m in ms
                             if _canon(self.text[m.start:m.end]) != _canon(name)})
            if others:
                loc.extra["aliases"] = others
            if unit is not None:
                par = unit.parent
                if par is not None:
                    loc.parent = self._name_on(par)
                loc.extra["province"] = self._name_on(unit.province)
                loc.extra["gazetteer_id"] = unit.id
                cur = unit.current
                if cur is not None and unit.merged:
                    loc.extra["current"] = f"{cur.level} {cur.name}"
            elif level in VILLAGE_LEVELS:
                first = ms[0]
                after = [c for c in communes if c.start >= first.end and
                         re.fullmatch(r"(?i)[\s,(–-]*(?:(?:xã|phường|thị trấn|đặc khu)\s*)?",
                                      self.key[first.end:c.start] or " ")
                         and c.start - first.end < 20]
                near = after[:1] or [c for c in communes if c.start < first.start]
                if near:
                    loc.parent = near[-1].name
                    if near[-1].unit is not None:
                        loc.extra["province"] = self._name_on(near[-1].unit.province)
            out.append(loc)
        return out

    def _name_on(self, u: Unit) -> str:
        """The name of unit `u` (any version of it) at the article's date."""
        if u.valid_on(self.on):
            return u.name
        for suffix in ("", "~", "^"):
            alt = self.g.units.get(u.base_id + suffix)
            if alt is not None and alt.valid_on(self.on):
                return alt.name
        return u.name


# ==========================================================================================
# The grammar: three stages of named rules, each an ordered tuple.
#
# ANCHOR_RULES read what follows a level word (`xã`, `TP.`, `Huyện ủy`, `ấp`): a rule
# returns None (not its case: the next rule runs) or a note, which ends the level word; the
# trace records `add` when the rule added mentions, else `drop`. CANDIDATE_RULES drop
# capitalised runs that start with a known name but name no unit (a reason, or None to keep
# the candidate). BARE_RULES accept a candidate (a Unit, `keep`) or reject it (a reason,
# `drop`), or pass (None). `vnnews.extract(text, explain=True).explain` lists the decisions.
# ==========================================================================================

@dataclass
class LevelWord:
    """A level word in the text and what the anchor rules have read after it."""

    start: int
    end: int            # end of the word (an abbreviation's dot not included)
    word: str           # as written (`TP`, `xã`, `Huyện ủy`)
    level: str          # the level it gives ('' for a look-alike)
    kind: str           # its kind in levels.tsv (word, abbr, abbrdot, village, urban, org)
    name_at: int = -1   # token index of the name's first word (`no_word_after_it` sets it)
    run: int = -1       # last token of the capitalised run from name_at (`_run`)

    @property
    def lower(self) -> bool:
        return self.word == self.word.lower()

    @property
    def cap(self) -> bool:
        return self.word[:1].isupper()


def _numbered(tok: _Tok) -> bool:
    return tok.kind == "D" or (tok.kind == "U" and bool(_NUMBER.match(tok.text)))


def _run(a: "_Analyzer", w: LevelWord) -> int:
    if w.run < 0:
        w.run = a.run_end(w.name_at)
    return w.run


def _plural(a: "_Analyzer", w: LevelWord) -> bool:
    return _PLURAL_BEFORE.search(a.key, max(0, w.start - 12), w.start) is not None


def _found(text: str) -> list[tuple[str, str]]:
    """(name, level) of the units found in `text` (for the examples in the docstrings)."""
    doc = Doc(text)
    annotate(doc)
    return [(loc.name, loc.level) for loc in doc.locations]


def _decided(text: str, rule: str) -> list[str]:
    """`action: text` of the decisions `rule` took in `text` (for the docstrings)."""
    doc = Doc(text, explain=True)
    annotate(doc)
    return [f"{d.action}: {d.text}" for d in doc.explanations or () if d.rule == rule]


# -- ANCHOR_RULES: `(analyzer, level word) -> note (decided) | None (next rule)` --------------

def look_alike_letter(a: "_Analyzer", w: LevelWord) -> str | None:
    """A case-insensitive look-alike of a level word is none (`ſóc` with a long s).

    >>> _decided("Lễ hội ſóc Trăng.", "look_alike_letter")
    ['drop: ſóc']
    """
    return None if w.level else "a look-alike of a level word"


def abbreviation_in_lower_case(a: "_Analyzer", w: LevelWord) -> str | None:
    """An abbreviation counts only in capitals: `TP. Bến Tre`, not `tp` or `tx` in a word.

    >>> _decided("Bán tx Bến Tre.", "abbreviation_in_lower_case")
    ['drop: tx']
    """
    if w.kind in ("abbr", "abbrdot") and not w.cap:
        return "an abbreviation in lower case"
    return None


def abbreviation_without_its_dot(a: "_Analyzer", w: LevelWord) -> str | None:
    """`Q.` and `P.` stand for quận and phường only with their dot: `Q.1`, not `nhóm Q`.

    >>> _decided("Nhóm Q Bình Thạnh.", "abbreviation_without_its_dot")
    ['drop: Q']
    """
    if w.kind == "abbrdot" and a.key[w.end:w.end + 1] != ".":
        return "`Q`/`P` without a dot"
    return None


def part_of_a_compound(a: "_Analyzer", w: LevelWord) -> str | None:
    """A level word inside a compound (`hợp tác xã`, `văn bản`, `nông thôn`) is none.

    >>> _decided("Hợp tác xã Tân Phú bán lúa.", "part_of_a_compound")
    ['drop: xã']
    """
    return "part of a compound (`hợp tác xã`, `văn bản`)" if a._not_level(w.end) else None


def list_after_the_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """A list after a lower-case level word and a colon, `gồm` or a count and a parenthesis
    names units of that level: `3 xã: Nhơn Hải, Nhơn Lý, Nhơn Hội`, `5 xã gồm A, B`,
    `5 phường (Bình Định, Đập Đá)`; after two level words (`các xã, phường:`, `bốn tỉnh,
    thành phố:`) each unit takes its own level at the date.

    >>> _found("Năm 2023, 3 xã: Nhơn Hải, Nhơn Lý, Nhơn Hội thuộc TP Quy Nhơn.")[:3]
    [('Nhơn Hải', 'xã'), ('Nhơn Lý', 'xã'), ('Nhơn Hội', 'xã')]
    """
    if not (w.lower and w.kind in ("word", "village")):
        return None
    key, end = a.key, w.end
    dm = a.lex["descriptor_re"].match(key, end) if w.kind == "word" else None
    cl = _COLON_LIST.match(key, dm.end() if dm else end)  # `11 huyện đảo gồm: A, B`
    if not cl and _plural(a, w):
        cl = _GOM_LIST.match(key, dm.end() if dm else end)  # `5 xã gồm Vĩnh Hòa, ...`
    if not cl and re.search(r"\d[ \u00a0]$", key[max(0, w.start - 3):w.start]):
        cl = _PAREN_LIST.match(key, end)  # `5 phường (Bình Định, Đập Đá, ...)`
    if not cl:
        return None
    mx = _MIXED_LEVELS.search(key, max(0, w.start - 12), w.start)
    a._colon_list(cl.end(), w.level, mixed=mx.group(1) if mx else None)
    return "the list after the level word"


def no_word_after_it(a: "_Analyzer", w: LevelWord) -> str | None:
    """The name starts one space after the word (after a descriptor: `huyện miền núi An
    Lão`), or right after an abbreviation's dot (`TP.HCM`); else there is no name.

    >>> _decided("Về huyện, xã.", "no_word_after_it")
    ['drop: huyện', 'drop: xã']
    """
    end = w.end
    if w.kind in ("abbr", "abbrdot") and a.key[end:end + 1] == ".":
        end += 1
    if w.lower and w.kind == "word":  # `huyện miền núi An Lão`
        dm = a.lex["descriptor_re"].match(a.key, end)
        if dm:
            end = dm.end()
    k = end
    if a.key[k:k + 1] == " ":
        k += 1
    elif not (w.kind in ("abbr", "abbrdot") and k > w.end):
        return "no word right after the level word"
    i = a.tok_at.get(k)
    if i is None:
        return "no word right after the level word"
    w.name_at = i
    return None


def committee_name(a: "_Analyzer", w: LevelWord) -> str | None:
    """A Party or Youth Union committee named after its unit names it: `Tỉnh ủy Tiền Giang`,
    `Huyện ủy Châu Thành`, `Thị đoàn Mường Lay`; capitalised, and with a name the gazetteer
    knows at that tier.

    >>> _found("Bí thư Huyện ủy Châu Thành (Bến Tre) phát biểu.")[0]
    ('Châu Thành', 'huyện')
    >>> _decided("Huyện ủy Phan Song Toàn.", "committee_name")
    ['drop: Huyện ủy']
    """
    if w.kind != "org":
        return None
    if not w.cap:
        return "a committee word in lower case"
    hit = a._ranked(a.gaz_match(w.name_at), w.level)
    if not hit:
        return "no unit of that tier after the committee word"
    a._anchored(w.name_at, hit, w.level, "anchored")
    return "a committee named after its unit"


def urban_village_number(a: "_Analyzer", w: LevelWord) -> str | None:
    """`tổ 15` is a tổ dân phố in an article that names a phường or thị trấn, unless the
    number counts (`mỗi tổ 3 đồng chí`) or the tổ is inside a rural village (`tổ 5, ấp A`).

    >>> _found("Gia đình ông A ở tổ 15, phường Sông Cầu, TP Bắc Kạn.")[0]
    ('tổ 15', 'tổ dân phố')
    """
    if w.kind != "urban":
        return None
    return a._urban_village(w.start, w.name_at, w.level, w.word)


def capital_village_word_in_a_sentence(a: "_Analyzer", w: LevelWord) -> str | None:
    """A capitalised village word inside a sentence starts another name (`Làng Văn hóa`,
    `Bản Lác`), unless a number follows (`Ban điều hành Khu phố 5`).

    >>> _decided("Dự án Làng Văn hóa du lịch.", "capital_village_word_in_a_sentence")
    ['drop: Làng']
    """
    if w.kind != "village":
        return None
    numbered = _numbered(a.toks[w.name_at])
    if not w.lower and not a.at_sentence_start(w.start) and not (numbered and w.level not in ("bản", "làng")):
        return "a capitalised village word inside a sentence"
    return None


def village_word_in_a_compound(a: "_Analyzer", w: LevelWord) -> str | None:
    """A village word after a word that makes it a compound is none: `văn bản`, `căn bản`,
    `vùng biên`, `buôn bán`.

    >>> _decided("Năm 2022, kịch bản Sông Hồng được duyệt.", "village_word_in_a_compound")
    ['drop: bản']
    """
    if w.kind == "village" and a.preceded_by(w.start, a.lex["village"]):
        return "part of a compound (`văn bản`, `căn bản`)"
    return None


def numbered_village(a: "_Analyzer", w: LevelWord) -> str | None:
    """A village word and a number (`ấp 5`, `thôn IV`, `khu phố 1, 2 và 3`) is a village,
    unless the number is part of a figure (`thôn 2,5 ha`).

    >>> _found("Năm 2020, ở khu phố 1, 2 và 3 của phường An Bình.")[:3]
    [('khu phố 1', 'khu phố'), ('khu phố 2', 'khu phố'), ('khu phố 3', 'khu phố')]
    """
    if w.kind != "village":
        return None
    i = w.name_at
    tok = a.toks[i]
    if not _numbered(tok):
        return None
    if not a._numbered_ok(i):
        return "the number is part of a figure"
    a.add(_Mention(w.start, tok.end, a.text[w.start:tok.end], w.level, "village"))
    a._numbered_list(i, w.level, w.word, w.start)  # `khu phố 1, 2 và 3`
    return "a village by its number"


def village_name(a: "_Analyzer", w: LevelWord) -> str | None:
    """A village word and up to four capitalised words is a village (`ấp An Mỹ`, `làng Đak
    Ya - Kliết`); after a plural (`các ấp A, B và C`) or between two mentions of the word
    (`ấp A, B và ấp C`) the list is villages too. Not one capitalised word running on (`bản
    Hiến pháp`), nor a known name the word starts (`Buôn Ma Thuột`).

    >>> _found("Năm 2020, các thôn Phú Thượng, Phú Hạ và Tân Lập bị ngập.")
    [('Phú Thượng', 'thôn'), ('Phú Hạ', 'thôn'), ('Tân Lập', 'thôn')]
    >>> _decided("Theo bản Tuyên ngôn độc lập.", "village_name")
    ['drop: bản']
    """
    if w.kind != "village":
        return None
    key, toks, i = a.key, a.toks, w.name_at
    tok = toks[i]
    if tok.kind != "T":
        return "no capitalised name after the village word"
    if w.cap and a.gaz_match(a.tok_at.get(w.start, -1)):
        return "the word starts a known name (`Buôn Ma Thuột`)"
    j = a.village_end(i)
    if j == i and (len(tok.text) < 2 or not _ONE_WORD_END.match(key, tok.end)):
        return "one capitalised word running on (`bản Hiến pháp`)"
    a.add(_Mention(tok.start, toks[j].end, a.text[tok.start:toks[j].end], w.level, "village"))
    if _plural(a, w):
        a._village_list(j, w.level)  # `các ấp An Thạnh, An Hòa và Phú Thạnh`
    else:
        sm = _SAME_WORD_LIST.match(key, toks[j].end)
        items = sm.group().strip(" ,").removesuffix(" và").split(", ") if sm else []
        heads = a.lex["block"] + a.lex["foreign"]  # `Trường THCS A`, `Công ty B` are no villages
        if sm and key.startswith(w.word.lower() + " ", sm.end()) and all(
                x[:1].isupper() or x.isdigit() for it in items for x in it.split()) and not any(
                (key_lower(it) + " ").startswith(h + " ") for it in items for h in heads):
            a._village_list(j, w.level)  # `ấp Phương Thạnh 1, Phương Thạnh 2 và ấp Kinh Tế`
    return "a village name"


def numbered_ward_or_district(a: "_Analyzer", w: LevelWord) -> str | None:
    """`Phường 4`, `Quận 1`, `quận 5, 6, 7`, and inside an address `P.4, Q.5` are numbered
    wards and urban districts (`Q.1` is named `Quận 1`).

    >>> _found("Năm 2019, tại Phường 4, Quận 5, TP.HCM.")[:2]
    [('Phường 4', 'phường'), ('Quận 5', 'quận')]
    >>> _decided("Năm 2019, lô P.4 còn trống.", "numbered_ward_or_district")
    ['drop: P']
    """
    i = w.name_at
    tok = a.toks[i]
    if not _numbered(tok) or w.level not in ("phường", "quận"):
        return None
    if not (a._numbered_ok(i) and len(tok.text) <= 2 and (
            w.kind == "word" or (w.kind == "abbrdot" and tok.kind == "D" and a._in_address(w.start, tok.end)))):
        return "a number that names no ward or district here"
    full = f"{'Quận' if w.level == 'quận' else 'Phường'} {tok.text}"  # `Q.1` is `Quận 1`
    a.add(_Mention(w.start, tok.end, a.text[w.start:tok.end], w.level, "anchored", cands=a.g.candidates(full)))
    if w.kind == "word":
        a._numbered_list(i, w.level, full.split()[0], w.start)  # `Quận 5, 6, 7`
    return "a numbered ward or district"


def abbreviated_village_number(a: "_Analyzer", w: LevelWord) -> str | None:
    """An abbreviated village word and its number is a village: `KP 3`, `TDP I và II`.

    >>> _found("Năm 2021, sạt lở ở TDP I và II (thị trấn Khe Tre).")[:2]
    [('TDP I', 'tổ dân phố'), ('TDP II', 'tổ dân phố')]
    """
    tok = a.toks[w.name_at]
    if w.level not in VILLAGE_LEVELS or not (_numbered(tok) or (tok.kind == "T" and _NUMBER.match(tok.text))):
        return None
    return a._abbr_village(w.start, w.name_at, w.level, w.word, w.kind)


def number_of_no_unit(a: "_Analyzer", w: LevelWord) -> str | None:
    """A number after another level word names no unit: `cấp tỉnh 47 thủ tục`, `xã 135`.

    >>> _decided("Chuyển 47 thủ tục về cấp tỉnh 47 thủ tục.", "number_of_no_unit")
    ['drop: tỉnh']
    """
    return "a number after a level word that numbers no unit" if _numbered(a.toks[w.name_at]) else None


def no_name_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """A lower-case word after the level word is no name: `xã hội`, `tỉnh đã`.

    >>> _decided("Kinh tế xã hội phát triển.", "no_name_word")
    ['drop: xã']
    """
    return "a lower-case word after the level word" if a.toks[w.name_at].kind not in "TU" else None


def gazetteer_name(a: "_Analyzer", w: LevelWord) -> str | None:
    """A name the gazetteer knows at the tier of the level word (`xã An Khánh`, `TP. Bến
    Tre`, `xã Ia lốp` written with a lower-case syllable), and the same-level names listed
    after it (`các xã Canh Hiệp, Canh Thuận`). Not a capitalised level word that starts a
    known name (`Buôn Đôn`), nor an initial (`P. Thảo`).

    >>> _found("Năm 2022, các xã Canh Hiệp, Canh Thuận của huyện Vân Canh.")[:2]
    [('Canh Hiệp', 'xã'), ('Canh Thuận', 'xã')]
    >>> _decided("Năm 2017, xã Xanh Lơ của huyện Vân Canh.", "gazetteer_name")
    ['add: huyện Vân Canh']
    """
    i, lower, kind, level = w.name_at, w.lower, w.kind, w.level
    hit = a._ranked(a.gaz_match(i), level)
    if not hit and lower and kind == "word":
        hit = a._ranked(a._miscased(i), level)  # `xã Ia lốp`
    if hit and kind == "abbrdot" and hit[0] == i:
        hit = None  # `P. Thảo`: an initial, not `phường`
    if not hit:
        return None
    # `Buôn Ma Thuột`, `Bản Lác`: the level word is part of a known name
    whole = a.gaz_match(a.tok_at.get(w.start, -1)) if w.cap else None
    if whole and whole[0] >= hit[0] and kind == "word" and not lower:
        return "the level word starts a known name"
    mm = a._anchored(i, hit, level, "anchored")
    a._continue_list(hit[0], mm, plural=lower and _plural(a, w))
    return "a unit the gazetteer knows"


def unknown_name_needs_a_lower_case_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """A name the gazetteer lacks counts only after a lower-case `xã`, `phường`, `thị
    trấn`, `huyện` or `đặc khu` (or one opening a sentence): provinces, cities, urban
    districts and towns are all known, and `Xã Anh hùng` mid-sentence is a title.

    >>> _decided("Năm 2019, tỉnh Xanh Lơ và xã Xanh Lơ.", "unknown_name_needs_a_lower_case_word")
    ['drop: tỉnh']
    """
    if not (w.lower or a.at_sentence_start(w.start)) or w.kind != "word" or \
            w.level in ("tỉnh", "thành phố", "quận", "thị xã"):
        return "a name the gazetteer lacks needs a lower-case level word of an unstable tier"
    return None


def name_known_at_another_tier(a: "_Analyzer", w: LevelWord) -> str | None:
    """A known name at another tier keeps the level written (`huyện Mù Cang Chải`, which
    the gazetteer knows only as the town; it spells the district `Mù Căng Chải`).

    >>> _found("Năm 2020, huyện Mù Cang Chải (Yên Bái) thành lập đoàn.")[0]
    ('Mù Cang Chải', 'huyện')
    """
    other = a.gaz_match(w.name_at)
    if not (other and w.lower and w.kind == "word"):
        return None
    tok = a.toks[w.name_at]
    s2, e2 = tok.start, a.toks[other[0]].end
    a.add(_Mention(s2, e2, a.text[s2:e2], w.level, "anchored"))
    return "a known name at another tier, at the level written"


def acronym_after_the_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """An acronym after the level word is no unit the gazetteer lacks: `xã NTM`, `huyện NTM`.

    >>> _decided("Năm 2020, huyện đạt chuẩn xã NTM.", "acronym_after_the_word")
    ['drop: xã']
    """
    return "an acronym" if a.toks[w.name_at].kind != "T" else None


def person_after_the_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """A surname after the level word starts a person's name: `Đảng ủy xã Nguyễn Thị Kim Thoa`.

    >>> _decided("Năm 2022, Bí thư Đảng ủy xã Nguyễn Thị Kim Thoa phát biểu.", "person_after_the_word")
    ['drop: xã']
    """
    return "a person's name" if key_lower(a.toks[w.name_at].text) in a.lex["surname"] else None


def one_unknown_word(a: "_Analyzer", w: LevelWord) -> str | None:
    """One capitalised word the gazetteer lacks is no unit: `xã Anh hùng`, `huyện Nông thôn mới`.

    >>> _decided("Năm 2022, xã Anh hùng được tặng.", "one_unknown_word")
    ['drop: xã']
    """
    return "one capitalised word the gazetteer lacks" if _run(a, w) == w.name_at else None


def three_unknown_words(a: "_Analyzer", w: LevelWord) -> str | None:
    """Three capitalised words the gazetteer lacks (no number last) are most likely a
    person, not a unit: `Đảng ủy xã Pa Tả Lang` (but `xã Vân Canh 2` is a unit).

    >>> _decided("Năm 2022, xã Pa Tả Lang phát biểu.", "three_unknown_words")
    ['drop: xã']
    """
    j = _run(a, w)
    if j - w.name_at >= 2 and a.toks[j].kind != "D":
        return "three capitalised words the gazetteer lacks"
    return None


def common_phrase_name(a: "_Analyzer", w: LevelWord) -> str | None:
    """A name that is also a common phrase needs the gazetteer: `làng xã Việt Nam`.

    >>> _decided("Năm 2022, xã Việt Nam phát triển.", "common_phrase_name")
    ['drop: xã']
    """
    tok = a.toks[w.name_at]
    if _canon_key(a.key[tok.start:a.toks[_run(a, w)].end]) in a.lex["nobare"]:
        return "a common phrase (`Việt Nam`)"
    return None


def unit_abroad(a: "_Analyzer", w: LevelWord) -> str | None:
    """A unit of another country is not annotated: `huyện Sầm Nưa (Lào)`, `tỉnh ... , Lào`.

    >>> _decided("Năm 2022, huyện Sầm Nưa (Lào) giáp biên giới.", "unit_abroad")
    ['drop: huyện']
    """
    cm = a.lex["country_re"].match(a.key, a.toks[_run(a, w)].end)
    if cm and not a.key[cm.end():cm.end() + 2].strip()[:1].isupper():
        return "a unit abroad"  # (but `..., Lào Cai` is no country)
    return None


def unknown_name(a: "_Analyzer", w: LevelWord) -> str | None:
    """Two capitalised words (or a name and a number) the gazetteer lacks after a lower-case
    level word of an unstable tier are a unit at that level: communes dissolved before the
    gazetteer's snapshots (`huyện Tĩnh Gia` before 2020 is in the level history), `xã Vân
    Canh 2`.

    >>> _found("Năm 2017, xã Xanh Lơ của huyện Vân Canh.")[0]
    ('Xanh Lơ', 'xã')
    """
    tok = a.toks[w.name_at]
    e = a.toks[_run(a, w)].end
    a.add(_Mention(tok.start, e, a.text[tok.start:e], w.level, "anchored"))
    return "a unit the gazetteer lacks, at the level written"


ANCHOR_RULES = (look_alike_letter, abbreviation_in_lower_case, abbreviation_without_its_dot, part_of_a_compound,
                list_after_the_word, no_word_after_it, committee_name, urban_village_number,
                capital_village_word_in_a_sentence, village_word_in_a_compound, numbered_village, village_name,
                numbered_ward_or_district, abbreviated_village_number, number_of_no_unit, no_name_word,
                gazetteer_name, unknown_name_needs_a_lower_case_word, name_known_at_another_tier,
                acronym_after_the_word, person_after_the_word, one_unknown_word, three_unknown_words,
                common_phrase_name, unit_abroad, unknown_name)


# -- CANDIDATE_RULES: `(analyzer, candidate) -> reason (drop) | None` -------------------------

@dataclass
class Candidate:
    """A capitalised run that starts with a name the gazetteer knows (tokens i..j)."""

    i: int
    j: int
    start: int
    end: int
    units: list[Unit]
    dashed: bool  # after a unit or a province and a dash (`Phú Thọ - Vĩnh Phúc`)


def dash_after_a_bare_name(a: "_Analyzer", c: Candidate) -> str | None:
    """After a bare province and a dash only another province is a unit (`Phú Thọ - Vĩnh
    Phúc - Hòa Bình`); `Tân Sơn Nhất - Bình Lợi` is a road.

    >>> _decided("Năm 2022, tuyến Hà Nội - Sơn Tây.", "dash_after_a_bare_name")
    ['drop: Sơn Tây']
    """
    if c.dashed and not a.covered[a.toks[c.i - 1].start] and not any(u.parent_id is None for u in c.units):
        return "a name after a bare name and a dash that is no province"
    return None


def inside_a_mention(a: "_Analyzer", c: Candidate) -> str | None:
    """A name inside a unit already found with its level word is no second unit: `An
    Khánh` of `xã An Khánh`.

    >>> _decided("Năm 2022, xã An Khánh Châu Thành.", "inside_a_mention")
    ['drop: An Khánh']
    """
    return "inside a unit already found" if a.overlaps(c.start, c.end) else None


def name_runs_on(a: "_Analyzer", c: Candidate) -> str | None:
    """A name followed by a word that makes it another name: `Thái Bình Dương`, `Hà Nội Mới`.

    >>> _decided("Năm 2022, vùng biển Thái Bình Dương.", "name_runs_on")
    ['drop: Thái Bình']
    """
    toks, j = a.toks, c.j
    if j + 1 < len(toks) and _NAME_SEP.match(a.sep(j)) and \
            (_canon_key(a.key[c.start:c.end]), key_lower(toks[j + 1].text)) in a.lex["stop"]:
        return "the name runs on into another name"
    return None


def after_a_blocking_word(a: "_Analyzer", c: Candidate) -> str | None:
    """A name after a road, river, bridge, company, border gate or person word is none:
    `đường Hồ Chí Minh`, `cầu Long Biên`, `cửa khẩu Tân Thanh`, `ông Tây Sơn`.

    >>> _decided("Năm 2022, thông quan ở cửa khẩu Tân Thanh.", "after_a_blocking_word")
    ['drop: Tân Thanh']
    """
    return "after a road, company, person or facility word" if a.preceded_by(c.start, a.lex["block"]) else None


def byline(a: "_Analyzer", c: Candidate) -> str | None:
    """A name alone on one of the article's last lines is its byline (`Hà Nam`), not a unit.

    >>> _decided("Năm 2022, tỉnh Hà Nam họp.\\n\\nHội nghị bàn nhiều việc.\\n\\nHà Nam", "byline")
    ['drop: Hà Nam']
    """
    return "the byline" if a._byline(c.start, c.end) else None


CANDIDATE_RULES = (dash_after_a_bare_name, inside_a_mention, name_runs_on, after_a_blocking_word, byline)


# -- BARE_RULES: `(analyzer, bare name) -> Unit (keep) | reason (drop) | None (next rule)` ----

class BareName:
    """A bare name and what the acceptance rules read about it."""

    def __init__(self, a: "_Analyzer", m: _Mention, districts: set[str]) -> None:
        self.m = m
        self.districts = districts
        self.name = _canon(m.name)
        self.words = len(self.name.split())
        self.cands = a.valid(m.cands)
        self.nobare = self.name in a.lex["nobare"]
        self.foreign = a.after_facility(m.start) if m.kind != "paren" else False
        # a province name, even a former one in a post-reform article (`Bình Định` in 2026)
        self.tops = [u for u in self.cands if u.parent_id is None] or \
            a.valid([u for u in m.cands if u.parent_id is None])


def container_in_parentheses(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A name in parentheses (or after a comma) that contains the unit before it:
    `xã An Khánh (Châu Thành)`, `xã Ia Dom (Đức Cơ, Gia Lai)`.

    >>> _found("Năm 2022, Đảng ủy xã An Khánh (Châu Thành) họp.")
    [('An Khánh', 'xã'), ('Châu Thành', 'huyện')]
    """
    if c.m.kind != "paren":
        return None
    return a.pick(c.m.cands, "") or "no unit of the article's provinces"


def province_name(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A province name is a unit (`Bến Tre`, `Bình Định` in 2026), unless it follows a
    facility word or needs a level word (`Hòa Bình`), but inside a list of provinces
    (`11 tỉnh, gồm: Hòa Bình, Hà Giang`) or in the article's province it is.

    >>> _found("Năm 2022, con người Bến Tre.")
    [('Bến Tre', 'tỉnh')]
    >>> _decided("Năm 2022, đội bóng Trường THPT Bến Tre.", "province_name")
    []
    """
    if not c.tops:
        return None
    u = c.tops[0]
    if u.base_id in a.context_prov:
        return u
    if not (c.nobare or c.foreign):
        return u
    if c.nobare and not c.foreign and a._among_provinces(c.m):
        return u  # `11 tỉnh, gồm: Hòa Bình, Hà Giang, Phú Thọ`: a list of provinces
    return None


def named_with_a_level_word(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A name the text gave a level word elsewhere is another mention of that unit
    (`huyện Phù Mỹ ... Phù Mỹ có 19 xã`).

    >>> _found("Năm 2022, huyện Phù Mỹ họp. Phù Mỹ có 19 xã.")
    [('Phù Mỹ', 'huyện')]
    """
    named = a._named.get(c.name)
    if named is not None and (_rank(named[0]) <= 1 or c.words >= 2):
        return named[0]
    return None


def province_name_needs_context(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A province name after a facility word, or one that needs a level word, is none:
    `Trường THPT Bến Tre`, `hòa bình` (`Hòa Bình`) as a word.

    >>> _decided("Năm 2022, Trường THPT Bến Tre khai giảng.", "province_name_needs_context")
    ['drop: Bến Tre']
    """
    return "a province name after a facility word or that needs a level word" if c.tops else None


def city_of_the_province(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A one-word city of the article's province, named alone: `Vinh`, `Huế`.

    >>> _found("Năm 2022, tỉnh Nghệ An: người dân Vinh đón Tết.")
    [('Nghệ An', 'tỉnh'), ('Vinh', 'thành phố')]
    """
    if c.words == 1 and not c.nobare and a._whole_run(c.m) and not a.at_sentence_start(c.m.start):
        city = [u for u in c.cands if _rank(u) == 1 and u.level in ("thành phố", "thị xã")
                and u.province.base_id in a.context_prov]
        if city:
            return city[0]
    return None


def short_or_running_on(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A lower name needs two words and must end its capitalised run: `An` alone is none,
    nor `Hoàng Mai` of `Trung tâm thương mại Hoàng Mai Giáp Bát`.

    >>> _decided("Năm 2022, tỉnh Bình Định: Trung tâm Phù Mỹ Xanh mở cửa.", "short_or_running_on")
    ['drop: Phù Mỹ']
    """
    if c.nobare or c.words < 2 or not a._run_ends(c.m):
        return "one word, a common phrase, or part of a longer name"
    return None


def district_of_the_province(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A district of the article's province, named alone: `Phù Mỹ` in an article on Bình Định.

    >>> _found("Năm 2022, tỉnh Bình Định: Phù Mỹ dẫn đầu.")
    [('Bình Định', 'tỉnh'), ('Phù Mỹ', 'huyện')]
    """
    dist = [u for u in c.cands if _rank(u) == 1 and u.province.base_id in a.context_prov]
    return dist[0] if dist else None


def named_after_a_person(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A commune named after a person (`Lê Hồng Phong`, `Ngô Mây`) named alone is a school
    or a street, not the commune.

    >>> _decided("Năm 2022, huyện Phù Cát (Bình Định): học sinh Ngô Mây đoạt giải.", "named_after_a_person")
    ['drop: Ngô Mây']
    """
    return "a commune named after a person" if c.name.split()[0] in a.lex["surname"] else None


def commune_of_a_named_district(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A commune of a district the article names: `Mỹ Thành` after `huyện Phù Mỹ`.

    >>> _found("Năm 2022, huyện Phù Mỹ (Bình Định): tại Mỹ Thành thu hoạch lúa.")[2]
    ('Mỹ Thành', 'xã')
    """
    comm = [u for u in c.cands if _rank(u) == 2 and u.parent_id and (
        a.g.get(u.parent_id).base_id in c.districts)]
    return comm[0] if comm else None


def commune_of_the_home_province(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A commune of the article's home province named alone, a whole capitalised run not
    opening a sentence, unique in the province (`Trạm nghiền xi măng Nghi Thiết`).

    >>> _found("Năm 2022, tỉnh Nghệ An: xi măng Nghi Thiết tăng giá.")
    [('Nghệ An', 'tỉnh'), ('Nghi Thiết', 'xã')]
    """
    if a.home_prov and not a.at_sentence_start(c.m.start) and a._whole_run(c.m):
        cp = [u for u in c.cands if _rank(u) == 2 and u.province.base_id in a.home_prov]
        if len(cp) == 1:
            return cp[0]
    return None


def no_context(a: "_Analyzer", c: BareName) -> "Unit | str | None":
    """A name no district or province of the article contains is no unit: `An Khánh` in
    an article on nowhere in particular.

    >>> _decided("Ông Tư kể về những ngày ở An Khánh và Phước Thới.", "no_context")
    ['drop: An Khánh', 'drop: Phước Thới']
    """
    return "no district or province of the article contains it"


BARE_RULES = (container_in_parentheses, province_name, named_with_a_level_word, province_name_needs_context,
              city_of_the_province, short_or_running_on, district_of_the_province, named_after_a_person,
              commune_of_a_named_district, commune_of_the_home_province, no_context)


def annotate(doc: Doc) -> None:
    """Add administrative units (`Location`s) to `doc.locations`."""
    if not doc.text:
        return
    a = _Analyzer(doc)
    a.find_anchored()
    if a.on_guessed:
        a.date_from_units()
    a.resolve()
    doc.locations.extend(a.locations())


__all__ = ["annotate"]


# what the component assigns on a Doc (the pipeline checks the order of components)
annotate = declares(assigns=("locations",))(annotate)
