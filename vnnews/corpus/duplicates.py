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

Pure functions over signatures, dates and item keys: the archive reads and writes the
rows (`Archive.link_duplicates`) and calls these to decide.
"""
from __future__ import annotations

import zlib
from datetime import date
from typing import Iterable, Mapping

import numpy as np

from .keys import fold_index

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


def near(d1: str | None, d2: str | None, window_days: int) -> bool:
    """Published within `window_days` of each other (always true when one is undated):
    `near("2024-03-01", "2024-03-04", 3)` -> True, `near("2024-03-01", None, 3)` -> True."""
    if not d1 or not d2:
        return True
    return abs((date.fromisoformat(d1) - date.fromisoformat(d2)).days) <= window_days


def similar_pairs(sigs: Mapping[int, np.ndarray], dates: Mapping[int, str | None],
                  candidates: Mapping[int, Iterable[int]], threshold: float,
                  window_days: int) -> list[tuple[int, int, float]]:
    """The linked pairs `(a, b, similarity)` with `a < b`: each article of `candidates`
    with each of its candidates whose signature is known, published within `window_days`
    (`near`), with estimated Jaccard similarity (the share of equal MinHash values) of at
    least `threshold`."""
    pairs: dict[tuple[int, int], float] = {}
    for aid, found in candidates.items():
        for oid in found:
            if oid not in sigs or oid == aid:
                continue
            if not near(dates.get(aid), dates.get(oid), window_days):
                continue
            sim = float(np.mean(sigs[aid] == sigs[oid]))
            if sim >= threshold:
                key = (min(aid, oid), max(aid, oid))
                pairs[key] = max(sim, pairs.get(key, 0.0))
    return [(a, b, s) for (a, b), s in pairs.items()]


def collapse_groups(items: Iterable[tuple[int, str, str]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """How the search items of one syndication cluster collapse: `items` are `(item id,
    kind, dedup key)` in order (the cluster's earliest article first); items of the same
    kind and key collapse into the first. Returns `(n_dups, head id)` pairs for the heads
    and `(head id, item id)` pairs for the others:
    `collapse_groups([(1, "official", "k"), (5, "official", "k")])` -> `([(1, 1)], [(1, 5)])`."""
    groups: dict[tuple[str, str], list[int]] = {}
    for sid, kind, key in items:
        groups.setdefault((kind, key), []).append(sid)
    heads, dups = [], []
    for sids in groups.values():
        if len(sids) > 1:
            heads.append((len(sids) - 1, sids[0]))
            dups += [(sids[0], s) for s in sids[1:]]
    return heads, dups
