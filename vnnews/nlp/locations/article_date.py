"""The article's date, which decides the level and the name of each unit (the 2025 reform
merged provinces and communes and removed districts): the date published, else a date
guessed from the years written in the text, else the period most of its units fit.

    >>> guess_date("Ngày 19/09/2022, xã tổ chức hội nghị."), guess_date("Không có năm nào.")
    ('2022-12-31', '2025-06-30')
"""
from __future__ import annotations

import re
from collections import defaultdict

from .lexicon import level_ok, load
from .tokens import Mention

DEFAULT_DATE = "2025-06-30"  # undated articles: the last pre-reform day

_DATE_IN_TEXT = re.compile(r"(?<![\d/.])\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)(?!\d)")

_YEAR_IN_TEXT = re.compile(r"(?i)(?<!\w)năm ((?:19|20)\d\d)(?!\d)")

_BARE_YEAR = re.compile(r"(?<![\d,])((?:19|20)\d\d)(?: ?[-–] ?((?:19|20)\d\d))?(?!\d|[.,]\d| ?(?:tỷ|tỉ|triệu|nghìn|ngàn|"
                        r"đồng|người|ha|km|m|tấn|kg|USD|%|học sinh|hộ|căn|sản phẩm)(?!\w))")

_TERM_IN_TEXT = re.compile(r"(?i)(?<!\w)(?:nhiệm kỳ|khóa) ?((?:19|20)\d\d) ?[-–] ?(?:19|20)\d\d")


def guess_date(key: str) -> str:
    """A date for an undated article, from the years written in it: the latest full date
    (`19/09/2022`; birth dates before 1995 ignored) and the most frequent `năm YYYY` (unless
    it is a post-reform year no full date reaches: plans say `đến năm 2030`), else the first
    year of a term (`nhiệm kỳ 2015-2020`) plus one, else `DEFAULT_DATE`. A year up to
    2025 gives a pre-reform date."""
    def recent(ys):
        return [int(y) for y in ys if 1995 <= int(y) <= 2100]

    dated = recent(_DATE_IN_TEXT.findall(key))
    counts: dict[int, int] = defaultdict(int)
    for y in recent(_YEAR_IN_TEXT.findall(key)):
        counts[y] += 1
    said = max(counts, key=lambda y: (counts[y], y)) if counts else None
    if said and said > max([2025, *dated]):
        said = None  # a plan's target year (`đến năm 2030`), not the article's
    if dated or said:
        y = max(dated + ([said] if said else []))
    else:
        terms = recent(_TERM_IN_TEXT.findall(key))
        if terms:
            y = max(terms) + 1
        else:
            # any year written (`tháng 11.2016`, `Nghị định 71/2011/NĐ-CP`, `giai đoạn 2017-2025`
            # counts its first year plus one): the article is at least that recent
            bare = []
            for m in _BARE_YEAR.finditer(key):
                a, b = int(m.group(1)), m.group(2)
                bare.append(min(a + 1, int(b)) if b else a)
            bare = [x for x in recent(map(str, bare)) if x <= 2025]
            if not bare:
                return DEFAULT_DATE
            y = max(bare)
    return f"{y}-12-31" if y < 2025 else (DEFAULT_DATE if y == 2025 else f"{y}-06-30")

# the periods the gazetteer tells apart: before the 2020 mergers and upgrades, up to
# the 2023-2025 mergers, the last pre-reform months, after the reform of 1 July 2025
ERAS = ("2017-12-31", "2022-12-31", DEFAULT_DATE, "2026-06-30")


def date_from_units(mentions: list[Mention], on: str) -> str:
    """An article with no date and no year: the period in which most of the units it
    names with a level word had that level (`huyện Hoài Nhơn` was a district until
    2020, `Quận 9` until 2021). The default date stays unless another period fits more."""
    def fits(on: str) -> int:
        n = 0
        for m in mentions:
            if m.cands and m.level in load().ranks and \
                    any(level_ok(u, m.level) and u.valid_on(on) for u in m.cands):
                n += 1
        return n
    scores = {on: fits(on) for on in ERAS}
    best = max(ERAS, key=lambda on: (scores[on], on == DEFAULT_DATE))
    if scores[best] > scores[DEFAULT_DATE]:
        return best
    return on