"""The documents component: references to Party and State documents.

A reference identifies a document

- by number: ``Chỉ thị số 01-CT/TU``, ``Nghị định 24/2022/NĐ-CP``, ``Kết luận 01-KL/TW``,
  a bare ``số 1234/QĐ-UBND`` (the type then comes from the code), or a short serial
  ``Chỉ thị 45 của Bộ Chính trị`` (linked to ``45-CT/TW`` when that is cited too);
- by name: ``Luật Hợp tác xã``, ``Luật Đất đai năm 2024``, ``Bộ luật Hình sự``;
- by issuer or session: ``Nghị quyết Trung ương 4 (khóa XII)``, ``NQ Đảng bộ xã năm 2022``,
  ``Nghị quyết Đại hội Đảng các cấp nhiệm kỳ 2020 - 2025``, ``NQ của Tỉnh ủy``.

Abbreviated types are expanded (``NQ`` -> Nghị quyết), also when introduced in the text
(``Nghị quyết (NQ)``). Every document becomes one `Directive(kind="document")` with all
its mentions: repeated numbers, repeated names, short serials, and issuer-only
references (``Chỉ thị của Ban Bí thư``) that point back to a cited document.
A bare ``Nghị quyết``/``NQ`` with nothing identifying is not a document reference, nor are
movements, campaigns and unnumbered programmes.

The number grammar lives in `vnnews.nlp.docnumbers`; `parse_number` is re-exported here.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from .. import resources
from ..models import Directive
from .component import declares
from .doc import Doc
from .lexicon import loader
from . import docnumbers
from .docnumbers import DASH_CLASS, DocNumber, NUMBER_RE, find_numbers, issuer_classes, number_key, parse_number
from .rules import verdict
from .textnorm import match_key

__all__ = ["annotate", "find_documents", "parse_number", "DocNumber"]

UPPER = "A-ZĐÐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
SP = r"[ \u00a0]+"
OSP = r"[ \u00a0]*"
DASH = DASH_CLASS  # inside character classes only
ROMAN = r"[IVXLC]{1,7}(?!\w)"
ORD_WORDS = ("nhất", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
ORD_WORD = rf"(?:{'|'.join(ORD_WORDS)})(?:{SP}(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?(?!\w)"
LAN = rf"(?i:lần){SP}(?i:thứ){SP}(?:\d{{1,2}}(?!\w)|{ROMAN}|{ORD_WORD})"
KHOA = rf"(?:\({OSP}(?i:khóa){SP}[IVXLC]{{1,7}}{OSP}\)|(?i:khóa){SP}{ROMAN})"
TERM = rf"(?i:nhiệm{SP}kỳ){OSP}(?:19|20)\d\d{OSP}[{DASH}]{OSP}(?:19|20)\d\d(?!\d)"
YEAR = rf"(?i:năm){SP}(?:19|20)\d\d(?!\d)"
TAIL = rf"(?:{OSP},?{OSP}{KHOA})?(?:{OSP},?{OSP}{LAN})?(?:{OSP},?{OSP}{KHOA})?(?:{OSP},?{OSP}{TERM})?(?:{SP}{YEAR})?"
PROPER = rf"[{UPPER}][{LOWER}]*(?:{SP}[{UPPER}][{LOWER}]*){{0,3}}(?!\w)"
LEVEL = rf"(?:tỉnh|thành{SP}phố|TP\.?|huyện|quận|thị{SP}xã|thị{SP}trấn|xã|phường|khối|đặc{SP}khu)(?!\w)"
CUA = rf"(?:(?i:của){SP})?"

# Nghị quyết Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII; NQ Trung ương 4 (khóa XII)
CENTRAL = re.compile(
    rf"{SP}{CUA}(?:(?i:hội{SP}nghị){SP}(?:{LAN}{OSP}[,{DASH}]?{OSP})?)?"
    rf"(?:(?:Ban{SP}[Cc]hấp{SP}hành|BCH){SP})?(?:Trung{SP}ương|TW|TƯ|T\.Ư|trung{SP}ương)(?:{SP}(?:Đảng|đảng))?"
    rf"(?:{SP}(?:{LAN}|\d{{1,2}}(?![\w/]|[.,]\d)))?{TAIL}"
)
# Nghị quyết Đại hội Đảng các cấp nhiệm kỳ 2020 - 2025; nghị quyết Đại hội Đảng lần thứ XIV; nghị quyết
# đại hội đảng bộ huyện lần thứ XX (in lower case too)
CONGRESS = re.compile(
    rf"{SP}{CUA}[Đđ]ại{SP}hội(?:{SP}(?i:đại{SP}biểu))?(?:{SP}(?i:toàn{SP}quốc))?"
    rf"(?:{SP}(?i:các{SP}cấp)(?!\w)|{SP}(?:[Đđ]ảng{SP}bộ|[Đđ]ảng)(?:{SP}(?i:các{SP}cấp))?(?:{SP}{LEVEL}(?:{SP}{PROPER})?|{SP}{PROPER})?)?"
    rf"(?:{SP}(?i:toàn{SP}quốc))?(?:{SP}(?:{LAN}|{ROMAN}))?(?:{SP}(?i:của){SP}Đảng)?{TAIL}"
)
BODY_WORDS = (
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy", "Đảng bộ", "Bộ Chính trị",
    "Ban Bí thư", "Ủy ban Thường vụ Quốc hội", "Quốc hội", "HĐND", "Hội đồng nhân dân", "UBND",
    "Ủy ban nhân dân", "Chính phủ", "Thủ tướng Chính phủ", "Thủ tướng", "Chủ tịch nước",
    "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "Ban Chỉ đạo", "Chủ tịch UBND",
    "Chủ tịch Ủy ban nhân dân",
)
_BODY_ALT = "|".join(w.replace(" ", SP) for w in sorted(BODY_WORDS, key=len, reverse=True))
# NQ Đảng bộ xã năm 2022; NQ của Tỉnh ủy; Chỉ thị của Ban Bí thư; Kế hoạch của UBND thành phố
BODY = re.compile(
    rf"{SP}{CUA}(?:(?:Ban{SP}[Cc]hấp{SP}hành|BCH|Ban{SP}[Tt]hường{SP}vụ|BTV|Thường{SP}trực|Thường{SP}vụ|Phó){SP})?"
    rf"(?P<org>{_BODY_ALT})(?!\w)(?:{SP}{LEVEL}(?:{SP}{PROPER})?|{SP}{PROPER})?{TAIL}"
)
# Nghị quyết Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ tỉnh (khóa XIX): a local plenum
PLENUM = re.compile(
    rf"{SP}{CUA}(?i:hội{SP}nghị){SP}(?:{LAN}{OSP},?{OSP})?(?:(?:Ban{SP}[Cc]hấp{SP}hành|BCH|Ban{SP}[Tt]hường{SP}vụ|BTV){SP})?"
    rf"(?P<org>{_BODY_ALT})(?!\w)(?:{SP}{LEVEL}(?:{SP}{PROPER})?|{SP}{PROPER})?{TAIL}"
)
# Nghị quyết Kỳ họp thứ 7 HĐND tỉnh khóa XVI
SITTING = re.compile(
    rf"{SP}{CUA}(?:(?i:tại){SP})?(?i:kỳ{SP}họp){SP}(?i:thứ){SP}(?:\d{{1,2}}(?!\w)|{ROMAN}|{ORD_WORD})"
    rf"(?:{OSP},?{OSP}(?:(?:của){SP})?(?P<org>HĐND|Hội{SP}đồng{SP}nhân{SP}dân|Quốc{SP}hội)(?!\w)"
    rf"(?:{SP}{LEVEL}(?:{SP}{PROPER})?)?)?{TAIL}"
)
# `Ban Chỉ đạo 138/CP`, `Tổ công tác 970`: a body named by a number, not a document
NUMBERED_BODY = re.compile(r"(?<!\w)(?:ban\s+chỉ\s+đạo|tổ\s+công\s+tác|đoàn\s+công\s+tác)\s+$", re.I)
NEEDS_PLACE = ("đảng ủy", "đảng bộ", "ban chỉ đạo")  # not identifying without a place or name

DATE = rf"(?:\d{{1,2}}[/.{DASH}]\d{{1,2}}(?:[/.{DASH}]\d{{2,4}})?(?!\d)|\d{{1,2}}{SP}tháng{SP}\d{{1,2}}{SP}năm{SP}\d{{4}})"
ISSUER_LEAD = re.compile(rf"{OSP},?{OSP}(?:(?i:ngày){SP}{DATE}{OSP},?{OSP})?(?i:của){SP}")
# a modifier between the type word and `số` (`Chương trình hành động số`, `Kết luận Thanh tra số`),
# not another type word
_MOD = rf"(?!(?i:nghị|quyết|chỉ|thị|kết|luận|định|thông|tư|kế|hoạch|công|văn|báo|luật|số)(?!\w))[{UPPER}]?[{LOWER}]+"
NUMREF = re.compile(
    rf"(?:{SP}(?:{_MOD}{SP}){{0,3}}?(?i:số){OSP}:?{OSP}|{SP})(?P<num>{NUMBER_RE.pattern})"
)
PARTIAL = re.compile(
    rf"{SP}(?P<paren>\((?=(?i:số)))?(?P<so>(?i:số){OSP}:?{OSP})?(?P<serial>\d{{1,4}}[a-z]?(?:{OSP}/{OSP}(?:19|20)\d\d)?)"
    rf"(?![\w/&]|[.,]\d|{OSP}[{DASH}]{OSP}\w)(?(paren)\))"   # `công văn khẩn (số 3697)`: a number in brackets
)
YEAR_AFTER = re.compile(rf"{SP}năm{SP}(?:19|20)\d\d(?!\d|{OSP}[{DASH}]{OSP}\d)")
SERIAL_NEXT = re.compile(
    rf"{OSP}(?:,|;|và|,{OSP}và){OSP}(?:(?i:số){OSP})?(?P<serial>\d{{1,4}}[a-z]?)(?![\w/&]|[.,]\d|{OSP}[{DASH}]{OSP}\w)"
)
# `Nguyễn Văn Luật`: two capitalised syllables right before the type word make it part of a name
NAME_BEFORE = re.compile(rf"(?<!\w)[{UPPER}][{LOWER}]*{SP}[{UPPER}][{LOWER}]*{SP}$")
PLURAL_BEFORE = re.compile(r"(?<!\w)(?:các|những|nhiều|mọi|một số|hai|ba)(?:[ \u00a0]+dự thảo)?[ \u00a0]+$", re.I)
# a count before the type word (`thông qua 12 nghị quyết`, `cho ý kiến 2 dự thảo nghị quyết về …`): a
# figure, not a document; not an article's or a date's number (`Điều 11 Nghị định`, `17/2/2025 Quyết định`)
COUNT_BEFORE = re.compile(rf"(?<![\w/.,{DASH}])\d{{1,3}}(?:\.\d{{3}})*(?:{SP}(?:dự{SP}thảo|bản))?{SP}$", re.I)
NUMBERED_PART = re.compile(r"(?<!\w)(?:điều|khoản|điểm|mục|chương|phần|phụ lục|số|ngày|tháng|quý|tuần|lần|kỳ|đợt|"
                           r"khóa|thứ)[ \u00a0]*$", re.I)
# words that make a short serial a quantity (`Kế hoạch 5 năm`, `Đề án 1 triệu ha`)
QUANTITY_WORDS = frozenset(
    "năm tháng tuần giờ phút giây quý triệu tỷ tỉ nghìn ngàn trăm chục người hộ ha km m m2 tấn kg "
    "lít đồng usd % điểm lần xã huyện tỉnh cái chiếc căn ngôi con cây học sinh sinh viên đợt lượt cuộc vòng "
    "bản trang điều khoản mục nội dung nhiệm vụ giải pháp chỉ tiêu tiêu chí nhóm lĩnh vực đơn vị cơ quan dự án "
    "công trình sản phẩm mô hình hội nghị kỳ buổi tập thể cá nhân đồng chí đảng viên gia đình tuổi số".split()
)
WORD_RE = re.compile(r"[\w%]+")
# a law's number after its name: `Luật Đất đai số 31/2024/QH15`, `Luật ..., số 45/2013/QH13`
LAW_NUMBER = re.compile(rf"\s*,?\s*số\s+(?P<num>{NUMBER_RE.pattern})")

ISSUER_THEN_NUMBER = re.compile(rf"{OSP},?{OSP}(?i:số){OSP}(?P<num>{NUMBER_RE.pattern})")
# `Luật sửa đổi, bổ sung một số điều của Bộ luật A, Luật B … số 85/2025/QH15`: the number after
# the amended laws' names is the amending law's own
AMENDING = re.compile(rf"{SP}sửa{SP}đổi{OSP},?{OSP}(?:và{SP})?bổ{SP}sung(?:{SP}một{SP}số{SP}điều)?{SP}của(?=[ \u00a0])")
AMENDED_GAP = re.compile(r"[^.;:\n]*")   # the amended laws' names lie in one sentence after the lead

# issuer scanning (after `của`, before `ban hành`)
ISSUER_TOKEN = re.compile(rf"{OSP}(\({OSP}(?i:khóa){SP}[IVXLC]+{OSP}\)|[\w&]+(?:\.[\w&]+)*\.?)")
ISSUER_CONNECT = frozenset("tỉnh huyện xã phường quận thị trấn thành phố khóa nhân dân lần thứ đảng".split())
ISSUER_STOP = frozenset(
    "về của và đã vừa mới đang sẽ ngày tại theo để với trong cho nhằm thì là có được phê ký "
    "tổ chức thực hiện triển khai năm đến từ ra".split()
)
BAN_HANH_BEFORE = re.compile(rf"(?:{SP}(?:đã|vừa|mới|chính thức))*{SP}ban{SP}hành{SP}$")  # not `ký`: a signer


# ---------------------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class TypeWord:
    phrase: str
    doc_type: str | None
    flags: str


@dataclass(frozen=True)
class Lexicon:
    """The documents word lists (`resources/documents/`) as the patterns that scan for them,
    built by `load()`."""

    words: dict[str, TypeWord]          # each written form of a type word -> the type word
    type_re: re.Pattern                 # a type word, maybe with an abbreviation it introduces
    law_re: re.Pattern                  # a listed law name after `Luật`
    law_fallback: re.Pattern            # an unlisted law name after `Luật`
    subject_verbs: re.Pattern           # a naming verb after a type word (subject_verbs.txt)
    subject_lead: re.Pattern            # words before a lower-case type word (subject_leads.txt)
    subject_stops: re.Pattern           # what ends a subject (subject_stops.txt)
    subject_personnel: re.Pattern       # words of a personnel decision (subject_personnel.txt)
    of_issuer_verb: re.Pattern          # `của` and an issuer before a naming verb
    order: re.Pattern                   # an order verb that names a telegram (order_verbs.txt)
    order_any: re.Pattern               # an order verb, with its object or not
    recipient: re.Pattern               # `gửi …` before `về` or an order verb
    mass_organisations: re.Pattern      # mass_organisations.txt
    reported_types: frozenset[str]      # annotated_types.txt
    serial_follow: re.Pattern           # what may follow a lower-case type's serial (serial_followers.txt)
    plan_kind: re.Pattern               # a statutory kind of plan after `kế hoạch` (plan_kinds.txt)

    def lookup(self, written: str) -> TypeWord:
        return self.words[re.sub(r"\s+", " ", written)]


def _type_words() -> tuple[dict[str, TypeWord], re.Pattern]:
    """Each written form of a type word (resources/documents/type_words.tsv), and the pattern."""
    words: dict[str, TypeWord] = {}
    alts: list[str] = []
    for row in resources.table("documents/type_words.tsv"):
        phrase, doc_type = match_key(row[0]), row[1]
        flags = row[2] if len(row) > 2 else ""
        tw = TypeWord(phrase, None if doc_type == "-" else doc_type, flags)
        variants = {phrase}
        if "A" not in flags:
            variants.add(phrase.upper())
            variants.add(phrase[0].lower() + phrase[1:])   # `luật Nhà ở`: a listed name then
            # each word's first letter in either case: `Nghị Quyết`, `Thông báo Kết luận`,
            # `Bộ Luật`
            syllables = phrase.split()
            for caps in itertools.product((str.lower, str.upper), repeat=len(syllables)):
                variants.add(" ".join(f(w[:1]) + w[1:] for f, w in zip(caps, syllables)))
        for v in variants:
            words[v] = tw
            alts.append(v)
    alt = _trie_regex(alts)
    type_re = re.compile(
        rf"(?<![\w/{DASH}])(?P<t>{alt})(?P<intro>{OSP}\({OSP}(?P<abbr>[{UPPER}][\wĐđ]{{0,7}}){OSP}\))?(?!\w)"
    )
    return words, type_re


def _law_names() -> tuple[re.Pattern, re.Pattern]:
    """(a listed law name, resources/documents/laws.txt; an unlisted one), after `Luật`."""
    # each name also without its commas, as news often writes it (`Luật Phòng chống tham nhũng`)
    listed = {match_key(x) for x in resources.lines("documents/laws.txt")}
    laws = sorted(listed | {x.replace(",", "") for x in listed}, key=len, reverse=True)
    law_alt = "|".join(re.escape(x).replace(r"\ ", SP) for x in laws)
    suffix = (rf"(?:{OSP}\({OSP}(?i:sửa{SP}đổi)[^()\n]{{0,40}}\))?"
              rf"(?:{SP}(?:(?i:năm){SP})?(?:19|20)\d\d(?!\d))?"
              rf"(?:{OSP}\({OSP}(?i:sửa{SP}đổi)[^()\n]{{0,40}}\))?")
    # names of two words or more may be written in lower case after a capitalised `Luật`
    long_alt = "|".join(re.escape(x).replace(r"\ ", SP) for x in laws if " " in x)
    law_re = re.compile(
        rf"{SP}(?:(?=[{UPPER}])(?P<name>(?i:{law_alt}))|(?P<lname>(?i:{long_alt})))(?!\w){suffix}")
    stop = "|".join(sorted(ISSUER_STOP | {"này", "đó", "sửa", "hiện", "mới", "số", "nên", "do", "bởi",
                                           "hay", "hoặc", "khi", "cũng", "không", "quy", "đi", "vào"}))
    # an unlisted name, maybe opening with an abbreviation (`Luật TTATGT đường bộ`, `Luật BHXH`)
    law_fallback = re.compile(
        rf"{SP}(?!Sửa{SP}đổi)(?P<name>(?:[{UPPER}][{LOWER}]*|[{UPPER}]{{2,7}}(?![.\w]))(?:{SP}(?!(?:{stop})(?!\w))[{LOWER}]+){{0,5}})(?!\w){suffix}"
    )
    return law_re, law_fallback


def _trie_regex(words: list[str]) -> str:
    """One regex for many phrases, factored on common prefixes (much faster to scan than a flat
    alternation); the longest phrase wins, and a space matches any run of spaces."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted((c for c in node if c), reverse=True):
            head = SP if ch == " " else re.escape(ch)
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _alt(name: str) -> str:
    """The phrases of resources/documents/<name> as one alternation, longest first."""
    words = sorted((match_key(x) for x in resources.lines("documents/" + name)), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", SP) for w in words)


@loader("documents")
def load() -> Lexicon:
    words, type_re = _type_words()
    law_re, law_fallback = _law_names()
    verbs = _alt("subject_verbs.txt")
    orders = _alt("order_verbs.txt")
    organisations = sorted(resources.lines("documents/mass_organisations.txt"), key=len, reverse=True)
    return Lexicon(
        words=words,
        type_re=type_re,
        law_re=law_re,
        law_fallback=law_fallback,
        subject_verbs=re.compile(rf"{SP}(?:(?i:về){SP}(?:(?i:việc){SP})?|(?:{verbs}){SP})(?=\w)"),
        subject_lead=re.compile(rf"(?:^|[.!?\n(“\"]|(?<!\w)(?:{_alt('subject_leads.txt')}))[ \u00a0]*$", re.I),
        subject_stops=re.compile(rf"{OSP}[,;]?{OSP}(?<!\w)(?:{_alt('subject_stops.txt')})(?!\w)|[;:(\n“\"]|[.!?](?=\s|$)",
                                 re.I),
        subject_personnel=re.compile(rf"(?<!\w)(?:{_alt('subject_personnel.txt')})(?!\w)", re.I),
        of_issuer_verb=re.compile(
            rf"{SP}(?i:của){SP}(?=[{UPPER}])(?:[^.;:\n]|\.(?=\S)){{1,80}}?(?={SP}(?:{verbs}){SP})"),
        # not a verb without its object (`Tỉnh ủy ban hành công văn chỉ đạo và UBND tỉnh …`, `Công văn
        # chỉ đạo của Sở`): there `chỉ đạo` only says what kind of paper it is
        order=re.compile(rf"{SP}(?:{orders}){SP}(?=\w)(?!(?:và|của|hoặc|này|đó|trên)(?!\w))"),
        recipient=re.compile(rf"{SP}gửi{SP}(?:[^.;:\n]|\.(?=\S)){{1,80}}?(?={SP}(?:về|{orders}){SP})"),
        mass_organisations=re.compile(
            rf"(?<!\w)(?:{'|'.join(re.escape(w).replace(chr(92) + ' ', SP) for w in organisations)})(?!\w)"),
        reported_types=frozenset(resources.lines("documents/annotated_types.txt")),
        order_any=re.compile(rf"{SP}(?:{orders})(?!\w)"),
        plan_kind=re.compile(rf"{SP}(?i:{_alt('plan_kinds.txt')})(?!\w)"),
        serial_follow=re.compile(rf"{OSP}(?:[.,;:)(”\"\n]|$|(?i:ngày){SP}\d|(?i:{_alt('serial_followers.txt')})(?!\w))"),
    )


# ---------------------------------------------------------------------------- candidates

@dataclass
class _Ref:
    start: int
    end: int
    kind: str                 # num | serial | law | session | issuer
    doc_type: str
    name: str
    number: str | None = None
    parsed: DocNumber | None = None
    serial: str | None = None
    issuer: str | None = None
    feats: dict[str, Any] = field(default_factory=dict)
    standalone: bool = True   # may found a document of its own
    stated: bool = True       # the issuer is written in the text (not decoded from the number)
    typed: bool = True        # the type is written in the text (not decoded from the number)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ORD_VALUES = {w: i for i, w in enumerate(ORD_WORDS, 1)}
_ORD_VALUES.update({"bốn": 4, "tư": 4, "một": 1, "lăm": 5})


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES.get(a, 0)
        total += -v if _ROMAN_VALUES.get(b, 0) > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def _ordinal(s: str) -> int | None:
    """`XVII` -> 17, `3` -> 3, `sáu` -> 6; a misspelt numeral (`VXII`) -> None (unknown)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if re.fullmatch(r"[IVXLC]+", s):
        n = _roman(s)
        return n if n > 0 and _to_roman(n) == s else None
    words = s.lower().split()
    if not words or words[0] not in _ORD_VALUES:
        return None
    if words[0] == "mười":
        return 10 + (_ORD_VALUES.get(words[1], 0) if len(words) > 1 else 0)
    return _ORD_VALUES[words[0]]


_F_KHOA = re.compile(r"khóa\s+([IVXLC]+)", re.I)
_F_TERM = re.compile(rf"((?:19|20)\d\d)\s*[{DASH}]\s*((?:19|20)\d\d)")
_F_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)", re.I)
_F_LAN = re.compile(rf"lần\s+thứ\s+(\d{{1,2}}|[IVXLC]+|{ORD_WORD})", re.I)
_F_TW_NUM = re.compile(r"(?:trung\s+ương|tw|tư|t\.ư)(?:\s+đảng)?\s+(\d{1,2})(?!\w)", re.I)
_F_CONGRESS_NUM = re.compile(r"(?:đại\s+hội|quốc|đảng|bộ)\s+((?-i:[IVXLC]+))(?!\w)", re.I)
_SYNONYMS = (
    (re.compile(r"\bbch\b"), "ban chấp hành"), (re.compile(r"\bbtv\b"), "ban thường vụ"),
    (re.compile(r"\btw\b"), "trung ương"), (re.compile(r"ủy ban nhân dân"), "ubnd"),
    (re.compile(r"hội đồng nhân dân"), "hđnd"), (re.compile(r"\btp\.?(?!\w)"), "thành phố"),
)


def _toneless(s: str) -> str:
    """`đất đại` -> `đất đai`-like key: tone marks dropped (a mistyped tone is the same name)."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if c not in "\u0300\u0301\u0303\u0309\u0323"))


def _norm_body(s: str) -> str:
    s = re.sub(r"\s+", " ", match_key(s).lower()).strip(" ,")
    for pat, rep in _SYNONYMS:
        s = pat.sub(rep, s)
    return s


def _features(kind: str, phrase: str) -> dict[str, Any]:
    """What identifies a session or issuer reference, for merging repeated references."""
    low = re.sub(r"\s+", " ", phrase)
    feats: dict[str, Any] = {"kind": kind}
    if m := _F_KHOA.search(low):
        feats["khoa"] = _roman(m.group(1))
    if m := _F_TERM.search(low):
        feats["term"] = f"{m.group(1)}-{m.group(2)}"
    if m := _F_YEAR.search(low):
        feats["year"] = int(m.group(1))
    session = None
    if m := _F_LAN.search(low):
        session = _ordinal(m.group(1))
    elif kind == "central" and (m := _F_TW_NUM.search(low)):
        session = int(m.group(1))
    elif kind == "sitting" and (m := re.search(r"họp\s+thứ\s+(\S+(?:\s+(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín)(?!\w))?)", low, re.I)):
        session = _ordinal(m.group(1).strip(","))
    elif kind == "congress" and (m := _F_CONGRESS_NUM.search(low)):
        session = _ordinal(m.group(1))
    if session:
        feats["session"] = session
    # the body: what is left without the session, term, year and function words
    body = _norm_body(low)
    body = re.sub(r"\(?\s*khóa\s+[ivxlc]+\s*\)?", " ", body)
    body = re.sub(rf"nhiệm kỳ\s*\d{{4}}\s*[{DASH}]\s*\d{{4}}|năm\s+\d{{4}}|lần thứ\s+\S+(?:\s+(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?", " ", body)
    body = re.sub(r"^của\s+|\bcủa đảng\b|\bđại biểu\b|\btoàn quốc\b|\bhội nghị\b|\bban chấp hành\b|"
                  r"\bban thường vụ\b|\bthường trực\b|\bthường vụ\b", " ", body)
    body = re.sub(r"(?<!\w)[ivxlc]+(?!\w)|\d+", " ", body)
    body = re.sub(r"\s+", " ", body).strip(" ,")
    body = re.sub(r"(?:tại\s+)?kỳ họp thứ\s+\S+", " ", body).strip(" ,")
    if kind == "central":
        body = "trung ương"
    elif kind == "congress":
        body = re.sub(r"^đại hội\s*", "", body)
        body = "" if body in ("", "đảng") else body
    feats["body"] = body
    return feats


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("kind") != b.get("kind"):
        return False
    if a.get("body") and b.get("body") and a["body"] != b["body"]:
        return False
    if a.get("kind") != "congress" and a.get("body") != b.get("body"):
        return False
    return all(a.get(k) is None or b.get(k) is None or a[k] == b[k] for k in ("session", "khoa", "term", "year"))


@lru_cache(maxsize=1)
def _all_classes() -> tuple[str, ...]:
    """Every body an issuer code stands for, and the central ones, longest first."""
    found: set[str] = {"trung ương", "thủ tướng", "ubnd", "hđnd"}
    for _, cls in docnumbers.load().issuers.values():
        found.update(cls)
    return tuple(sorted(found, key=len, reverse=True))


def _classes(issuer: str | None) -> set[str]:
    """The bodies named in an issuer phrase (`Ban Thường vụ Tỉnh ủy` -> {tỉnh ủy})."""
    if not issuer:
        return set()
    s = _norm_body(issuer)
    out = set()
    for c in _all_classes():
        if c in s:
            out.add(c)
            s = s.replace(c, " ")
    return out


def _scan_issuer(key: str, pos: int, limit: int) -> int:
    """End of an issuer phrase (`Ban Thường vụ Tỉnh ủy`) starting at `pos`, or `pos`."""
    end = pos
    prev_cap = False
    prev_word = ""
    n = 0
    for m in ISSUER_TOKEN.finditer(key, pos, limit):
        if m.start() != end:
            break
        tok = m.group(1)
        low = tok.lower()
        if tok.startswith("("):
            ok, cap = prev_cap or prev_word in ISSUER_CONNECT or n > 0, False
        elif tok[0] in "IVXLC" and re.fullmatch(r"[IVXLC]+", tok.rstrip(".")) and prev_word == "khóa":
            ok, cap = True, False
        elif tok[0].isupper():
            ok, cap = low not in ("ngày",), True
        elif low in ISSUER_CONNECT and n > 0:
            ok, cap = True, False
        elif low == "ban" and re.match(rf"{SP}hành(?!\w)", key[m.end():m.end() + 8]):
            ok = False  # `... ban hành`
        elif tok[0].islower() and prev_cap and low not in ISSUER_STOP:
            ok, cap = True, False
        else:
            ok = False
        if not ok:
            break
        tok_end = m.end()
        if tok.endswith(".") and not re.fullmatch(r"(?:TP|Tp)\.(?:\w.*)?", tok):
            tok_end -= 1  # a full stop ends the sentence
            end = tok_end
            n += 1
            break
        end = tok_end
        prev_cap, prev_word = cap, low
        n += 1
        if n >= 12:
            break
    # do not end on a dangling connector
    while end > pos:
        tail = re.search(r"(\S+)$", key[pos:end])
        if tail and tail.group(1).lower() in ("khóa", "lần", "thứ", "đảng") and tail.group(1) != "Đảng":
            end = pos + tail.start(1)
            end = len(key[:end].rstrip())
        else:
            break
    return end


def _issuer_after(doc: Doc, end: int, limit: int) -> str | None:
    """`của Ban Thường vụ Tỉnh ủy` (maybe after a date) right after a reference."""
    m = ISSUER_LEAD.match(doc.key, end, limit)
    if not m:
        return None
    stop = _scan_issuer(doc.key, m.end(), limit)
    if stop <= m.end():
        return None
    return doc.text[m.end():stop].strip(" ,")


def _issuer_before(doc: Doc, start: int, lo: int) -> str | None:
    """`Ban Thường vụ Tỉnh ủy đã ban hành` right before a reference."""
    window = doc.key[max(lo, start - 120):start]
    m = BAN_HANH_BEFORE.search(window)
    if not m:
        return None
    base = max(lo, start - 120)
    stop = base + m.start()
    for tm in re.finditer(rf"(?<!\w)[{UPPER}]", doc.key[base:stop]):
        s = base + tm.start()
        if _scan_issuer(doc.key, s, stop) == stop:
            return doc.text[s:stop].strip(" ,")
    return None


def number_of_an_amending_law(key: str, lead: int | None, law: int) -> bool:
    """Whether the number after the law named at `law` is that of the amending law whose lead
    (`Luật sửa đổi, bổ sung một số điều của`) starts at `lead`, in the same sentence.
    `Luật sửa đổi, bổ sung một số điều của Bộ luật Tố tụng hình sự số 99/2025/QH15` -> the
    amending Luật 99/2025/QH15 and the Bộ luật Tố tụng hình sự, unnumbered, are two documents;
    `Luật Đất đai số 31/2024/QH15` (no lead) -> the number is the named law's."""
    return lead is not None and AMENDED_GAP.fullmatch(key, lead, law) is not None


def _next_word(key: str, pos: int) -> str:
    m = WORD_RE.search(key, pos, pos + 30)
    return m.group().lower() if m and not key[pos:m.start()].strip(" \u00a0") else ""


def counted(key: str, s: int) -> bool:
    """Whether the type word at `s` follows a count: `thông qua 12 nghị quyết quan trọng`, `cho ý kiến
    2 dự thảo nghị quyết về việc giao biên chế …` (a figure, not a document); not `Điều 11 Nghị định
    số …` or `ngày 17/2/2025 Quyết định …` (an article's, a date's number)."""
    m = COUNT_BEFORE.search(key, max(0, s - 24), s)
    return m is not None and not NUMBERED_PART.search(key, max(0, m.start() - 12), m.start())


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,;:")


_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})  # same length: offsets are kept


