"""Summaries of a whole result set and of the archive: facet counts, results over time,
the latest instructions. (The most cited documents are `Archive.documents()`.)

    >>> from vnnews import Archive
    >>> from vnnews.corpus.facets import facets
    >>> f = facets(Archive("archive.db", readonly=True), "dong khoi", province="Bến Tre")
    >>> f.kinds["document"], f.counts["year"][:2], f.months[:2]

Everything is read through `Archive.select` (the items a search finds, by the same rules)
and `Archive.query`. A facet pass reads at most `cap` items: past that the counts are
lower bounds and `exact` is False.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from .archive import Archive

FACETS = ("province", "source", "issuer", "speaker", "year")
CAP = 50_000  # items read by one facet pass


@dataclass
class Facets:
    """Counts over every result of a search. `kinds`: results per kind, whatever kind was
    asked (the tabs); `counts[facet]`: (value, results) pairs, most first, for province,
    source, issuer, speaker and year, over the asked kind; `months`: ("YYYY-MM", results)
    in date order. `exact` is False when the set was larger than the cap (then every count
    is a lower bound)."""

    kinds: dict[str, int]
    counts: dict[str, list[tuple[str, int]]]
    months: list[tuple[str, int]]
    total: int
    exact: bool = True
    undated: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"kinds": self.kinds, "counts": {k: [list(p) for p in v] for k, v in self.counts.items()},
                "months": [list(p) for p in self.months], "total": self.total, "exact": self.exact,
                "undated": self.undated}


def facets(archive: Archive, query: str | None, kind: str | None = None, *, top: int = 10, cap: int | None = None,
           **filters: Any) -> Facets:
    """Facet counts of `archive.search(query, kind, **filters)`'s whole result set, the
    `top` values of each facet, reading at most `cap` (default `CAP`) items. Raises
    ValueError for a bad kind or date, as search does."""
    cap = CAP if cap is None else cap
    everything = archive.select(query, None, **filters)
    wanted = archive.select(query, kind, **filters) if kind else everything
    if everything is None or wanted is None:
        return Facets({}, {f: [] for f in FACETS}, [], 0)
    inner = wanted.sql("si.kind, si.ref_id, a.province, a.source, a.published_date AS day")
    # the asked kind's items, for its facets; every kind's, for the tabs (one pass when no kind)
    source = "m" if not kind else f"({everything.sql('si.kind')} LIMIT :cap__)"
    kinds_sql = f"SELECT 'kind' AS facet, kind AS value, COUNT(*) AS n FROM {source} GROUP BY kind"
    sql = (f"WITH m AS MATERIALIZED ({inner} LIMIT :cap__) {kinds_sql} "
           "UNION ALL SELECT 'all', NULL, COUNT(*) FROM m "
           "UNION ALL SELECT 'province', province, COUNT(*) FROM m WHERE province IS NOT NULL GROUP BY province "
           "UNION ALL SELECT 'source', source, COUNT(*) FROM m WHERE source IS NOT NULL GROUP BY source "
           "UNION ALL SELECT 'month', substr(day, 1, 7), COUNT(*) FROM m GROUP BY substr(day, 1, 7) "
           "UNION ALL SELECT 'issuer', MAX(d.issuer), COUNT(*) FROM m JOIN directives d ON d.id = m.ref_id "
           "WHERE m.kind = 'document' AND d.issuer IS NOT NULL GROUP BY d.issuer_fkey "
           "UNION ALL SELECT 'speaker', MAX(d.speaker), COUNT(*) FROM m JOIN directives d ON d.id = m.ref_id "
           "WHERE m.kind = 'instruction' AND d.speaker IS NOT NULL GROUP BY lower(d.speaker)")
    rows = list(archive.query(sql, {**wanted.sql_params, "cap__": cap + 1}))
    kinds: dict[str, int] = {}
    total = 0
    groups: dict[str, list[tuple[str, int]]] = {f: [] for f in FACETS + ("month",)}
    for r in rows:
        if r["facet"] == "kind":
            kinds[r["value"]] = r["n"]
        elif r["facet"] == "all":
            total = r["n"]
        else:
            groups[r["facet"]].append((r["value"], r["n"]))
    exact = total <= cap and sum(kinds.values()) <= cap  # cap + 1 items read: there are more
    month_rows = groups.pop("month")
    months = sorted((m, n) for m, n in month_rows if m)
    undated = sum(n for m, n in month_rows if not m)
    years: dict[str, int] = {}
    for m, n in months:
        years[m[:4]] = years.get(m[:4], 0) + n
    groups["year"] = sorted(years.items(), reverse=True)
    counts = {f: (groups[f] if f == "year" else sorted(groups[f], key=lambda p: (-p[1], p[0])))[:top]
              for f in FACETS}
    if not exact:  # the extra item read to know there are more is not counted
        total = min(total, cap)
        kinds = {k: min(n, cap) for k, n in kinds.items()}
    return Facets(kinds, counts, months, total, exact, undated)


# ---------------------------------------------------------------- the archive at a glance

@dataclass(frozen=True)
class InstructionRow:
    """An instruction with its speaker and article, one line of a list."""

    id: int
    speaker: str | None
    speaker_title: str | None
    verb: str | None
    text: str | None
    article_id: int
    article_title: str | None
    date: str | None
    source: str | None


def latest_instructions(archive: Archive, n: int = 10) -> list[InstructionRow]:
    """The `n` most recent instructions (by their article's date), syndicated copies left out."""
    rows = archive.query(
        "SELECT d.id, d.speaker, d.speaker_title, d.verb, d.text, a.id AS aid, a.title, a.published_date, a.source "
        "FROM articles a CROSS JOIN directives d ON d.article_id = a.id "
        "WHERE d.kind = 'instruction' AND a.duplicate_of IS NULL AND a.published_date IS NOT NULL "
        "ORDER BY a.published_date DESC, d.id DESC LIMIT ?", (max(0, int(n)),))
    return [InstructionRow(r["id"], r["speaker"], r["speaker_title"], r["verb"], r["text"], r["aid"], r["title"],
                           r["published_date"], r["source"]) for r in rows]


def by_month(dates: Iterable[str | date | None]) -> list[tuple[str, int]]:
    """("YYYY-MM", how many) for dates (`YYYY-MM-DD` strings or dates), in date order; None skipped."""
    out: dict[str, int] = {}
    for d in dates:
        if d:
            m = str(d)[:7]
            out[m] = out.get(m, 0) + 1
    return sorted(out.items())
