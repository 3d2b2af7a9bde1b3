"""Resolution: the article's provinces, voted by its mentions, title and outlet, and the
gazetteer unit each mention names (the candidate with the right level, valid at the
article's date, in the article's provinces, whose parent is mentioned, most of all right
after it: `xã Mỹ Lộc, huyện Tam Bình`).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict

from ..gazetteer import Unit
from ..textnorm import key_lower
from .lexicon import level_ok, rank
from .reader import Reader
from .tokens import WORD, Mention, canon, token_kind


def province_votes(a: Reader, bare: list[Mention]) -> dict[str, float]:
    """The article's provinces by vote (base id -> votes): each mention with a level word splits one
    vote among its provinces, a bare province name gives one, and so do province names in
    the title, the outlet and a district the outlet names."""
    votes: dict[str, float] = defaultdict(float)
    for m in a.mentions:
        if not m.cands:
            continue
        cands = [u for u in a.valid(m.cands) if level_ok(u, m.level)] or a.valid(m.cands)
        provs = {u.province.base_id for u in cands}
        for p in provs:
            votes[p] += 1.0 / len(provs)
    for m in bare:
        tops = [u for u in a.valid(m.cands) if u.parent_id is None]
        if tops and canon(m.name) not in a.lex["nobare"] and not a.after_facility(m.start):
            votes[tops[0].base_id] += 1.0
    # the title, and the outlet (`Báo Bình Định`), name the article's province too
    article = a.doc.article or {}
    for field_ in ("title", "source"):
        value = article.get(field_)
        if isinstance(value, str) and value:
            for unit in {u.base_id: u for u in title_provinces(a, value[:300])}.values():
                votes[unit.base_id] += 1.0
    source = article.get("source")
    if isinstance(source, str) and source:
        for p in outlet_district_provinces(a, source[:300]):
            votes[p] += 1.0
    return votes

_OUTLET_UNIT = re.compile(r"(?i)(?<!\w)(huyện|quận|thị xã|thành phố|tp\.?|tx\.?) ([A-ZĐ]\w*(?: [A-ZĐ]\w*){0,3})")


def outlet_district_provinces(a: Reader, source: str) -> set[str]:
    """The province of a district the outlet names with its level word (`Cổng TTĐT huyện
    Đô Lương`: Nghệ An), when the name is a district of one province only."""
    out = set()
    for m in _OUTLET_UNIT.finditer(source):
        units = [u for u in a.lex["index"].get(canon(m.group(2)), []) if rank(u) == 1]
        provs = {u.province.base_id for u in units}
        if len(provs) == 1:
            out |= provs
    return out


def title_provinces(a: Reader, title: str):
    """The provinces named in a title or an outlet (`Báo Bình Định`), not a facility's name."""
    key = title
    toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(key)]
    out = []
    for first in range(len(toks)):
        for b in range(min(len(toks), first + 5) - 1, first - 1, -1):
            if not all(token_kind(toks[x][2]) == "T" for x in range(first, b + 1)):
                continue
            units = a.lex["index"].get(canon(key[toks[first][0]:toks[b][1]]))
            if units:
                tops = [u for u in a.valid(units) if u.parent_id is None]
                if tops and canon(key[toks[first][0]:toks[b][1]]) not in a.lex["nobare"] \
                        and not a.lex["facility_before"].search(key_lower(key[max(0, toks[first][0] - 60):toks[first][0]])):
                    out.append(tops[0])  # (not `Trường Đại học Cần Thơ`: a facility's name)
                break
    return out