def find_documents(doc: Doc) -> list[_Ref]:
    """Every document reference in `doc`, in text order (before merging)."""
    lex = load()
    key, text = doc.key, doc.text
    if "Ð" in key or "ð" in key:
        key = key.translate(_ETH)
    refs: list[_Ref] = []
    taken: list[tuple[int, int]] = []

    starts = [p.start for p in doc.paragraphs]

    def para_start(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return starts[i] if i >= 0 else 0

    def limit_at(pos: int) -> int:
        """Where a reference starting near `pos` must end: the line end, at most 400 characters on."""
        stop = min(len(key), pos + 400)
        nl = key.find("\n", pos, stop)
        return stop if nl < 0 else nl

    amending: int | None = None   # start of the `Luật sửa đổi, bổ sung … của` just read
    subject_end = 0               # end of the last document named by its subject
    for s, te, tw, (ts, tt) in _type_hits(key, lex):
        nested = bool(subject_end and s < subject_end)
        if taken and s < taken[-1][1] and not nested:
            continue  # inside the reference just found
        written = text[ts:tt]
        lim = limit_at(te)
        capital = written[0].isupper()
        is_abbr = "A" in tw.flags
        # the type as it goes into the name: abbreviations expanded, `(NQ)` dropped
        type_name = tw.doc_type if (is_abbr and tw.doc_type) else written

        def ref_name(end: int, start_tail: int = te) -> str:
            return _clean(type_name + text[start_tail:end])

        # 1. by number: Chỉ thị số 01-CT/TU, Chương trình hành động số 32-CT/TU
        m = NUMREF.match(key, te, lim)
        if m and "/" in m.group("num"):
            num = text[m.start("num"):m.end("num")]
            parsed = parse_number(num)
            doc_type = tw.doc_type or (parsed.doc_type if parsed else None) or "Công văn"
            if doc_type == "Kết luận" and parsed is not None and parsed.doc_type == "Thông báo":
                doc_type = "Thông báo"   # `Kết luận số 31/TB-VPCP`: the notice of conclusions, cited by its content
            if parsed is not None or not is_abbr:
                e = m.end("num")
                issuer = _issuer_after(doc, e, lim) or _issuer_before(doc, s, para_start(s))
                refs.append(_Ref(s, e, "num", doc_type, ref_name(e), number=num, parsed=parsed,
                                 serial=parsed.serial if parsed else None,
                                 issuer=issuer or (parsed.issuer if parsed else None), stated=bool(issuer)))
                taken.append((s, e))
                continue
        if tw.doc_type is None:
            continue
        plural = bool(PLURAL_BEFORE.search(key, max(0, s - 24), s)) or counted(key, s)
        # 2. by a short serial: Chỉ thị 45 của Bộ Chính trị, Nghị quyết 57; the Nghị quyết 57, 59, 66 và 68
        if "N" in tw.flags and (m := PARTIAL.match(key, te, lim)):
            serials = [(m.start("serial"), m.end("serial"))]
            pos = m.end()
            while nx := SERIAL_NEXT.match(key, pos, lim):
                serials.append((nx.start("serial"), nx.end()))
                pos = nx.end()
            ok = []
            for a, b in serials:
                serial = key[a:b]
                after = _next_word(key, b)
                year_like = len(serial) == 4 and serial[:2] in ("19", "20")
                if after == "năm" and m.group("so") and (ym := YEAR_AFTER.match(key, b)):
                    after = ""  # `Chỉ thị số 03 năm 2024`: the year of the document
                    ok.append((a, b, ym.end()))
                    break
                if year_like or after in QUANTITY_WORDS:
                    break
                ok.append((a, b, m.end() if len(ok) == 0 and m.group("paren") else b))
            # a lower-case type's serial needs a word after it that no count has (`chỉ thị 16 của Thủ
            # tướng`, not `quyết định 2 vấn đề`); after a type that is also a verb (flag B) a comma or full
            # stop is enough only after a lead word (`theo quyết định 15.`, not `Sở thông báo 5, trong đó …`)
            follow = lex.serial_follow.match(key, ok[-1][1]) if ok else None
            if follow and not follow.group().strip()[:1].isalpha() and "B" in tw.flags \
                    and not _lead_word(lex.subject_lead, key, s):
                follow = None
            written_out = capital or m.group("so") or is_abbr or follow
            if ok and written_out and (not plural or len(ok) > 1):
                issuer = _issuer_after(doc, ok[-1][2], lim) or _issuer_before(doc, s, para_start(s))
                for i, (a, b, end) in enumerate(ok):
                    start = s if i == 0 else a
                    name = ref_name(end) if i == 0 else _clean(f"{type_name} {text[a:end]}")
                    refs.append(_Ref(start, end, "serial", tw.doc_type, name,
                                     number=text[a:b], serial=text[a:b], issuer=issuer))
                    taken.append((start, end))
                continue
        # 3. by name: Luật Hợp tác xã, Bộ luật Hình sự năm 2015
        if "L" in tw.flags and NAME_BEFORE.search(key, max(0, s - 30), s):
            continue  # `ông Nguyễn Văn Luật`: part of a person's name
        if "L" in tw.flags and tw.doc_type == "Luật" and AMENDING.match(key, te, lim):
            amending = s   # the amended laws follow; the number after them is this law's
            continue
        if "L" in tw.flags:
            m = lex.law_re.match(key, te, lim) or (lex.law_fallback.match(key, te, lim) if capital else None)
            if m and not capital and not text[m.start() + len(m.group()) - len(m.group().lstrip()):][:1].isupper():
                m = None   # `đúng pháp luật khiếu nại, tố cáo`: law in general, not a named law
            if m:
                e = m.end()
                g = "name" if m.groupdict().get("name") else "lname"
                name_key = _norm_body(m.group(g))
                year = re.search(r"(?:19|20)\d\d", key[m.end(g):e])
                name_end, num, parsed = e, None, None
                # `Luật Tổ chức chính quyền địa phương số 77/2015/QH13`: the law's own number
                if (lm := LAW_NUMBER.match(key, e, lim)) and (p := parse_number(text[lm.start("num"):lm.end("num")])) \
                        and p.grammar == "legal" and p.type_code is None:
                    num, parsed, e = text[lm.start("num"):lm.end("num")], p, lm.end("num")
                    if number_of_an_amending_law(key, amending, s):
                        # `Luật sửa đổi, bổ sung một số điều của Bộ luật Tố tụng hình sự số 99/2025/QH15`
                        a, b = lm.start("num"), lm.end("num")
                        refs.append(_Ref(amending, b, "num", "Luật", _clean(text[amending:b]), number=num,
                                         parsed=p, serial=p.serial, issuer=p.issuer, stated=False))
                        num, parsed, e, amending = None, None, name_end, None
                refs.append(_Ref(s, e, "law", tw.doc_type, ref_name(name_end),
                                 number=num, parsed=parsed, serial=parsed.serial if parsed else None,
                                 feats={"kind": "law", "body": _toneless(name_key),
                                        "year": int(year.group()) if year else None}))
                taken.append((s, e))
            continue
        # 4. by session or issuer: NQ Trung ương 4 (khóa XII), NQ của Tỉnh ủy
        def by_subject() -> None:
            nonlocal subject_end
            # inside another's subject, a document is one by number, name, session or a plan's
            # period (`Nghị quyết bổ sung danh mục kế hoạch đầu tư công giai đoạn 2021 - 2025`);
            # right after a document and `và`, a lower-case type word continues the list
            coordinated = bool(refs) and COORDINATED.fullmatch(key, refs[-1].end, s) is not None
            sub = _by_subject(doc, key, tw, written, s, te, lim, plural,
                              context="nested" if nested else "coordinated" if coordinated else "")
            if sub is not None:
                refs.append(_Ref(s, sub, "subject", tw.doc_type, ref_name(sub),
                                 feats={"kind": "subject", "words": _subject_words(key[te:sub]),
                                        "flags": tw.flags}))
                taken.append((s, sub))
                subject_end = sub

        if not ("S" in tw.flags or "M" in tw.flags) or ("C" in tw.flags and not capital):
            by_subject()   # 5. by subject: `quyết định áp thuế …`, `Nghị quyết về việc thành lập …`
            continue
        best = None
        for kind, rx in (("central", CENTRAL), ("congress", CONGRESS), ("plenum", PLENUM),
                         ("sitting", SITTING), ("body", BODY)):
            if "S" not in tw.flags and kind != "body":
                continue
            if plural and kind == "body":
                continue  # `các Nghị quyết của Ủy ban Thường vụ Quốc hội`: documents of a kind
            m = rx.match(key, te, lim)
            if not m:
                continue
            phrase = key[m.start():m.end()]
            feats = _features(kind, phrase)
            if kind == "central" and not (feats.get("session") or feats.get("khoa")):
                continue
            if kind == "congress" and not (feats.get("session") or feats.get("term") or feats["body"]
                                           or feats.get("year")):
                continue
            if kind in ("plenum", "sitting") and not feats.get("session"):
                continue
            if kind == "body":
                org = _norm_body(m.group("org"))
                rest = phrase[m.end("org") - m.start():].strip()
                if org in NEEDS_PLACE and not rest:
                    continue
                if not capital and not is_abbr and not rest:
                    continue  # `luật, nghị quyết của Quốc hội`: a kind of document, not one
            best = (kind, m, feats)
            break
        if best is None:
            by_subject()
            continue
        kind, m, feats = best
        e = m.end()
        while e > m.start() and key[e - 1] in " ,\u00a0":
            e -= 1
        issuer_text = re.sub(r"^(?:của|Của)\s+", "", text[m.start():e].strip())
        if kind == "body":
            issuer_text = re.sub(r"\s*(?:,\s*)?(?:năm|nhiệm kỳ)\s+\d{4}.*$", "", issuer_text)
        elif kind == "central":
            b = re.search(r"(?:Ban\s+[Cc]hấp\s+hành|BCH).*$", issuer_text)
            k = re.search(r"khóa\s+[IVXLC]+", key[m.start():e])
            issuer_text = b.group() if b else "Ban Chấp hành Trung ương Đảng" + (f" {k.group()}" if k else "")
        if kind == "body" and (nm := ISSUER_THEN_NUMBER.match(key, e, lim)):
            # `Nghị quyết của HĐND tỉnh số 12/2023/NQ-HĐND`: the issuer stands before the number
            num = text[nm.start("num"):nm.end("num")]
            parsed = parse_number(num)
            refs.append(_Ref(s, nm.end("num"), "num", tw.doc_type, _clean(f"{type_name} số {num}"), number=num,
                             parsed=parsed, serial=parsed.serial if parsed else None, issuer=issuer_text))
            taken.append((s, nm.end("num")))
            continue
        # `thông báo kết luận của Chủ tịch UBND TP về tiến độ …`, `dự thảo Nghị quyết của Chính
        # phủ về nhiệm vụ …`: the subject belongs to the name
        name_end = e
        if kind == "body":
            name_end = max(e, _by_subject(doc, key, tw, written, s, te, lim, plural) or e)
        refs.append(_Ref(s, e, kind if kind != "body" else "issuer", tw.doc_type, ref_name(name_end),
                         issuer=issuer_text, feats=feats,
                         standalone="S" in tw.flags or "I" in tw.flags
                         or (name_end > e and ("v" in tw.flags or (capital and "V" in tw.flags)))))
        taken.append((s, e))

    taken.sort()
    taken_starts = [a for a, _ in taken]
    taken_maxend = list(itertools.accumulate((b for _, b in taken), max))
    # 5. bare numbers: số 1234/QĐ-UBND, and the second of `Nghị quyết số 18-NQ/TW, 19-NQ/TW`
    for s, e, parsed in find_numbers(key):
        i = bisect.bisect_left(taken_starts, e) - 1
        if (i >= 0 and taken_maxend[i] > s) or parsed.doc_type is None:
            continue
        if NUMBERED_BODY.search(key, max(0, s - 30), s):
            continue  # `Ban Chỉ đạo 138/CP`: the number names a body
        lim = limit_at(e)
        num = text[s:e]
        issuer = _issuer_after(doc, e, lim)
        refs.append(_Ref(s, e, "num", parsed.doc_type, f"{parsed.doc_type} số {num}", number=num,
                         parsed=parsed, serial=parsed.serial, issuer=issuer or parsed.issuer,
                         stated=bool(issuer), typed=False))
    refs.sort(key=lambda r: r.start)
    return refs


def _type_hits(key: str, lex: Lexicon):
    """`(start, end, TypeWord, (type start, type end))` for each type word, in text order.

    Abbreviations introduced in the text (`Chương trình hành động (CTHĐ)`) count as their
    type from then on, beside the standard ones (`NQ`)."""
    hits = []
    intro: dict[str, TypeWord] = {}
    for tm in lex.type_re.finditer(key):
        tw = lex.lookup(tm.group("t"))
        hits.append((tm.start(), tm.end(), tw, (tm.start("t"), tm.end("t"))))
        abbr = tm.group("abbr")
        if abbr and tw.doc_type and abbr not in lex.words and abbr not in intro and abbr.upper() == abbr:
            intro[abbr] = TypeWord(abbr, tw.doc_type, "A" + ("N" if "N" in tw.flags else "")
                                   + ("S" if "S" in tw.flags else ""))
    if not intro:
        return hits
    alt = "|".join(re.escape(a) for a in sorted(intro, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w/{DASH}(])({alt})(?![\w)])", key):
        hits.append((m.start(), m.end(), intro[m.group(1)], (m.start(), m.end())))
    hits.sort(key=lambda h: h[0])
    return hits


# ---------------------------------------------------------------------------- by subject

# `chưa có kết luận về …`, `không ban hành quyết định …`: a negated lead names no document
NEGATED = re.compile(r"(?<!\w)(?:chưa|không|chẳng)[ \u00a0]+(?:\w+[ \u00a0]+)?$", re.I)
LIST_ITEM = re.compile(r"[;:][ \u00a0]*$")
# `Ngày 29/5 vừa qua, quyết định áp thuế … được công bố`: a clause that opens with a time
# adverbial has no subject before a lower-case type word, which is then the subject itself
TIME_OPENER = re.compile(r"(?:^|[.!?\n])[ \u00a0]*(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|mới đây|trước đó|sau đó)"
                         r"(?!\w)(?:[^,.;:!?\n]|\.(?=\d)){0,40},[ \u00a0]*$", re.I)
OF_ISSUER = re.compile(rf"{SP}(?i:của){SP}(?:[^.;:\n]|\.(?=\S)){{1,80}}?(?={SP}(?i:về){SP})")
# a plan's period (`giai đoạn 2021 - 2025`, `năm 2025`), not a date's year (`tháng 4 năm 2015`)
PERIOD_TAIL = re.compile(rf"(?<!tháng \d )(?<!tháng \d\d )(?:giai{SP}đoạn|năm|nhiệm{SP}kỳ|"
                         rf"vụ{SP}(?:đông{SP}xuân|hè{SP}thu|thu{SP}đông|đông|xuân|mùa)){SP}(?:19|20)\d\d", re.I)
MAX_PERIOD_WORDS = 10   # a plan named by its period: `kế hoạch đầu tư công trung hạn 5 năm giai đoạn …`
MAX_SUBJECT_CHARS = 260
PERSONNEL_WINDOW = 24   # characters of a subject searched for personnel words (its head, not its tail)


# a sentence that opens with an adverbial holding the document (`Thực hiện …, huyện đã …`)
FRONTED = re.compile(r"(?:^|[.!?\n])[ \u00a0]*(?:Thực hiện|Theo|Căn cứ|Triển khai|Sau khi|Trên cơ sở|Quán triệt|Qua)"
                     r"(?!\w)[^.!?\n]*$")
MAIN_CLAUSE_SUBJECT = re.compile(rf",{OSP}(?:[\w.-]+{SP}){{0,2}}[\w.-]+{OSP}$")   # `, tỉnh`, `, các đảng bộ`
ABBREVIATION_BEFORE = re.compile(rf"(?<!\w)(?:TP|Tp|TX|TT|ThS|TS|PGS|GS|[{UPPER}])$")


def _subject_end(doc: Doc, key: str, pos: int, lim: int, head: str = "") -> int:
    """Where the subject that starts at `pos` ends: at the sentence's end, or before a phrase
    that starts the rest of the sentence (`, trên cơ sở`, `chính thức được`), or before the next
    document of the list when its type word `head` comes again (`quyết định quy định về A và
    quyết định quy định về B`); offsets of `key`."""
    stops = load().subject_stops
    stop = min(lim, pos + MAX_SUBJECT_CHARS)
    for m in stops.finditer(key, pos, stop):
        if m.group().strip() == "." and ABBREVIATION_BEFORE.search(key, max(0, m.start() - 8), m.start()):
            continue  # `TP. Hồ Chí Minh`, `H. Mai`: an abbreviation's dot (not `khóa XI.`)
        stop = m.start()
        if (comma := MAIN_CLAUSE_SUBJECT.search(key, pos, stop)) is not None \
                and FRONTED.search(key, max(0, pos - 200), pos):
            stop = comma.start()   # `Thực hiện Kế hoạch … về X, huyện đã …`: the main clause's subject
        break
    if head:
        words = SP.join(re.escape(w) for w in head.split())
        if (again := re.compile(rf"{COORDINATED.pattern}{words}(?!\w)").search(key, pos, stop)) is not None:
            stop = again.start()
    while stop > pos and key[stop - 1] in " ,\u00a0":
        stop -= 1
    return stop


COORDINATED = re.compile(rf"{OSP}(?:,|và|,{OSP}và){OSP}")


def _by_subject(doc: Doc, key: str, tw: "TypeWord", written: str, s: int, te: int, lim: int,
                plural: bool, context: str = "") -> int | None:
    """The end of a document named by its subject: `Nghị quyết về việc thành lập bản Suối Cấu`,
    `quyết định áp thuế chống bán phá giá …`, `kế hoạch cải tạo … giai đoạn 2016 - 2020`;
    None when the type word starts no such name. `context` is `nested` inside another
    document's subject (then only a plan's period names one), `coordinated` right after a
    document and `và` (`… giai đoạn 2021-2025 và kế hoạch đầu tư công năm 2021`)."""
    if plural or not ("V" in tw.flags or "P" in tw.flags) or not tw.doc_type:
        return None
    lex = load()
    verbs, lead, personnel = lex.subject_verbs, lex.subject_lead, lex.subject_personnel
    capital = written[0].isupper()
    if not capital and NEGATED.search(key, max(0, s - 24), s):
        return None   # `Tỉnh chưa có kết luận về vụ việc`: no document exists
    led = capital or bool(context) or bool(lead.search(key, max(0, s - 30), s)) \
        or bool(TIME_OPENER.search(key, max(0, s - 60), s)) \
        or ("B" not in tw.flags and LIST_ITEM.search(key, max(0, s - 4), s) is not None)
    # not `UBND tỉnh quyết định thành lập …`; a list item opened by a type word that is no verb is a
    # document (`nhất là Nghị quyết về A; các nghị quyết chuyên đề; nghị quyết về đề nghị TP. Bạc Liêu
    # lên đô thị loại II`), where `…; quyết định thành lập các chi bộ mới` lists acts
    if context == "nested":
        return _by_period(doc, key, tw, te, lim, statutory_plan(key, te)) if "P" in tw.flags else None
    at = te
    if (of := OF_ISSUER.match(key, te, lim) or lex.of_issuer_verb.match(key, te, lim)) is not None:
        at = of.end()   # `thông báo kết luận của Chủ tịch UBND TP.HCM … về tiến độ …`,
        # `Quyết định của Chủ tịch UBND tỉnh Sơn La công nhận xã …`
    order = None
    if "D" in tw.flags:
        orders, recipient = lex.order, lex.recipient
        if (to := recipient.match(key, at, lim)) is not None:
            at = to.end()   # `công điện gửi các cơ quan, đơn vị trên địa bàn về công tác ứng phó …`
        order = orders.match(key, at, lim)   # `công điện đề nghị ứng phó với áp thấp nhiệt đới`
    if order is not None and capital and not (context or _lead_word(lead, key, s)):
        order = None   # `Chỉ thị yêu cầu các cấp ủy …`, `Công điện yêu cầu UBND huyện …` opening a
        # sentence: the directive cited before speaks (a sentence start is no lead word)
    m = (verbs.match(key, at, lim) or order) if led and (capital or "v" in tw.flags) else None
    if m:
        end = _subject_end(doc, key, m.end(), lim, head=key[s:te])
        words = len(key[m.end():end].split())
        if words < 2 or ("R" not in tw.flags and personnel.search(key, te, min(end, m.end() + PERSONNEL_WINDOW))):
            return None   # `quyết định bổ nhiệm ông A`: a personnel decision is not annotated
            # (a council's resolution is, flag R: `thông qua nghị quyết miễn nhiệm chức danh …`)
        return end
    statutory = "P" in tw.flags and statutory_plan(key, te)
    if "P" in tw.flags and (led or statutory):
        if (end := _by_period(doc, key, tw, te, lim, statutory)) is not None:
            return end
    if capital and "V" in tw.flags and not context and ISSUED_HERE.search(key, max(0, s - 40), s):
        return _by_content(key, te, lim, head=key[s:te])
    return None


# the act of issuing or approving right before a document (`UBND tỉnh ban hành`, `đã ký ban hành`,
# `Quyết định số 1484/QĐ-BYT về việc phê duyệt`)
ISSUED_HERE = re.compile(rf"(?<!\w)(?:ban{SP}hành|phê{SP}duyệt|thông{SP}qua|ký(?:{SP}ban{SP}hành)?)(?:{SP}(?:và|,){OSP}[\w ]{{0,20}})?{SP}$",
                         re.I)
MIN_CONTENT_WORDS = 3


def _by_content(key: str, te: int, lim: int, head: str) -> int | None:
    """The end of a capitalised document named by its content right after it is issued or approved
    (i convention: a type word plus its content is a document): `Bộ Y tế có Quyết định số 1484/QĐ-BYT
    về việc phê duyệt Kế hoạch tiêm bổ sung vắc xin sởi cho trẻ …`, `UBND tỉnh ban hành Kế hoạch phát
    động phong trào thi đua …`; None for too short a content (`ban hành Kế hoạch này`), an issuer
    (`Kế hoạch của UBND tỉnh`), or a personnel decision."""
    end = _subject_end(None, key, te, lim, head=head)
    if (dated := DATED_CLAUSE.search(key, te, end)) is not None:
        end = dated.start()   # `Trước khi ban hành Thông báo Kết luận thanh tra, ngày 21/8/2020, …`
    content = key[te:end].split()
    if len(content) < MIN_CONTENT_WORDS or content[0].lower() in CONTENT_STARTS:
        return None
    lex = load()
    if lex.order_any.match(key, te) and not lex.order.match(key, te):
        return None   # `ban hành công văn chỉ đạo và UBND tỉnh …`: `chỉ đạo` says what kind of paper it is
    if BUSINESS_BODY.search(key, te, min(end, te + 40)):
        return None   # `thông qua Nghị quyết Đại hội đồng cổ đông thường niên`: a company's paper
    if lex.subject_personnel.search(key, te, min(end, te + PERSONNEL_WINDOW)):
        return None
    return end


DATED_CLAUSE = re.compile(rf"{OSP},{OSP}(?:(?i:ngày|sáng|chiều|tối|tháng|năm){SP})?\d")
BUSINESS_BODY = re.compile(r"(?<!\w)(?:cổ đông|hội đồng quản trị|HĐQT|hội đồng thành viên)(?!\w)", re.I)
# words that do not start a document's content: an issuer, a pointer, a connector
CONTENT_STARTS = frozenset("của này đó trên nói mới và hoặc cho với tại số ngày".split())


def _lead_word(lead: re.Pattern, key: str, s: int) -> bool:
    """Whether a word of subject_leads.txt (`ban hành`, `có`, …) stands right before `s`; not
    a mere sentence start."""
    m = lead.search(key, max(0, s - 30), s)
    return m is not None and any(ch.isalpha() for ch in m.group())


def _by_period(doc: Doc, key: str, tw: "TypeWord", te: int, lim: int, statutory: bool = False) -> int | None:
    """The end of a plan named by its subject and period, `kế hoạch cải tạo chung cư cũ giai
    đoạn 2016 - 2020`, `kế hoạch sản xuất cây trồng vụ đông 2020 – 2021`; else None. A plan of a
    statutory kind (`plan_kinds.txt`) may have a long name, with programmes it funds inside (`kế hoạch
    vốn đầu tư trung hạn … thực hiện các Chương trình mục tiêu quốc gia tỉnh Bến Tre giai đoạn 2021 -
    2025`), or be named by its place instead (`kế hoạch sử dụng đất huyện Sông Lô`)."""
    end = _subject_end(doc, key, te, lim)
    for other in load().type_re.finditer(key, te, end):
        if statutory and PLURAL_BEFORE.search(key, max(0, other.start() - 24), other.start()):
            continue   # `… thực hiện các Chương trình mục tiêu quốc gia …`: what the plan funds
        end = other.start()   # `kế hoạch A 6 tháng và … điều chỉnh kế hoạch B năm 2019`: two plans
        break
    if statutory and (place := PLAN_PLACE.match(key, statutory_end(key, te))) is not None \
            and not PERIOD_TAIL.match(key, place.end() + 1):
        return place.end()
    p = PERIOD_TAIL.search(key, te, end)
    if p and statutory and REPORT_PERIOD.search(key, te, p.start()):
        return None   # `thực hiện kế hoạch đầu tư công 6 tháng đầu năm, … cuối năm 2019`: a report's period
    if p and 2 <= len(key[te:p.start()].split()) <= (MAX_STATUTORY_WORDS if statutory else MAX_PERIOD_WORDS):
        tail = re.match(rf"\d{{4}}(?:{OSP}[{DASH}]{OSP}\d{{4}})?", key[p.end() - 4:end])
        return p.end() - 4 + (tail.end() if tail else 4)
    return None


MAX_STATUTORY_WORDS = 24
REPORT_PERIOD = re.compile(rf"(?<!\w)(?:\d{{1,2}}{SP}tháng|quý{SP}[IV1-4]+|(?:đầu|cuối|giữa){SP}năm)(?!\w)", re.I)
# `huyện Sông Lô`, `của huyện Quế Sơn`, `tỉnh Bến Tre`: the place a statutory plan is drawn up for
PLAN_PLACE = re.compile(rf"{SP}(?:(?i:của){SP})?{LEVEL}{SP}{PROPER}")


def statutory_end(key: str, te: int) -> int:
    """Where the statutory kind (`plan_kinds.txt`) right after a `kế hoạch` ends, or `te` if none."""
    m = load().plan_kind.match(key, te)
    return m.end() if m else te


def statutory_plan(key: str, te: int) -> bool:
    """Whether a statutory kind of plan follows: `kế hoạch sử dụng đất …`, `kế hoạch vốn đầu tư …`."""
    return statutory_end(key, te) > te


YEAR_WORD = re.compile(r"(?:19|20)\d\d")


def _subject_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in WORD_RE.findall(phrase.lower()) if w not in ("về", "việc"))


