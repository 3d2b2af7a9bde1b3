"""Unit reading: the unit or counted noun after a number (`m2`, `82 hộ dân`, `đồng/lít`),
and what a figure measures (`diện tích giải tỏa 46.346,8m2`)."""
from __future__ import annotations

import re

from .lexicon import dictionary_word_length
from .patterns import (FILLERS, PER, SPACE, TIME_UNITS)


class Units:
    """Units methods of the figures scanner (see `scanner.Scanner`)."""

    def read_unit(self, pos: int) -> tuple[str, str, int, int] | None:
        """(unit, kind, start, end) of the unit or counted noun at `pos`; kind `noun` for nouns."""
        k, t = self.k, self.t
        sp = SPACE.match(k, pos).end()
        if sp >= self.n:
            return None
        attached = sp == pos
        ch = k[sp]
        if ch in "%‰":
            return (ch, "percent", sp, sp + 1)
        um = self.lex.units.match(k, sp)
        noun = self.read_noun(sp) if ch.isalpha() else None
        if um:
            surface = " ".join(um.group().split())
            unit, kind = self.lex.unit_map.get(surface, (surface, "unit"))
            after_scale = kind == "money" and bool(self.words_before(sp, 1)) and \
                self.words_before(sp, 1)[-1][0] in self.lex.scales  # `60 triệu đồng tiền chênh`
        if um and (noun is None or len(noun[0]) <= um.end() - sp or noun[4] or after_scale):
            end = um.end()
            while True:
                pm = PER.match(k, end)
                if not pm:
                    break
                pend = self.per_end(pm)
                unit += "/" + t[pm.start(1):pend].lower()
                end = pend
            return (unit, kind, sp, end)
        if attached:
            return None  # `8A3`: letters stuck to the number that are no unit
        if noun:
            return (noun[0], "noun", noun[1], noun[2])
        return None

    def read_noun(self, pos: int) -> tuple[str, int, int, bool, bool] | None:
        """(noun as written lower-cased, start, end, in lexicon, is abbreviation)."""
        words = self.words_after(pos, 6)
        if not words or words[0][1] != pos:
            return None
        t = self.t
        first_written = t[words[0][1]:words[0][2]]
        syl = [w[0] for w in words]
        entry = self.lookup(syl, self.lex.nouns)
        if first_written.isupper() and len(first_written) >= 2 and not entry:
            # an abbreviation used as a counted noun: `50 CCN`
            return (first_written.lower(), words[0][1], words[0][2], False, True)
        if first_written[:1].isupper() and not (entry and " ".join(entry) in self.lex.titles):
            return None  # a name after the number: `Cơ sở 3 Bệnh viện …`, `24 Trần Văn Hoài`
        if entry:
            n = len(entry)
            if n == 1 and syl[0] in self.lex.classifiers and len(syl) > 1:
                nxt = self.lookup(syl[1:], self.lex.nouns)
                if nxt and len(nxt) >= 2:
                    n += len(nxt)
            elif n == 1 and syl[0] not in TIME_UNITS:
                n = dictionary_word_length(syl)  # `10 nhà đầu tư`
            start, end = words[0][1], words[n - 1][2]
            return (t[start:end].lower(), start, end, True, False)
        if syl[0] in self.lex.scales:
            return None
        n = dictionary_word_length(syl)  # `7 hành vi` -> `hành vi`
        stop = 1 if syl[0] in self.lex.stop1 else 0
        for m in (2, 3):
            if tuple(syl[:m]) in self.lex.stop_multi:
                stop = m
        if stop == 1 or (stop and n <= stop):  # `tuyên truyền` stops, `tuyên truyền viên` counts
            return None
        return (t[words[0][1]:words[n - 1][2]].lower(), words[0][1], words[n - 1][2], False, False)

    def per_end(self, pm: re.Match) -> int:
        """Where the word after `/` ends: a listed counted noun or a dictionary word may run on
        (`đồng/sản phẩm`, `m3/ngày đêm`); `đồng/người/tháng` stops at the next `/`."""
        words = self.words_after(pm.start(1), 4)
        if not words or words[0][1] != pm.start(1) or words[0][2] != pm.end(1):
            return pm.end()
        syl = [w[0] for w in words]
        entry = self.lookup(syl, self.lex.nouns)
        n = len(entry) if entry else 1
        n = max(n, dictionary_word_length(syl))
        return words[n - 1][2]

    def attached_unit(self, pos: int) -> bool:
        um = self.lex.units.match(self.k, pos)
        if um:
            return True
        w = self.word_at(pos)  # `5tr/tháng`, `500k/người`
        return bool(w) and w[0] in self.lex.scales and self.scale_ok(w, False)

    def counted_before(self, before, s: int) -> tuple[str, str, int, int] | None:
        """`với số phiếu bầu 48/50`: a ratio with nothing after it counts the noun written
        between `số` and the number; (unit, "noun", start, end) or None."""
        for x in range(len(before) - 2, -1, -1):
            if before[x][0] == "số":
                words = before[x + 1:]
                while words and ((words[-1][0],) in FILLERS or tuple(w[0] for w in words[-2:]) in FILLERS):
                    words = words[:-2] if tuple(w[0] for w in words[-2:]) in FILLERS else words[:-1]
                gap = self.t[before[x][2]:s]
                if 1 <= len(words) <= 3 and not re.search(r"[^\w \t\u00a0]", gap):
                    return (self.t[words[0][1]:words[-1][2]].lower(), "noun", s, s)
                return None
        return None

    def quantity(self, start: int, end: int, kind: str) -> str | None:
        """What the figure measures: the noun after a percentage (`100% chỉ tiêu`), or a
        measure noun opening the clause before the number (`diện tích giải tỏa 46.346,8m2`)."""
        t = self.t
        if kind == "percent":
            words = self.words_after(end, 6)
            syl = [w[0] for w in words]
            i = 0
            while i < len(words):
                if i and words[i][1] - words[i - 1][2] > 1:
                    break
                entry = self.lookup(syl[i:], self.lex.nouns)
                if entry:
                    i += len(entry)
                elif syl[i] in self.lex.stop1 or (i == 0 and words[0][1] - end > 1):
                    break
                else:
                    i += 1
            if i:
                return t[words[0][1]:words[i - 1][2]]
        before = self.words_before(start, 10)
        # the clause: words chained by single spaces right up to the number
        chain: list[tuple[str, int, int]] = []
        pos = self.skip_back_spaces(start)
        for w in reversed(before):
            if w[2] != pos:
                break
            chain.append(w)
            pos = self.skip_back_spaces(w[1])
        chain.reverse()
        syl = [w[0] for w in chain]
        for i in range(len(syl)):
            head = self.lookup(syl[i:], self.lex.qheads)
            if head and (len(head) > 1 or i == 0 or syl[i] != "số"):
                j = len(syl)
                # drop the verb or approximator between the measure and the number
                for cut in range(i + len(head), len(syl)):
                    if syl[cut] in self.lex.stop1 or (syl[cut],) in self.lex.approx:
                        j = cut
                        break
                if j - i == len(head) and kind == "noun" and head[-1] in ("số", "lượng"):
                    return None  # `tổng số 36 dự án`: the counted noun already says it
                if j > i:
                    return t[chain[i][1]:chain[j - 1][2]]
        return None


