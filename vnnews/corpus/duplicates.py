"""Syndicated and duplicate articles: the same story in several papers.

New articles are compared with the archive's articles published within `window_days`
of them (and with undated ones added recently): TF-IDF vectors of word uni- and bigrams,
cosine nearest neighbours (scikit-learn). Pairs at least `threshold` similar are stored
in `article_links`, and their syndication clusters are merged: `cluster_id` is the
cluster's first article, `duplicate_of` points to it from the others. Memory is bounded
by the window, not by the archive size.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .archive import Archive

MIN_WORDS = 40          # shorter texts (captions, video blurbs) look alike too easily
CHUNK = 1000            # new articles compared at once
MAX_CANDIDATES = 20000  # archive articles compared with one chunk
RECENT_UNDATED = 2000   # undated articles are compared with this many recent ones


def link_duplicates(archive: "Archive", article_ids: Iterable[int] | None = None, *, threshold: float = 0.8,
                    window_days: int = 3) -> int:
    """Link near-duplicates of `article_ids` (default: every article); return new links."""
    conn = archive._conn
    if article_ids is None:
        order = [tuple(r) for r in conn.execute("SELECT id, published_date FROM articles ORDER BY published_date, id")]
    else:
        wanted = sorted(set(int(i) for i in article_ids))
        order = []
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            order += [tuple(r) for r in conn.execute(
                f"SELECT id, published_date FROM articles WHERE id IN ({','.join('?' * len(part))})", part)]
        order.sort(key=lambda r: (r[1] or "", r[0]))
    links = 0
    for i in range(0, len(order), CHUNK):
        chunk = order[i:i + CHUNK]
        pairs = _similar_pairs(conn, chunk, threshold, window_days)
        if pairs:
            with archive.transaction():
                links += _store(conn, pairs)
    return links


def _similar_pairs(conn, chunk: list[tuple[int, str | None]], threshold: float, window_days: int
                   ) -> list[tuple[int, int, float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    chunk_ids = [c[0] for c in chunk]
    dates = [c[1] for c in chunk if c[1]]
    cand: dict[int, str] = {}
    if dates:
        rows = conn.execute(
            "SELECT id, text FROM articles WHERE published_date BETWEEN date(?, ?) AND date(?, ?) LIMIT ?",
            (min(dates), f"-{window_days} days", max(dates), f"+{window_days} days", MAX_CANDIDATES))
        cand.update((r[0], r[1]) for r in rows)
    if len(dates) < len(chunk):
        rows = conn.execute("SELECT id, text FROM articles ORDER BY id DESC LIMIT ?", (RECENT_UNDATED,))
        cand.update((r[0], r[1]) for r in rows)
    for part in range(0, len(chunk_ids), 500):
        ids = chunk_ids[part:part + 500]
        rows = conn.execute(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
        cand.update((r[0], r[1]) for r in rows)
    cand = {k: v for k, v in cand.items() if len(v.split()) >= MIN_WORDS}
    queries = [c for c in chunk_ids if c in cand]
    if len(cand) < 2 or not queries:
        return []
    ids = list(cand)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    try:
        X = vec.fit_transform(cand[i] for i in ids)
    except ValueError:  # no words at all
        return []
    pos = {aid: n for n, aid in enumerate(ids)}
    k = min(6, len(ids))
    nn = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(X)
    dist, idx = nn.kneighbors(X[[pos[q] for q in queries]])
    pairs: dict[tuple[int, int], float] = {}
    for qi, q in enumerate(queries):
        for d, j in zip(dist[qi], idx[qi]):
            other = ids[j]
            sim = 1.0 - float(d)
            if other != q and sim >= threshold:
                key = (min(q, other), max(q, other))
                pairs[key] = max(sim, pairs.get(key, 0.0))
    return [(a, b, s) for (a, b), s in pairs.items()]


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
