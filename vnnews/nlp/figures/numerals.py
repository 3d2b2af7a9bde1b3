"""Number scanning: numerals (`46.346,8`, `12 500`), scale words (`2,5 tỷ`, `5tr`), compound
amounts (`1 tỷ 200 triệu`), and the shapes around a number that make it a code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import parse_decimal
from .patterns import (NUM, NUM_SPACED, SPACE)


@dataclass
class Num:
    """A number read at `start`: its value with scale words multiplied in."""

    start: int
    end: int          # after the numeral and its scale words
    value: Decimal
    scaled: bool
    raw_end: int      # after the numeral itself


class Numerals:
    """Numerals methods of the figures scanner (see `scanner.Scanner`)."""

    def numeral(self, pos: int) -> re.Match | None:
        """The numeral at `pos`: `46.346,8`, `1.000`, or thousands grouped by spaces (`12 500`)
        where nothing before makes the first group a code, a date or a list number."""
        m = NUM.match(self.t, pos)
        if m and m.end() - pos <= 3 and pos not in self._no_spaced:
            ms = NUM_SPACED.match(self.t, pos)
            if ms:
                if self.spaced_ok(pos):
                    return ms
                self._no_spaced.add(pos)
        return m

    def spaced_ok(self, pos: int) -> bool:
        t = self.t
        b = self.skip_back_spaces(pos)
        if b < pos and b > 0 and not (t[b - 1].isalpha() or t[b - 1] in "(“\"'"):
            return False  # `17/5 150 người`, `3, 500 người`
        if b == pos and pos > 0 and not t[pos - 1] in "(“\"'":
            return False
        before = self.words_before(pos)
        return self.ends_with(before, self.lex.heads) is None and \
            self.ends_with(before, self.lex.date_cues) is None

    def numeral_with_scale(self, pos: int) -> tuple[Decimal, int, int, int] | None:
        """(value, multiplier, end, numeral end) of a numeral and its scale words at `pos`."""
        m = self.numeral(pos)
        if not m:
            return None
        value = parse_decimal(m.group())
        if value is None:
            return None
        end = m.end()
        mult = 1
        while True:  # scale words: `2,5 tỷ`, `1,2 nghìn tỷ`, `5tr`, `500k/người`
            sp = SPACE.match(self.k, end).end()
            w = self.word_at(sp)
            if w and w[0] in self.lex.scales and self.scale_ok(w, sp > end):
                mult *= self.lex.scales[w[0]]
                end = w[2]
                continue
            break
        return value, mult, end, m.end()

    def scale_ok(self, w: tuple[str, int, int], spaced: bool) -> bool:
        """A scale word after a number: spelled out (`2,5 tỷ`, also stuck: `5triệu`), or an
        abbreviation (`5tr`, `5 tr`); `k` only stuck and before `/` or a money unit (`500k/người`,
        `50k đồng`), so that `vàng 24k` stays a purity."""
        word, ws, we = w
        if word not in self.lex.scale_abbr:
            return True
        if word != "k":
            return True
        if spaced:
            return False
        if we < self.n and self.k[we] == "/":
            return True
        um = self.lex.units.match(self.k, SPACE.match(self.k, we).end())
        return bool(um) and self.lex.unit_map.get(" ".join(um.group().split()), ("", ""))[1] == "money"

    def read_number(self, pos: int) -> Num | None:
        first = self.numeral_with_scale(pos)
        if first is None:
            return None
        value, mult, end, raw_end = first
        total = value * mult
        # compound amounts, each part of a smaller scale: `1 tỷ 200 triệu`
        last = mult
        while last > 1:
            sp = SPACE.match(self.k, end).end()
            if sp == end:
                break
            part = self.numeral_with_scale(sp)
            if part is None or part[1] <= 1 or part[1] >= last or part[0] * part[1] >= last:
                break
            total += part[0] * part[1]
            end, last = part[2], part[1]
        return Num(pos, end, total, mult > 1, raw_end)

    def skip_code(self, pos: int) -> int:
        """Past the rest of a code such as `6ae6e8c35`, `8A3`, `1.2.3`."""
        t = self.t
        while pos < self.n and (t[pos].isalnum() or (t[pos] in "./-_" and pos + 1 < self.n and t[pos + 1].isalnum())):
            pos += 1
        return pos

    def missing_space(self, s: int) -> bool:
        """A lower-case function word stuck to the number is a missing space, not a code:
        `còn có11.658 cây xanh`, `trên12 km` (but `U23`, `KV9`, `H5N1`, `Covid19`)."""
        ws = s
        while ws > 0 and self.t[ws - 1].isalpha():
            ws -= 1
        word = self.t[ws:s]
        if len(word) < 2 or not word.islower() or (ws > 0 and self.t[ws - 1] in "-/._"):
            return False
        w = self.k[ws:s]
        return w in self.lex.stop1 or (w,) in self.lex.approx

    def one_idiom(self, end: int) -> bool:
        nxt = self.words_after(end, 1)
        return bool(nxt) and nxt[0][1] - end <= 1 and (nxt[0][0],) in self.lex.one_idioms

    def minus_sign(self, s: int) -> bool:
        """A minus sign stuck to the number after a space or a bracket: `(-75 độ C)`, `âm`
        written as a sign (not a range's dash, `5 -7`, nor a code's)."""
        t = self.t
        if s < 1 or t[s - 1] not in "-−":
            return False
        if s >= 2 and t[s - 2] not in " (\t\u00a0\n":
            return False
        p = self.skip_back_spaces(s - 1)
        return p == 0 or not (t[p - 1].isalnum() or t[p - 1] in "%-–")

