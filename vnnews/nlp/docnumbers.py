"""Vietnamese document numbers (số và ký hiệu văn bản): find them and decode them.

Three grammars are in use:

- Party documents: ``01-CT/TU``, ``36-HD/VPTW`` -- serial, dash, type code, slash, issuer.
- State administrative documents: ``15/CT-TTg``, ``1234/QĐ-UBND`` -- serial, slash, type
  code, dash, issuer; a công văn has no type code: ``123/UBND-VX`` (issuer, drafting unit).
- Legal normative documents: ``24/2022/NĐ-CP``, ``10/2023/TT-BTC`` -- serial, year, type
  code, issuer; a law has none: ``45/2019/QH14``.

Type and issuer codes come from ``resources/documents/types.tsv`` and ``issuers.tsv``;
a code may mean different things in the Party and the State (``TT`` is Thông tri in
``05-TT/TW`` and Thông tư in ``10/2023/TT-BTC``). Spaces around the dash and slash are
tolerated as written (``40 – CT/TW``), and so are dash variants and ``Ð`` (U+00D0).

``parse_number("24/2022/NĐ-CP")`` gives a `DocNumber` (type, serial, year, issuer);
``NUMBER_RE`` finds candidates in running text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import resources
from .lexicon import loader

DASHES = "-–—‐‑−"
_LOOKALIKE = str.maketrans({"Ð": "Đ", "ð": "đ", **{d: "-" for d in DASHES}})
DASH_CLASS = r"\-–—‐‑−"  # DASHES for use inside a regex character class

# a code: an upper-case letter then letters (TTg, QĐi, CTr, BNN&PTNT), maybe a term number (QH14)
_CODE = r"[A-ZĐÐ][A-Za-zĐđÐƯư&]{0,11}\d{0,2}"  # `TƯ`: Trung ương as the press writes it (13-NQ/TƯ)
_GAP = r"[ \u00a0]{0,2}"
_SEP = rf"(?:{_GAP}[{DASH_CLASS}]{_GAP}|{_GAP}/{_GAP}|\.(?=[A-ZĐ]))"  # `10/CT-UBND.TH`: a unit after a dot
_SERIAL = r"(?:\d{1,2}\.\d{3}(?=/)|\d{1,5})[a-z]?"  # `1.234/UBND-KT`: a thousands dot as the press writes it

#: a document number in running text (validated further by `parse_number`)
NUMBER_RE = re.compile(
    rf"(?<![\w/.,{DASH_CLASS}]){_SERIAL}(?:{_GAP}/{_GAP}(?:19|20)\d\d)?(?:{_SEP}{_CODE}){{1,5}}(?![\w&])"
)


@dataclass(frozen=True)
class DocNumber:
    """A decoded document number."""

    text: str                     # as written
    serial: str                   # "24"
    grammar: str                  # "party", "state" or "legal"
    year: int | None = None       # 2022 in 24/2022/NĐ-CP
    type_code: str | None = None  # "NĐ"
    doc_type: str | None = None   # "Nghị định"
    issuer_code: str | None = None  # "CP" (several joined by "-": "BTC-BNV")
    issuer: str | None = None     # "Chính phủ"
    units: tuple[str, ...] = field(default=())  # drafting units after the issuer (VX)

    @property
    def key(self) -> str:
        """Comparison key: white space dropped, look-alikes mapped, case-folded."""
        return number_key(self.text)

    def to_dict(self) -> dict:
        return {"number": self.text, "serial": self.serial, "grammar": self.grammar,
                "year": self.year, "type_code": self.type_code, "doc_type": self.doc_type,
                "issuer_code": self.issuer_code, "issuer": self.issuer, "units": list(self.units)}


def normalize_number(text: str) -> str:
    """`40 – CT/TW` -> `40-CT/TW`; `QÐ` -> `QĐ`."""
    return re.sub(r"\s+", "", text.translate(_LOOKALIKE))


def number_key(text: str) -> str:
    """The comparison key of a number: `normalize_number`, case-folded."""
    return normalize_number(text).casefold()


@dataclass(frozen=True)
class Lexicon:
    """Type and issuer code tables (`resources/documents/types.tsv`, `issuers.tsv`,
    `units.tsv`), built by `load()`."""

    types: dict[tuple[str, str], str]                                  # (code, scope) -> type
    issuers: dict[tuple[str, str], tuple[str, tuple[str, ...]]]        # (code, scope) -> (name, classes)
    units: dict[str, str]
    type_codes: frozenset[str]
    issuers_upper: dict[tuple[str, str], tuple[str, tuple[str, ...]]]  # for numbers written in capitals
    types_upper: dict[tuple[str, str], str]
    issuer_codes: frozenset[str]

    def doc_type(self, code: str, scope: str) -> str | None:
        hit = self.types.get((code, scope))
        if hit is None and code.isupper():
            hit = self.types_upper.get((code, scope))
        return hit

    def issuer(self, code: str, scope: str) -> tuple[str, tuple[str, ...]] | None:
        hit = self.issuers.get((code, scope))
        if hit is None:
            base = re.sub(r"\d+$", "", code)  # QH14, UBTVQH15: the term number
            if base != code:
                hit = self.issuers.get((base, scope))
        if hit is None and code.isupper():
            hit = self.issuers_upper.get((re.sub(r"\d+$", "", code), scope))
        return hit


@loader("docnumbers")
def load() -> Lexicon:
    types: dict[tuple[str, str], str] = {}
    for code, scope, name in resources.table("documents/types.tsv"):
        for s in (("party", "state") if scope == "*" else (scope,)):
            types[(code, s)] = name
    issuers: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for row in resources.table("documents/issuers.tsv"):
        code, scope, name = row[:3]
        classes = tuple(c.strip() for c in row[3].split("|")) if len(row) > 3 else ()
        for s in (("party", "state") if scope == "*" else (scope,)):
            issuers[(code, s)] = (name, classes)
    return Lexicon(
        types=types,
        issuers=issuers,
        units={code: name for code, name in resources.table("documents/units.tsv")},
        type_codes=frozenset(c for c, _ in types),
        # upper-case fallbacks for numbers written in capitals (34/2014/QĐ-TTG)
        issuers_upper={(c.upper(), s): v for (c, s), v in issuers.items()},
        types_upper={(c.upper(), s): v for (c, s), v in types.items()},
        issuer_codes=frozenset(c for c, _ in issuers),
    )


def issuer_classes(code: str | None, scope: str) -> tuple[str, ...]:
    """The bodies an issuer code stands for (`TU` -> tỉnh ủy, thành ủy)."""
    if not code:
        return ()
    hit = load().issuer(code.split("-")[0], scope)
    return hit[1] if hit else ()


_PARSE = re.compile(rf"^(?P<serial>{_SERIAL})(?:/(?P<year>(?:19|20)\d\d))?(?P<rest>(?:[-/]{_CODE})+)$")


def parse_number(text: str) -> DocNumber | None:
    """Decode a document number, or None when `text` is not one.

    >>> parse_number("24/2022/NĐ-CP").doc_type
    'Nghị định'
    >>> parse_number("01-CT/TU").issuer
    'Tỉnh ủy'
    """
    if not isinstance(text, str):
        return None
    written = text.strip()
    m = _PARSE.match(re.sub(r"(?<=\w)\.(?=[A-ZĐ])", "-", normalize_number(written)))  # `UBND.TH` as `UBND-TH`
    if not m:
        return None
    serial, year, rest = m.group("serial"), m.group("year"), m.group("rest")
    parts = re.findall(r"([-/])([^-/]+)", rest)
    seps = [s for s, _ in parts]
    segs = [c for _, c in parts]
    tables = load()
    if year:
        grammar, scope = "legal", "state"
    elif seps[0] == "-" and "/" in seps:
        grammar, scope = "party", "party"
    elif seps[0] == "/":
        grammar, scope = "state", "state"
    else:
        return None
    if grammar == "party":
        # serial-TYPE/ISSUER[-UNIT]: the slash separates type from issuer
        i = seps.index("/")
        type_segs, issuer_segs = segs[:i], segs[i:]
    elif grammar == "legal" and len(segs) >= 1 and tables.doc_type(segs[0], scope) is None:
        type_segs, issuer_segs = [], segs  # 45/2019/QH14: a law or a National Assembly resolution
    else:
        type_segs, issuer_segs = segs[:1], segs[1:]
    type_code = type_segs[0] if type_segs else None
    doc_type = tables.doc_type(type_code, scope) if type_code else None
    if type_code and doc_type is None:
        # the first code is not a type: 123/UBND-VX is a công văn of UBND (unit VX)
        if tables.issuer(type_code, scope) is None:
            if grammar == "state" or not issuer_segs:
                return None
            doc_type = None  # unknown Party type code: keep the number, no type
        else:
            issuer_segs = [type_code, *issuer_segs]
            type_code = None
            doc_type = tables.doc_type("CV", scope)
    # issuers: every leading segment that is an issuer code (joint documents: TTLT-BTC-BNV)
    issuer_codes: list[str] = []
    units: list[str] = []
    for seg in issuer_segs:
        if not units and tables.issuer(seg, scope) is not None:
            issuer_codes.append(seg)
        else:
            units.append(seg)
    if not issuer_codes and units:
        issuer_codes, units = [units[0]], units[1:]
    if type_code is None and doc_type is None and not any(tables.issuer(c, scope) for c in issuer_codes):
        return None  # neither code known: not a document number we can vouch for
    names = []
    for c in issuer_codes:
        hit = tables.issuer(c, scope)
        names.append(hit[0] if hit else c)
    return DocNumber(
        text=written,
        serial=serial,
        grammar=grammar,
        year=int(year) if year else None,
        type_code=type_code,
        doc_type=doc_type,
        issuer_code="-".join(issuer_codes) or None,
        issuer=" - ".join(names) or None,
        units=tuple(tables.units.get(u, u) for u in units),
    )


def find_numbers(text: str):
    """Yield `(start, end, DocNumber)` for each document number in `text`."""
    for m in NUMBER_RE.finditer(text):
        if "/" not in m.group():
            continue
        parsed = parse_number(m.group())
        if parsed is not None:
            yield m.start(), m.end(), parsed


__all__ = ["DocNumber", "NUMBER_RE", "parse_number", "find_numbers", "number_key", "normalize_number",
           "issuer_classes", "load"]
