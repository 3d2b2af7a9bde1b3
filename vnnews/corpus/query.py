"""Turn a user's search text into a safe FTS5 query, and find its matches in a text.

The user's text never reaches FTS5 as syntax: it is split into words (runs of letters and
digits), each word is quoted, and only this module writes the operators. Rules:

- words are ANDed: `dong khoi` finds texts with both words;
- a chunk without spaces is a phrase: `01-CT/TU` is the words 01, ct, tu in a row, so
  document numbers are searched as written (`NĐ-CP`, `24/2022/NĐ-CP`);
- `"..."` makes a phrase of several words;
- a trailing `*` is a prefix search: `khở*` finds `khởi`, `khởi nghiệp`; a prefix needs
  `MIN_PREFIX` letters, a query has at most `MAX_PREFIX_TERMS` of them, and the archive
  expands each to at most `Archive.MAX_COMPLETIONS` index words (the most frequent), so
  no prefix costs more than a few words;
- everything else (FTS5 operators, brackets, colons, stray quotes) is ignored.

The folded form (no diacritics, đ->d) is matched against the folded column, so `dong
khoi` and `Đồng Khởi` find the same texts; the exact form is matched against the
as-written column to rank exact-diacritic matches first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..nlp.textnorm import nfc
from .keys import fold_index, fold_lower

_WORD = re.compile(r"[^\W_]+")
MIN_PREFIX = 2          # `n*` is the word n; `ng*` a prefix
MAX_PREFIX_TERMS = 3    # further `x*` terms are plain words
MAX_TERMS = 32
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word or phrase of the query; `prefix` when its last word ends in `*`."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def folded(self) -> tuple[str, ...]:
        """The words folded as displayed text is (`fold_lower`): for finding matches."""
        return tuple(fold_lower(w) for w in self.words)

    @property
    def index_words(self) -> tuple[str, ...]:
        """The words folded as the index is (`fold_index`); empty for words with no Latin letters or digits."""
        return tuple(_WORD.findall(fold_index(" ".join(self.words))))


@dataclass(frozen=True)
class Query:
    """A parsed search query: terms that must all match."""

    text: str
    terms: tuple[Term, ...]
    notes: tuple[str, ...] = ()   # what of the text was read otherwise than written, and why

    def __bool__(self) -> bool:
        return bool(self.terms)

    def fts(self, folded: bool, phrase: bool = False, completions: dict[str, list[str]] | None = None) -> str:
        """The FTS5 MATCH expression: all terms ANDed (or, with `phrase`, all words as one
        phrase), matched in the folded column `body_f` or, exactly, in `body`. A prefix
        term is matched as an OR of its `completions` (folded index words, found by the
        archive; bounded), always in `body_f`: FTS5 never expands a prefix itself."""
        terms = self.terms
        if phrase and len(terms) > 1:
            terms = (Term(tuple(w for t in terms for w in t.words), terms[-1].prefix),)
        parts = []
        for t in terms:
            if t.prefix:
                words = t.index_words or t.words
                comps = (completions or {}).get(words[-1], [])
                phrases = ['"' + " ".join(w.replace('"', '""') for w in (*words[:-1], c)) + '"' for c in comps]
                parts.append("{body_f} : (" + (" OR ".join(phrases) or '"\u0001"') + ")")
                continue
            words, column = (t.index_words, "body_f") if folded else (t.words, "body")
            if not words:  # nothing left after folding (e.g. only CJK): match it as written
                words, column = t.words, "body"
            quoted = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
            parts.append("{" + column + "} : " + quoted)
        return "(" + " AND ".join(parts) + ")"

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The folded prefixes to expand (the last word of each prefix term)."""
        return tuple(dict.fromkeys((t.index_words or t.words)[-1] for t in self.terms if t.prefix))

    @property
    def multiword(self) -> bool:
        """True when the query has several terms (so a phrase match can rank higher)."""
        return len(self.terms) > 1

    @property
    def words_only(self) -> bool:
        """True when each term is one index word, not a prefix: the folded match is an AND
        of words, no phrase (`nguyen van hung`: yes; `01-CT/TU`, `"Bến Tre"`, `khởi*`: no)."""
        return bool(self.terms) and all(len(t.index_words) == 1 and not t.prefix for t in self.terms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of every match of any term in `text`, diacritic-insensitive, sorted."""
        if not self.terms or not text:
            return []
        hay = fold_lower(text)
        found: list[tuple[int, int]] = []
        for rx in self._patterns:
            found.extend(m.span() for m in rx.finditer(hay))
        found.sort()
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and (s <= merged[-1][1] or not hay[merged[-1][1]:s].strip(" ")):
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def matches(self, text: str) -> bool:
        """True when every term occurs in `text` as the folded index matches it: the term's
        index words in a row, a prefix's last word as a prefix:

        >>> [parse_query(q).matches("Đồng khởi, Bến Tre") for q in ("dong khoi", "Bến tr*", "khoi ben", "tre*e")]
        [True, True, True, False]
        """
        if not self.terms:
            return False
        hay = fold_index(text)
        for first, rx in self._index_patterns:
            if first not in hay or not rx.search(hay):  # a substring test first: most texts fail it
                return False
        return True

    @cached_property
    def _index_patterns(self) -> list[tuple[str, re.Pattern]]:
        """Per term: its first index word and the pattern of its index words over folded
        text (`fold_index`: ASCII letters and digits)."""
        out = []
        for t in self.terms:
            words = t.index_words or t.folded  # no Latin letter or digit: as typed (the index has none)
            out.append((words[0], _term_pattern(words, t.prefix, "[a-z0-9]", "[^a-z0-9]")))
        return out

    def exact_in(self, text: str) -> bool:
        """True when the query's words occur in `text` with their diacritics as typed."""
        low = nfc(text).lower()
        return all(w in low for t in self.terms for w in t.words)

    def anchor(self, text: str, spans: list[tuple[int, int]]) -> int:
        """Index in `spans` of the best place to show: where the whole query occurs as a
        phrase with its diacritics as typed, else as a phrase, else typed exactly, else the first."""
        if not spans:
            return 0
        low = text.lower()
        exact_words = {w for t in self.terms for w in t.words}
        whole = " ".join(w for t in self.terms for w in t.folded)
        best, best_score = 0, -1
        for i, (s, e) in enumerate(spans):
            piece = low[s:e]
            words = _WORD.findall(piece)
            score = (2 if " ".join(fold_lower(w) for w in words).startswith(whole) else 0) + \
                (1 if words and all(w in exact_words for w in words) else 0)
            if score > best_score:
                best, best_score = i, score
            if score == 3:
                break
        return best

    @cached_property
    def _patterns(self) -> list[re.Pattern]:
        """Per term: the pattern of its words over `fold_lower`ed text (any script's letters)."""
        return [_term_pattern(t.folded, t.prefix, r"[^\W_]", r"[\W_]") for t in self.terms]


def _term_pattern(words: tuple[str, ...], prefix: bool, letter: str, other: str) -> re.Pattern:
    """`words` in a row as whole words (`letter`: the class of word characters, `other` its
    complement), the last one as a prefix when `prefix`."""
    tail = f"{letter}*" if prefix else f"(?!{letter})"
    return re.compile(f"(?<!{letter})" + f"{other}+".join(map(re.escape, words)) + tail)


def parse_query(text: str | None) -> Query:
    """Parse search text into terms; a query with no words has no terms (matches nothing).
    `notes` says which `x*` were read as plain words and whether words were left out:

    >>> parse_query("a* khởi* ng*").notes
    ('`a*` is searched as the word `a` (a prefix needs 2 letters)',)
    >>> parse_query("ab* cd* ef* gh*").notes
    ('`gh*` is searched as the word `gh` (at most 3 prefixes in a query)',)
    """
    text = nfc(text or "")
    terms: list[Term] = []
    notes: list[str] = []
    for m in _CHUNK.finditer(text):
        chunk = m.group(1) if m.group(1) is not None else m.group(2)
        quoted = m.group(1) is not None
        prefix = False
        if not quoted:
            stripped = chunk.rstrip()
            prefix = stripped.endswith("*") and bool(_WORD.search(stripped[-2:-1] or ""))
        words = tuple(w.lower() for w in _WORD.findall(chunk))
        if not words:
            continue
        # an FTS5 token can't be longer than the tokenizer allows in practice; keep it sane
        words = tuple(w[:200] for w in words)
        if prefix:  # a prefix of fewer than MIN_PREFIX letters, or past MAX_PREFIX_TERMS: a plain word
            last = (tuple(_WORD.findall(fold_index(words[-1]))) or words)[-1]
            if len(last) < MIN_PREFIX:
                notes.append(f"`{chunk.strip()}` is searched as the word `{words[-1]}` "
                             f"(a prefix needs {MIN_PREFIX} letters)")
                prefix = False
            elif sum(t.prefix for t in terms) >= MAX_PREFIX_TERMS:
                notes.append(f"`{chunk.strip()}` is searched as the word `{words[-1]}` "
                             f"(at most {MAX_PREFIX_TERMS} prefixes in a query)")
                prefix = False
        terms.append(Term(words, prefix))
    if len(terms) > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} of {len(terms)} words are searched")
    return Query(text, tuple(terms[:MAX_TERMS]), tuple(notes))
