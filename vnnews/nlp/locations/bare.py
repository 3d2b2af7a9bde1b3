"""Stage 3, bare names: a candidate that survived the candidate rules runs BARE_RULES in
order; the first that answers accepts it (a Unit, `keep`) or rejects it (a reason,
`drop`); None passes to the next rule. What decides is the article's context: its
provinces, the districts it names, the units it gave a level word elsewhere.
"""
from __future__ import annotations

import re

from ..gazetteer import Unit
from ..rules import rule_name
from ..textnorm import key_lower
from .examples import decided, found  # noqa: F401 (the docstrings\' examples)
from .lexicon import rank
from .reader import Reader
from .resolution import pick
from .tokens import NAME_SEP, Mention, canon

_LIST_NEXT = re.compile(r"(?:, | và )([A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*){0,3})(?=, | và |[;.)\n]|$)")

_LIST_PREV = re.compile(r"([A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*){0,3})(?:, | và | - | – )$")


def among_provinces(a: Reader, b: Mention) -> bool:
    """A name next to another province name in a list (`Hòa Bình, Hà Giang`), each
    separated by a comma or `và`."""
    def province(name: str) -> bool:
        name = name.strip()
        return canon(name) not in a.lex["nobare"] and \
            any(u.parent_id is None for u in a.g.candidates(name))
    nx = _LIST_NEXT.match(a.key, b.end)
    if nx and province(nx.group(1)) and \
            re.search(r"(?:[:,(;]|\bgồm|\bvà)\s*$", a.key[max(0, b.start - 8):b.start]):
        return True  # the list's first item (not `Bảo tàng Hồ Chí Minh, Hà Nội`)
    pv = _LIST_PREV.search(a.key, max(0, b.start - 40), b.start)
    return bool(pv and province(pv.group(1)))


def run_ends(a: Reader, b: Mention) -> bool:
    """No capitalised word follows the name (a number may: `Trường THPT Thuận Thành số 1`)."""
    j = a.tok_end.get(b.end)
    return j is None or not (j + 1 < len(a.toks) and a.toks[j + 1].kind in "TU"
                             and NAME_SEP.match(a.sep(j)))


def whole_run(a: Reader, b: Mention) -> bool:
    """The name is a whole capitalised run: no capitalised word before it (but a sentence-opening
    `lead` word) nor a capitalised word or number after it."""
    i = a.tok_at.get(b.start)
    j = a.tok_end.get(b.end)
    if i is None or j is None:
        return False
    if i > 0 and a.toks[i - 1].kind in "TU" and NAME_SEP.match(a.sep(i - 1)) and not (
            key_lower(a.toks[i - 1].text) in a.lex["lead"] and a.at_sentence_start(a.toks[i - 1].start)):
        return False
    return not (j + 1 < len(a.toks) and a.toks[j + 1].kind in "TUD" and NAME_SEP.match(a.sep(j)))


class BareName:
    """A bare name and what the acceptance rules read about it."""

    def __init__(self, a: Reader, m: Mention, districts: set[str]) -> None:
        self.m = m
        self.districts = districts
        self.name = canon(m.name)
        self.words = len(self.name.split())
        self.cands = a.valid(m.cands)
        self.nobare = self.name in a.lex["nobare"]
        self.foreign = a.after_facility(m.start) if m.kind != "paren" else False
        # a province name, even a former one in a post-reform article (`Bình Định` in 2026)
        self.tops = [u for u in self.cands if u.parent_id is None] or \
            a.valid([u for u in m.cands if u.parent_id is None])


def accept_bare(a: Reader, b: Mention, districts: set[str]) -> Unit | None:
    """Pass 3: a bare name runs BARE_RULES in order; the first that answers accepts it
    (a unit, `keep`) or rejects it (a reason, `drop`)."""
    c = BareName(a, b, districts)
    for rule in BARE_RULES:
        answer = rule(a, c)
        if answer is None:
            continue
        if isinstance(answer, str):
            a.doc.trace("locations", rule_name(rule), "drop", b.start, b.end, answer)
            return None
        a.doc.trace("locations", rule_name(rule), "keep", b.start, b.end, f"{answer.level} {answer.name}")
        return answer
    return None

# -- BARE_RULES: `(reader, bare name) -> Unit (keep) | reason (drop) | None (next rule)` ----


def container_in_parentheses(a: Reader, c: BareName) -> "Unit | str | None":
    """A name in parentheses (or after a comma) that contains the unit before it:
    `xã An Khánh (Châu Thành)`, `xã Ia Dom (Đức Cơ, Gia Lai)`.

    >>> found("Năm 2022, Đảng ủy xã An Khánh (Châu Thành) họp.")
    [('An Khánh', 'xã'), ('Châu Thành', 'huyện')]
    """
    if c.m.kind != "paren":
        return None
    return pick(a, c.m.cands, "") or "no unit of the article's provinces"


