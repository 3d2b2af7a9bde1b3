"""The `Location` records: one per unit (mentions with the same name and level, and
mentions that resolve to the same unit under other spellings, listed in `aliases`), with
its parent and province named as at the article's date.
"""
from __future__ import annotations

import re

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


def name_on(a: Reader, u: Unit) -> str:
    """The name of unit `u` (any version of it) at the article's date."""
    if u.valid_on(a.on):
        return u.name
    for suffix in ("", "~", "^"):
        alt = a.g.units.get(u.base_id + suffix)
        if alt is not None and alt.valid_on(a.on):
            return alt.name
    return u.name
