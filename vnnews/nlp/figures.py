"""The figures component: quantities written with digits (shared spec, section 3).

`annotate(doc)` appends one `vnnews.models.Figure` per occurrence, in text order.
A figure is a number (with its scale words, `2,5 tỷ`) followed by a unit or a counted
noun (`46.346,8m2`, `82 hộ dân`, `133,33%`), a range (`từ 60 đến dưới 100%`, `16-17%`)
or a ratio (`4/3 đảng viên`, `817/898`). Everything else that has digits is left out:
dates, years and terms, periods (`9 tháng năm 2022`), clock times, identifiers (document
numbers, `Covid-19`, `Quốc lộ 57`, `Rạch Miễu 2`, `lớp 8A3`), ordinals and list numbers.

The method is a hand-written grammar over the text and its match key, with lexicons as
data in `resources/figures/` (units, scale words, approximators, counted nouns,
identifier heads, stop words). Everything is compiled once per process; the component
reads each number's neighbourhood only, so it costs microseconds per sentence.

Fields: `value` (low end of a range; scale words multiplied in), `value_max` (range),
`total` (ratio), `unit` (normalised unit or the counted noun as written, lower-cased),
`quantity` (what is measured, where a simple rule finds it), and in `extra`: `approx`
(the approximator written before the number, lower-cased: `hơn`, `gần`, `≥`, …),
`approx_max` (one before a range's high end: `dưới` in `từ 60 đến dưới 100%`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from ..models import Figure
from ..resources import lines, table
from .doc import Doc
from .gazetteer import DISTRICT_LEVELS, PROVINCE_LEVELS, get_gazetteer
from .numbers import parse_decimal, scale_abbreviations, scale_words, to_number
from .textnorm import match_key, nfc

# --------------------------------------------------------------------------- lexicons

_R = "figures/"
_LETTER = r"[^\W\d_]"
_WORD = re.compile(_LETTER + r"+(?:-" + _LETTER + r"+)*")
_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_NUM_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.,/:-]|[ \u00a0\u202f]\d)")  # 1 000, 12 500
_SPACE = re.compile(r"[ \t\u00a0\u202f]*")


def _syllables(entry: str) -> tuple[str, ...]:
    return tuple(entry.lower().split())


@dataclass(frozen=True)
class _Lex:
    units: re.Pattern                     # unit surfaces, longest first
    unit_map: dict[str, tuple[str, str]]  # surface (lower, single-spaced) -> (unit, kind)
    nouns: dict[str, list[tuple[str, ...]]]  # first syllable -> entries, longest first
    classifiers: frozenset[str]
    stop1: frozenset[str]
    stop_multi: frozenset[tuple[str, ...]]
    heads: frozenset[tuple[str, ...]]
    verbal_heads: frozenset[tuple[str, ...]]
    event_heads: frozenset[tuple[str, ...]]
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
    anniversary: dict[tuple[str, ...], bool]  # tail -> must be written capitalised
    months: dict[tuple[str, ...], bool]
    one_idioms: frozenset[tuple[str, ...]]
    clock_before: frozenset[str]
    clock_after: frozenset[str]
    titles: frozenset[str]
    money: re.Pattern


def _index(entries) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for e in entries:
        if e:
            out.setdefault(e[0], []).append(e)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    unit_map: dict[str, tuple[str, str]] = {}
    for row in table(_R + "units.tsv"):
        if len(row) >= 3 and row[0]:
            unit_map[" ".join(row[0].lower().split())] = (row[1], row[2])
    surfaces = sorted(unit_map, key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(p) for p in s.split()) for s in surfaces)
    units = re.compile(r"(?:" + alt + r")(?![^\W_])")
    stops = [_syllables(x) for x in lines(_R + "stopwords.txt")]
    approx_all = [x.lower() for x in lines(_R + "approximators.txt")]
    clock = lines(_R + "clock_cues.txt")
    return _Lex(
        units=units,
        unit_map=unit_map,
        nouns=_index([_syllables(x) for x in lines(_R + "measure_nouns.txt")]
                     + [_syllables(x) for x in lines(_R + "title_nouns.txt")]),
        classifiers=frozenset(x.lower() for x in lines(_R + "classifiers.txt")),
        stop1=frozenset(s[0] for s in stops if len(s) == 1),
        stop_multi=frozenset(s for s in stops if len(s) > 1),
        heads=frozenset(_syllables(x) for x in lines(_R + "id_heads.txt")),
        verbal_heads=frozenset(_syllables(x) for x in lines(_R + "id_heads_verbal.txt")),
        event_heads=frozenset(_syllables(x) for x in lines(_R + "id_heads_event.txt")),
        soft_heads=frozenset(_syllables(x) for x in lines(_R + "id_heads_soft.txt")),
        head_exceptions=frozenset(_syllables(x) for x in lines(_R + "id_head_exceptions.txt")),
        date_cues=frozenset(_syllables(x) for x in lines(_R + "date_cues.txt")),
        approx=frozenset(_syllables(x) for x in approx_all if _WORD.fullmatch(x.split()[0])),
        approx_signs=frozenset(x for x in approx_all if not _WORD.fullmatch(x.split()[0])),
        scales=scale_words(),
        scale_abbr=scale_abbreviations(),
        qheads=_index(_syllables(x) for x in lines(_R + "quantity_heads.txt")),
        period_tails=frozenset(_syllables(x) for x in lines(_R + "period_tails.txt")),
        period_leads=frozenset(_syllables(x) for x in lines(_R + "period_leads.txt")),
        anniversary={_syllables(x): x[:1].isupper() for x in lines(_R + "anniversary_tails.txt")},
        months={_syllables(x): x[:1].isupper() for x in lines(_R + "month_names.txt")},
        one_idioms=frozenset(_syllables(x) for x in lines(_R + "one_idioms.txt")),
        clock_before=frozenset(x.lower() for x in clock if not x.startswith("+")),
        clock_after=frozenset(x[1:].lower() for x in clock if x.startswith("+")),
        titles=frozenset(" ".join(_syllables(x)) for x in lines(_R + "title_nouns.txt")),
        money=re.compile(r"(?<![^\W\d_])(?:" + "|".join(
            r"\s+".join(re.escape(p) for p in x.lower().split())
            for x in sorted(lines(_R + "money_cues.txt"), key=len, reverse=True)) + r")(?![^\W\d_])"),
    )


# --------------------------------------------------------------------------- patterns

_FULL_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}(?!\d)|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
                        r"|\d{1,2} ([/-]) \d{1,2} \2 \d{4}(?!\d)")  # 05 / 8 / 2005
_MONTH_YEAR = re.compile(r"(\d{1,2})(?:[/.-]| / )((?:19|20)\d\d)(?![\d.,]\d)")
_CLOCK = re.compile(r"\d{1,2}(?::\d{2}(?::\d{2})?|[hg](?:\d{1,2})?(?![^\W\d_]|/))|\d+:\d+")  # not `4g/l`
_DOCNUM = re.compile(r"\d+(?:/\d{2,4})*/[A-ZĐ]"                                   # 265/QĐ-TTg, 17/2023/QH15
                     r"|\d+[ \t]*[-–—][ \t]*[A-ZĐ][A-ZĐa-zđ]*[ \t]*[/-][ \t]*[A-ZĐ]")  # 01-CT/TU, 40 – CT/TW
_DAY_MONTH_DOT = re.compile(r"(\d{1,2})\.(\d{1,2})(?![\d,])")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)")
_SLASH_NUM = re.compile(r"[ \t]*/[ \t]*(\d+(?:[.,]\d+)*)")
_RANGE_DASH = re.compile(r"[ \t\u00a0]*[-–—][ \t\u00a0]*")
_RANGE_WORD = re.compile(r"[ \t\u00a0]+(?:đến|tới)[ \t\u00a0]+")
_PER = re.compile(r"[ \t]?/[ \t]?(" + _LETTER + r"+\d?)(?![^\W_])")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_YEAR_AFTER = re.compile(r"[ \t\u00a0]*\(?[ \t\u00a0]*(?:năm[ \t\u00a0]+|giai đoạn[ \t\u00a0]+)?(?:19|20)\d\d(?!\d)")
_CLOCK_REST = re.compile(r"[ \t\u00a0]*\d{1,2}(?:[ \t\u00a0]*phút)?")
_CHANGE = re.compile(r"[ \t\u00a0]+(?:lên|xuống|còn|tăng lên|giảm xuống)[ \t\u00a0]+(?:mức[ \t\u00a0]+)?(?=\d)")
_HOURS = re.compile(r"h(?![^\W_])")
_OVER = re.compile(r"[ \t\u00a0]+trên[ \t\u00a0]+(?:tổng[ \t\u00a0]+số[ \t\u00a0]+)?(?=\d)")
_FILLERS = frozenset({("là",), ("lần", "lượt"), ("đạt",), ("tương", "ứng")})   # `số phiếu lần lượt là 66/70`
_EN_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_DONG = frozenset({"đồng", "đ", "vnđ", "vnd"})
_LEVEL_WORDS = frozenset({"xã", "phường", "huyện", "quận", "tỉnh", "trấn", "phố", "tp", "ấp", "thôn", "khóm"})
_DISTRICT_OR_PROVINCE = frozenset(PROVINCE_LEVELS + DISTRICT_LEVELS)
_RANGE_OPENERS = frozenset({("từ",), ("đến",), ("tới",)})
_LIST_SEP = re.compile(r"[ \t\u00a0]*[,][ \t\u00a0]*|[ \t\u00a0]+(?:và|hoặc)[ \t\u00a0]+")
_LIST_BEFORE = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)(?:[ \t\u00a0]*[,][ \t\u00a0]*|[ \t\u00a0]+(?:và|hoặc)[ \t\u00a0]+)$")
_OPENERS = frozenset(".!?:;(\"“‘'-–—•*\n\r[")
_BEFORE_EVENT = frozenset({"ngày", "khi", "kỳ", "hạn", "phiên", "thời", "lúc", "buổi", "lễ", "hội"})
_SPLIT_CODE = re.compile(r"(?<![^\W\d_])[A-ZĐ][^\W\d_]*[-–][ \u00a0]$")  # `Covid- 19`, not `3 ha- 5 ha`
_SPACED_DASH_CODE = re.compile(r"(?<![^\W\d_])(?i:covid|sars|mers)[ \u00a0]*[-–][ \u00a0]*$")  # `Covid - 19`
_SPACED_CODE = re.compile(r"(?:[A-ZĐ0-9] ?/|[A-ZĐ] ?[-–]) ?$")
_PLACE_WORDS = frozenset({"xã", "phường", "thị", "huyện", "quận", "tỉnh", "thành", "ấp", "thôn", "khu", "tổ",
                          "khóm", "xóm", "bản", "làng", "buôn", "đường", "số", "lô"})
_DURATION_LEADS = frozenset({"sau", "trong", "suốt", "qua", "gần", "hơn", "ngót"})  # `sau 50 năm giải phóng`
_ACTS = frozenset({"thực", "triển", "thi", "áp"})   # `thực hiện`, `triển khai`, `thi hành`, `áp dụng`
_TIME_UNITS = frozenset({"năm", "tháng", "quý", "tuần", "ngày", "giờ", "phút", "giây"})
_CALENDAR_UNITS = frozenset({"năm", "tháng", "quý", "tuần", "ngày"})


@dataclass
class _Num:
    start: int
    end: int          # after the numeral and its scale words
    value: Decimal
    scaled: bool
    raw_end: int      # after the numeral itself


class _Scanner:
    def __init__(self, doc: Doc) -> None:
        self.t = doc.text
        k = doc.key.lower()
        if len(k) != len(doc.text):  # a few characters change length when lower-cased
            k = "".join(c.lower() if len(c.lower()) == 1 else c for c in doc.key)
        self.k = k
        self.lex = lexicon()
        self.n = len(self.t)
        self._no_spaced: set[int] = set()
        self._list_depth = 0

    # ---------------------------------------------------------------- words around
    def words_before(self, pos: int, limit: int = 4) -> list[tuple[str, int, int]]:
        """Up to `limit` words right before `pos` (nearest last), not crossing punctuation."""
        out: list[tuple[str, int, int]] = []
        i = pos
        k = self.k
        while len(out) < limit:
            j = i
            while j > 0 and k[j - 1] in " \t\u00a0\u202f":
                j -= 1
            e = j
            while j > 0 and (k[j - 1].isalpha() or (k[j - 1] == "-" and j - 2 >= 0 and k[j - 2].isalpha()
                                                      and j < e and k[j].isalpha())):
                j -= 1
            if j == e:
                break
            out.append((k[j:e], j, e))
            i = j
        out.reverse()
        return out

    def word_at(self, pos: int) -> tuple[str, int, int] | None:
        m = _WORD.match(self.k, pos)
        return (m.group(), m.start(), m.end()) if m else None

    def words_after(self, pos: int, limit: int = 6) -> list[tuple[str, int, int]]:
        out = []
        while len(out) < limit:
            sp = _SPACE.match(self.k, pos).end()
            if sp == pos and out:
                break
            w = self.word_at(sp)
            if not w:
                break
            out.append(w)
            pos = w[2]
        return out

    def ends_with(self, words: list[tuple[str, int, int]], lexset: frozenset) -> tuple[str, ...] | None:
        for n in (4, 3, 2, 1):
            if len(words) >= n:
                tup = tuple(w[0] for w in words[-n:])
                if tup in lexset:
                    return tup
        return None

    # ---------------------------------------------------------------- numbers
    def numeral(self, pos: int) -> re.Match | None:
        """The numeral at `pos`: `46.346,8`, `1.000`, or thousands grouped by spaces (`12 500`)
        where nothing before makes the first group a code, a date or a list number."""
        m = _NUM.match(self.t, pos)
        if m and m.end() - pos <= 3 and pos not in self._no_spaced:
            ms = _NUM_SPACED.match(self.t, pos)
            if ms:
                if self._spaced_ok(pos):
                    return ms
                self._no_spaced.add(pos)
        return m

    def _spaced_ok(self, pos: int) -> bool:
        t = self.t
        b = self._skip_back_spaces(pos)
        if b < pos and b > 0 and not (t[b - 1].isalpha() or t[b - 1] in "(“\"'"):
            return False  # `17/5 150 người`, `3, 500 người`
        if b == pos and pos > 0 and not t[pos - 1] in "(“\"'":
            return False
        before = self.words_before(pos)
        return self.ends_with(before, self.lex.heads) is None and \
            self.ends_with(before, self.lex.date_cues) is None

    def _numeral_with_scale(self, pos: int) -> tuple[Decimal, int, int, int] | None:
        """(value, multiplier, end, numeral end) of a numeral and its scale words at `pos`."""
        m = self.numeral(pos)
        if not m:
            return None
        value = parse_decimal(m.group())
        if value is None:
            return None
        end = m.end()
        mult = 1
        while True:  # scale words: `2,5 tỷ`, `1,2 nghìn tỷ`, `5tr`, `500k/người`
            sp = _SPACE.match(self.k, end).end()
            w = self.word_at(sp)
            if w and w[0] in self.lex.scales and self._scale_ok(w, sp > end):
                mult *= self.lex.scales[w[0]]
                end = w[2]
                continue
            break
        return value, mult, end, m.end()

    def _scale_ok(self, w: tuple[str, int, int], spaced: bool) -> bool:
        """A scale word after a number: spelled out (`2,5 tỷ`, also stuck: `5triệu`), or an
        abbreviation (`5tr`, `5 tr`); `k` only stuck and before `/` or a money unit (`500k/người`,
        `50k đồng`), so that `vàng 24k` stays a purity."""
        word, ws, we = w
        if word not in self.lex.scale_abbr:
            return True
        if word != "k":
            return True
        if spaced:
            return False
        if we < self.n and self.k[we] == "/":
            return True
        um = self.lex.units.match(self.k, _SPACE.match(self.k, we).end())
        return bool(um) and self.lex.unit_map.get(" ".join(um.group().split()), ("", ""))[1] == "money"

    def read_number(self, pos: int) -> _Num | None:
        first = self._numeral_with_scale(pos)
        if first is None:
            return None
        value, mult, end, raw_end = first
        total = value * mult
        # compound amounts, each part of a smaller scale: `1 tỷ 200 triệu`
        last = mult
        while last > 1:
            sp = _SPACE.match(self.k, end).end()
            if sp == end:
                break
            part = self._numeral_with_scale(sp)
            if part is None or part[1] <= 1 or part[1] >= last or part[0] * part[1] >= last:
                break
            total += part[0] * part[1]
            end, last = part[2], part[1]
        return _Num(pos, end, total, mult > 1, raw_end)

    # ---------------------------------------------------------------- units
    def read_unit(self, pos: int) -> tuple[str, str, int, int] | None:
        """(unit, kind, start, end) of the unit or counted noun at `pos`; kind `noun` for nouns."""
        k, t = self.k, self.t
        sp = _SPACE.match(k, pos).end()
        if sp >= self.n:
            return None
        attached = sp == pos
        ch = k[sp]
        if ch in "%‰":
            return (ch, "percent", sp, sp + 1)
        um = self.lex.units.match(k, sp)
        noun = self.read_noun(sp) if ch.isalpha() else None
        if um:
            surface = " ".join(um.group().split())
            unit, kind = self.lex.unit_map.get(surface, (surface, "unit"))
            after_scale = kind == "money" and bool(self.words_before(sp, 1)) and \
                self.words_before(sp, 1)[-1][0] in self.lex.scales  # `60 triệu đồng tiền chênh`
        if um and (noun is None or len(noun[0]) <= um.end() - sp or noun[4] or after_scale):
            end = um.end()
            while True:
                pm = _PER.match(k, end)
                if not pm:
                    break
                pend = self._per_end(pm)
                unit += "/" + t[pm.start(1):pend].lower()
                end = pend
            return (unit, kind, sp, end)
        if attached:
            return None  # `8A3`: letters stuck to the number that are no unit
        if noun:
            return (noun[0], "noun", noun[1], noun[2])
        return None

    def read_noun(self, pos: int) -> tuple[str, int, int, bool, bool] | None:
        """(noun as written lower-cased, start, end, in lexicon, is abbreviation)."""
        words = self.words_after(pos, 6)
        if not words or words[0][1] != pos:
            return None
        t = self.t
        first_written = t[words[0][1]:words[0][2]]
        syl = [w[0] for w in words]
        entry = self.lookup(syl, self.lex.nouns)
        if first_written.isupper() and len(first_written) >= 2 and not entry:
            # an abbreviation used as a counted noun: `50 CCN`
            return (first_written.lower(), words[0][1], words[0][2], False, True)
        if first_written[:1].isupper() and not (entry and " ".join(entry) in self.lex.titles):
            return None  # a name after the number: `Cơ sở 3 Bệnh viện …`, `24 Trần Văn Hoài`
        if entry:
            n = len(entry)
            if n == 1 and syl[0] in self.lex.classifiers and len(syl) > 1:
                nxt = self.lookup(syl[1:], self.lex.nouns)
                if nxt and len(nxt) >= 2:
                    n += len(nxt)
            elif n == 1 and syl[0] not in _TIME_UNITS:
                n = _dictionary_word_length(syl)  # `10 nhà đầu tư`
            start, end = words[0][1], words[n - 1][2]
            return (t[start:end].lower(), start, end, True, False)
        if syl[0] in self.lex.scales:
            return None
        n = _dictionary_word_length(syl)  # `7 hành vi` -> `hành vi`
        stop = 1 if syl[0] in self.lex.stop1 else 0
        for m in (2, 3):
            if tuple(syl[:m]) in self.lex.stop_multi:
                stop = m
        if stop == 1 or (stop and n <= stop):  # `tuyên truyền` stops, `tuyên truyền viên` counts
            return None
        return (t[words[0][1]:words[n - 1][2]].lower(), words[0][1], words[n - 1][2], False, False)

    @staticmethod
    def lookup(syl: list[str], index: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
        if not syl:
            return None
        for entry in index.get(syl[0], ()):
            if tuple(syl[: len(entry)]) == entry:
                return entry
        return None

    # ---------------------------------------------------------------- main
    def scan(self) -> Iterator[Figure]:
        t = self.t
        pos = 0
        while True:
            m = _NUM.search(t, pos)
            if not m:
                return
            fig, end = self.at(m.start())
            if fig is not None:
                yield fig
            pos = max(end, m.end())

    def at(self, s: int) -> tuple[Figure | None, int]:
        """The figure that starts with the number at `s` (or None), and where scanning resumes."""
        t, k, lex = self.t, self.k, self.lex
        tok = self.numeral(s)
        tok_end = tok.end()
        # glued to a word or a code: `Covid-19`, `quý II/2025`, `8A3`, `H5N1`, URLs
        if s > 0:
            c1 = t[s - 1]
            if (c1.isalpha() and not self._missing_space(s)) or c1.isdigit():
                return None, self._skip_code(tok_end)
            if c1 in "-/.:_+#@&" and s > 1 and t[s - 2].isalnum():
                return None, self._skip_code(tok_end)
            if _SPACED_CODE.search(t, max(0, s - 4), s):  # `42 / 2005 / QH / 11`
                return None, self._skip_code(tok_end)
            if _SPLIT_CODE.search(t, max(0, s - 16), s) or _SPACED_DASH_CODE.search(t, max(0, s - 16), s):
                return None, self._skip_code(tok_end)
        for pat in (_FULL_DATE, _CLOCK, _DOCNUM):
            mm = pat.match(t, s)
            if mm:
                return None, max(mm.end(), tok_end)
        my = _MONTH_YEAR.match(t, s)
        if my and 1 <= int(my.group(1)) <= 12:
            return None, my.end()
        yr = _YEAR_RANGE.match(t, s)
        if yr:
            return None, yr.end()
        raw = tok.group()
        digits = raw.split(".")[0].split(",")[0]
        if len(digits) > 1 and digits.startswith("0") and (len(digits) > 2 or raw != digits):
            return None, self._skip_code(tok_end)  # phone numbers, codes (`02 xã` is a count)
        before = self.words_before(s)
        date_cue = self.ends_with(before, lex.date_cues) is not None
        # `22.4`, `5.5.`: day.month, unless a measure follows (`2.5 ha`, English decimal)
        dm = _DAY_MONTH_DOT.fullmatch(raw)
        if dm and 1 <= int(dm.group(1)) <= 31 and 1 <= int(dm.group(2)) <= 12:
            u = self.read_unit(tok_end)
            listed = u is not None and u[1] == "noun" and u[0].split()[0] not in _TIME_UNITS and \
                self.lookup([w[0] for w in self.words_after(u[2], 4)], lex.nouns) is not None
            nxt = self.words_after(tok_end, 1)
            scaled_next = bool(nxt) and nxt[0][0] in lex.scales and nxt[0][1] > tok_end  # `1.9 triệu cp`
            if (date_cue or not u or (u[1] == "noun" and not listed)) and not (scaled_next and not date_cue):
                return None, tok_end  # `Chiều 22.4,` (but `tăng 3.8 lần`, `5.5%` are decimals)
        n1 = self.read_number(s)
        if n1 is None:
            return None, self._skip_code(tok_end)
        if raw == "1" and self._one_idiom(tok_end):
            return None, tok_end   # `1 số nhà thuốc`, `1 phần quan trọng`: `một` as a determiner
        if tok_end < self.n and t[tok_end].isalpha() and not self._attached_unit(tok_end):
            return None, self._skip_code(tok_end)

        value, value_max, total = n1.value, None, None
        scaled = n1.scaled  # the figure carries a scale word (its own or a range's high end's)
        approx_max = None
        end = n1.end
        kind = "single"
        unit = self.read_unit(end)

        # `4 trên tổng số 8 huyện`: a ratio in words, one figure
        om = _OVER.match(self.k, end) if not unit else None
        if om and not n1.scaled:
            n2 = self.read_number(om.end())
            u2 = self.read_unit(n2.end) if n2 is not None and not n2.scaled else None
            if u2 is not None and n2.value >= n1.value:
                total, kind, end, unit = n2.value, "ratio", n2.end, u2

        # ratio `4/3 đảng viên`, `2,9 tỷ/3,1 tỷ`, or a date `16/4`
        sm = _SLASH_NUM.match(t, end) if kind == "single" else None
        if sm and not unit:
            n2 = self.read_number(sm.start(1))
            if n2 is None:
                return None, sm.end()
            if _YEARLIKE.fullmatch(sm.group(1)) and not n1.scaled:
                return None, n2.end  # `5/2025`
            u2 = self.read_unit(n2.end)
            plain = not n1.scaled and not n2.scaled and "," not in raw and "." not in raw \
                and "," not in sm.group(1) and "." not in sm.group(1)
            if plain and 1 <= n1.value <= 31 and 1 <= n2.value <= 12:
                is_date = date_cue or u2 is None or (u2[1] == "noun" and u2[0].split()[0] in _TIME_UNITS)
                if is_date:
                    return None, n2.end
            nxt = _SPACE.match(t, n2.end).end()
            if u2 is None and nxt < self.n and t[nxt].isupper():
                return None, n2.end  # `123/45 Nguyễn Trãi`: an address
            if _SLASH_NUM.match(t, n2.end) or (n2.end < self.n and t[n2.end] in "/-" and
                                               n2.end + 1 < self.n and t[n2.end + 1].isalnum()):
                return None, self._skip_code(n2.end)  # `12/3/4`, `17/2023/QH15` codes
            total = n2.value
            if n1.scaled and not n2.scaled:
                total = n2.value * (n1.value / parse_decimal(raw)) if parse_decimal(raw) else n2.value
            if n2.scaled and not n1.scaled:
                value = n1.value * (n2.value / (parse_decimal(sm.group(1)) or 1))
            kind = "ratio"
            end = n2.end
            unit = u2
            if unit is None and _HOURS.match(t, n2.end):
                unit = ("h", "unit", n2.end, n2.end + 1)   # `trực 24/24h`
            if unit is None:
                unit = self._counted_before(self.words_before(s, 7), s)   # `với số phiếu 62/62`

        # range `16-17%`, `từ 60 đến dưới 100%`, `3 - 5 ha`
        if kind == "single":
            rng = self._range(n1, unit, before)
            if rng == "date":
                return None, self._after_range(n1.end)
            if rng is not None:
                n2, unit2, approx_max = rng
                value_max = n2.value
                if n2.scaled and not n1.scaled:
                    scale = n2.value / (parse_decimal(self.numeral(n2.start).group()) or 1)
                    if n1.value * scale <= n2.value:
                        value = n1.value * scale
                kind = "range"
                end = n2.end
                unit = unit2 or unit
                scaled = scaled or n2.scaled  # `vốn 3-5 tỷ`, `5-7 triệu/tháng`

        # `giảm từ 10 xuống 5 vụ`, `tăng từ 5 lên 7 tỷ đồng`: the first number takes the unit
        if unit is None and kind == "single" and before and before[-1][0] == "từ":
            cm = _CHANGE.match(self.k, end)
            if cm:
                n2 = self.read_number(cm.end())
                u2 = self.read_unit(n2.end) if n2 else None
                if n2 is not None and u2 is not None:
                    unit = (u2[0], u2[1], end, end)
                    if n2.scaled and not n1.scaled:
                        scale = n2.value / (parse_decimal(self.numeral(n2.start).group()) or 1)
                        value = n1.value * scale

        # `hơn 223 tỷ ủng hộ`, `300 tỷ vốn ngân sách`: after a scale word a money word or verb is
        # no counted noun; the amount is bare (money by the rule below)
        if unit is not None and unit[1] == "noun" and scaled and lex.money.match(self.k, unit[2]):
            unit = None
        # what follows the (last) number
        if unit is not None:
            u_text, u_kind, u_start, u_end = unit
        else:
            u_text, u_kind, u_start, u_end = "", "none", end, end
        strong = u_kind not in ("noun", "none") or scaled
        noun_known = u_kind == "noun" and self.lookup([w[0] for w in self.words_after(u_start, 4)], lex.nouns) is not None

        # identifier heads before the number: `số 1`, `lớp 8`, `Trung ương 4`, `ngày 19`
        head = self.ends_with(before, lex.heads)
        if head is not None and len(before) > len(head):
            longer = tuple(w[0] for w in before[-(len(head) + 1):])
            if longer in lex.head_exceptions or before[-(len(head) + 1)][0] == "mỗi":
                head = None  # `trong số 5 xã`; `mỗi đợt 3 ngày`, `mỗi lớp 30 học sinh`
        if head in lex.verbal_heads and u_kind == "noun" and kind == "single" and value > 5:
            head = None  # `cấp 1.234 giấy chứng nhận` (but `cấp 2`, `trường cấp 3`)
        if head in lex.event_heads and kind == "single" and u_text.split()[:1] in (["ngày"], ["buổi"]) \
                and not re.match(r"[ \t\u00a0]*\d", k[u_end:u_end + 3]):
            head = None  # `đại hội 2 ngày`: how long the event lasts (but `Đại hội 13`)
        if head is None and self._last_of_headed_list(s):
            head = ("list",)  # `Huy hiệu 30, 40 và 50 năm tuổi Đảng`, `khoản 1, 2 và 3 điều 5`
        if head is not None and not strong and not (kind == "ratio" and head == ("thứ",)):
            return None, max(end, u_end) if kind != "single" else end
        soft = self.ends_with(before, lex.soft_heads)
        if soft is not None and not strong and (not noun_known or u_text.split()[0] in _PLACE_WORDS
                                                 or self._numbered_next(u_text, u_end)):
            return None, end  # `Bệnh viện 175 tiếp nhận`, `căn hộ 1205 tầng 12` (but `tòa nhà 28 tầng`)
        # a name right before the number: `Rạch Miễu 2`, `Vân Canh 1`, `TCVN 11041`
        if before and not strong and before[-1][2] == self._skip_back_spaces(s):
            w, ws, we = before[-1]
            written = t[ws:we]
            abbrev = len(written) >= 2 and written.isupper()
            # a capitalised verb opening a sentence (`Cứu 5 người`) is no name
            opening = self._skip_back_spaces(ws) == 0 or t[self._skip_back_spaces(ws) - 1] in _OPENERS
            if written[:1].isupper() and (abbrev or not opening) and w not in lex.stop1 \
                    and (w,) not in lex.approx and (w,) not in lex.date_cues and not (kind == "ratio") \
                    and not (noun_known and not abbrev and self._named_unit_before(before)):
                return None, end
        shared = None
        if unit is None and kind == "single" and not n1.scaled and not _YEARLIKE.fullmatch(raw):
            shared = self._list_unit(s, end)
        if shared is not None:  # `800, 1.000 và 1.200 thí sinh`, `tăng 5, 7 và 10%`
            last, scale = shared
            value = value * scale
            unit = (last.unit, "shared", end, end)
            u_text, u_kind, u_start, u_end = unit
        elif unit is None:
            if scaled:  # `2,9 tỷ` with nothing after: money when the sentence is about money
                u_text, u_kind = ("đồng", "money") if self._money_context(s, end) else ("", "none")
                pm = _PER.match(k, end)
                if u_text and pm:  # `159 triệu/lượng`
                    pend = self._per_end(pm)
                    u_text += "/" + t[pm.start(1):pend].lower()
                    end = pend
            elif kind != "ratio":
                return None, end
        # `hơn 1,970 doanh nghiệp`, `110,000-120,000 đồng/chục`: a single comma group of three
        # digits before a counted noun or đồng, with no scale word, is English thousands (a
        # count or a price in đồng is not a decimal like 1,97); measures keep the Vietnamese
        # reading (`2,500 ha`), and so does a scaled amount (`19,970 tỷ đồng`)
        if not scaled and kind in ("single", "range") and (u_kind == "noun" or u_text.split("/")[0] in _DONG):
            if _EN_THOUSANDS.fullmatch(raw):
                value = Decimal(raw.replace(",", ""))
            if kind == "range" and value_max is not None:
                raw2 = self.numeral(n2.start).group()
                if _EN_THOUSANDS.fullmatch(raw2) and _EN_THOUSANDS.fullmatch(raw):
                    value_max = Decimal(raw2.replace(",", ""))
        # years: `2025` with no measure after it
        if kind == "single" and _YEARLIKE.fullmatch(raw) and not strong and not noun_known:
            return None, end
        if kind == "single" and _YEARLIKE.fullmatch(raw) and u_kind == "noun" and u_text.split()[0] in _TIME_UNITS:
            return None, end
        # periods and clock times
        if u_kind == "noun":
            first = u_text.split()[0]
            if first in _TIME_UNITS and self._is_period(first, u_end, before):
                return None, u_end
            if first == "giờ" and self._is_clock(u_end, before):
                mm = _CLOCK_REST.match(self.k, u_end)
                return None, mm.end() if mm else u_end

        # the figure's extent, approximators and `từ`
        f_start = n1.start
        approx = None
        if before and before[-1][2] == self._skip_back_spaces(s):
            a = self.ends_with(before, lex.approx)
            if a and kind == "range" and before[-1][0] == "từ":
                a = None
            if kind == "range" and before[-1][0] == "từ":
                f_start = before[-1][1]
            elif a:
                approx = " ".join(a)
        sb = self._skip_back_spaces(s)
        if sb > 0 and t[sb - 1] in lex.approx_signs:
            approx = t[sb - 1]
            f_start = sb - 1
        if f_start == s and kind == "single" and self._minus(s):
            value, f_start = -value, s - 1   # `(-75 độ C)`
        f_end = max(end, u_end) if unit is not None else end
        text = t[f_start:f_end]
        fig = Figure(
            text=text,
            value=to_number(value),
            value_max=to_number(value_max) if value_max is not None else None,
            total=to_number(total) if total is not None else None,
            unit=u_text,
            quantity=self._quantity(f_start, f_end, u_kind),
            span=[f_start, f_end],
        )
        if approx:
            fig.extra["approx"] = approx
        if approx_max:
            fig.extra["approx_max"] = approx_max
        return fig, f_end

    # ---------------------------------------------------------------- helpers
    def _one_idiom(self, end: int) -> bool:
        nxt = self.words_after(end, 1)
        return bool(nxt) and nxt[0][1] - end <= 1 and (nxt[0][0],) in self.lex.one_idioms

    def _minus(self, s: int) -> bool:
        """A minus sign stuck to the number after a space or a bracket: `(-75 độ C)`, `âm`
        written as a sign (not a range's dash, `5 -7`, nor a code's)."""
        t = self.t
        if s < 1 or t[s - 1] not in "-−":
            return False
        if s >= 2 and t[s - 2] not in " (\t\u00a0\n":
            return False
        p = self._skip_back_spaces(s - 1)
        return p == 0 or not (t[p - 1].isalnum() or t[p - 1] in "%-–")

    def _counted_before(self, before, s: int) -> tuple[str, str, int, int] | None:
        """`với số phiếu bầu 48/50`: a ratio with nothing after it counts the noun written
        between `số` and the number; (unit, "noun", start, end) or None."""
        for x in range(len(before) - 2, -1, -1):
            if before[x][0] == "số":
                words = before[x + 1:]
                while words and ((words[-1][0],) in _FILLERS or tuple(w[0] for w in words[-2:]) in _FILLERS):
                    words = words[:-2] if tuple(w[0] for w in words[-2:]) in _FILLERS else words[:-1]
                gap = self.t[before[x][2]:s]
                if 1 <= len(words) <= 3 and not re.search(r"[^\w \t\u00a0]", gap):
                    return (self.t[words[0][1]:words[-1][2]].lower(), "noun", s, s)
                return None
        return None

    def _missing_space(self, s: int) -> bool:
        """A lower-case function word stuck to the number is a missing space, not a code:
        `còn có11.658 cây xanh`, `trên12 km` (but `U23`, `KV9`, `H5N1`, `Covid19`)."""
        ws = s
        while ws > 0 and self.t[ws - 1].isalpha():
            ws -= 1
        word = self.t[ws:s]
        if len(word) < 2 or not word.islower() or (ws > 0 and self.t[ws - 1] in "-/._"):
            return False
        w = self.k[ws:s]
        return w in self.lex.stop1 or (w,) in self.lex.approx

    def _skip_code(self, pos: int) -> int:
        """Past the rest of a code such as `6ae6e8c35`, `8A3`, `1.2.3`."""
        t = self.t
        while pos < self.n and (t[pos].isalnum() or (t[pos] in "./-_" and pos + 1 < self.n and t[pos + 1].isalnum())):
            pos += 1
        return pos

    def _skip_back_spaces(self, pos: int) -> int:
        while pos > 0 and self.t[pos - 1] in " \t\u00a0\u202f":
            pos -= 1
        return pos

    def _per_end(self, pm: re.Match) -> int:
        """Where the word after `/` ends: a listed counted noun or a dictionary word may run on
        (`đồng/sản phẩm`, `m3/ngày đêm`); `đồng/người/tháng` stops at the next `/`."""
        words = self.words_after(pm.start(1), 4)
        if not words or words[0][1] != pm.start(1) or words[0][2] != pm.end(1):
            return pm.end()
        syl = [w[0] for w in words]
        entry = self.lookup(syl, self.lex.nouns)
        n = len(entry) if entry else 1
        n = max(n, _dictionary_word_length(syl))
        return words[n - 1][2]

    def _attached_unit(self, pos: int) -> bool:
        um = self.lex.units.match(self.k, pos)
        if um:
            return True
        w = self.word_at(pos)  # `5tr/tháng`, `500k/người`
        return bool(w) and w[0] in self.lex.scales and self._scale_ok(w, False)

    def _after_range(self, pos: int) -> int:
        m = _RANGE_DASH.match(self.t, pos)
        if m:
            n = _NUM.match(self.t, m.end())
            if n:
                return self._skip_code(n.end())
        return pos

    def _range(self, n1: _Num, unit, before):
        """(second number, its unit, approximator before it) for a range at n1; `"date"`; or None."""
        t = self.t
        pos = n1.end
        starts_tu = bool(before) and before[-1][0] == "từ"
        connectors = []
        m = _RANGE_DASH.match(t, pos)
        if m:
            connectors.append((m.end(), "-"))
        m = _RANGE_WORD.match(self.k, pos)
        if m:
            connectors.append((m.end(), "đến"))
        if unit is not None and (starts_tu or unit[1] != "noun"):  # `từ 3 ha đến 5 ha`, `2%-3%`
            m = _RANGE_WORD.match(self.k, unit[3])
            if m:
                connectors.append((m.end(), "đến"))
            m = _RANGE_DASH.match(t, unit[3])
            if m and unit[1] != "noun":
                connectors.append((m.end(), "-"))
        for cpos, how in connectors:
            approx_max = None
            w = self.word_at(cpos)
            if w and how == "đến" and (w[0],) in self.lex.approx:
                approx_max = w[0]
                cpos = _SPACE.match(self.k, w[2]).end()
            if not _NUM.match(t, cpos):
                continue
            raw2 = _NUM.match(t, cpos).group()
            if how == "-":
                dm = _DAY_MONTH_DOT.fullmatch(raw2)
                if dm or _FULL_DATE.match(t, cpos) or _MONTH_YEAR.match(t, cpos):
                    return "date"  # `16 - 22.4`
                if _SLASH_NUM.match(t, cpos + len(raw2)):
                    return "date"  # `16 - 22/4`
            n2 = self.read_number(cpos)
            if n2 is None:
                continue
            if _DOCNUM.match(t, cpos):
                continue
            if n2.value <= n1.value and not (n2.scaled and not n1.scaled):
                if how == "-" and self.ends_with(before, self.lex.date_cues):
                    return "date"
                continue
            unit2 = self.read_unit(n2.end)
            if unit2 is None and _YEARLIKE.fullmatch(raw2) and not n2.scaled:
                continue  # `tăng 7% đến 2025`: a deadline, not a range
            if unit2 is None and unit is None and not n2.scaled:
                shared = self._list_unit(n1.start, n2.end, ranges=True)
                # `Từ 18 - 40 và 41 - 60 tuổi` (not when the next range's scale would be needed)
                if shared is not None and shared[0].value == to_number(self.read_number(shared[0].span[0]).value):
                    return n2, (shared[0].unit, "shared", n2.end, n2.end), approx_max
                if how == "-" and (self.ends_with(before, self.lex.date_cues) or self.ends_with(before, self.lex.heads)):
                    return "date"
                continue
            if how == "-" and unit2 is not None and unit2[0] == "tháng" and unit is None \
                    and re.match(r"[ \t]*\d", t[unit2[3]:unit2[3] + 3]):
                return "date"  # `20 - 22 tháng 9`
            return n2, unit2, approx_max
        return None

    def _money_context(self, start: int, end: int) -> bool:
        if self.k.rfind("tỷ", start, end) >= 0 or self.k.rfind("tỉ", start, end) >= 0:
            return True  # a bare `tỷ` is money (`vốn 3-5 tỷ`)
        lo, hi = max(0, start - 120), min(self.n, end + 120)
        left = self.k.rfind("\n", lo, start) + 1 or lo
        right = self.k.find("\n", end, hi)
        window = self.k[max(lo, left):(right if right >= 0 else hi)]
        return self.lex.money.search(window) is not None

    def _is_period(self, word: str, pos: int, before) -> bool:
        if word == "tháng" and re.match(r"[ \t\u00a0]*\d", self.k[pos:pos + 3]):
            return True  # `30 tháng 4`: a date
        after = self.words_after(pos, 2)
        if word in _CALENDAR_UNITS and word != "năm" and after and after[0][0] == "năm" and after[0][1] - pos <= 2:
            return True  # `9 tháng năm 2022`, `6 tháng năm nay`
        if word in _CALENDAR_UNITS and _YEAR_AFTER.match(self.k, pos):
            return True  # `10 năm 2021 - 2030`
        if word in ("tháng", "quý") and re.match(r"/(?:19|20)\d\d(?!\d)", self.k[pos:pos + 6]):
            return True  # `kim ngạch 7 tháng/2017`: the first 7 months of 2017
        if word == "năm" and after and after[0][1] - pos <= 2 and self._tail(after[0][1], self.lex.anniversary) \
                and not (before and before[-1][0] in _DURATION_LEADS):
            return True  # `50 năm Ngày Giải phóng miền Nam`, `75 năm thiết lập quan hệ` (not `sau 50 năm ...`)
        if word == "tháng" and after and after[0][1] - pos <= 2 and self._tail(after[0][1], self.lex.months):
            return True  # `10 tháng Giêng`: a (lunar) date
        if word in ("tháng", "quý", "năm") and self._report_period(pos, before):
            return True  # `Trong 9 tháng, thu ngân sách ...`, `doanh thu 5 tháng đạt ...`
        if after and after[0][1] - pos <= 2:
            if after[0][0] == "trước":
                # `5 năm trước` (ago) is a point in time; `20 ngày trước ngày khai mạc` a duration
                nxt = self.words_after(after[0][2], 1)
                return not (nxt and nxt[0][0] in _BEFORE_EVENT)
            if (after[0][0],) in self.lex.period_tails or tuple(w[0] for w in after[:2]) in self.lex.period_tails:
                # `sau 3 ngày triển khai tiêm`: after `sau`/`trong`, the time an activity has run
                # is a span; implementing a named text is a period (`sau 3 năm triển khai Đề án`)
                if after[0][0] in _ACTS and len(after) > 1 and before and before[-1][0] in _DURATION_LEADS:
                    obj = self.words_after(after[1][2], 1)
                    return bool(obj) and self.t[obj[0][1]:obj[0][1] + 1].isupper()
                return True
        if word not in _CALENDAR_UNITS:
            return False
        if self.ends_with(before, self.lex.period_leads) or \
                (len(before) >= 2 and self.ends_with(before[:-1], self.lex.period_leads)):
            return True
        return False

    def _numbered_next(self, u_text: str, u_end: int) -> bool:
        """Whether the noun after the number is itself a head numbered right after
        (`căn hộ 1205 tầng 12`, `phòng 201 tầng 2`): then both numbers are an address."""
        sp = _SPACE.match(self.k, u_end).end()
        if sp == u_end or sp >= self.n or not self.k[sp].isdigit():
            return False
        syl = tuple(u_text.split())
        if syl not in self.lex.soft_heads and syl not in self.lex.heads:
            return False
        n = self.read_number(sp)  # `tầng 12;` names a floor, `tầng 2 mặt tiền` counts again
        return n is not None and self.read_unit(n.end) is None

    def _named_unit_before(self, before) -> bool:
        """Whether the capitalised words right before a number name an administrative unit
        introduced by its level word (`xã Mỹ Tú 100 suất`, `huyện Phù Mỹ 3 xã`): then a listed
        counted noun after the number makes it a count, not part of the name."""
        t = self.t
        i = len(before) - 1
        while i >= 0 and t[before[i][1]].isupper():
            i -= 1
        if i == len(before) - 1:
            return False
        if i >= 0 and before[i][0] in _LEVEL_WORDS and before[i][2] + 1 >= before[i + 1][1]:
            return True
        # a listed district or province named without its level word, in a list of counts
        # (`huyện Bình Sơn 6.500 nhà, Tư Nghĩa 1.567 nhà`): two or more capitalised words that
        # the gazetteer knows as a district or province, after a comma or `và`
        if len(before) - 1 - i < 2 or len(before) - 1 - i > 4:
            return False
        a, b = before[i + 1][1], before[-1][2]
        if not re.search(r"(?:,|\bvà)[ \t\u00a0]*$", t[max(0, a - 6):a]):
            return False
        return any(u.level in _DISTRICT_OR_PROVINCE for u in get_gazetteer().candidates(t[a:b]))

    def _last_of_headed_list(self, start: int) -> bool:
        """Whether the number at `start` ends a list (`..., 40 và 50`) whose first member has an
        identifier head: then it names the same kind of thing as the first one."""
        t = self.t
        m = _LIST_BEFORE.search(t, max(0, start - 30), start)
        if not m or not re.search(r"(?:và|hoặc)[ \t\u00a0]+$", m.group()):
            return False
        first = m.start(1)
        for _ in range(8):
            m = _LIST_BEFORE.search(t, max(0, first - 30), first)
            if not m:
                break
            first = m.start(1)
        return self.ends_with(self.words_before(first), self.lex.heads) is not None

    def _list_unit(self, start: int, end: int, ranges: bool = False):
        """(the figure that ends a list, its scale) when the number at `start`..`end` is an
        earlier member of a list of numbers whose last member has the unit: `800, 1.000 và
        1.200 thí sinh`. Not when the list opens with an identifier head (`Điều 3, 4 và 5`,
        `ngày 3, 4 và 5 tháng 6`)."""
        t, k = self.t, self.k
        first = start
        for _ in range(8):  # back to the list's first member
            m = _LIST_BEFORE.search(t, max(0, first - 30), first)
            if not m:
                break
            first = m.start(1)
        before = self.words_before(first)
        cue = self.ends_with(before, self.lex.date_cues)
        if self.ends_with(before, self.lex.heads) is not None or \
                (cue is not None and cue not in _RANGE_OPENERS):
            return None  # `Điều 3, 4 và 5`, `Sáng 5, 120 hộ` (but `từ 18 - 40 và 41 - 60 tuổi`)
        pos = end
        for _ in range(8):
            m = _LIST_SEP.match(k, pos)
            if not m or m.end() >= self.n or not t[m.end()].isdigit():
                return None
            n = self.read_number(m.end())
            if n is None:
                return None
            if self.read_unit(n.end) is not None or (ranges and _RANGE_DASH.match(t, n.end)):
                if self._list_depth >= 2:  # a list's last member is read at most two lists deep
                    return None
                self._list_depth += 1
                try:
                    fig, _ = self.at(m.end())
                finally:
                    self._list_depth -= 1
                if fig is None or not fig.unit or (fig.value_max is not None and not ranges) \
                        or fig.total is not None or fig.span[0] != m.end():
                    return None
                raw = self.numeral(m.end()).group()
                d = parse_decimal(raw) or 1
                return fig, (n.value / d if n.scaled else 1)
            if n.end < self.n and t[n.end] in "-–—/":
                return None
            pos = n.end
        return None

    def _tail(self, pos: int, table: dict[tuple[str, ...], bool]) -> bool:
        """Whether the words at `pos` are an entry of `table` (capitalised where it says so)."""
        words = self.words_after(pos, 3)
        for n in (3, 2, 1):
            if len(words) >= n:
                cap = table.get(tuple(w[0] for w in words[:n]))
                if cap is not None and (not cap or self.t[pos].isupper()):
                    return True
        return False

    def _report_period(self, pos: int, before) -> bool:
        """A reporting period rather than a duration: `N tháng` opening a sentence and closed
        by a comma (`Trong 9 tháng, thu ngân sách đạt ...`, `6 tháng, thi hành kỷ luật ...`),
        or between a measure and `đạt`/`ước` (`doanh thu 5 tháng đạt 2.218 tỉ đồng`)."""
        k = self.k
        sp = _SPACE.match(k, pos).end()
        # the number's start: skip back over the digits right before the time word
        i = pos
        while i > 0 and not k[i - 1].isdigit():
            i -= 1
        while i > 0 and (k[i - 1].isdigit() or k[i - 1] in ".,"):
            i -= 1
        lead = [w for w in before if w[2] <= i]
        if sp < self.n and k[sp] == ",":
            if len(lead) >= 2 and (lead[-2][0], lead[-1][0]) == ("tính", "chung"):
                return True  # `Tính chung 2 tháng, xuất khẩu ...`
            led = bool(lead) and lead[-1][0] in ("trong", "qua")
            j = self._skip_back_spaces(lead[-1][1] if led else i)
            if j == 0 or k[j - 1] in _OPENERS or (led and k[j - 1] == ","):
                return True  # `Trong 9 tháng, ...`, `Cụ thể, qua 3 tháng, xuất khẩu ...`
        after = self.words_after(pos, 2)
        if after and after[0][1] - pos <= 2 and after[0][0] in ("đạt", "ước"):
            chain = lead[-3:]
            for n in (3, 2, 1):
                if len(chain) >= n and self.lookup([w[0] for w in chain[-n:]], self.lex.qheads) == \
                        tuple(w[0] for w in chain[-n:]):
                    return True
        return False

    def _is_clock(self, pos: int, before) -> bool:
        if before and before[-1][0] in self.lex.clock_before:
            return True
        sp = _SPACE.match(self.k, pos).end()
        if sp < self.n and self.k[sp].isdigit():
            return True
        after = self.words_after(pos, 1)
        return bool(after) and after[0][0] in self.lex.clock_after

    def _quantity(self, start: int, end: int, kind: str) -> str | None:
        """What the figure measures: the noun after a percentage (`100% chỉ tiêu`), or a
        measure noun opening the clause before the number (`diện tích giải tỏa 46.346,8m2`)."""
        t = self.t
        if kind == "percent":
            words = self.words_after(end, 6)
            syl = [w[0] for w in words]
            i = 0
            while i < len(words):
                if i and words[i][1] - words[i - 1][2] > 1:
                    break
                entry = self.lookup(syl[i:], self.lex.nouns)
                if entry:
                    i += len(entry)
                elif syl[i] in self.lex.stop1 or (i == 0 and words[0][1] - end > 1):
                    break
                else:
                    i += 1
            if i:
                return t[words[0][1]:words[i - 1][2]]
        before = self.words_before(start, 10)
        # the clause: words chained by single spaces right up to the number
        chain: list[tuple[str, int, int]] = []
        pos = self._skip_back_spaces(start)
        for w in reversed(before):
            if w[2] != pos:
                break
            chain.append(w)
            pos = self._skip_back_spaces(w[1])
        chain.reverse()
        syl = [w[0] for w in chain]
        for i in range(len(syl)):
            head = self.lookup(syl[i:], self.lex.qheads)
            if head and (len(head) > 1 or i == 0 or syl[i] != "số"):
                j = len(syl)
                # drop the verb or approximator between the measure and the number
                for cut in range(i + len(head), len(syl)):
                    if syl[cut] in self.lex.stop1 or (syl[cut],) in self.lex.approx:
                        j = cut
                        break
                if j - i == len(head) and kind == "noun" and head[-1] in ("số", "lượng"):
                    return None  # `tổng số 36 dự án`: the counted noun already says it
                if j > i:
                    return t[chain[i][1]:chain[j - 1][2]]
        return None


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[tuple[str, ...]]:
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


def _dictionary_word_length(syl: list[str]) -> int:
    """How many of the syllables `syl` form one dictionary word (at least 1)."""
    words = _dictionary()
    for n in (4, 3, 2):
        if len(syl) >= n and tuple(syl[:n]) in words:
            if any(x in lexicon().stop1 for x in syl[1:n]):
                continue
            return n
    return 1


def find_figures(text_or_doc) -> list[Figure]:
    """The figures of a text (or a `Doc`), in text order."""
    doc = text_or_doc if isinstance(text_or_doc, Doc) else _LightDoc(text_or_doc)
    return list(_Scanner(doc).scan())


class _LightDoc:
    """Just what the scanner reads from a Doc: text and match key (no sentence split)."""

    def __init__(self, text: str) -> None:
        self.text = nfc(text)
        self.key = match_key(self.text)


def annotate(doc: Doc) -> None:
    """Add figures to `doc`, one per occurrence, in text order."""
    doc.figures.extend(_Scanner(doc).scan())


__all__ = ["annotate", "find_figures", "lexicon"]