def city_named_like_its_province(a: Reader, c: BareName) -> "Unit | str | None":
    """A province name repeating the city of the same name that the text gave its level word
    (`TP. Bạc Liêu`, `thành phố Sơn La`), in an article that never names the province with
    one (`tỉnh Bạc Liêu`, `Tỉnh ủy Bạc Liêu`), is that city.

    >>> found("Năm 2014, TP. Bạc Liêu lên đô thị loại II; Festival - Bạc Liêu năm 2014.")
    [('Bạc Liêu', 'thành phố')]
    >>> found("Năm 2014, TP. Bạc Liêu thuộc tỉnh Bạc Liêu; người dân Bạc Liêu.")
    [('Bạc Liêu', 'thành phố'), ('Bạc Liêu', 'tỉnh')]
    """
    if not c.tops:
        return None
    named = a.named.get(c.name)  # (the province, when the text names it so too)
    if named is None or named[0].parent_id is None or named[0].level != "thành phố":
        return None
    return named[0]


def province_name(a: Reader, c: BareName) -> "Unit | str | None":
    """A province name is a unit (`Bến Tre`, `Bình Định` in 2026), unless it follows a
    facility word or needs a level word (`Hòa Bình`), but inside a list of provinces
    (`11 tỉnh, gồm: Hòa Bình, Hà Giang`) or in the article's province it is.

    >>> found("Năm 2022, con người Bến Tre.")
    [('Bến Tre', 'tỉnh')]
    >>> decided("Năm 2022, đội bóng Trường THPT Bến Tre.", "province_name")
    []
    """
    if not c.tops:
        return None
    u = c.tops[0]
    if u.base_id in a.context_prov:
        return u
    if not (c.nobare or c.foreign):
        return u
    if c.nobare and not c.foreign and among_provinces(a, c.m):
        return u  # `11 tỉnh, gồm: Hòa Bình, Hà Giang, Phú Thọ`: a list of provinces
    return None


def named_with_a_level_word(a: Reader, c: BareName) -> "Unit | str | None":
    """A name the text gave a level word elsewhere is another mention of that unit
    (`huyện Phù Mỹ ... Phù Mỹ có 19 xã`).

    >>> found("Năm 2022, huyện Phù Mỹ họp. Phù Mỹ có 19 xã.")
    [('Phù Mỹ', 'huyện')]
    """
    named = a.named.get(c.name)
    if named is not None and (rank(named[0]) <= 1 or c.words >= 2):
        return named[0]
    return None


def province_name_needs_context(a: Reader, c: BareName) -> "Unit | str | None":
    """A province name after a facility word, or one that needs a level word, is none:
    `Trường THPT Bến Tre`, `hòa bình` (`Hòa Bình`) as a word.

    >>> decided("Năm 2022, Trường THPT Bến Tre khai giảng.", "province_name_needs_context")
    ['drop: Bến Tre']
    """
    return "a province name after a facility word or that needs a level word" if c.tops else None


def city_of_the_province(a: Reader, c: BareName) -> "Unit | str | None":
    """A one-word city of the article's province, named alone: `Vinh`, `Huế`.

    >>> found("Năm 2022, tỉnh Nghệ An: người dân Vinh đón Tết.")
    [('Nghệ An', 'tỉnh'), ('Vinh', 'thành phố')]
    """
    if c.words == 1 and not c.nobare and whole_run(a, c.m) and not a.at_sentence_start(c.m.start):
        city = [u for u in c.cands if rank(u) == 1 and u.level in ("thành phố", "thị xã")
                and u.province.base_id in a.context_prov]
        if city:
            return city[0]
    return None


def short_or_running_on(a: Reader, c: BareName) -> "Unit | str | None":
    """A lower name needs two words and must end its capitalised run: `An` alone is none,
    nor `Hoàng Mai` of `Trung tâm thương mại Hoàng Mai Giáp Bát`.

    >>> decided("Năm 2022, tỉnh Bình Định: Trung tâm Phù Mỹ Xanh mở cửa.", "short_or_running_on")
    ['drop: Phù Mỹ']
    """
    if c.nobare or c.words < 2 or not run_ends(a, c.m):
        return "one word, a common phrase, or part of a longer name"
    return None


def district_of_the_province(a: Reader, c: BareName) -> "Unit | str | None":
    """A district of the article's province, named alone: `Phù Mỹ` in an article on Bình Định.

    >>> found("Năm 2022, tỉnh Bình Định: Phù Mỹ dẫn đầu.")
    [('Bình Định', 'tỉnh'), ('Phù Mỹ', 'huyện')]
    """
    dist = [u for u in c.cands if rank(u) == 1 and u.province.base_id in a.context_prov]
    return dist[0] if dist else None


