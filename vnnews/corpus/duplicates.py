"""Syndicated and duplicate articles: the same story in several papers.

Each article gets a MinHash signature of its word 5-shingles (32 hashes of the folded,
lower-cased words; numpy) and 8 LSH bands of 4 hashes, stored in `article_minhash` and
`minhash_bands`. A new article is compared only with the articles that share a band (an
index lookup per band, at most `MAX_PER_BAND` each), so linking is incremental and its
cost per new article does not grow with the archive. Candidates whose estimated Jaccard
similarity is at least `threshold` and which were published within `window_days` of each
other (or are undated) are stored in `article_links`, and their syndication clusters are
merged: `cluster_id` is the cluster's first article, `duplicate_of` points to it from the
others. With 8 bands of 4, a pair with Jaccard 0.8 becomes a candidate with probability
0.98, one with 0.5 with 0.4, one with 0.3 with 0.06.
"""
from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Iterable

import numpy as np

from .keys import fold_index

if TYPE_CHECKING:
    from .archive import Archive

MIN_WORDS = 40          # shorter texts (captions, video blurbs) look alike too easily
CHUNK = 1000            # new articles handled at once
SHINGLE = 5             # words per shingle
HASHES = 32
BANDS = 8
ROWS = HASHES // BANDS
MAX_PER_BAND = 50       # candidates read per band (a band shared by very many articles is boilerplate)
_PRIME = (1 << 31) - 1
_RNG = np.random.default_rng(20240601)
_A = _RNG.integers(1, _PRIME, size=HASHES, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, size=HASHES, dtype=np.uint64)
_WORD_HASH: dict[str, int] = {}   # crc32 of words seen (a bounded cache)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (32 uint32) of `text`'s word 5-shingles (words folded: no
    diacritics, lower case); None for a text of fewer than MIN_WORDS words."""
    words = fold_index(text).split()
    if len(words) < MIN_WORDS:
        return None
    cache = _WORD_HASH
    if len(cache) > 500_000:
        cache.clear()
    w = np.fromiter((cache.get(x) or cache.setdefault(x, zlib.crc32(x.encode("utf-8")) | 1) for x in words),
                    dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # a shingle's hash: its word hashes mixed by position (wrapping uint64)
        h = h * np.uint64(1000003) + w[j:j + n]
    h = (h ^ (h >> np.uint64(29))) & np.uint64(0x7FFFFFFF)
    return ((_A[:, None] * h[None, :] + _B[:, None]) % _PRIME).min(axis=1).astype(np.uint32)


def bands(sig: np.ndarray) -> list[int]:
    """The LSH band keys of a signature: band number in the high bits, crc32 of its values below."""
    return [(b << 32) | zlib.crc32(sig[b * ROWS:(b + 1) * ROWS].tobytes()) for b in range(BANDS)]


def link_duplicates(archive: "Archive", article_ids: Iterable[int] | None = None, *, threshold: float = 0.6,
                    window_days: int = 3) -> int:
    """Link near-duplicates of `article_ids` (default: every article not yet sketched);
    return the number of new links."""
    conn = archive._conn
    if article_ids is None:
        wanted = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_minhash) ORDER BY id")]
    else:
        wanted = sorted(set(int(i) for i in article_ids))
    links = 0
    for i in range(0, len(wanted), CHUNK):
        with archive.transaction():
            links += _link_chunk(conn, wanted[i:i + CHUNK], threshold, window_days)
    return links


def _link_chunk(conn, ids: list[int], threshold: float, window_days: int) -> int:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT a.id, a.text, a.published_date, m.sig FROM articles a LEFT JOIN article_minhash m "
                        f"ON m.article_id = a.id WHERE a.id IN ({marks})", ids).fetchall()
    sigs: dict[int, np.ndarray] = {}
    dates: dict[int, str | None] = {}
    new_rows, band_rows = [], []
    for aid, text, day, blob in rows:
        dates[aid] = day
        if blob is not None:
            sigs[aid] = np.frombuffer(blob, dtype=np.uint32)
            continue
        sig = signature(text or "")
        if sig is None:
            continue
        sigs[aid] = sig
        new_rows.append((aid, sig.tobytes()))
        band_rows += [(k, aid) for k in bands(sig)]
    conn.executemany("INSERT OR IGNORE INTO article_minhash(article_id, sig) VALUES (?, ?)", new_rows)
    conn.executemany("INSERT OR IGNORE INTO minhash_bands(band, article_id) VALUES (?, ?)", band_rows)
    # candidates: articles sharing a band
    cand: dict[int, set[int]] = {}
    for aid, sig in sigs.items():
        found: set[int] = set()
        for k in bands(sig):
            found.update(r[0] for r in conn.execute(
                "SELECT article_id FROM minhash_bands WHERE band = ? LIMIT ?", (k, MAX_PER_BAND)))
        found.discard(aid)
        if found:
            cand[aid] = found
    others = sorted({o for f in cand.values() for o in f} - set(sigs))
    for n in range(0, len(others), 500):
        part = others[n:n + 500]
        for oid, day, blob in conn.execute(
                f"SELECT m.article_id, a.published_date, m.sig FROM article_minhash m JOIN articles a "
                f"ON a.id = m.article_id WHERE m.article_id IN ({','.join('?' * len(part))})", part):
            sigs[oid] = np.frombuffer(blob, dtype=np.uint32)
            dates[oid] = day
    pairs: dict[tuple[int, int], float] = {}
    for aid, found in cand.items():
        for oid in found:
            if oid not in sigs:
                continue
            if not _near(dates.get(aid), dates.get(oid), window_days):
                continue
            sim = float(np.mean(sigs[aid] == sigs[oid]))
            if sim >= threshold:
                key = (min(aid, oid), max(aid, oid))
                pairs[key] = max(sim, pairs.get(key, 0.0))
    return _store(conn, [(a, b, s) for (a, b), s in pairs.items()]) if pairs else 0


def _near(d1: str | None, d2: str | None, window_days: int) -> bool:
    """Published within `window_days` of each other (always true when one is undated)."""
    if not d1 or not d2:
        return True
    from datetime import date

    return abs((date.fromisoformat(d1) - date.fromisoformat(d2)).days) <= window_days


def refresh_collapse(conn, cluster_ids: Iterable[int]) -> None:
    """Recompute which search items collapse into which within the given clusters: items
    of the same kind and dedup key in one cluster collapse into the one of the cluster's
    earliest article (`dup_of`), which counts them (`n_dups`)."""
    for cid in set(cluster_ids):
        members = [r[0] for r in conn.execute("SELECT id FROM articles WHERE cluster_id = ?", (cid,))]
        if not members:
            continue
        marks = ",".join("?" * len(members))
        conn.execute(f"UPDATE search_items SET dup_of = NULL, n_dups = 0 WHERE article_id IN ({marks})", members)
        if len(members) < 2:
            continue
        groups: dict[tuple[str, str], list[int]] = {}
        for sid, kind, key in conn.execute(f"SELECT id, kind, dedup_key FROM search_items WHERE article_id IN ({marks}) "
                                           "ORDER BY article_id, id", members):
            groups.setdefault((kind, key), []).append(sid)
        head_updates, dup_updates = [], []
        for sids in groups.values():
            if len(sids) > 1:
                head_updates.append((len(sids) - 1, sids[0]))
                dup_updates += [(sids[0], s) for s in sids[1:]]
        conn.executemany("UPDATE search_items SET n_dups = ? WHERE id = ?", head_updates)
        conn.executemany("UPDATE search_items SET dup_of = ? WHERE id = ?", dup_updates)


def _store(conn, pairs: list[tuple[int, int, float]]) -> int:
    new = 0
    touched: set[int] = set()
    for a, b, sim in pairs:
        cur = conn.execute("INSERT OR IGNORE INTO article_links(a, b, similarity) VALUES (?,?,?)", (a, b, round(sim, 4)))
        if not cur.rowcount:
            continue
        new += 1
        ca = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", (a,)).fetchone()[0] or a
        cb = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", (b,)).fetchone()[0] or b
        if ca != cb:
            keep, drop = min(ca, cb), max(ca, cb)
            conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ? OR id IN (?, ?)", (keep, drop, a, b))
            conn.execute("UPDATE articles SET duplicate_of = CASE WHEN id = cluster_id THEN NULL ELSE cluster_id END "
                         "WHERE cluster_id = ?", (keep,))
            touched.discard(drop)
            touched.add(keep)
    refresh_collapse(conn, touched)
    return new
