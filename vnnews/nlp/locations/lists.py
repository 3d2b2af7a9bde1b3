"""Lists of units that continue a level word: `3 xã: Nhơn Hải, Nhơn Lý`, `các xã Canh
Hiệp, Canh Thuận`, `Quận 5, 6, 7`, `các ấp A, B và C`, `12 xã: A, B, huyện X; C, huyện Y`.
The anchor rules call them once they have read the level word.
"""
from __future__ import annotations

import re

from ..figures import find_figures
from ..gazetteer import VILLAGE_LEVELS
from ..textnorm import key_lower
from .lexicon import rank, ranked
from .reader import Reader
from .tokens import NUMBER, Mention


def colon_list(a: Reader, pos: int, level: str, mixed: str | None = None) -> None:
    """`3 đơn vị cấp xã, bao gồm: Vân Canh 1, Vân Canh 2 và xã Canh Liên`, `gồm các
    phường: A, B`: capitalised names after the colon, up to the first that is none.
    Names the gazetteer lacks need two words (a number may end them); a name it knows at
    the list's tier may be written with a lower-case syllable (`Văn giang`)."""
    ranks = set(a.lex.ranks.get(level, ()))
    i = a.tok_at.get(pos)
    word = {"phường": "Phường", "quận": "Quận"}.get(level, level if level in VILLAGE_LEVELS else None)
    while i is not None and i < len(a.toks) and a.toks[i].kind == "D" and word \
            and len(a.toks[i].text) <= 2 and a.numbered_ok(i):
        t = a.toks[i]  # `nhập 3 phường: 1, 9 và Trường An`: numbered units first
        # `2 phường: 5 phường mới` counts
        if any(f.span[0] <= t.start - pos < f.span[1] and f.span[1] > t.end - pos
               for f in find_figures(a.text[pos:t.start + 40])):
            return
        name = f"{word} {t.text}"
        if not a.overlaps(t.start, t.end):
            a.add(Mention(t.start, t.end, name, level, "list", cands=a.g.candidates(name)))
        i = a.next_item(i, (", ", "; "))
    while i is not None and i < len(a.toks) and a.toks[i].kind == "T":
        hit = a.gaz_match(i)
        j = a.run_end(i, limit=3)
        if (not hit or hit[0] < j) and level:
            hit = ranked(a.miscased(i), level) or hit  # `gồm: Phù Cừ, Văn giang, Tiên lữ`
        if hit and hit[0] >= j:
            units = [u for u in a.valid(hit[1]) if rank(u) in ranks] if ranks else []
            if ranks and not units:
                units = [u for u in hit[1] if rank(u) in ranks]  # that tier at another date
            if ranks and not units and hit[0] == i:
                # one word known at another tier only: no item, but the list goes on
                i = a.next_item(hit[0], (", ", "; "))
                if i is None:
                    return
                continue
            # (two words known at another tier only, a gap of the gazetteer: `Phú Quý` among
            # island districts, count like names it lacks, with the level written)
            j = hit[0]
        else:
            units = []
            if j == i or key_lower(a.toks[i].text) in a.lex["surname"]:
                return
        s, e = a.toks[i].start, a.toks[j].end
        own = level
        if mixed:  # the tier both level words share (`tỉnh, thành phố`: provinces)
            tier = set(a.lex.ranks.get(mixed, ())) & set(a.lex.ranks.get(level, ()))
            dated = {u.level for u in a.valid(units) if not tier or rank(u) in tier}
            own = dated.pop() if len(dated) == 1 else level
        if not a.overlaps(s, e):
            a.add(Mention(s, e, a.text[s:e], own, "list", cands=units))
        i = a.next_item(j, (", ", "; "))
        if i is not None and a.toks[i].kind == "L":
            i = after_container(a, i)  # `12 xã: A và B, huyện X; C, huyện Y`
        if i is None:
            return

_RURAL_AFTER = re.compile(r"(?i),? (?:ấp|thôn|xóm|bản|buôn|làng|sóc|khóm)(?!\w)")

