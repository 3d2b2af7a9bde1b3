"""Documents and officials as entities: the identity of a cited document and of a person
across articles. Pure functions over a record (no database): `Archive` stores the keys.

A document is its type, number and issuer. A national issuer (`TW`, `CP`, `TTg`, the
ministries) is one for the country; a local one (`TU`, `HU`, `UBND`, `ĐU` ...) is scoped by
the province, and for a district or commune issuer by the district or commune, that the
citing text names (`Huyện ủy Châu Thành`, `UBND tỉnh Long An`) or else the article is
mostly about:

    >>> from vnnews.models import Directive, Location, Record
    >>> rec = Record(text="", locations=[Location(name="Long An", level="tỉnh", mentions=[[0, 7]])])
    >>> document_identity(Directive(kind="document", doc_type="Chỉ thị", number="01-CT/TU"), rec, "Long An").key
    'chi thi|01-CT/TU|TU|long an'
    >>> document_identity(Directive(kind="document", doc_type="Nghị định", number="24/2022/NĐ-CP"), rec, "Long An").key
    'nghi dinh|24/2022/ND-CP|CP|national'

A person is a name plus a scope: the province named in the title (`Bí thư Tỉnh ủy Long
An`), else the article's province; `national` for a national office without a local body
in the title (`Bộ trưởng Bộ Y tế`); '' when the province is unknown. Two people sharing a
name in two provinces stay two persons (conservative); in one province they are one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..models import Directive, Official, Record
from ..nlp.gazetteer import COMMUNE_LEVELS, DISTRICT_LEVELS, level_tiers
from .keys import fkey, number_key

NATIONAL = "national"
_TIER_RANK = {"commune": 0, "district": 1, "province": 2}


@lru_cache(maxsize=1)
def _level_words() -> tuple[tuple[str, str], ...]:
    """(folded level word, tier) in the order an issuer text is read: words of two syllables
    first (`thị trấn` before `trấn`-less `xã`), then the most local tier first (`UBND xã A,
    huyện B` names a commune). From `resources/gazetteer/tiers.tsv`."""
    words = [(fkey(w), tier) for w, tier in level_tiers().items()]
    return tuple(sorted(words, key=lambda wt: (-len(wt[0].split()), _TIER_RANK[wt[1]])))


def _lines(name: str) -> list[str]:
    text = (resources.files("vnnews.resources") / "corpus" / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def issuer_levels() -> dict[str, str]:
    """Issuer code -> national, province, district, commune or local (`issuer_levels.tsv`)."""
    out = {}
    for ln in _lines("issuer_levels.tsv"):
        code, level = ln.split("\t")[:2]
        out[code.strip()] = level.strip()
    return out


def issuer_level(code: str | None) -> str:
    """The level of an issuer code: `TU` -> province, `CP` -> national, `UBND` -> local.

    >>> issuer_level("TU"), issuer_level("NĐ-CP"), issuer_level("BTGTW"), issuer_level("XYZ")
    ('province', 'national', 'national', 'local')
    """
    if not code:
        return "local"
    levels = issuer_levels()
    code = code.strip()
    if code in levels:
        return levels[code]
    tail = code.rsplit("-", 1)[-1]
    if tail in levels:
        return levels[tail]
    if code.endswith(("TW", "TƯ")):
        return NATIONAL
    return "local"


def _phrases(name: str) -> re.Pattern:
    words = sorted((p.strip() for p in _lines(name)), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")


_NATIONAL_RX = None
_LOCAL_RX = None


def _national_rx() -> tuple[re.Pattern, re.Pattern]:
    global _NATIONAL_RX, _LOCAL_RX
    if _NATIONAL_RX is None:
        _NATIONAL_RX, _LOCAL_RX = _phrases("national_offices.txt"), _phrases("local_bodies.txt")
    return _NATIONAL_RX, _LOCAL_RX


@lru_cache(maxsize=16384)
def _issuer_code_of(number: str) -> str | None:
    from ..nlp.documents import parse_number

    try:
        parsed = parse_number(number)
    except Exception:  # noqa: BLE001 - an odd number is just a number without a code
        return None
    return parsed.issuer_code if parsed is not None else None


@dataclass(frozen=True)
class Place:
    """What an article is about: its province and most-mentioned district and commune,
    with the folded names of every unit it mentions by level (for matching issuer text)."""

    province: str | None
    district: str | None
    commune: str | None
    units: tuple[tuple[str, str, str], ...]   # (folded name, level, name as written)


def article_place(record: Record, province: str | None) -> Place:
    """The place `record` is about (`province` is the article's province, computed by the archive)."""
    districts: Counter[str] = Counter()
    communes: Counter[str] = Counter()
    names: dict[str, str] = {}
    units = []
    for loc in record.locations:
        if not loc.name:
            continue
        level = loc.level or ""
        key = fkey(loc.name) or ""
        units.append((key, level, loc.name))
        n = max(1, len(loc.mentions or ()))
        if level in DISTRICT_LEVELS and not (level == "thành phố" and not loc.parent):
            districts[key] += n
            names[key] = loc.name
        elif level in COMMUNE_LEVELS:
            communes[key] += n
            names[key] = loc.name
    return Place(province=province,
                 district=names[districts.most_common(1)[0][0]] if districts else None,
                 commune=names[communes.most_common(1)[0][0]] if communes else None,
                 units=tuple(units))


@dataclass(frozen=True)
class DocumentIdentity:
    """A document's identity (`key`) and the fields of its `documents` row."""

    key: str
    doc_type: str | None
    number: str | None
    number_key: str | None
    issuer: str | None
    issuer_code: str | None
    scope: str                 # national, province, district or commune
    province: str | None
    unit: str | None           # the district or commune of a district/commune issuer


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _padded(text_key: str) -> str:
    """` words of text_key `: whole words are found with `" " + words + " " in _padded(x)`."""
    return " " + _NON_WORD.sub(" ", text_key).strip() + " "


def _has_words(text_key: str, words: str) -> bool:
    return " " + words + " " in _padded(text_key)


def _named_units(text_key: str, place: Place) -> dict[str, str]:
    """Units of the article named in a (folded) issuer text, by level: province/district/commune."""
    out: dict[str, str] = {}
    padded = _padded(text_key)
    for key, level, name in place.units:
        if not key or len(key) < 3:
            continue
        if " " + _padded(key).strip() + " " in padded:
            if level == "tỉnh" or (level == "thành phố" and key in _CENTRAL):
                out.setdefault("province", name)
            elif level in DISTRICT_LEVELS:
                out.setdefault("district", name)
            elif level in COMMUNE_LEVELS:
                out.setdefault("commune", name)
    return out


_CENTRAL = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}