def resolve_anchored(a: Reader, bare: list[Mention]) -> set[str]:
    """Settle the article's provinces (by the votes of its mentions, its title and its outlet),
    give a parenthesised container to the unit before it, resolve every mention found with
    a level word to a gazetteer unit; the districts the article names (base ids)."""
    votes = province_votes(a, bare)
    context = {p for p, v in votes.items() if v >= 0.99}
    if not context and votes:
        best = max(votes.values())
        context = {p for p, v in votes.items() if v == best}
    a.context_prov = context
    # the article's home province(s): one or two, or one clearly ahead of the others
    ranked_votes = sorted(((v, p) for p, v in votes.items() if p in context), reverse=True)
    if len(ranked_votes) <= 2:
        a.home_prov = {p for _, p in ranked_votes}
    elif ranked_votes[0][0] >= ranked_votes[1][0] + 1:
        a.home_prov = {ranked_votes[0][1]}
    else:
        a.home_prov = set()

    # parenthesised or comma-appended container: `xã An Khánh (Châu Thành)`
    by_start = {m.start: m for m in bare}
    for m in list(a.mentions):
        if not m.cands:
            continue
        k = m.end
        tail = a.key[k:k + 2]
        if tail not in (" (", ", ") and a.key[k:k + 1] != "(":
            continue
        s = k + (1 if a.key[k:k + 1] == "(" else 2)
        b = by_start.get(s)
        if not b:
            continue
        parents = {}
        for u in m.cands:
            for up in u.chain:
                parents[up.base_id] = up
        ups = [u for u in b.cands if u.base_id in parents]
        if ups and tail != ", " or (ups and tail == ", " and all(u.parent_id is None for u in ups)):
            b.cands = ups
            b.kind = "paren"
            m.cands = [u for u in m.cands if any(up.base_id in {x.base_id for x in ups} for up in u.chain)]
            for u in ups:
                a.context_prov.add(u.province.base_id)

    # resolve anchored mentions
    for m in a.mentions:
        if m.cands:
            m.unit = pick(a, m.cands, m.level, m.end)
    districts = set()
    for m in a.mentions:
        if m.unit is not None:
            if rank(m.unit) == 1:
                districts.add(m.unit.base_id)
            elif rank(m.unit) == 2 and m.unit.parent_id and rank(a.g.get(m.unit.parent_id)) == 1:
                districts.add(a.g.get(m.unit.parent_id).base_id)
    return districts


def pick(a: Reader, cands: list[Unit], level: str, at: int | None = None) -> Unit | None:
    """The unit a mention names among `cands`: the right level, valid at the date, in the
    article's provinces, whose containing units are mentioned (most of all right after `at`);
    None when it is known only outside the article's provinces."""
    after = next_names(a, at) if at is not None else set()

    def score(u: Unit):
        s = 0.0
        if level_ok(u, level):
            s += 4
        if u.valid_on(a.on):
            s += 2
        if u.province.base_id in a.context_prov:
            s += 3
        names = a.mentioned_names
        if any(canon(up.name) in names for up in u.chain):
            s += 2
        if after and any(canon(up.name) in after for up in u.chain):
            s += 6  # `xã Tân Hương, huyện Yên Bình`, `xã An Khánh (Châu Thành)`
        return s
    if a.mentioned_names is None:
        a.mentioned_names = {canon(m.name) for m in a.mentions}
    if not cands:
        return None
    best = max(cands, key=score)
    if a.context_prov and best.province.base_id not in a.context_prov \
            and not any(canon(up.name) in a.mentioned_names for up in best.chain):
        return None  # the name is known only outside the article's provinces
    return best


def next_names(a: Reader, pos: int) -> set[str]:
    """Names of the units written right after `pos`: `, huyện Y, tỉnh Z` or ` (Y)`."""
    out = set()
    if a.sorted_mentions is None:
        a.sorted_mentions = sorted(a.mentions, key=lambda x: x.start)
        a.starts = [m.start for m in a.sorted_mentions]
    for m in a.sorted_mentions[bisect.bisect_left(a.starts, pos):]:
        gap = a.key[pos:m.start]
        if len(gap) > 40 or not re.fullmatch(r"[\s,(–-]*(?:(?:\w+\.? ?){0,3})", gap):
            break
        out.add(canon(m.name))
        pos = m.end
    return out