_URBAN = re.compile(r"(?i)(?<!\w)(?:phường|thị trấn|khu phố|tổ dân phố)(?!\w)")


def urban_village(a: Reader, start: int, i: int, level: str, word: str) -> str:
    """`tổ 15` is a tổ dân phố where the article names a phường or thị trấn (`thân nhân
    liệt sỹ tổ 15` in phường Sông Cầu); not with a capital (`Tổ 1` of a working group),
    not a count (`mỗi tổ 3 đồng chí`), not inside a rural village (`tổ 5, ấp Hòn Tre`)."""
    tok = a.toks[i]
    if not word.islower() or tok.kind != "D" or len(tok.text) > 3 or not a.numbered_ok(i) \
            or a.counts(i) or _RURAL_AFTER.match(a.key, tok.end):
        return "no number of a tổ dân phố (a capital, a count, or inside a rural village)"
    if a.urban is None:
        a.urban = _URBAN.search(a.key) is not None
    if not a.urban:
        return "the article names no phường or thị trấn"
    a.add(Mention(start, tok.end, a.text[start:tok.end], level, "village"))
    numbered_list(a, i, level, word, start)  # `các tổ 1, 3, 27`
    return "a tổ dân phố by its number"


def abbreviated_village(a: Reader, start: int, i: int, level: str, word: str, kind: str) -> str:
    """An abbreviated village word with its number is a village (`KP 3`, `TDP I và II`),
    unless the number counts a noun (`KP 3 tấn`) or a company or road word comes first."""
    tok = a.toks[i]
    if kind != "abbr" or not a.numbered_ok(i) or len(tok.text) > 4 or a.counts(i) \
            or a.preceded_by(start, a.lex["block"] + a.lex["foreign"]):
        return "no village number (a count, a figure, or a company's name)"
    a.add(Mention(start, tok.end, a.text[start:tok.end], level, "village"))
    numbered_list(a, i, level, word, start)
    return "an abbreviated village word and its number"


def after_container(a: Reader, i: int) -> int | None:
    """In a list grouped by container (`12 xã: Hợp Thành, Minh Thanh, huyện Sơn Dương;
    Tứ Quận, Thắng Quân, huyện Yên Sơn`), the first item after the container at token i:
    the container is a higher level word and its name (found by the level-word pass),
    and a semicolon follows it. None when token i starts no container."""
    lm = a.lex["level_re"].match(a.key, a.toks[i].start)
    entry = a.lex["level_of"].get(key_lower(lm.group(1))) if lm else None
    if entry is None or entry[1] != "word" or entry[0] not in a.lex.containers:
        return None
    k = a.tok_at.get(lm.end() + 1)
    hit = ranked(a.gaz_match(k), entry[0]) if k is not None else None
    if not hit:
        return None
    end = a.toks[hit[0]].end
    nxt = re.match(r", (?:tỉnh|thành phố|TP\.?) [^;,.]{2,25}?(?=;)", a.key[end:end + 40])
    if nxt:
        end += nxt.end()
    if a.key[end:end + 2] != "; ":
        return None
    return a.tok_at.get(end + 2)


def numbered_list(a: Reader, i: int, level: str, word: str, lo: int) -> None:
    """More numbers after a numbered unit, each a unit of that level: `Quận 5, 6, 7`,
    `khu phố 1, 2 và 3` (named with the level word: `Quận 6`, the number in `aliases`)."""
    toks = a.toks
    while True:
        j = a.next_item(i, (", ",))
        if j is None or not (toks[j].kind == "D" or (toks[j].kind == "U" and NUMBER.match(toks[j].text))):
            return
        t = toks[j]
        if len(t.text) > 3 or not a.numbered_ok(j) or a.overlaps(t.start, t.end):
            return
        # `Phường 4, 5 hộ dân`: a count, no unit
        if any(f.span[0] <= t.start - lo < f.span[1] for f in find_figures(a.text[lo:t.start + 40])):
            return
        name = f"{word} {t.text}"
        a.add(Mention(t.start, t.end, name, level, "list", cands=a.g.candidates(name)))
        i = j


