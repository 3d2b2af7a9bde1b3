"""The locations component: Vietnamese administrative units named in an article.

Three kinds of mention are found on `doc.key` (tone-unified, same offsets as `doc.text`):

1. *Anchored*: a level word before a name (`xã An Khánh`, `TP. Bến Tre`, `Phường 4`,
   `ấp An Mỹ`, `khu phố 2`), including inside organisation names (`Đảng ủy xã An Khánh`,
   `UBND tỉnh Bình Định`), committee names (`Tỉnh ủy Tiền Giang`, `Huyện ủy Châu Thành`)
   and lists that continue a level word (`các xã Canh Hiệp, Canh Thuận`).
2. *Bare*: a capitalised word sequence that the gazetteer knows, accepted only when the
   article's context supports it: province names (unless preceded by a road, company or
   person word), districts of a province the article is about, communes of a district it
   is about, and a parenthesised name right after a unit that it contains
   (`xã An Khánh (Châu Thành)`).
3. *Village-level* units (ấp, thôn, khu phố, ...) are found by pattern only.

Every anchored mention is resolved to a gazetteer unit using the article's context
(provinces and districts mentioned, the publication date); a bare name gets the level
its unit has at the article's date. One `Location` is emitted per unit (same name and
level, or the same resolved unit under other spellings, listed in `extra["aliases"]`) with
all its mentions; `parent` is the containing unit, and `extra` holds `province` and, for
a unit merged by the 2025 reform, `current` (its post-reform unit).

The grammar is three stages (`grammar.STAGES`), each an ordered tuple of named rules, a
small function with examples in its docstring (the order is the grammar): ANCHOR_RULES
(`anchored.py`) read what follows each level word (the first rule that decides ends it),
CANDIDATE_RULES (`candidates.py`) drop capitalised runs that start with a known name but
name no unit, BARE_RULES (`bare.py`) accept or reject the rest by the article's context.
`vnnews.extract(text, explain=True).explain` names the rule that added, kept or dropped
each candidate; `tests/data/locations/cases.tsv` holds a case where each rule acts and one
where it does not.

The modules, each doing one thing: `tokens.py` (words, names compared, mentions),
`article_date.py` (the date that decides units' levels), `lexicon.py` (word lists and the
gazetteer index, `load()`), `reader.py` (the article as the stages read it), `lists.py`
(lists of units after a level word), `anchored.py`, `candidates.py`, `resolution.py` (the
article's provinces and each mention's unit), `bare.py`, `records.py` (the `Location`s)
and `component.py` (`annotate`: the stages in order).

Lexicons are data: `resources/gazetteer/levels.tsv` (level words) and `context.tsv`
(blocking words, surnames, ...); the gazetteer is `resources/gazetteer/units.json.gz`.
"""
from __future__ import annotations

from .anchored import ANCHOR_RULES
from .article_date import DEFAULT_DATE, guess_date
from .bare import BARE_RULES
from .candidates import CANDIDATE_RULES
from .component import annotate
from .grammar import STAGES
from .lexicon import Lexicon, load

__all__ = ["ANCHOR_RULES", "BARE_RULES", "CANDIDATE_RULES", "DEFAULT_DATE", "STAGES", "Lexicon", "annotate",
           "guess_date", "load"]
