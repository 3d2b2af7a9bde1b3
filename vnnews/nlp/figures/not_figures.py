"""What is read as an amount but is no figure: identifiers, names, bare numbers, years,
periods and clock times; and the unit a number shares with the last of its list.

    >>> from vnnews.nlp.figures import find_figures
    >>> [f.text for f in find_figures("Tại Điều 3, Rạch Miễu 2 có 800, 1.000 và 1.200 thí sinh trong 9 tháng năm 2022.")]
    ['800', '1.000', '1.200 thí sinh']
"""
from __future__ import annotations

import re
from decimal import Decimal

from .candidate import Candidate, Drop
from .patterns import CLOCK_REST, DONG, EN_THOUSANDS, OPENERS, PER, PLACE_WORDS, TIME_UNITS, YEARLIKE


def an_identifier_head(c: Candidate) -> Drop | None:
    """`số 1`, `lớp 8`, `Trung ương 4`, `Điều 3` -> dropped (the number names something);
    `trong số 5 xã`, `mỗi lớp 30 học sinh`, `cấp 1.234 giấy chứng nhận`, `đại hội 2 ngày`,
    `nhiệm kỳ 5 năm tới` -> kept."""
    sc, lex, before = c.sc, c.sc.lex, c.before
    head = sc.ends_with(before, lex.heads)
    if head is not None and len(before) > len(head):
        longer = tuple(w[0] for w in before[-(len(head) + 1):])
        if longer in lex.head_exceptions or before[-(len(head) + 1)][0] == "mỗi":
            head = None  # `trong số 5 xã`; `mỗi đợt 3 ngày`, `mỗi lớp 30 học sinh`
    if head in lex.verbal_heads and c.u_kind == "noun" and c.kind == "single" and c.value > 5:
        head = None  # `cấp 1.234 giấy chứng nhận` (but `cấp 2`, `trường cấp 3`)
    if head in lex.event_heads and c.kind == "single" and c.u_text.split()[:1] in (["ngày"], ["buổi"]) \
            and not re.match(r"[ \t\u00a0]*\d", sc.k[c.u_end:c.u_end + 3]):
        head = None  # `đại hội 2 ngày`: how long the event lasts (but `Đại hội 13`)
    if head in lex.term_heads and c.kind == "single" and c.u_text.split()[:1] == ["năm"] \
            and not re.match(r"[ \t\u00a0]*\d", sc.k[c.u_end:c.u_end + 3]):
        head = None  # `nhiệm kỳ 5 năm tới`: how long the term lasts
    c.head = head
    return _headed(c, "after the identifier head '%s'" % " ".join(head)) if head is not None else None


def the_last_of_a_headed_list(c: Candidate) -> Drop | None:
    """`Huy hiệu 30, 40 và 50 năm tuổi Đảng`, `khoản 1, 2 và 3 điều 5` (the `3`) -> dropped (it names
    what the list's first member names); `có 30, 40 và 50 hộ` -> kept."""
    if c.head is None and c.sc.last_of_headed_list(c.s):
        return _headed(c, "the last of a list opened by an identifier head")
    return None


def _headed(c: Candidate, reason: str) -> Drop | None:
    if not c.strong and not (c.kind == "ratio" and c.head == ("thứ",)):
        return Drop(reason, max(c.end, c.u_end) if c.kind != "single" else c.end)
    return None


def a_soft_identifier_head(c: Candidate) -> Drop | None:
    """`Bệnh viện 175 tiếp nhận`, `căn hộ 1205 tầng 12` -> dropped; `tòa nhà 28 tầng` -> kept."""
    sc = c.sc
    soft = sc.ends_with(c.before, sc.lex.soft_heads)
    if soft is not None and not c.strong and (not c.noun_known or c.u_text.split()[0] in PLACE_WORDS
                                              or sc.numbered_next(c.u_text, c.u_end)):
        return Drop("after the head '%s' of a numbered name" % " ".join(soft), c.end)
    return None


def a_name_before(c: Candidate) -> Drop | None:
    """`Rạch Miễu 2`, `Vân Canh 1`, `TCVN 11041` -> dropped (part of a name); `Cứu 5 người` (a verb
    opening the sentence), an age after a name (`Ông Phong 59 tuổi`), a unit's count in a list (`xã Mỹ Tú 100 suất`, `(Trấn Yên 3 người; Lục
    Yên 13 người)`, `TP Yên Bái 01 người`) -> kept."""
    sc, lex, before, t, s = c.sc, c.sc.lex, c.before, c.sc.t, c.s
    if before and not c.strong and before[-1][2] == sc.skip_back_spaces(s):
        w, ws, we = before[-1]
        written = t[ws:we]
        abbrev = len(written) >= 2 and written.isupper()
        # a capitalised verb opening a sentence (`Cứu 5 người`) is no name
        opening = sc.skip_back_spaces(ws) == 0 or t[sc.skip_back_spaces(ws) - 1] in OPENERS
        if written[:1].isupper() and (abbrev or not opening) and w not in lex.stop1 \
                and (w,) not in lex.approx and (w,) not in lex.date_cues and not (c.kind == "ratio") \
                and not (c.noun_known and not abbrev and sc.named_unit_before(before)) \
                and c.u_text.split()[:1] != ["tuổi"]:
            return Drop("part of a name", c.end)
    return None


def shares_a_list_unit(c: Candidate) -> str | None:
    """`800, 1.000 và 1.200 thí sinh`, `tăng 5, 7 và 10%` -> the earlier numbers take the last one's unit."""
    if c.unit is None and c.kind == "single" and not c.n1.scaled and not YEARLIKE.fullmatch(c.raw):
        shared = c.sc.list_unit(c.s, c.end)
        if shared is not None:
            last, scale = shared
            c.value = c.value * scale
            c.unit = (last.unit, "shared", c.end, c.end)
            c.u_text, c.u_kind, c.u_start, c.u_end = c.unit
            return f"the unit of '{last.text}'"
    return None


