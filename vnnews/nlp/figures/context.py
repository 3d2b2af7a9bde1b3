"""The neighbourhood of a number that the not-a-figure rules ask about: ranges and lists,
periods and clock times, names and headed lists, money talk."""
from __future__ import annotations

import re

from ..gazetteer import get_gazetteer
from ..numbers import parse_decimal, to_number
from .numerals import Num
from .patterns import (ACTS, BEFORE_EVENT, CALENDAR_UNITS, DAY_MONTH_DOT, DISTRICT_OR_PROVINCE, DOCNUM,
                       DURATION_LEADS, FULL_DATE, LEVEL_WORDS, LIST_BEFORE, LIST_SEP, MONTH_YEAR, NUM,
                       OPENERS, RANGE_DASH, RANGE_OPENERS, RANGE_WORD, SLASH_NUM, SPACE, YEARLIKE, YEAR_AFTER)


class Context:
    """Context methods of the figures scanner (see `scanner.Scanner`)."""

    def after_range(self, pos: int) -> int:
        m = RANGE_DASH.match(self.t, pos)
        if m:
            n = NUM.match(self.t, m.end())
            if n:
                return self.skip_code(n.end())
        return pos

    def range_at(self, n1: Num, unit, before):
        """(second number, its unit, approximator before it) for a range at n1; `"date"`; or None."""
        t = self.t
        pos = n1.end
        starts_tu = bool(before) and before[-1][0] == "từ"
        connectors = []
        m = RANGE_DASH.match(t, pos)
        if m:
            connectors.append((m.end(), "-"))
        m = RANGE_WORD.match(self.k, pos)
        if m:
            connectors.append((m.end(), "đến"))
        if unit is not None and (starts_tu or unit[1] != "noun"):  # `từ 3 ha đến 5 ha`, `2%-3%`
            m = RANGE_WORD.match(self.k, unit[3])
            if m:
                connectors.append((m.end(), "đến"))
            m = RANGE_DASH.match(t, unit[3])
            if m and unit[1] != "noun":
                connectors.append((m.end(), "-"))
        for cpos, how in connectors:
            approx_max = None
            w = self.word_at(cpos)
            if w and how == "đến" and (w[0],) in self.lex.approx:
                approx_max = w[0]
                cpos = SPACE.match(self.k, w[2]).end()
            if not NUM.match(t, cpos):
                continue
            raw2 = NUM.match(t, cpos).group()
            if how == "-":
                dm = DAY_MONTH_DOT.fullmatch(raw2)
                if dm or FULL_DATE.match(t, cpos) or MONTH_YEAR.match(t, cpos):
                    return "date"  # `16 - 22.4`
                if SLASH_NUM.match(t, cpos + len(raw2)):
                    return "date"  # `16 - 22/4`
            n2 = self.read_number(cpos)
            if n2 is None:
                continue
            if DOCNUM.match(t, cpos):
                continue
            if n2.value <= n1.value and not (n2.scaled and not n1.scaled):
                if how == "-" and self.ends_with(before, self.lex.date_cues):
                    return "date"
                continue
            unit2 = self.read_unit(n2.end)
            if unit2 is None and YEARLIKE.fullmatch(raw2) and not n2.scaled:
                continue  # `tăng 7% đến 2025`: a deadline, not a range
            if unit2 is None and unit is None and not n2.scaled:
                shared = self.list_unit(n1.start, n2.end, ranges=True)
                # `Từ 18 - 40 và 41 - 60 tuổi` (not when the next range's scale would be needed)
                if shared is not None and shared[0].value == to_number(self.read_number(shared[0].span[0]).value):
                    return n2, (shared[0].unit, "shared", n2.end, n2.end), approx_max
                if how == "-" and (self.ends_with(before, self.lex.date_cues) or self.ends_with(before, self.lex.heads)):
                    return "date"
                continue
            if how == "-" and unit2 is not None and unit2[0] == "tháng" and unit is None \
                    and re.match(r"[ \t]*\d", t[unit2[3]:unit2[3] + 3]):
                return "date"  # `20 - 22 tháng 9`
            return n2, unit2, approx_max
        return None

    def money_context(self, start: int, end: int) -> bool:
        if self.k.rfind("tỷ", start, end) >= 0 or self.k.rfind("tỉ", start, end) >= 0:
            return True  # a bare `tỷ` is money (`vốn 3-5 tỷ`)
        lo, hi = max(0, start - 120), min(self.n, end + 120)
        left = self.k.rfind("\n", lo, start) + 1 or lo
        right = self.k.find("\n", end, hi)
        window = self.k[max(lo, left):(right if right >= 0 else hi)]
        return self.lex.money.search(window) is not None

    def is_period(self, word: str, pos: int, before) -> bool:
        if word == "tháng" and re.match(r"[ \t\u00a0]*\d", self.k[pos:pos + 3]):
            return True  # `30 tháng 4`: a date
        after = self.words_after(pos, 2)
        if word in CALENDAR_UNITS and word != "năm" and after and after[0][0] == "năm" and after[0][1] - pos <= 2:
            return True  # `9 tháng năm 2022`, `6 tháng năm nay`
        if word in CALENDAR_UNITS and YEAR_AFTER.match(self.k, pos):
            return True  # `10 năm 2021 - 2030`
        if word in ("tháng", "quý") and re.match(r"/(?:19|20)\d\d(?!\d)", self.k[pos:pos + 6]):
            return True  # `kim ngạch 7 tháng/2017`: the first 7 months of 2017
        if word == "năm" and after and after[0][1] - pos <= 2 and self.tail(after[0][1], self.lex.anniversary) \
                and not (before and before[-1][0] in DURATION_LEADS):
            return True  # `50 năm Ngày Giải phóng miền Nam`, `75 năm thiết lập quan hệ` (not `sau 50 năm ...`)
        if word == "tháng" and after and after[0][1] - pos <= 2 and self.tail(after[0][1], self.lex.months):
            return True  # `10 tháng Giêng`: a (lunar) date
        if word in ("tháng", "quý", "năm") and self.report_period(pos, before) and \
                not (word == "năm" and self.span_lead(before)):
            return True  # `Trong 9 tháng, thu ngân sách ...`, `doanh thu 5 tháng đạt ...`
        if after and after[0][1] - pos <= 2:
            if after[0][0] == "trước":
                # `5 năm trước` (ago) is a point in time; `20 ngày trước ngày khai mạc` a duration
                nxt = self.words_after(after[0][2], 1)
                return not (nxt and nxt[0][0] in BEFORE_EVENT)
            if (after[0][0],) in self.lex.period_tails or tuple(w[0] for w in after[:2]) in self.lex.period_tails:
                # `sau 3 ngày triển khai tiêm`: after `sau`/`trong`, the time an activity has run
                # is a span; implementing a named text is a period (`sau 3 năm triển khai Đề án`)
                if after[0][0] in ACTS and len(after) > 1 and before and before[-1][0] in DURATION_LEADS:
                    if word == "năm" and self.span_lead(before):
                        return False  # `Qua 6 năm triển khai Luật …`: the span it has run
                    obj = self.words_after(after[1][2], 1)
                    return bool(obj) and self.t[obj[0][1]:obj[0][1] + 1].isupper()
                return True
        if word not in CALENDAR_UNITS:
            return False
        if self.ends_with(before, self.lex.period_leads) or \
                (len(before) >= 2 and self.ends_with(before[:-1], self.lex.period_leads)):
            return True
        return False

    def numbered_next(self, u_text: str, u_end: int) -> bool:
        """Whether the noun after the number is itself a head numbered right after
        (`căn hộ 1205 tầng 12`, `phòng 201 tầng 2`): then both numbers are an address."""
        sp = SPACE.match(self.k, u_end).end()
        if sp == u_end or sp >= self.n or not self.k[sp].isdigit():
            return False
        syl = tuple(u_text.split())
        if syl not in self.lex.soft_heads and syl not in self.lex.heads:
            return False
        n = self.read_number(sp)  # `tầng 12;` names a floor, `tầng 2 mặt tiền` counts again
        return n is not None and self.read_unit(n.end) is None

    def named_unit_before(self, before) -> bool:
        """Whether the capitalised words right before a number name an administrative unit
        introduced by its level word (`xã Mỹ Tú 100 suất`, `huyện Phù Mỹ 3 xã`): then a listed
        counted noun after the number makes it a count, not part of the name."""
        t = self.t
        i = len(before) - 1
        while i >= 0 and t[before[i][1]].isupper() and before[i][0] not in LEVEL_WORDS:
            i -= 1  # (a capitalised level word ends the name: `TP Yên Bái 01 người`)
        if i == len(before) - 1:
            return False
        if i >= 0 and before[i][0] in LEVEL_WORDS and before[i][2] + 1 >= before[i + 1][1]:
            return True
        # a listed district or province named without its level word, in a list of counts
        # (`huyện Bình Sơn 6.500 nhà, Tư Nghĩa 1.567 nhà`, `(Trấn Yên 3 người; Lục Yên 13 người)`):
        # two or more capitalised words that the gazetteer knows as a district or province,
        # after a comma, a semicolon, an opening parenthesis or `và`
        if len(before) - 1 - i < 2 or len(before) - 1 - i > 4:
            return False
        a, b = before[i + 1][1], before[-1][2]
        if not re.search(r"(?:[,;(]|\bvà)[ \t\u00a0]*$", t[max(0, a - 6):a]):
            return False
        return any(u.level in DISTRICT_OR_PROVINCE for u in get_gazetteer().candidates(t[a:b]))

    def last_of_headed_list(self, start: int) -> bool:
        """Whether the number at `start` ends a list (`..., 40 và 50`) whose first member has an
        identifier head: then it names the same kind of thing as the first one."""
        t = self.t
        m = LIST_BEFORE.search(t, max(0, start - 30), start)
        if not m or not re.search(r"(?:và|hoặc)[ \t\u00a0]+$", m.group()):
            return False
        first = m.start(1)
        for _ in range(8):
            m = LIST_BEFORE.search(t, max(0, first - 30), first)
            if not m:
                break
            first = m.start(1)
        return self.ends_with(self.words_before(first), self.lex.heads) is not None

    def list_unit(self, start: int, end: int, ranges: bool = False):
        """(the figure that ends a list, its scale) when the number at `start`..`end` is an
        earlier member of a list of numbers whose last member has the unit: `800, 1.000 và
        1.200 thí sinh`. Not when the list opens with an identifier head (`Điều 3, 4 và 5`,
        `ngày 3, 4 và 5 tháng 6`)."""
        t, k = self.t, self.k
        first = start
        for _ in range(8):  # back to the list's first member
            m = LIST_BEFORE.search(t, max(0, first - 30), first)
            if not m:
                break
            first = m.start(1)
        before = self.words_before(first)
        cue = self.ends_with(before, self.lex.date_cues)
        if self.ends_with(before, self.lex.heads) is not None or \
                (cue is not None and cue not in RANGE_OPENERS):
            return None  # `Điều 3, 4 và 5`, `Sáng 5, 120 hộ` (but `từ 18 - 40 và 41 - 60 tuổi`)
        pos = end
        for _ in range(8):
            m = LIST_SEP.match(k, pos)
            if not m or m.end() >= self.n or not t[m.end()].isdigit():
                return None
            n = self.read_number(m.end())
            if n is None:
                return None
            if self.read_unit(n.end) is not None or (ranges and RANGE_DASH.match(t, n.end)):
                if self._list_depth >= 2:  # a list's last member is read at most two lists deep
                    return None
                self._list_depth += 1
                try:
                    fig, _ = self.at(m.end())
                finally:
                    self._list_depth -= 1
                if fig is None or not fig.unit or (fig.value_max is not None and not ranges) \
                        or fig.total is not None or fig.span[0] != m.end():
                    return None
                raw = self.numeral(m.end()).group()
                d = parse_decimal(raw) or 1
                return fig, (n.value / d if n.scaled else 1)
            if n.end < self.n and t[n.end] in "-–—/":
                return None
            pos = n.end
        return None

    def tail(self, pos: int, table: dict[tuple[str, ...], bool]) -> bool:
        """Whether the words at `pos` are an entry of `table` (capitalised where it says so)."""
        words = self.words_after(pos, 3)
        for n in (3, 2, 1):
            if len(words) >= n:
                cap = table.get(tuple(w[0] for w in words[:n]))
                if cap is not None and (not cap or self.t[pos].isupper()):
                    return True
        return False

    def span_lead(self, before) -> bool:
        """A span lead (`span_leads.txt`) right before the number, an approximator allowed
        between: `Qua 10 năm`, `Sau gần 10 năm`; not `sơ kết 5 năm`, `Trong 9 tháng`."""
        words = [w[0] for w in before[-2:]]
        if len(words) == 2 and (words[-1],) in self.lex.approx:
            words.pop()
        return bool(words) and words[-1] in self.lex.span_leads

    def report_period(self, pos: int, before) -> bool:
        """A reporting period rather than a duration: `N tháng` opening a sentence and closed
        by a comma (`Trong 9 tháng, thu ngân sách đạt ...`, `6 tháng, thi hành kỷ luật ...`),
        or between a measure and `đạt`/`ước` (`doanh thu 5 tháng đạt 2.218 tỉ đồng`)."""
        k = self.k
        sp = SPACE.match(k, pos).end()
        # the number's start: skip back over the digits right before the time word
        i = pos
        while i > 0 and not k[i - 1].isdigit():
            i -= 1
        while i > 0 and (k[i - 1].isdigit() or k[i - 1] in ".,"):
            i -= 1
        lead = [w for w in before if w[2] <= i]
        if sp < self.n and k[sp] == ",":
            if len(lead) >= 2 and (lead[-2][0], lead[-1][0]) == ("tính", "chung"):
                return True  # `Tính chung 2 tháng, xuất khẩu ...`
            led = bool(lead) and lead[-1][0] in ("trong", "qua")
            j = self.skip_back_spaces(lead[-1][1] if led else i)
            if j == 0 or k[j - 1] in OPENERS or (led and k[j - 1] == ","):
                return True  # `Trong 9 tháng, ...`, `Cụ thể, qua 3 tháng, xuất khẩu ...`
        after = self.words_after(pos, 2)
        if after and after[0][1] - pos <= 2 and after[0][0] in ("đạt", "ước"):
            chain = lead[-3:]
            for n in (3, 2, 1):
                if len(chain) >= n and self.lookup([w[0] for w in chain[-n:]], self.lex.qheads) == \
                        tuple(w[0] for w in chain[-n:]):
                    return True
        return False

    def is_clock(self, pos: int, before) -> bool:
        if before and before[-1][0] in self.lex.clock_before:
            return True
        sp = SPACE.match(self.k, pos).end()
        if sp < self.n and self.k[sp].isdigit():
            return True
        after = self.words_after(pos, 1)
        return bool(after) and after[0][0] in self.lex.clock_after