def _text_level(text_key: str) -> str | None:
    """The level an issuer text names: `UBND huyện Châu Thành` -> district."""
    for word, tier in _level_words():
        if _has_words(text_key, word):
            return tier
    if any(_has_words(text_key, w) for w in ("huyen uy", "quan uy", "thi uy")):
        return "district"
    return None


def document_identity(d: Directive, record: Record, province: str | None,
                      place: Place | None = None) -> DocumentIdentity:
    """The identity of document reference `d` of `record`, whose article is about `province`."""
    place = place or article_place(record, province)
    extra = d.extra or {}
    nkey = number_key(d.number)
    code = extra.get("issuer_code") or (_issuer_code_of(d.number) if d.number else None)
    level = issuer_level(code) if code else None
    if d.doc_type and issuer_levels().get("@" + d.doc_type) == NATIONAL:
        level = NATIONAL
    issuer_key = fkey(d.issuer) or ""
    if level is None:  # no code in the number: judge by the issuer's name
        if _is_national(issuer_key):
            level = NATIONAL
        else:
            level = "local"
    scope, prov, unit = NATIONAL, None, None
    if level != NATIONAL:
        named = _named_units(issuer_key, place) if issuer_key else {}
        if level == "local":
            level = _text_level(issuer_key) or ("commune" if "commune" in named else
                                                "district" if "district" in named else "province")
        prov = named.get("province") or place.province
        if level == "district":
            unit = named.get("district") or place.district
        elif level == "commune":
            unit = named.get("commune") or place.commune
        scope = level
    where = NATIONAL if scope == NATIONAL else (fkey(prov) or "?") + (
        "/" + (fkey(unit) or "?") if scope in ("district", "commune") else "")
    ident = nkey or "~" + (fkey(d.name) or "")
    key = f"{fkey(d.doc_type) or ''}|{ident}|{code or issuer_key}|{where}"
    return DocumentIdentity(key=key, doc_type=d.doc_type, number=d.number, number_key=nkey, issuer=d.issuer,
                            issuer_code=code, scope=scope, province=prov, unit=unit)


@lru_cache(maxsize=65536)
def _is_national(text_key: str) -> bool:
    """A folded title or issuer names a national body and no provincial or lower one."""
    national_rx, local_rx = _national_rx()
    return bool(text_key) and national_rx.search(text_key) is not None and local_rx.search(text_key) is None


def person_scope(o: Official, place: Place) -> tuple[str, str | None]:
    """(scope key, province as written) of an official: the province named in the title
    or organisation, else the article's; `national` for a national office."""
    text = fkey(" ".join(x for x in (o.title, o.organization) if x)) or ""
    named = _named_units(text, place) if text else {}
    if named.get("province"):
        return fkey(named["province"]) or "", named["province"]
    if _is_national(text):
        return NATIONAL, None
    if place.province:
        return fkey(place.province) or "", place.province
    return "", None


def speaker_official(d: Directive, officials: Iterable[tuple[str, int]]) -> int | None:
    """Index of the official (given as (person_key, index) pairs) who speaks instruction `d`."""
    from .keys import person_key

    if not d.speaker:
        return None
    pk = person_key(d.speaker)
    for key, i in officials:
        if key == pk:
            return i
    return None