def village_list(a: Reader, j: int, level: str) -> None:
    """More village names after a plural village word: `các ấp A, B và C`."""
    toks, surnames = a.toks, a.lex["surname"]
    while j + 1 < len(toks) and a.sep(j) in (", ", " , ", " "):
        i = j + 1
        if a.sep(j) == " ":  # `A và B`
            if toks[i].text != "và" or i + 1 >= len(toks) or a.sep(i) != " ":
                return
            i += 1
        t = toks[i]
        if t.kind != "T" or key_lower(t.text) in surnames or key_lower(t.text) in a.lex["level_of"]:
            return
        j = a.village_end(i)
        s, e = t.start, toks[j].end
        if a.overlaps(s, e):
            return
        a.add(Mention(s, e, a.text[s:e], level, "village"))


def continue_list(a: Reader, j: int, head: Mention, plural: bool = False) -> None:
    """`các xã Canh Hiệp, Canh Thuận`, `phường Trường Thi, Hưng Dũng`: more names of
    the same level, known to the gazetteer at that level. After a plural level word
    (`các xã A, B và C`), an item the gazetteer lacks (a commune dissolved before its
    snapshots, a spelling it does not know) is a unit of that level too when it is a
    capitalised run of two or three words that ends at the next list separator. A known name
    written with a lower-case syllable is an item too (`các huyện Phù Cừ, Văn giang`)."""
    toks = a.toks
    while j + 1 < len(toks):
        nxt = a.next_item(j)
        if nxt is None:
            break
        hit = a.gaz_match(nxt) or ranked(a.miscased(nxt), head.level)  # `các huyện Phù Cừ, Văn giang`
        if not hit:
            if plural and unknown_item(a, nxt):
                e = a.run_end(nxt, limit=3)
                s0, e0 = toks[nxt].start, toks[e].end
                a.add(Mention(s0, e0, a.text[s0:e0], head.level, "list"))
                j = e
                continue
            break
        # `xã Nậm Xé, Lào Cai`: a name of a unit containing the head is its container, no list item
        ancestors = {up.base_id for u in head.cands for up in u.chain}
        if any(u.base_id in ancestors for u in hit[1]):
            break
        ranks = {rank(u) for u in a.valid(head.cands)} or set(a.lex.ranks.get(head.level, ()))
        cand = [u for u in hit[1] if rank(u) in ranks]
        # the level word written applies to the whole list (`3 phường An Phú, An Nghiệp, An Cư`,
        # wards merged on the article's date): its level first, in the head's province
        pref = [u for u in cand if u.level == head.level]
        provs = {u.province.base_id for u in a.valid(head.cands) if u.province}
        pref = [u for u in pref if u.province and u.province.base_id in provs] or pref
        same = a.valid(pref or cand)
        if not same:
            break
        level = head.level if any(u.level == head.level for u in same) else same[0].level
        same = [u for u in same if u.level == level]
        a.add_anchored(nxt, (hit[0], same), level, "list")
        j = hit[0]

_ITEM_END = re.compile(r"(?:,| và | hoặc |[.;:)(]| \(|\s*$| (?:thuộc|của|ở|tại|trên|đã|được|cùng)(?!\w))")


def unknown_item(a: Reader, i: int) -> bool:
    """A list item the gazetteer lacks: two or three capitalised words, no person's name
    (a surname first), no level word, ending at a list separator (`, `, ` và `, `.`,
    `(`) or a connective (`thuộc`, `của`)."""
    toks = a.toks
    t = toks[i]
    if t.kind != "T" or key_lower(t.text) in a.lex["surname"] or key_lower(t.text) in a.lex["level_of"]:
        return False
    e = a.run_end(i, limit=3)
    if e == i or toks[e].kind != "T":
        return False
    if any(key_lower(toks[k].text) in a.lex["level_of"] for k in range(i, e + 1)):
        return False
    if a.preceded_by(t.start, a.lex["block"] + a.lex["foreign"]):
        return False
    return bool(_ITEM_END.match(a.key, toks[e].end))
