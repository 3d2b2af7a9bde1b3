"""The `Location` records: one per unit (mentions with the same name and level, and
mentions that resolve to the same unit under other spellings, listed in `aliases`), with
its parent and province named as at the article's date.
"""
from __future__ import annotations

import re
import unicodedata

from ...models import Location
from ..gazetteer import COMMUNE_LEVELS, VILLAGE_LEVELS, Unit
from .reader import Reader
from .tokens import Mention, canon


def records(a: Reader) -> list[Location]:
    """One `Location` per unit: mentions with the same name and level, and mentions that resolve
    to the same unit under other spellings (`TP.HCM` and `Thành phố Hồ Chí Minh`)."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in sorted(a.mentions, key=lambda x: x.start):
        if m.level:
            groups.setdefault((canon(m.name), m.level), []).append(m)
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
    merge_tone_typos(groups)
    communes = sorted((m for m in a.mentions if m.level in COMMUNE_LEVELS), key=lambda x: x.start)
    out = []
    for (_, level), ms in groups.items():
        first = ms[0]
        unit = next((m.unit for m in ms if m.unit is not None), None)
        if unit is not None:  # the unit's own name where the text writes it so
            first = next((m for m in ms if canon(m.name) == canon(unit.name)), first)
        name = first.name
        if unit is not None and canon(name) != canon(unit.name) and \
                all(re.match(r"[A-ZĐ]{2}|[QP]\.", m.name) for m in ms):
            name = unit.name  # only an abbreviation is written (`TP.HCM`, `TT-Huế`): the unit's name
        loc = Location(name=name, level=level, mentions=[[m.start, m.end] for m in ms])
        others = sorted({a.text[m.start:m.end] for m in ms
                         if canon(a.text[m.start:m.end]) != canon(name)})
        if others:
            loc.extra["aliases"] = others
        if unit is not None:
            par = unit.parent
            if par is not None:
                loc.parent = name_on(a, par)
            loc.extra["province"] = name_on(a, unit.province)
            loc.extra["gazetteer_id"] = unit.id
            cur = unit.current
            if cur is not None and unit.merged:
                loc.extra["current"] = f"{cur.level} {cur.name}"
        elif level in VILLAGE_LEVELS:
            first = ms[0]
            after = [c for c in communes if c.start >= first.end and
                     re.fullmatch(r"(?i)[\s,(–-]*(?:(?:xã|phường|thị trấn|đặc khu)\s*)?",
                                  a.key[first.end:c.start] or " ")
                     and c.start - first.end < 20]
            near = after[:1] or [c for c in communes if c.start < first.start]
            if near:
                loc.parent = near[-1].name
                if near[-1].unit is not None:
                    loc.extra["province"] = name_on(a, near[-1].unit.province)
        out.append(loc)
    return out


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def toneless(name: str) -> str:
    """A name's comparison form without tone marks (vowel shapes and `đ` kept):
    `Thinh Sơn` and `Thịnh Sơn` -> `thinh sơn`; `Tân An` and `Tấn An` -> `tân an`."""
    d = unicodedata.normalize("NFD", canon(name))
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))


def merge_tone_typos(groups: dict[tuple[str, str], list[Mention]]) -> None:
    """A unit the gazetteer lacks whose name differs only in a tone mark from one unit of
    the same level the article names is that unit misspelt: `xã Thịnh Sơn … xã Thinh Sơn`
    is one commune (`Thinh Sơn` in `aliases`); `xã Tân An … xã Tấn An`, where the gazetteer
    knows neither or both, stay two.

    >>> from .examples import found
    >>> found("Năm 2015, xã Thịnh Sơn (Đô Lương) họp; đại hội xã Thinh Sơn nhiệm kỳ mới.")
    [('Thịnh Sơn', 'xã'), ('Đô Lương', 'huyện')]
    """
    known: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for gk, ms in groups.items():
        if any(m.unit is not None for m in ms):
            known.setdefault((toneless(gk[0]), gk[1]), []).append(gk)
    for gk in list(groups):
        if any(m.unit is not None for m in groups[gk]):
            continue
        same = [k for k in known.get((toneless(gk[0]), gk[1]), []) if k != gk]
        if len(same) == 1:
            groups[same[0]].extend(groups.pop(gk))
            groups[same[0]].sort(key=lambda x: x.start)


def name_on(a: Reader, u: Unit) -> str:
    """The name of unit `u` (any version of it) at the article's date."""
    if u.valid_on(a.on):
        return u.name
    for suffix in ("", "~", "^"):
        alt = a.g.units.get(u.base_id + suffix)
        if alt is not None and alt.valid_on(a.on):
            return alt.name
    return u.name