def money_by_context(c: Candidate) -> str | None:
    """`vốn 2,9 tỷ` with nothing after -> `đồng` when the sentence is about money (`159 triệu/lượng`
    -> `đồng/lượng`); `dân số 3 triệu` -> a bare scaled amount."""
    if c.unit is None and c.scaled:
        sc, t = c.sc, c.sc.t
        money = sc.money_context(c.s, c.end)
        c.u_text, c.u_kind = ("đồng", "money") if money else ("", "none")
        pm = PER.match(sc.k, c.end)
        if c.u_text and pm:  # `159 triệu/lượng`
            pend = sc.per_end(pm)
            c.u_text += "/" + t[pm.start(1):pend].lower()
            c.end = pend
        return "money by the sentence" if money else "a scaled amount"
    return None


def a_bare_number(c: Candidate) -> Drop | None:
    """`có 5 người, 3` (nothing after) -> the `3` dropped; `đã giảm (817/898)` (a ratio) -> kept."""
    if c.unit is None and not c.scaled and c.kind != "ratio":
        return Drop("no unit nor counted noun", c.end)
    return None


def english_thousands(c: Candidate) -> str | None:
    """`hơn 1,970 doanh nghiệp`, `110,000-120,000 đồng/chục` -> English thousands (a count or a price
    in đồng is not a decimal like 1,97); `2,500 ha`, `19,970 tỷ đồng` -> Vietnamese decimals."""
    if not c.scaled and c.kind in ("single", "range") and (c.u_kind == "noun" or c.u_text.split("/")[0] in DONG):
        note = None
        if EN_THOUSANDS.fullmatch(c.raw):
            c.value = Decimal(c.raw.replace(",", ""))
            note = "English thousands"
        if c.kind == "range" and c.value_max is not None:
            raw2 = c.sc.numeral(c.n2.start).group()
            if EN_THOUSANDS.fullmatch(raw2) and EN_THOUSANDS.fullmatch(c.raw):
                c.value_max = Decimal(raw2.replace(",", ""))
        return note
    return None


def a_year(c: Candidate) -> Drop | None:
    """`Trong 2025 doanh thu tăng` -> dropped; `2025 hộ dân`, `2024 ha` -> kept."""
    if c.kind == "single" and YEARLIKE.fullmatch(c.raw) and not c.strong and not c.noun_known:
        return Drop("a year", c.end)
    return None


def a_year_before_a_time_word(c: Candidate) -> Drop | None:
    """`đến 2030 năm` -> dropped (a year before a time word); `2025 hộ dân` -> kept."""
    if c.kind == "single" and YEARLIKE.fullmatch(c.raw) and c.u_kind == "noun" \
            and c.u_text.split()[0] in TIME_UNITS:
        return Drop("a year before a time word", c.end)
    return None


def a_slogan(c: Candidate) -> Drop | None:
    """`nhà đạt tiêu chuẩn 3 cứng`, `gia đình 5 không, 3 sạch` -> dropped (a standard's or a
    slogan's name, `slogan_words.txt`); `3 căn nhà cứng cáp` -> kept."""
    if c.u_kind == "noun" and c.u_text in c.sc.lex.slogan_words:
        return Drop("the name of a standard or a slogan", c.u_end)
    return None


def a_period(c: Candidate) -> Drop | None:
    """`9 tháng năm 2022`, `Trong 9 tháng, thu ngân sách ...`, `30 tháng 4`, `5 năm trước`,
    `50 năm Ngày Giải phóng`, `sơ kết 5 năm thực hiện Nghị quyết`, `Trong 9 tháng qua, kinh tế
    …` (`report_tails.txt`) -> dropped (a period, a date, an anniversary, a named implementation
    period or a report's period); `trong vòng 1 tháng qua đã có 3 vụ`, `trong 72 giờ`, `sau 50 năm giải
    phóng`, `Thời hạn bổ nhiệm là 5 năm.`, `Qua 10 năm, Khoa đã đào tạo ...`, `Sau gần 10 năm
    thực hiện Kết luận ...` -> kept (a duration: `span_leads.txt`)."""
    if c.u_kind == "noun":
        first = c.u_text.split()[0]
        if first in TIME_UNITS and c.sc.is_period(first, c.u_end, c.before):
            return Drop("a period, a date or an anniversary", c.u_end)
        if c.u_text == "tháng" and c.kind == "single" and c.value in (3, 6, 9):
            after = tuple(w[0] for w in c.sc.words_after(c.u_end, 2))
            if after[:1] in c.sc.lex.report_tails or after[:2] in c.sc.lex.report_tails:
                return Drop("the period a report covers", c.u_end)
    return None


def a_clock_time_in_words(c: Candidate) -> Drop | None:
    """`lúc 9 giờ 30`, `8 giờ sáng` -> dropped; `trong 72 giờ.` -> kept."""
    if c.u_kind == "noun" and c.u_text.split()[0] == "giờ" and c.sc.is_clock(c.u_end, c.before):
        mm = CLOCK_REST.match(c.sc.k, c.u_end)
        return Drop("a clock time", mm.end() if mm else c.u_end)
    return None


NOT_FIGURE_RULES = (an_identifier_head, the_last_of_a_headed_list, a_soft_identifier_head, a_name_before,
                    shares_a_list_unit, money_by_context, a_bare_number, english_thousands, a_year,
                    a_year_before_a_time_word, a_slogan, a_period, a_clock_time_in_words)
