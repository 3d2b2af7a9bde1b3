"""The locations component: the stages in order over one article.

    >>> from ..doc import Doc
    >>> doc = Doc("Năm 2022, Đảng ủy xã An Khánh (Châu Thành) họp.")
    >>> annotate(doc)
    >>> [(loc.name, loc.level, loc.parent) for loc in doc.locations]
    [('An Khánh', 'xã', 'Châu Thành'), ('Châu Thành', 'huyện', 'Bến Tre')]
"""
from __future__ import annotations

from ..component import declares
from ..doc import Doc
from .anchored import find_anchored
from .article_date import date_from_units
from .bare import add_bare_names
from .candidates import find_bare
from .reader import Reader
from .records import records
from .resolution import resolve_anchored


@declares(assigns=("locations",))
def annotate(doc: Doc) -> None:
    """Add administrative units (`Location`s) to `doc.locations`."""
    if not doc.text:
        return
    a = Reader(doc)
    find_anchored(a)                      # stage 1: level words (ANCHOR_RULES)
    if a.on_guessed:
        a.on = date_from_units(a.mentions, a.on)
    bare = find_bare(a)                   # stage 2: bare name candidates (CANDIDATE_RULES)
    districts = resolve_anchored(a, bare)
    add_bare_names(a, bare, districts)    # stage 3: bare names by context (BARE_RULES)
    doc.locations.extend(records(a))
