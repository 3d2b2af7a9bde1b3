"""Words around a position, read from the match key (lower-cased, tone marks unified)."""
from __future__ import annotations

from .lexicon import WORD
from .patterns import (SPACE)


class Words:
    """Words methods of the figures scanner (see `scanner.Scanner`)."""

    def words_before(self, pos: int, limit: int = 4) -> list[tuple[str, int, int]]:
        """Up to `limit` words right before `pos` (nearest last), not crossing punctuation."""
        out: list[tuple[str, int, int]] = []
        i = pos
        k = self.k
        while len(out) < limit:
            j = i
            while j > 0 and k[j - 1] in " \t\u00a0\u202f":
                j -= 1
            e = j
            while j > 0 and (k[j - 1].isalpha() or (k[j - 1] == "-" and j - 2 >= 0 and k[j - 2].isalpha()
                                                      and j < e and k[j].isalpha())):
                j -= 1
            if j == e:
                break
            out.append((k[j:e], j, e))
            i = j
        out.reverse()
        return out

    def word_at(self, pos: int) -> tuple[str, int, int] | None:
        m = WORD.match(self.k, pos)
        return (m.group(), m.start(), m.end()) if m else None

    def words_after(self, pos: int, limit: int = 6) -> list[tuple[str, int, int]]:
        out = []
        while len(out) < limit:
            sp = SPACE.match(self.k, pos).end()
            if sp == pos and out:
                break
            w = self.word_at(sp)
            if not w:
                break
            out.append(w)
            pos = w[2]
        return out

    def ends_with(self, words: list[tuple[str, int, int]], lexset: frozenset) -> tuple[str, ...] | None:
        for n in (4, 3, 2, 1):
            if len(words) >= n:
                tup = tuple(w[0] for w in words[-n:])
                if tup in lexset:
                    return tup
        return None

    def skip_back_spaces(self, pos: int) -> int:
        while pos > 0 and self.t[pos - 1] in " \t\u00a0\u202f":
            pos -= 1
        return pos

    @staticmethod
    def lookup(syl: list[str], index: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
        if not syl:
            return None
        for entry in index.get(syl[0], ()):
            if tuple(syl[: len(entry)]) == entry:
                return entry
        return None
