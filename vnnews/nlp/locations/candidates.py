"""Stage 2, candidates: each capitalised run that starts with a name the gazetteer knows
is a bare name candidate; CANDIDATE_RULES drop those that name no unit (a reason, or None
to keep the candidate): roads, bylines, names inside other names.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import Unit
from ..rules import verdict
from ..textnorm import key_lower
from .examples import decided  # noqa: F401 (the docstrings\' examples)
from .reader import Reader
from .tokens import NAME_SEP, Mention, canon_key


@dataclass
class Candidate:
    """A capitalised run that starts with a name the gazetteer knows (tokens i..j)."""

    i: int
    j: int
    start: int
    end: int
    units: list[Unit]
    dashed: bool  # after a unit or a province and a dash (`Phú Thọ - Vĩnh Phúc`)


def is_byline(a: Reader, s: int, e: int) -> bool:
    """A name alone on one of the article's last lines is its byline (`Hà Nam`), not a unit."""
    key = a.key
    ls = key.rfind("\n", 0, s) + 1
    le = key.find("\n", e)
    le = len(key) if le < 0 else le
    if key[ls:s].strip() or key[e:le].strip(" .\t"):
        return False
    after = len([ln for ln in key[le:].split("\n") if ln.strip()])
    before = len([ln for ln in key[:ls].split("\n") if ln.strip()])
    return after <= 2 and before >= 2

# -- CANDIDATE_RULES: `(reader, candidate) -> reason (drop) | None` -------------------------


def dash_after_a_bare_name(a: Reader, c: Candidate) -> str | None:
    """After a bare province and a dash only another province is a unit (`Phú Thọ - Vĩnh
    Phúc - Hòa Bình`); `Tân Sơn Nhất - Bình Lợi` is a road.

    >>> decided("Năm 2022, tuyến Hà Nội - Sơn Tây.", "dash_after_a_bare_name")
    ['drop: Sơn Tây']
    """
    if c.dashed and not a.covered[a.toks[c.i - 1].start] and not any(u.parent_id is None for u in c.units):
        return "a name after a bare name and a dash that is no province"
    return None


def inside_a_mention(a: Reader, c: Candidate) -> str | None:
    """A name inside a unit already found with its level word is no second unit: `An
    Khánh` of `xã An Khánh`.

    >>> decided("Năm 2022, xã An Khánh Châu Thành.", "inside_a_mention")
    ['drop: An Khánh']
    """
    return "inside a unit already found" if a.overlaps(c.start, c.end) else None


def name_runs_on(a: Reader, c: Candidate) -> str | None:
    """A name followed by a word that makes it another name: `Thái Bình Dương`, `Hà Nội Mới`.

    >>> decided("Năm 2022, vùng biển Thái Bình Dương.", "name_runs_on")
    ['drop: Thái Bình']
    """
    toks, j = a.toks, c.j
    if j + 1 < len(toks) and NAME_SEP.match(a.sep(j)) and \
            (canon_key(a.key[c.start:c.end]), key_lower(toks[j + 1].text)) in a.lex["stop"]:
        return "the name runs on into another name"
    return None


def after_a_blocking_word(a: Reader, c: Candidate) -> str | None:
    """A name after a road, river, bridge, company, border gate or person word is none:
    `đường Hồ Chí Minh`, `cầu Long Biên`, `cửa khẩu Tân Thanh`, `ông Tây Sơn`.

    >>> decided("Năm 2022, thông quan ở cửa khẩu Tân Thanh.", "after_a_blocking_word")
    ['drop: Tân Thanh']
    """
    return "after a road, company, person or facility word" if a.preceded_by(c.start, a.lex["block"]) else None


def byline(a: Reader, c: Candidate) -> str | None:
    """A name alone on one of the article's last lines is its byline (`Hà Nam`), not a unit.

    >>> decided("Năm 2022, tỉnh Hà Nam họp.\\n\\nHội nghị bàn nhiều việc.\\n\\nHà Nam", "byline")
    ['drop: Hà Nam']
    """
    return "the byline" if is_byline(a, c.start, c.end) else None

CANDIDATE_RULES = (dash_after_a_bare_name, inside_a_mention, name_runs_on, after_a_blocking_word, byline)


def find_bare(a: Reader) -> list[Mention]:
    """Pass 2: each capitalised run that starts with a name the gazetteer knows is a
    candidate; CANDIDATE_RULES drop some (roads, bylines, names inside other names)."""
    out, toks = [], a.toks
    last_end, last_top = -1, False
    for i, t in enumerate(toks):
        if t.kind not in "TU":  # `TPHCM`: an acronym only when it names a province
            continue
        if t.start < last_end:
            continue  # inside the name just found (`Huế` of `TT-Huế`)
        # a name starts a capitalised run (or follows an acronym: `THPT Thuận Thành`)
        dashed = i > 0 and a.sep(i - 1) in (" - ", " – ") and (
            a.covered[toks[i - 1].start] or (last_top and last_end == toks[i - 1].end))
        if i > 0 and toks[i - 1].kind == "T" and NAME_SEP.match(a.sep(i - 1)) and not (
                key_lower(toks[i - 1].text) in a.lex["lead"] and a.at_sentence_start(toks[i - 1].start)) \
                and not dashed:
            continue  # (but `tỉnh Phú Thọ - Vĩnh Phúc - Hòa Bình`: a unit or a province, a dash, a name)
        hit = a.gaz_match(i)
        if not hit:
            continue
        j, units = hit
        c = Candidate(i, j, t.start, toks[j].end, units, dashed)
        dropped = verdict(CANDIDATE_RULES, a, c)
        if dropped is not None:
            a.doc.trace("locations", dropped[0], "drop", c.start, c.end, dropped[1])
            continue
        out.append(Mention(c.start, c.end, a.text[c.start:c.end], "", "bare", cands=list(units)))
        last_end, last_top = c.end, any(u.parent_id is None for u in units)
    return out
