"""Every result of a search as flat rows, streamed: for CSV and JSON export.

    >>> from vnnews.corpus.export import export_rows, COLUMNS
    >>> for row in export_rows(archive, "01-CT/TU", kind="document", order="date"):
    ...     print(row["number"], row["date"], row["article_title"])

Rows come from `Archive.select` (the same items `Archive.search` finds, syndicated copies
collapsed) and are read with one streaming statement, so memory stays flat however
many there are. `order`: `relevance` (BM25; for filters alone, newest first) or `date`
(newest first). At most `limit` rows.
"""
from __future__ import annotations

from typing import Any, Iterator

from .archive import Archive
from .permalinks import article_key

COLUMNS = ("kind", "label", "text", "doc_type", "number", "issuer", "speaker", "speaker_title", "verb",
           "name", "title", "level", "parent", "value", "value_max", "total", "unit", "quantity",
           "date", "published", "source", "province", "article_title", "article_url", "article_key", "ref",
           "id", "article_id", "duplicates")
LIMIT = 100_000

_SELECT = """si.kind, si.ref_id AS id, si.article_id, si.n_dups AS duplicates,
 a.title AS article_title, a.published, a.published_date AS date, a.source, a.province, a.url AS article_url,
 a.content_hash, a.lead,
 COALESCE(xd.seq, xo.seq, xl.seq, xf.seq) AS seq,
 xd.doc_type, xd.number, xd.issuer, xd.name AS d_name, xd.speaker, xd.speaker_title, xd.verb, xd.text AS d_text,
 xo.name AS o_name, xo.title AS o_title, xo.organization,
 xl.name AS l_name, xl.level, xl.parent,
 xf.text AS f_text, xf.value, xf.value_max, xf.total, xf.unit, xf.quantity"""
_JOINS = """ LEFT JOIN directives xd ON si.kind IN ('document', 'instruction') AND xd.id = si.ref_id
 LEFT JOIN officials xo ON si.kind = 'official' AND xo.id = si.ref_id
 LEFT JOIN locations xl ON si.kind = 'location' AND xl.id = si.ref_id
 LEFT JOIN figures xf ON si.kind = 'figure' AND xf.id = si.ref_id"""


def export_rows(archive: Archive, query: str | None, kind: str | None = None, *, order: str = "relevance",
                limit: int = LIMIT, **filters: Any) -> Iterator[dict[str, Any]]:
    """Stream every result of `archive.search(query, kind, **filters)` as a dict with the
    keys of `COLUMNS` (None where a column does not apply to the kind)."""
    if order not in ("relevance", "date"):
        raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
    sel = archive.select(query, kind, **filters)
    if sel is None:
        return
    sql = sel.sql(_SELECT)
    # the joins go after the FROM clause's own joins, before WHERE
    head, where = sql.split(" WHERE ", 1)
    sql = head + _JOINS + " WHERE " + where
    if order == "relevance" and sel.match is not None:
        sql += " ORDER BY bm25(search_fts, 1.0, 1.0, 0.0), a.published_date DESC, si.id DESC"
    else:
        sql += " ORDER BY a.published_date DESC, si.id DESC"
    sql += " LIMIT :limit__"
    for r in archive.query(sql, {**sel.sql_params, "limit__": max(0, int(limit))}):
        yield _row(r)


def _row(r: Any) -> dict[str, Any]:
    kind = r["kind"]
    out: dict[str, Any] = dict.fromkeys(COLUMNS)
    out.update(kind=kind, id=r["id"], article_id=r["article_id"], duplicates=r["duplicates"],
               date=r["date"], published=r["published"], source=r["source"], province=r["province"],
               article_title=r["article_title"], article_url=r["article_url"],
               article_key=article_key(r["content_hash"]))
    if kind == "article":
        out.update(label=r["article_title"], text=r["lead"])
        return out
    letter = {"official": "o", "location": "l", "figure": "f"}.get(kind, "d")
    out["ref"] = f"{letter}{r['seq']}" if r["seq"] is not None else None
    if kind == "document":
        out.update(doc_type=r["doc_type"], number=r["number"], issuer=r["issuer"], name=r["d_name"],
                   label=" ".join(v for v in (r["doc_type"], r["number"]) if v) or r["d_name"], text=r["d_name"])
    elif kind == "instruction":
        out.update(speaker=r["speaker"], speaker_title=r["speaker_title"], verb=r["verb"], text=r["d_text"],
                   label=" ".join(v for v in (r["speaker"] or r["speaker_title"], r["verb"]) if v))
    elif kind == "official":
        out.update(name=r["o_name"], title=r["o_title"], label=r["o_name"], text=r["o_title"])
    elif kind == "location":
        out.update(name=r["l_name"], level=r["level"], parent=r["parent"],
                   label=" ".join(v for v in (r["level"], r["l_name"]) if v))
    elif kind == "figure":
        out.update(text=r["f_text"], value=r["value"], value_max=r["value_max"], total=r["total"], unit=r["unit"],
                   quantity=r["quantity"], label=r["f_text"])
    return out
