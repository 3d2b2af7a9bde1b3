"""Word and punctuation tokens of a Doc, with offsets, computed once per doc."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .doc import Doc

_TOKEN = re.compile(r"\w+(?:[&'’]\w+)*|[^\w\s]")


@dataclass
class Token:
    start: int
    end: int
    text: str      # as in doc.text
    low: str       # lower-cased match key (tone marks unified)
    nl: bool = False   # a line break comes between the previous token and this one

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def tokenize(doc: Doc) -> list[Token]:
    """The doc's tokens (cached on the doc)."""
    toks = doc.user_data.get("tokens")
    if toks is None:
        key = doc.key
        toks = []
        text = doc.text
        nl = key.find("\n")   # the next line break not yet passed
        for m in _TOKEN.finditer(key):
            s, e = m.span()
            brk = 0 <= nl < s
            toks.append(Token(s, e, text[s:e], key[s:e].lower(), brk))
            if brk:
                nl = key.find("\n", e)
        doc.user_data["tokens"] = toks
    return toks


def inner_dot(toks: list[Token], i: int) -> bool:
    """A dot inside an abbreviation (`TP.HCM`), not the end of a sentence."""
    return toks[i].text == "." and i + 1 < len(toks) and toks[i + 1].start == toks[i].end