def _ref_words(key: str, x: "_Ref") -> frozenset[str]:
    """The subject words a reference offers: a subject reference's own, else those of the rest
    of the sentence after it (`… số 12/QĐ-UBND phê duyệt X.`)."""
    if x.kind == "subject":
        return x.feats.get("words") or frozenset()
    after = key[x.end:x.end + 200]
    return _subject_words(re.split(r"\n|[.!?;](?:\s|$)", after, maxsplit=1)[0])


def _subject_match(key: str, d: "_Docu", r: "_Ref") -> bool:
    """A document `d` already found that `r`, named by its subject, refers to again: the
    same subject words (half of them) after one of d's references."""
    words = r.feats.get("words") or frozenset()
    if not words:
        return False
    for x in d.refs:
        other = _ref_words(key, x)
        years, other_years = {w for w in words if YEAR_WORD.fullmatch(w)}, {w for w in other or () if YEAR_WORD.fullmatch(w)}
        if years and other_years and not years & other_years:
            continue   # `kế hoạch đầu tư công … giai đoạn 2021-2025` and `… năm 2024`: two plans
        if other and len(words & other) >= 0.5 * len(words | other if x.kind == "subject" else words):
            return True
    return False


# ---------------------------------------------------------------------------- merging

@dataclass
class _Docu:
    refs: list[_Ref]
    years: set[int] = field(default_factory=set)   # of its numbered references, see num_years
    years_read: int = 0

    @property
    def head(self) -> _Ref:
        return self.refs[0]

    def num_years(self, key: str) -> set[int]:
        """The years of its numbered references; each reference is read once (while merging,
        references are only appended), so asking again per new reference stays linear."""
        for x in self.refs[self.years_read:]:
            if x.kind == "num" and (y := _year_of(key, x)):
                self.years.add(y)
        self.years_read = len(self.refs)
        return self.years


