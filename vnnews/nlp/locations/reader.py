"""The reader of an article: its words (`doc.key` tokens), the mentions found so far and
the small questions every stage asks of the text around a position (what separates two
words, where a capitalised run ends, the longest gazetteer name at a word, ...).
"""
from __future__ import annotations

import re

from ..doc import Doc
from ..gazetteer import Gazetteer, Unit
from ..textnorm import key_lower
from .article_date import DEFAULT_DATE, guess_date
from .lexicon import load
from .tokens import NAME_SEP, NUMBER, WORD, Mention, Tok, canon_key, token_kind

_SENT_PUNCT = frozenset(".!?:;\"“”([–-…*•")

_ADDR_AFTER = re.compile(r"\s*[,(]\s*(?:Q\.|P\.|[Qq]uận|TP|Tp|[Tt]hành phố|H\.|[Hh]uyện|TX|[Tt]ỉnh)")

_ADDR_BEFORE = re.compile(r"(?:P\.|[Pp]hường|Q\.|[Qq]uận)\s?\w+(?: \w+){0,3},\s*$")


class Reader:
    """An article as the stages read it: `doc.key` in words, the mentions found so far, and
    what the resolution settled (the article's date, provinces and named units)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.key = doc.key
        self.text = doc.text
        self.lex = load()
        self.g: Gazetteer = self.lex["gaz"]
        pub = doc.article.get("published") if doc.article else None
        day = str(pub)[:10] if pub else None
        self.on = day if day and re.match(r"\d{4}-\d\d-\d\d$", day) else guess_date(self.key)
        self.on_guessed = self.on == DEFAULT_DATE and not day  # no date and no year in the text
        self.toks = [Tok(m.start(), m.end(), m.group(), token_kind(m.group())) for m in WORD.finditer(self.key)]
        self.tok_at = {t.start: i for i, t in enumerate(self.toks)}
        self.tok_end = {t.end: i for i, t in enumerate(self.toks)}
        self.mentions: list[Mention] = []
        self.covered = bytearray(len(self.key))  # 1 where a mention already is
        self.context_prov: set[str] = set()      # the article's provinces (base ids), by vote
        self.home_prov: set[str] = set()         # its home province(s)
        self.named: dict[str, tuple[Unit, str]] = {}   # name -> (unit, level) found with a level word
        self.urban: bool | None = None           # the article names a phường or thị trấn (read once)
        self.sorted_mentions: list[Mention] | None = None   # mentions by start (None: to sort again)
        self.starts: list[int] = []
        self.mentioned_names: set[str] | None = None       # the names mentioned (read at the first pick)

    def sep(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.key[self.toks[i].end:self.toks[i + 1].start] if i + 1 < len(self.toks) else ""

    def next_item(self, j: int, seps=(", ", " , ", "; ")) -> int | None:
        """The first token of the next list item after token j: after a comma (or one of
        `seps`) or after `và`/`hoặc` (a token of its own), else None."""
        if j + 1 >= len(self.toks):
            return None
        sep = self.sep(j)
        if sep in seps:
            return j + 1
        if sep in (" ", ", ") and self.toks[j + 1].text in ("và", "hoặc") and j + 2 < len(self.toks) \
                and self.sep(j + 1) == " ":
            return j + 2
        return None

    def gaz_match(self, i: int, allow_number_tail: bool = True) -> tuple[int, list[Unit]] | None:
        """Longest gazetteer name starting at token i: (last token index, units)."""
        toks, best = self.toks, None
        if i >= len(toks) or toks[i].kind not in "TU":
            return None
        j = i
        while j < len(toks) and j - i < self.lex["max_words"]:
            t = toks[j]
            if j > i:
                if not NAME_SEP.match(self.sep(j - 1)):
                    break
                if t.kind == "D" or (t.kind == "U" and NUMBER.match(t.text)):
                    if not allow_number_tail:
                        break
                elif t.kind == "U" and toks[i].kind == "U" and self.sep(j - 1) != " ":
                    pass  # `BR-VT`: an acronym of acronyms
                elif t.kind != "T":
                    break
            units = self.lex["index"].get(canon_key(self.key[toks[i].start:t.end]))
            if units:
                best = (j, units)
            if t.kind == "D" or (t.kind == "U" and j > i):
                break  # a number or an acronym ends a name (`TT-Huế`, `BR-VT` start with one)
            j += 1
        if best and toks[i].kind == "U" and not all(u.parent_id is None for u in best[1]):
            return None
        return best

    def run_end(self, i: int, limit: int = 4) -> int:
        """Last token of a capitalised run from token i, for names the gazetteer lacks."""
        toks, j = self.toks, i
        surnames = self.lex["surname"]
        while j + 1 < len(toks) and j + 1 - i < limit and self.sep(j) == " " and toks[j + 1].kind == "T" \
                and not (key_lower(toks[j + 1].text) in surnames and self.starts_person(j + 1)):
            j += 1
        if j + 1 < len(toks) and self.sep(j) == " " and toks[j + 1].kind == "D" and len(toks[j + 1].text) <= 2:
            nxt = self.key[toks[j + 1].end:toks[j + 1].end + 2]
            if not re.match(r"[\d.,/%]\d|\s?%", nxt) and not self.counts(j + 1):
                j += 1
        return j

    def counts(self, d: int) -> bool:
        """The number at token d counts the lower-case noun after it (`xã Cư Mlan 7 căn`,
        `thôn Đông 5 hộ`), so it ends no name; a level word or a connective after it does
        not count (`Vân Canh 2 và xã Canh Liên`)."""
        toks = self.toks
        if d + 1 >= len(toks) or self.sep(d) != " " or toks[d + 1].kind != "L":
            return False
        return key_lower(toks[d + 1].text) not in self.lex.name_followers

    def starts_person(self, k: int) -> bool:
        """A surname at token k followed by another capitalised word starts a person's name
        (`ấp An Thạnh Nguyễn Văn A`); a surname that ends the run does not (`thôn Tràng Bạch`)."""
        toks = self.toks
        if not (k + 1 < len(toks) and self.sep(k) == " " and toks[k + 1].kind == "T"):
            return False
        # a one-letter word that ends the run is a suffix (`ấp Suối Cao A`), no given name
        return len(toks[k + 1].text) > 1 or (k + 2 < len(toks) and self.sep(k + 1) == " "
                                             and toks[k + 2].kind == "T")

    def village_end(self, i: int) -> int:
        """Last token of a village's name from token i: up to four capitalised words, and a
        second part after a dash (`làng Đak Ya - Kliết`, `làng Jro Ktu Đak Yang`)."""
        j = self.run_end(i, limit=4)
        toks = self.toks
        if j + 1 < len(toks) and self.sep(j) in (" - ", " – ", "-", "–") and toks[j + 1].kind == "T" \
                and self.key[toks[j + 1].start:toks[j + 1].start + 1].isupper():
            j = self.run_end(j + 1, limit=2)
        return j

    def overlaps(self, s: int, e: int) -> bool:
        """A mention already covers part of `key[s:e]`."""
        return 1 in self.covered[s:e]

    def add(self, m: Mention) -> Mention:
        """Record a mention and cover its span."""
        self.mentions.append(m)
        self.covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        self.sorted_mentions = None
        return m

    def before(self, pos: int, n: int = 30) -> str:
        """The `n` characters before `pos`, in lower case."""
        return self.key[max(0, pos - n):pos].lower()

    def preceded_by(self, pos: int, phrases) -> bool:
        """True when one of `phrases` ends one space before `pos`."""
        left = self.before(pos)
        if not left.endswith(" "):
            return False
        left = left[:-1]
        for p in phrases:
            if left.endswith(p) and (len(left) == len(p) or not left[-len(p) - 1].isalnum()):
                return True
        return False

    def after_facility(self, pos: int) -> bool:
        """A facility word (`context.tsv` foreign) before `pos`, right before it or followed by
        up to three lower-case words: `Trường THPT Hòa Bình`, `Trung tâm thể thao Phú Thọ`,
        `Sân vận động Long An`."""
        foreign = self.lex["foreign"]
        if self.preceded_by(pos, foreign):
            return True
        i = self.tok_at.get(pos)
        if i is None:
            return False
        for k in range(1, 4):
            j = i - k
            if j < 0 or self.toks[j].kind != "L" or self.sep(j) != " ":
                return False
            if self.preceded_by(self.toks[j].start, foreign):
                return True
        return False

    def at_sentence_start(self, pos: int) -> bool:
        """Only white space, or sentence/clause punctuation, before `pos`."""
        left = self.key[max(0, pos - 8):pos].rstrip()
        if not left:
            return True
        return left[-1] in _SENT_PUNCT

    def valid(self, units: list[Unit]) -> list[Unit]:
        """The units valid at the article's date (all of them when none is)."""
        v = [u for u in units if u.valid_on(self.on)]
        return v or units

    def miscased(self, i: int) -> tuple[int, list[Unit]] | None:
        """A name the gazetteer knows, written with a lower-case syllable after a capitalised
        one (`xã Ia lốp`, `huyện Châu thành`): two or three words followed by a separator."""
        toks = self.toks
        for j in (i + 2, i + 1):
            if j >= len(toks) or any(self.sep(k) != " " or toks[k + 1].kind not in "TL" for k in range(i, j)):
                continue
            if not re.match(r"\s*(?:[,.;:)(]|$| và | \d)", self.key[toks[j].end:toks[j].end + 5]):
                continue
            units = self.lex["index"].get(canon_key(self.key[toks[i].start:toks[j].end]))
            if units:
                return j, units
        return None

    def not_level(self, end: int) -> bool:
        """A level word ending at `end` is part of a compound (`hợp tác xã`, `văn bản`: `notlevel`)."""
        left = self.key[max(0, end - 24):end].lower()
        for p in self.lex["notlevel"]:
            if left.endswith(p):
                s = end - len(p)
                if s == 0 or not self.key[s - 1].isalnum():
                    return True
        return False

    def in_address(self, start: int, end: int) -> bool:
        """`P.4, Q.5, TP.HCM`: an abbreviated numbered unit is one inside an address, next to
        another unit (`Lô P.4`, `nhóm Q.3` are no units)."""
        return bool(_ADDR_AFTER.match(self.key, end) or
                    _ADDR_BEFORE.search(self.key[max(0, start - 40):start]))

    def numbered_ok(self, i: int) -> bool:
        """The number at token `i` is no part of a figure (`2,5 ha`, `3/2`, `5%`)."""
        t = self.toks[i]
        nxt = self.key[t.end:t.end + 2]
        return not re.match(r"[\d/%]|[.,]\d|\s?%", nxt)

    def add_anchored(self, i: int, hit, level: str, kind: str) -> Mention:
        """Add the mention of tokens `i..j` (`hit = (j, units)`) at `level`."""
        j, units = hit
        s, e = self.toks[i].start, self.toks[j].end
        return self.add(Mention(s, e, self.text[s:e], level, kind, cands=list(units)))
