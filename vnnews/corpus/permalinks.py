"""Stable names for stored articles and records, that survive rebuilding the archive.

Row ids are numbered in insertion order, so a rebuild (other inputs, other order)
renumbers them. A permalink key is instead read from the article itself: the first
`KEY_LEN` hex digits of its content hash (sha1 of the normalised body, the archive's
`articles.content_hash`), so the same article gets the same key in every archive built
from it. A record is named by its article's key and its place in the record's list:
`o3` is `record.officials[3]`, `l`, `f`, `d` for locations, figures, directives.

    >>> article_key("3f2a9c1b0e4d5a6f7788990011223344556677aa")
    '3f2a9c1b0e4d5a6f'
    >>> parse_ref("d12"), parse_ref("x1"), parse_ref("d012")
    (('directive', 12), None, None)
"""
from __future__ import annotations

import re
from typing import Iterable

from .archive import Archive

KEY_LEN = 16
KEY_RE = re.compile(r"^[0-9a-f]{16}$")
REF_KINDS = {"o": "official", "l": "location", "f": "figure", "d": "directive"}
REF_LETTER = {"official": "o", "location": "l", "figure": "f", "directive": "d", "document": "d", "instruction": "d"}
TABLES = {"official": "officials", "location": "locations", "figure": "figures", "directive": "directives"}
_REF_RE = re.compile(r"^([olfd])(0|[1-9][0-9]{0,5})$")


def article_key(content_hash: str) -> str:
    """The permalink key of an article with this content hash."""
    return content_hash[:KEY_LEN]


def parse_ref(ref: str) -> tuple[str, int] | None:
    """(record kind, position) of a record ref such as `d12`; None unless well-formed."""
    m = _REF_RE.match(ref or "")
    return (REF_KINDS[m.group(1)], int(m.group(2))) if m else None


def ref(kind: str, seq: int) -> str:
    """The ref of record `seq` of `kind` (official, location, figure, document, instruction)."""
    return f"{REF_LETTER[kind]}{seq}"


def find_article(archive: Archive, key: str) -> int | None:
    """The id of the article with permalink key `key`, or None."""
    if not KEY_RE.match(key or ""):
        return None
    # content_hash is UNIQUE (indexed): a range over the prefix reads one index entry
    for r in archive.query("SELECT id FROM articles WHERE content_hash >= ? AND content_hash < ? ORDER BY content_hash "
                           "LIMIT 1", (key, key + "g")):
        return int(r["id"])
    return None


def find_record(archive: Archive, key: str, ref_: str) -> tuple[str, int, int] | None:
    """(record kind, row id, article id) of record `ref_` of the article keyed `key`, or None."""
    parsed = parse_ref(ref_)
    article_id = find_article(archive, key) if parsed else None
    if parsed is None or article_id is None:
        return None
    kind, seq = parsed
    for r in archive.query(f"SELECT id FROM {TABLES[kind]} WHERE article_id = ? AND seq = ?", (article_id, seq)):
        return kind, int(r["id"]), article_id
    return None


def article_keys(archive: Archive, article_ids: Iterable[int]) -> dict[int, str]:
    """Permalink key of each of these article ids (those that exist)."""
    ids = sorted({int(i) for i in article_ids})
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for r in archive.query(f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(part))})",
                               part):
            out[int(r["id"])] = article_key(r["content_hash"])
    return out


def record_refs(archive: Archive, kind: str, ids: Iterable[int]) -> dict[int, tuple[int, str, str]]:
    """For row ids of a record table (`kind`: official, location, figure, document,
    instruction or directive): {row id: (article id, article key, ref)}."""
    table = TABLES["directive" if kind in ("document", "instruction") else kind]
    letter = REF_LETTER[kind]
    wanted = sorted({int(i) for i in ids})
    out: dict[int, tuple[int, str, str]] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i:i + 500]
        for r in archive.query(f"SELECT x.id, x.seq, a.id AS aid, a.content_hash FROM {table} x JOIN articles a "
                               f"ON a.id = x.article_id WHERE x.id IN ({','.join('?' * len(part))})", part):
            out[int(r["id"])] = (int(r["aid"]), article_key(r["content_hash"]), f"{letter}{r['seq']}")
    return out