def _doc_type(d: _Docu) -> str:
    """The written type wins over the one decoded from the number."""
    return next((r.doc_type for r in d.refs if r.typed), d.head.doc_type)


def _doc_classes(d: _Docu) -> set[str]:
    for r in d.refs:
        if r.kind == "num" and r.issuer and r.stated:
            cls = _classes(r.issuer)
            if cls:
                return cls
    for r in d.refs:
        if r.parsed:
            scope = "party" if r.parsed.grammar == "party" else "state"
            return set(issuer_classes(r.parsed.issuer_code, scope))
        if r.issuer:
            return _classes(r.issuer)
    return set()


# `Nghị quyết của X về ...`: an issuer reference followed by its subject
_LEAD_OF = re.compile(r"\s*,?\s*về\s")
_SUBJECT = re.compile(r"\bvề\s+(?:việc\s+)?((?:\w+\s*){1,6})")


def _same_subject(key: str, lead_end: int, d: "_Docu") -> bool:
    """Whether the subject after a lead (`về việc sắp xếp đơn vị hành chính`) and the one after
    the cited document's references agree (three quarters of their first words shared; not
    `phát triển du lịch` and `phát triển đô thị`), or the latter has none."""
    lead = _SUBJECT.search(key, lead_end, lead_end + 120)
    if not lead:
        return False
    words = set(lead.group(1).lower().split())
    for r in d.refs:
        m = _SUBJECT.search(key, r.end, r.end + 120)
        if m:
            other = set(m.group(1).lower().split())
            return len(words & other) >= 0.75 * min(len(words), len(other))
    return True