def item_of_a_facility_list(a: Reader, c: BareName) -> "Unit | str | None":
    """A name after a facility word, in a list that a count of facilities opens, names the
    facility: `04 trường học trên địa bàn huyện gồm: THCS Nghĩa Hiệp, mầm non Nghĩa Hòa`.

    >>> decided("Năm 2023, huyện Phù Mỹ có 2 trường đạt chuẩn gồm: THCS Mỹ Thành, mầm non Mỹ Hiệp.", "item_of_a_facility_list")
    ['drop: Mỹ Thành', 'drop: Mỹ Hiệp']
    >>> found("Năm 2023, huyện Phù Mỹ: học sinh Trường THCS Mỹ Thành đoạt giải.")
    [('Phù Mỹ', 'huyện'), ('Mỹ Thành', 'xã')]
    """
    if not c.foreign:
        return None
    left = a.key[max(0, c.m.start - 160):c.m.start]
    return "a facility's name in a list of facilities" if a.lex["facility_list"].search(left) else None


def named_after_a_person(a: Reader, c: BareName) -> "Unit | str | None":
    """A commune named after a person (`Lê Hồng Phong`, `Ngô Mây`) named alone is a school
    or a street, not the commune.

    >>> decided("Năm 2022, huyện Phù Cát (Bình Định): học sinh Ngô Mây đoạt giải.", "named_after_a_person")
    ['drop: Ngô Mây']
    """
    return "a commune named after a person" if c.name.split()[0] in a.lex["surname"] else None


def commune_of_a_named_district(a: Reader, c: BareName) -> "Unit | str | None":
    """A commune of a district the article names: `Mỹ Thành` after `huyện Phù Mỹ`.

    >>> found("Năm 2022, huyện Phù Mỹ (Bình Định): tại Mỹ Thành thu hoạch lúa.")[2]
    ('Mỹ Thành', 'xã')
    """
    comm = [u for u in c.cands if rank(u) == 2 and u.parent_id and (
        a.g.get(u.parent_id).base_id in c.districts)]
    return comm[0] if comm else None


def commune_of_the_home_province(a: Reader, c: BareName) -> "Unit | str | None":
    """A commune of the article's home province named alone, a whole capitalised run not
    opening a sentence, unique in the province (`Trạm nghiền xi măng Nghi Thiết`).

    >>> found("Năm 2022, tỉnh Nghệ An: xi măng Nghi Thiết tăng giá.")
    [('Nghệ An', 'tỉnh'), ('Nghi Thiết', 'xã')]
    """
    if a.home_prov and not a.at_sentence_start(c.m.start) and whole_run(a, c.m):
        cp = [u for u in c.cands if rank(u) == 2 and u.province.base_id in a.home_prov]
        if len(cp) == 1:
            return cp[0]
    return None


def no_context(a: Reader, c: BareName) -> "Unit | str | None":
    """A name no district or province of the article contains is no unit: `An Khánh` in
    an article on nowhere in particular.

    >>> decided("Ông Tư kể về những ngày ở An Khánh và Phước Thới.", "no_context")
    ['drop: An Khánh', 'drop: Phước Thới']
    """
    return "no district or province of the article contains it"

BARE_RULES = (container_in_parentheses, city_named_like_its_province, province_name, named_with_a_level_word, province_name_needs_context,
              city_of_the_province, short_or_running_on, district_of_the_province, item_of_a_facility_list, named_after_a_person,
              commune_of_a_named_district, commune_of_the_home_province, no_context)


def add_bare_names(a: Reader, bare: list[Mention], districts: set[str]) -> None:
    """Run BARE_RULES on each bare name in text order and add those accepted, at the level
    the text gave the unit elsewhere, else its level at the article's date; a district
    accepted lets its communes in (`districts`, base ids)."""
    a.named = {}
    for m in a.mentions:  # the highest-level unit of each name (`Vân Canh`: the huyện)
        if m.unit is not None and m.kind != "bare":
            k = canon(m.name)
            if k not in a.named or rank(m.unit) < rank(a.named[k][0]):
                a.named[k] = (m.unit, m.level)
    accepted = []
    for b in sorted(bare, key=lambda x: x.start):
        u = accept_bare(a, b, districts)
        if u is None:
            continue
        b.unit = u
        named = a.named.get(canon(b.name))
        # the level the text gave the unit elsewhere (`Huyện ủy Phú Quốc`), else its level then
        b.level = named[1] if named is not None and named[0] is u else u.level
        accepted.append(b)
        if rank(u) == 1:
            districts.add(u.base_id)
    for b in accepted:
        a.add(b)
