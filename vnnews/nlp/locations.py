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
from .gazetteer import (COMMUNE_LEVELS, DISTRICT_LEVELS, VILLAGE_LEVELS, Gazetteer, Unit,
                        get_gazetteer)
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


_RANK_OF_LEVEL = {"tỉnh": (0,), "thành phố": (0, 1), "huyện": (1,), "quận": (1,), "thị xã": (1,),
                  "xã": (2,), "phường": (2,), "thị trấn": (2,), "đặc khu": (2,)}


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
_MIXED_LEVELS = re.compile(r"(?:xã|phường|thị trấn),? (?:và )?$")   # `các xã, phường: …`
_COLON_LIST = re.compile(r"(?:,? (?:bao gồm|gồm có|gồm|là))?: ")
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
        "max_words": g.max_words + 2,
        "gaz": g,
    })


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

    _NAME_FOLLOWERS = frozenset({"xã", "phường", "thị", "huyện", "quận", "tỉnh", "thành", "đặc", "và", "với",
                                 "thuộc", "của", "ở", "tại", "cùng", "nay", "cũ", "mới", "hoặc"})

    def _counts(self, d: int) -> bool:
        """The number at token d counts the lower-case noun after it (`xã Cư Mlan 7 căn`,
        `thôn Đông 5 hộ`), so it ends no name; a level word or a connective after it does
        not count (`Vân Canh 2 và xã Canh Liên`)."""
        toks = self.toks
        if d + 1 >= len(toks) or self.sep(d) != " " or toks[d + 1].kind != "L":
            return False
        return key_lower(toks[d + 1].text) not in self._NAME_FOLLOWERS

    def _starts_person(self, k: int) -> bool:
        """A surname at token k followed by another capitalised word starts a person's name
        (`ấp An Thạnh Nguyễn Văn A`); a surname that ends the run does not (`thôn Tràng Bạch`)."""
        toks = self.toks
        return k + 1 < len(toks) and self.sep(k) == " " and toks[k + 1].kind == "T"

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
        lex = self.lex
        for m in lex["level_re"].finditer(self.key):
            word = m.group(1)
            entry = lex["level_of"].get(key_lower(word))
            if entry is None:  # case-insensitive look-alikes (`ſóc`, Kelvin sign `KP`)
                continue
            level, kind = entry
            lower = word == word.lower()
            cap = word[0].isupper()
            if kind in ("abbr", "abbrdot") and not word[0].isupper():
                continue
            if kind == "abbrdot" and self.key[m.end():m.end() + 1] != ".":
                continue
            if self._not_level(m.end()):
                continue
            end = m.end()
            if lower and kind in ("word", "village"):
                dm = lex["descriptor_re"].match(self.key, end) if kind == "word" else None
                cl = _COLON_LIST.match(self.key, dm.end() if dm else end)  # `11 huyện đảo gồm: A, B`
                if not cl and re.search(r"\d[ \u00a0]$", self.key[max(0, m.start() - 3):m.start()]):
                    cl = _PAREN_LIST.match(self.key, end)  # `5 phường (Bình Định, Đập Đá, ...)`
                if cl:
                    # `ở các xã, phường: A, B, C`: each item takes its own level at the date
                    mixed = _MIXED_LEVELS.search(self.key, max(0, m.start() - 12), m.start()) is not None
                    self._colon_list(cl.end(), level, mixed=mixed)
                    continue
            if kind in ("abbr", "abbrdot") and self.key[end:end + 1] == ".":
                end += 1
            if lower and kind == "word":  # `huyện miền núi An Lão`
                dm = lex["descriptor_re"].match(self.key, end)
                if dm:
                    end = dm.end()
            # the name starts after one space (or none after an abbreviation's dot)
            k = end
            if self.key[k:k + 1] == " ":
                k += 1
            elif not (kind in ("abbr", "abbrdot") and k > m.end()):
                continue
            i = self.tok_at.get(k)
            if i is None:
                continue
            tok = self.toks[i]
            if kind == "org":
                if not cap:
                    continue
                hit = self._ranked(self.gaz_match(i), level)
                if hit:
                    self._anchored(i, hit, level, "anchored")
                continue
            if kind == "village":
                numbered = tok.kind == "D" or (tok.kind == "U" and _NUMBER.match(tok.text))
                if not lower and not self.at_sentence_start(m.start()) and \
                        not (numbered and level not in ("bản", "làng")):
                    continue  # `Ban điều hành Khu phố 5` is fine, `Làng Văn hóa` is no village
                if self.preceded_by(m.start(), lex["village"]):
                    continue
                if numbered:
                    if self._numbered_ok(i):
                        self.add(_Mention(m.start(), tok.end, self.text[m.start():tok.end], level, "village"))
                        self._numbered_list(i, level, word, m.start())  # `khu phố 1, 2 và 3`
                    continue
                if tok.kind != "T":
                    continue
                if cap and self.gaz_match(self.tok_at.get(m.start(), -1)):
                    continue  # `Buôn Ma Thuột`, `Buôn Đôn`: a known name that starts with the word
                j = self.village_end(i)
                if j == i and (len(tok.text) < 2 or not _ONE_WORD_END.match(self.key, tok.end)):
                    continue  # `bản Hiến pháp`, `bản Tuyên ngôn`: one capitalised word running on
                self.add(_Mention(tok.start, self.toks[j].end, self.text[tok.start:self.toks[j].end], level, "village"))
                if _PLURAL_BEFORE.search(self.key, max(0, m.start() - 12), m.start()):
                    self._village_list(j, level)  # `các ấp An Thạnh, An Hòa và Phú Thạnh`
                else:
                    sm = _SAME_WORD_LIST.match(self.key, self.toks[j].end)
                    items = sm.group().strip(" ,").removesuffix(" và").split(", ") if sm else []
                    heads = lex["block"] + lex["foreign"]  # `Trường THCS A`, `Công ty B` are no villages
                    if sm and self.key.startswith(word.lower() + " ", sm.end()) and all(
                            w[:1].isupper() or w.isdigit() for it in items for w in it.split()) and not any(
                            (key_lower(it) + " ").startswith(h + " ") for it in items for h in heads):
                        self._village_list(j, level)  # `ấp Phương Thạnh 1, Phương Thạnh 2 và ấp Kinh Tế`
                continue
            # numbered wards and urban districts: `Phường 4`, `Quận 1`
            if tok.kind == "D" or (tok.kind == "U" and _NUMBER.match(tok.text)):
                if level in ("phường", "quận") and self._numbered_ok(i) and len(tok.text) <= 2 and (
                        kind == "word" or (kind == "abbrdot" and tok.kind == "D" and self._in_address(m.start(), tok.end))):
                    full = f"{'Quận' if level == 'quận' else 'Phường'} {tok.text}"  # `Q.1` is `Quận 1`
                    self.add(_Mention(m.start(), tok.end, self.text[m.start():tok.end], level, "anchored",
                                      cands=self.g.candidates(full)))
                    if kind == "word":
                        self._numbered_list(i, level, full.split()[0], m.start())  # `Quận 5, 6, 7`
                continue
            if tok.kind not in "TU":
                continue
            hit = self._ranked(self.gaz_match(i), level)
            if hit and kind == "abbrdot" and hit[0] == i:
                hit = None  # `P. Thảo`: an initial, not `phường`
            if hit:
                # `Buôn Ma Thuột`, `Bản Lác`: the level word is part of a known name
                whole = self.gaz_match(self.tok_at.get(m.start(), -1)) if cap else None
                if whole and whole[0] >= hit[0] and kind == "word" and not lower:
                    continue
                mm = self._anchored(i, hit, level, "anchored")
                self._continue_list(hit[0], mm)
                continue
            # no gazetteer name: only a lower-case level word of an unstable tier
            if not (lower or self.at_sentence_start(m.start())) or kind != "word" or \
                    level in ("tỉnh", "thành phố", "quận", "thị xã"):
                continue
            other = self.gaz_match(i)
            if other and lower and kind == "word":
                # `huyện Mù Cang Chải` where the gazetteer spells the district `Mù Căng Chải` and
                # knows `Mù Cang Chải` only as its town: a known place name, at the level written
                s2, e2 = tok.start, self.toks[other[0]].end
                self.add(_Mention(s2, e2, self.text[s2:e2], level, "anchored"))
                continue
            if tok.kind != "T" or key_lower(tok.text) in self.lex["surname"]:
                continue  # `Đảng ủy xã Nguyễn Thị Kim Thoa`: a person, not a commune
            j = self.run_end(i)
            if j == i and level not in ("huyện",):
                # one capitalised word that the gazetteer lacks: `xã Anh hùng`, `huyện Nông thôn mới`
                continue
            if j == i:
                continue
            if j - i >= 2 and self.toks[j].kind != "D":
                continue  # three capitalised words the gazetteer lacks: most likely a person
            if _canon_key(self.key[tok.start:self.toks[j].end]) in self.lex["nobare"]:
                continue  # `làng xã Việt Nam`
            cm = self.lex["country_re"].match(self.key, self.toks[j].end)
            if cm and not self.key[cm.end():cm.end() + 2].strip()[:1].isupper():
                continue  # `huyện Sầm Nưa (Lào)`: a unit abroad (but `..., Lào Cai` is no country)
            self.add(_Mention(tok.start, self.toks[j].end, self.text[tok.start:self.toks[j].end], level, "anchored"))

    @staticmethod
    def _ranked(hit, level: str):
        """Keep the gazetteer units whose tier fits the level word (`Huyện ủy Phan ...` is
        no district called Phan)."""
        if not hit:
            return None
        ranks = _RANK_OF_LEVEL.get(level, (0, 1, 2))
        units = [u for u in hit[1] if _rank(u) in ranks]
        return (hit[0], units) if units else None

    def _colon_list(self, pos: int, level: str, mixed: bool = False) -> None:
        """`3 đơn vị cấp xã, bao gồm: Vân Canh 1, Vân Canh 2 và xã Canh Liên`, `gồm các
        phường: A, B`: capitalised names after the colon, up to the first that is none.
        Names the gazetteer lacks need two words (a number may end them)."""
        ranks = set(_RANK_OF_LEVEL.get(level, ()))
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
            if mixed:
                dated = {u.level for u in self.valid(units)}
                own = dated.pop() if len(dated) == 1 else level
            if not self.overlaps(s, e):
                self.add(_Mention(s, e, self.text[s:e], own, "list", cands=units))
            i = self.next_item(j, (", ", "; "))
            if i is None:
                return

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

    def _continue_list(self, j: int, head: _Mention) -> None:
        """`các xã Canh Hiệp, Canh Thuận`, `phường Trường Thi, Hưng Dũng`: more names of
        the same level, known to the gazetteer at that level."""
        toks = self.toks
        while j + 1 < len(toks):
            nxt = self.next_item(j)
            if nxt is None:
                break
            hit = self.gaz_match(nxt)
            if not hit:
                break
            # `xã Nậm Xé, Lào Cai`: a name of a unit containing the head is its container, no list item
            ancestors = {a.base_id for u in head.cands for a in u.chain}
            if any(u.base_id in ancestors for u in hit[1]):
                break
            ranks = {_rank(u) for u in self.valid(head.cands)} or set(_RANK_OF_LEVEL.get(head.level, ()))
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

    # ---- pass 2: bare names ---------------------------------------------------------
    def find_bare(self) -> list[_Mention]:
        out, toks = [], self.toks
        last_end = -1
        for i, t in enumerate(toks):
            if t.kind not in "TU":  # `TPHCM`: an acronym only when it names a province
                continue
            if t.start < last_end:
                continue  # inside the name just found (`Huế` of `TT-Huế`)
            # a name starts a capitalised run (or follows an acronym: `THPT Thuận Thành`)
            if i > 0 and toks[i - 1].kind == "T" and _NAME_SEP.match(self.sep(i - 1)) and not (
                    key_lower(toks[i - 1].text) in self.lex["lead"] and self.at_sentence_start(toks[i - 1].start)):
                continue
            hit = self.gaz_match(i)
            if not hit:
                continue
            j, units = hit
            s, e = t.start, toks[j].end
            if self.overlaps(s, e):
                continue
            name = _canon_key(self.key[s:e])
            if j + 1 < len(toks) and _NAME_SEP.match(self.sep(j)) and \
                    (name, key_lower(toks[j + 1].text)) in self.lex["stop"]:
                continue
            if self.preceded_by(s, self.lex["block"]):
                continue
            if self._byline(s, e):
                continue
            out.append(_Mention(s, e, self.text[s:e], "", "bare", cands=list(units)))
            last_end = e
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
                if m.cands and m.level in _RANK_OF_LEVEL and \
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
        return votes

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
                    if tops and _canon(key[toks[a][0]:toks[b][1]]) not in self.lex["nobare"]:
                        out.append(tops[0])
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
    _LIST_PREV = re.compile(r"([A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*){0,3})(?:, | và )$")

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
        name = _canon(b.name)
        words = len(name.split())
        cands = self.valid(b.cands)
        if b.kind == "paren":
            return self.pick(b.cands, "")
        foreign = self.after_facility(b.start)
        nobare = name in self.lex["nobare"]
        # a province name, even a former one in a post-reform article (`Bình Định` in 2026)
        tops = [u for u in cands if u.parent_id is None] or \
            self.valid([u for u in b.cands if u.parent_id is None])
        if tops:
            u = tops[0]
            if u.base_id in self.context_prov:
                return u
            if not (nobare or foreign):
                return u
            if nobare and not foreign and self._among_provinces(b):
                return u  # `11 tỉnh, gồm: Hòa Bình, Hà Giang, Phú Thọ`: a list of provinces
        # a unit already named with a level word: this is another mention of it
        named = self._named.get(name)
        if named is not None and (_rank(named[0]) <= 1 or words >= 2):
            return named[0]
        if tops:
            return None
        if words == 1 and not nobare and self._whole_run(b) and not self.at_sentence_start(b.start):
            # a one-word city of the article's province: `Vinh`, `Huế` (not `ông Vinh`: blocked)
            city = [u for u in cands if _rank(u) == 1 and u.level in ("thành phố", "thị xã")
                    and u.province.base_id in self.context_prov]
            if city:
                return city[0]
        if nobare or words < 2 or not self._run_ends(b):
            return None  # `Trung tâm thương mại Hoàng Mai Giáp Bát`: part of a longer name
        dist = [u for u in cands if _rank(u) == 1 and u.province.base_id in self.context_prov]
        if dist:
            return dist[0]
        if name.split()[0] in self.lex["surname"]:
            return None  # a commune named after a person (`Lê Hồng Phong`, `Ngô Mây`): a school, a street
        comm = [u for u in cands if _rank(u) == 2 and u.parent_id and (
            self.g.get(u.parent_id).base_id in districts)]
        if comm:
            return comm[0]
        # a commune of the article's province, named alone (`Trạm nghiền xi măng Nghi Thiết`):
        # only a whole capitalised run, not at a sentence start, unique in the province
        if self.home_prov and not self.at_sentence_start(b.start) and self._whole_run(b):
            cp = [u for u in cands if _rank(u) == 2 and u.province.base_id in self.home_prov]
            if len(cp) == 1:
                return cp[0]
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