@dataclass
class _Cited:
    """The numbered documents found so far, indexed so that each lookup is short: by serial,
    and by where each numbered reference ends."""

    by_serial: dict[str, list["_Docu"]] = field(default_factory=dict)
    ends: list[int] = field(default_factory=list)
    end_docs: list["_Docu"] = field(default_factory=list)
    starts: dict[int, "_Docu"] = field(default_factory=dict)

    def add(self, d: "_Docu") -> None:
        self.by_serial.setdefault(d.head.serial or "", []).append(d)

    def index_ends(self, docs: list["_Docu"]) -> None:
        pairs = sorted((x.end, id(d), d) for d in docs for x in d.refs if x.kind == "num")
        self.ends = [e for e, _, _ in pairs]
        self.end_docs = [d for _, _, d in pairs]
        self.starts = {x.start: d for d in docs for x in d.refs if x.kind == "num"}


APPOSITION = re.compile(rf"{OSP}(?:,?{OSP}(?:ngày{SP})?{DATE})?{OSP},{OSP}")


def an_apposition_to_a_cited_number(key: str, r: _Ref, cited: _Cited) -> _Docu | None:
    """A document named by its subject or issuer right after a number of the same type, with
    only a comma (and a date) between, restates that document.
    `Thông báo số 110/TB-VPCP ngày 20/3, thông báo kết luận của Phó Thủ tướng Vũ Đức Đam` -> one
    Thông báo; `Quyết định số 12/QĐ-UBND ngày 3/1; Quyết định thành lập …` -> two. So does the number
    in brackets right after it: `Kế hoạch phát động phong trào thi đua … (Kế hoạch số 07/KH-UBND)` -> one."""
    if (after := BRACKETED_NUMBER.match(key, r.end)) is not None and (d := cited.starts.get(after.end())) is not None \
            and _doc_type(d) == r.doc_type:
        return d   # `Kế hoạch phát động phong trào thi đua … (Kế hoạch số 07/KH-UBND ngày 13/01/2026)`
    i = bisect.bisect_right(cited.ends, r.start) - 1
    if i < 0:
        return None
    d = cited.end_docs[i]
    if _doc_type(d) == r.doc_type and APPOSITION.fullmatch(key, cited.ends[i], r.start):
        return d
    return None


BRACKETED_NUMBER = re.compile(rf"{OSP}[,{DASH}]?{OSP}\({OSP}")


SERIAL_YEAR = re.compile(r"(\d{1,4})/((?:19|20)\d\d)")


def _year_of(key: str, r: _Ref) -> int | None:
    """The year of a numbered reference: in its number, or `năm 2021` right after it."""
    if r.parsed and r.parsed.year:
        return r.parsed.year
    m = YEAR_AFTER.match(key, r.end)
    return int(m.group()[-4:]) if m else None


def short_form_of_a_cited_number(key: str, r: _Ref, cited: _Cited) -> _Docu | None:
    """A cited document that the number `r` writes in short, as news often does after citing it
    in full. `Công văn số 10745/VPCP` for `10745/VPCP-V.I` (drafting units left off);
    `Nghị quyết 02/2021` for `Nghị quyết 02/NQ-CP năm 2021` (serial and year only)."""
    p = r.parsed
    if p is not None:
        for d in cited.by_serial.get(p.serial, ()):
            q = d.head.parsed
            if q is None or (q.issuer_code, q.type_code, q.year) != (p.issuer_code, p.type_code, p.year):
                continue
            short, full = sorted((p.units, q.units), key=len)
            if full[:len(short)] == short and not another_years_number(key, r, d):
                return d
        return None
    m = SERIAL_YEAR.fullmatch(r.serial or r.number or "")
    if m is None or not r.typed:
        return None
    serial, year = m.group(1), int(m.group(2))
    for d in cited.by_serial.get(serial, ()):
        if _doc_type(d) == r.doc_type and any(x.kind == "num" and _year_of(key, x) == year for x in d.refs):
            return d
    return None


def another_years_number(key: str, r: _Ref, d: _Docu) -> bool:
    """Whether a number without a year, cited again with another `năm YYYY` than the document
    found under it, is another document: the Government renumbers its yearly resolutions.
    `Nghị quyết số 02/NQ-CP năm 2020` … `dự thảo Nghị quyết 02/NQ-CP năm 2021` -> two;
    `Nghị quyết số 02/NQ-CP năm 2021` … `Nghị quyết 02/NQ-CP` -> one."""
    if r.parsed is None or r.parsed.year:
        return False
    year = _year_of(key, r)
    years = d.num_years(key)
    return year is not None and bool(years) and year not in years


def _bucket_key(r: _Ref) -> tuple:
    """What a law, session or issuer reference must share with a document to be merged into it
    (`_compatible`: the same body, except a congress, whose body may be left unsaid)."""
    kind = r.feats.get("kind")
    return (r.kind, r.doc_type, kind, None if kind == "congress" else r.feats.get("body"))


class _Found:
    """The documents found so far, bucketed by what each kind of lookup must match, so that
    a reference is compared only with the documents it could join (linear merging)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.docs: list[_Docu] = []
        self.order: dict[int, int] = {}                                     # id(doc) -> place in docs
        self.by_word: dict[tuple[str, str], list[_Docu]] = {}               # head type, subject word
        self.words: dict[int, set[str]] = {}                                # id(doc) -> all its subject words
        self.by_serial: dict[tuple[str, str | None], list[_Docu]] = {}     # numbered, by type and serial
        self.serial_heads: dict[tuple[str, str | None], _Docu] = {}        # headed by a short serial
        self.by_class: dict[tuple[str, str], tuple[list[int], list[_Docu]]] = {}   # numbered or serial, by type and issuer body, by start
        self.by_kind: dict[tuple, list[_Docu]] = {}                         # law, session, issuer heads

    def add(self, d: _Docu) -> None:
        self.order[id(d)] = len(self.docs)
        self.docs.append(d)
        self._index_words(d, d.head)
        h = d.head
        if h.kind == "num":
            self.by_serial.setdefault((_doc_type(d), h.serial), []).append(d)
        if h.kind == "serial":
            self.serial_heads.setdefault((h.doc_type, h.serial), d)
        if h.kind in ("num", "serial"):
            for c in _doc_classes(d):
                starts, bucket = self.by_class.setdefault((_doc_type(d), c), ([], []))
                i = bisect.bisect_right(starts, h.start)
                starts.insert(i, h.start)
                bucket.insert(i, d)
        else:
            self.by_kind.setdefault(_bucket_key(h), []).append(d)

    def of_class(self, doc_type: str, rc: set[str], pos: int, after: bool = False) -> Iterator[_Docu]:
        """Numbered or serial documents of a type whose issuer includes every body of `rc`,
        nearest first: those starting before `pos` (going back), or after it (going on)."""
        starts, bucket = min((self.by_class.get((doc_type, c), ([], [])) for c in rc), key=lambda b: len(b[0]))
        if after:
            seq = bucket[bisect.bisect_right(starts, pos):]
        else:
            seq = reversed(bucket[:bisect.bisect_left(starts, pos)])
        return (d for d in seq if _doc_type(d) == doc_type and rc <= _doc_classes(d))

    def attach(self, d: _Docu, r: _Ref) -> None:
        """Add the reference `r` to the document `d`."""
        d.refs.append(r)
        if id(d) in self.order:
            self._index_words(d, r)

    def _index_words(self, d: _Docu, r: _Ref) -> None:
        words = _ref_words(self.key, r)
        self.words.setdefault(id(d), set()).update(words)
        for w in words:
            posting = self.by_word.setdefault((d.head.doc_type, w), [])
            if not posting or posting[-1] is not d:
                posting.append(d)

    def same_subject(self, r: _Ref) -> _Docu | None:
        """The first document found of r's type that r names again by its subject
        (`_subject_match`). A match shares at least half of r's words, so it holds one of r's
        words beyond the other half: only the documents indexed under those, the rarest, are tried."""
        words = r.feats.get("words") or frozenset()
        if not words:
            return None
        postings = sorted((self.by_word.get((r.doc_type, w), []) for w in words), key=len)
        need = -(-len(words) // 2)   # ceil(|words| / 2)
        cands = {id(d): d for p in postings[:len(words) - need + 1] for d in p
                 if len(words & self.words[id(d)]) >= need}
        for d in sorted(cands.values(), key=lambda d: self.order[id(d)]):
            if _subject_match(self.key, d, r):
                return d
        return None

    def last_compatible(self, r: _Ref) -> _Docu | None:
        return next((d for d in reversed(self.by_kind.get(_bucket_key(r), ()))
                     if _compatible(d.head.feats, r.feats)), None)


def _merge(refs: list[_Ref], key: str) -> list[_Docu]:
    found = _Found(key)
    by_number: dict[str, _Docu] = {}
    cited = _Cited()
    later: list[_Ref] = []
    for r in refs:
        if r.kind == "num":
            k = number_key(r.number or "")
            if k in by_number and not another_years_number(key, r, by_number[k]):
                found.attach(by_number[k], r)
            elif (d := short_form_of_a_cited_number(key, r, cited)) is not None:
                found.attach(d, r)
                by_number[k] = d
            else:
                d = _Docu([r])
                by_number[k] = d
                found.add(d)
                cited.add(d)
        else:
            later.append(r)
    cited.index_ends(list(found.docs))

    for r in later:
        target = None
        if r.kind in ("subject", "issuer") and (same := an_apposition_to_a_cited_number(key, r, cited)):
            found.attach(same, r)
            continue
        if r.kind == "serial" and (short := short_form_of_a_cited_number(key, r, cited)) is not None:
            target = short   # `Nghị quyết 02/2021` after `Nghị quyết 02/NQ-CP năm 2021`
        elif r.kind == "serial":
            hits = [d for d in found.by_serial.get((r.doc_type, r.serial), ()) if _doc_type(d) == r.doc_type]
            if len(hits) > 1 and r.issuer and (rc := _classes(r.issuer)):
                hits = [d for d in hits if rc <= _doc_classes(d)] or hits
            if hits:
                before = [d for d in hits if d.head.start < r.start]
                target = (before or hits)[-1]
            else:
                target = found.serial_heads.get((r.doc_type, r.serial))
        elif r.kind == "issuer":
            rc = _classes(r.issuer)
            if rc:
                target = next(found.of_class(r.doc_type, rc, r.start), None)  # anaphora points back
            if target is None:
                target = found.last_compatible(r)
            if target is None and not r.standalone:
                continue
        elif r.kind == "subject":
            # one document per subject; a numbered one of that type with the same subject after
            # its number (`Quyết định số 12/QĐ-UBND phê duyệt X` … `quyết định phê duyệt X`)
            target = found.same_subject(r)
        else:  # law, central, congress
            target = found.last_compatible(r)
        if target is not None:
            found.attach(target, r)
        else:
            found.add(_Docu([r]))
    # a lead may name a document by its issuer before the text cites it in full: `công bố Nghị
    # quyết của Ủy ban Thường vụ Quốc hội ...`, then `Nghị quyết số 1237 ... của Ủy ban Thường vụ
    # Quốc hội`: one document, when exactly one cited document of that type and issuer follows
    # (a reference with a period of its own, `Nghị quyết Tỉnh ủy quý I-2022`, is another one)
    merged: set[int] = set()
    for d in [d for d in found.docs if all(r.kind == "issuer" for r in d.refs)]:
        rc = _classes(d.head.issuer)
        if not rc or not _LEAD_OF.match(key, d.head.end):
            continue
        cands = list(itertools.islice(found.of_class(d.head.doc_type, rc, d.head.start, after=True), 2))
        if len(cands) == 1 and _same_subject(key, d.head.end, cands[0]):
            cands[0].refs.extend(d.refs)
            merged.add(id(d))
    docs = [d for d in found.docs if id(d) not in merged]
    for d in docs:
        d.refs.sort(key=lambda r: r.start)
    docs.sort(key=lambda d: d.refs[0].start)
    return docs


def _best_name(d: _Docu) -> _Ref:
    """The reference that names the document: the first, unless a later one says more."""
    head = d.refs[0]
    if head.kind in ("num",):
        return head
    best = head
    for r in d.refs[1:]:
        if r.kind in ("central", "congress", "issuer", "law") and r.kind == head.kind:
            more = [k for k in ("session", "khoa", "term", "year") if r.feats.get(k) and not best.feats.get(k)]
            less = [k for k in ("session", "khoa", "term", "year") if best.feats.get(k) and not r.feats.get(k)]
            if more and not less:
                best = r
    return best


def _to_directive(d: _Docu) -> Directive:
    named = _best_name(d)
    numbered = next((r for r in d.refs if r.kind == "num" and r.typed), None) or next(
        (r for r in d.refs if r.kind == "num"), None)
    serial = next((r for r in d.refs if r.kind == "serial"), None)
    main = numbered or serial or named
    issuer = next((r.issuer for r in d.refs if r.issuer and r.stated), None)
    extra: dict[str, Any] = {}
    if issuer is None:  # decoded from the number (`TTg`: Thủ tướng Chính phủ)
        issuer = next((r.issuer for r in d.refs if r.issuer), None)
        if issuer:
            extra["issuer_from_code"] = True
    if numbered and numbered.parsed:
        p = numbered.parsed
        if p.year:
            extra["year"] = p.year
        if p.issuer_code:
            extra["issuer_code"] = p.issuer_code
    elif named.feats.get("year"):
        extra["year"] = named.feats["year"]
    return Directive(
        kind="document",
        doc_type=main.doc_type,
        number=main.number,
        issuer=issuer,
        name=main.name if main is not named else named.name,
        mentions=[[r.start, r.end] for r in d.refs],
        extra=extra,
    )


# ---------------------------------------------------------------------------- the grammar
#
# After merging, each document is a `Candidate`; DOCUMENT_RULES, an ordered tuple of named
# rules, drop the ones that are no reference to a formal document of the guideline's kinds.
# Every decision is written to the explain trace (`vnnews.extract(text, explain=True)`).


@dataclass
class Candidate:
    """A document found in `doc`: its references merged, and the directive it would give."""

    doc: Doc
    key: str
    docu: _Docu
    directive: Directive

    @property
    def start(self) -> int:
        return self.docu.refs[0].start

    @property
    def end(self) -> int:
        return self.docu.refs[0].end


def not_a_reported_type(c: Candidate) -> str | None:
    """The guideline's kinds only (annotated_types.txt); Báo cáo, Tờ trình … are read, not reported.
    `Báo cáo số 123/BC-UBND` -> dropped; `Nghị quyết số 10/2017/NQ-HĐND` -> kept."""
    return None if c.directive.doc_type in load().reported_types else f"{c.directive.doc_type} is not reported"


def a_verb_opening_a_clause(c: Candidate) -> str | None:
    """A type word that is also a verb (`quyết định`, `quy định`, `thông báo` …, flag B of
    type_words.tsv), opening a sentence or a list item with a subject that runs to the end of
    it, is the verb of that clause (a list of powers or tasks), not a document.
    `Viện trưởng có quyền: Quyết định thành lập các Viện Công tố.` -> dropped;
    `Quyết định thành lập Ban chỉ đạo được công bố.` -> kept (the clause goes on after the name);
    a headline `Quyết định thành lập thị xã Phú Mỹ` (no full stop) -> kept."""
    refs = c.docu.refs
    if any(r.kind != "subject" for r in refs) or len(refs) > 1:
        return None
    r = refs[0]
    if "B" not in r.feats.get("flags", "") or not c.key[r.start].isupper():
        return None   # capitalised by its position only; `2 quyết định gồm: quyết định quy định về …`
    before = c.key[max(0, r.start - 3):r.start]
    if r.start and not CLAUSE_OPENING.search(before):
        return None
    if not CLAUSE_END.match(c.key, r.end):
        return None
    return "a verb opening its clause, with nothing after its object"


def a_paper_of_a_business(c: Candidate) -> str | None:
    """A numbered paper whose issuer code is a business the text names (`Tập đoàn FLC`,
    `Công ty cổ phần ABC`) is no Party or State document.
    `Tập đoàn FLC gửi Công văn số 789/FLC-BĐT2 về dự án.` -> dropped;
    `UBND tỉnh có Công văn số 789/UBND-KT về dự án.` -> kept. So is an unnumbered one that a business
    sends: `Công ty T-S.Home có công văn về việc ngưng khai thác mỏ cát` -> dropped."""
    head = c.docu.refs[0]
    if head.kind == "subject" and BUSINESS_SENDS.search(c.key, max(0, head.start - 80), head.start):
        return "sent by a business"
    for r in c.docu.refs:
        if r.kind != "num" or not r.number or (r.parsed and r.parsed.issuer):
            continue
        for code in re.split(r"[-/.]", r.number.replace(" ", ""))[1:]:
            if len(code) > 1 and code.isupper() and re.search(
                    rf"(?<!\w){BUSINESS}(?:{SP}[\w&-]+){{0,4}}?{SP}{re.escape(code)}(?!\w)", c.key):
                return f"issued by the business {code}"
    return None


def a_document_yet_to_be_issued(c: Candidate) -> str | None:
    """A document named by its subject that someone is advised or asked to issue, or will issue, does
    not exist yet (a draft does): `tham mưu UBND tỉnh ra chỉ thị về tăng cường …`, `tỉnh sẽ ban hành Kế
    hoạch triển khai …` -> dropped;
    `UBND tỉnh ra chỉ thị về tăng cường …` -> kept."""
    r = c.docu.refs[0]
    if r.kind != "subject" or any(x.kind == "num" for x in c.docu.refs):
        return None
    if PROPOSED.search(c.key, max(0, r.start - 80), r.start):
        return "proposed, not issued"
    return None


def a_paper_of_a_mass_organisation(c: Candidate) -> str | None:
    """A paper issued by a mass organisation (mass_organisations.txt: Hội Nông dân, MTTQ, a union)
    is no Party or State document: `Hội Nông dân xã đã công bố Quyết định thành lập Tổ Hội
    nông dân nghề nghiệp` -> dropped; `UBND xã đã công bố Quyết định thành lập Ban chỉ đạo …`,
    `UBND tỉnh và Ủy ban MTTQ tỉnh ban hành Nghị quyết liên tịch số 05/NQLT-UBND-MTTQ` -> kept."""
    issuer = c.directive.issuer or ""
    head = c.docu.refs[0]
    window = c.key[max(0, head.start - 80):head.start]
    before = ISSUED_BY.search(window)
    orgs = load().mass_organisations
    phrases = [issuer, before.group("by") if before else ""]
    phrases += [r.parsed.issuer or "" for r in c.docu.refs if r.parsed]
    if any(orgs.search(p) for p in phrases) and not any(_classes(orgs.sub(" ", p)) for p in phrases):
        return "issued by a mass organisation"   # not a joint paper with a State or Party body
    return None


def a_heading_for_a_list(c: Candidate) -> str | None:
    """A type word named by a subject that ends in `như:`, `sau:` or `(bao) gồm:` heads a list of what several documents
    are about, not one document (eval/audit.md, m004).
    `Nghị quyết về thực hiện chính sách cho các đối tượng như: mức hỗ trợ …; mức chi …` -> dropped;
    `Nghị quyết về thực hiện chính sách cho người cao tuổi: mức hỗ trợ tăng.` -> kept."""
    refs = c.docu.refs
    if len(refs) > 1 or refs[0].kind != "subject":
        return None
    if LIST_HEAD.search(c.key, max(0, refs[0].end - 12), refs[0].end) and c.key.startswith(":", refs[0].end):
        return "a heading for a list"
    return None


LIST_HEAD = re.compile(r"(?<!\w)(?:như|sau|gồm|bao gồm)$", re.I)
# `Hội Nông dân xã đã công bố`: the body that issues or hands over the document, in its clause
ISSUED_BY = re.compile(rf"(?P<by>[^.;:!?\n,]{{1,60}}?)(?:{SP}(?:đã|vừa|mới))*{SP}(?:ban{SP}hành|công{SP}bố|trao|ra){SP}$")
# `tham mưu UBND tỉnh ra`, `đề xuất ban hành`, `kiến nghị Chính phủ ban hành` right before the type word
PROPOSED = re.compile(rf"(?<!\w)(?:(?:tham{SP}mưu|đề{SP}xuất|kiến{SP}nghị)(?:{SP}(?:cho{SP})?[^.;:!?\n]{{0,50}}?)?"
                      rf"|(?:sẽ|sắp|dự{SP}kiến)(?:{SP}(?:được|tiếp{SP}tục))?){SP}(?:ra|ban{SP}hành){SP}$", re.I)
BUSINESS = rf"(?:Tập{SP}đoàn|[Cc]ông{SP}ty|Tổng{SP}[Cc]ông{SP}ty|Ngân{SP}hàng|[Dd]oanh{SP}nghiệp)"
# `Công ty T-S.Home có`, `Tập đoàn FLC đã gửi` right before an unnumbered paper: its sender, in its clause
BUSINESS_SENDS = re.compile(rf"(?<!\w){BUSINESS}(?:[^.;:!?\n,]|\.(?=\S)){{0,50}}?(?:{SP}(?:đã|vừa|mới|cũng))*{SP}(?:có|gửi|ban{SP}hành)"
                            rf"{SP}$")
DOCUMENT_RULES = (not_a_reported_type, a_verb_opening_a_clause, a_paper_of_a_business, a_paper_of_a_mass_organisation,
                  a_document_yet_to_be_issued, a_heading_for_a_list)
CLAUSE_OPENING = re.compile(r"(?:^|[.:;!?\n]|^[-+•*])[ \u00a0]*$")   # sentence, clause or list item start
CLAUSE_END = re.compile(r"[ \u00a0]*[.;!?](?:\s|$)")   # not a line end: a headline names a document


def annotate(doc: Doc) -> None:
    """Add one `Directive(kind="document")` per document referred to in `doc`."""
    refs = find_documents(doc)
    if not refs:
        return
    for d in _merge(refs, doc.key):
        c = Candidate(doc, doc.key, d, _to_directive(d))
        dropped = verdict(DOCUMENT_RULES, c)
        if dropped:
            doc.trace("documents", dropped[0], "drop", c.start, c.end, dropped[1])
            continue
        how = {"num": "number", "serial": "serial", "law": "name", "subject": "subject", "issuer": "issuer"}
        doc.trace("documents", "document", "keep", c.start, c.end,
                  f"{c.directive.doc_type}, by {how.get(c.docu.refs[0].kind, 'session')}")
        doc.directives.append(c.directive)


# what the component assigns on a Doc (the pipeline checks the order of components)
annotate = declares(assigns=("documents",))(annotate)
