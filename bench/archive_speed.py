"""Archive speed: indexing rate (extraction excluded and included), duplicate linking,
search latency p50/p95, and peak memory while building.

The archive is synthetic: `--articles` new articles composed of the dev set's real
sentences with their annotated records (`vnnews.corpus.synthetic`), 5% of them
syndicated copies. Prints measured numbers and their ratio to the targets
(indexing >= 2,000 articles/s without extraction; search p95 < 50 ms).

    python bench/archive_speed.py                       # 100,000 articles
    python bench/archive_speed.py --articles 2000       # a quick run
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vnnews.corpus.archive import Archive, article_from_record  # noqa: E402
from vnnews.corpus.synthetic import gold_record, synthetic_records  # noqa: E402

TARGET_INDEX_RATE = 2000.0
TARGET_P95_MS = 50.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def index_without_extraction(archive: Archive, dev: Path, n: int, batch: int) -> tuple[float, float, list[float]]:
    """Wall and CPU seconds spent storing n pre-extracted records (generation not counted),
    and peak RSS at 10%, 50% and 100%."""
    gen = synthetic_records(dev, n, seed=1)
    spent = 0.0
    cpu = 0.0
    done = 0
    marks = {max(1, n // 10): None, max(1, n // 2): None, n: None}
    rss: list[float] = []
    while done < n:
        chunk = list(islice(gen, batch))
        if not chunk:
            break
        pairs = [(article_from_record(r), r) for r in chunk]
        t, c = time.perf_counter(), time.process_time()
        archive.add_many(pairs)
        spent += time.perf_counter() - t
        cpu += time.process_time() - c
        before = done
        done += len(chunk)
        if any(before < m <= done for m in marks):
            rss.append(rss_mb())
        if done % (batch * 20) == 0 or done == n:
            print(f"  indexed {done:>7} articles: {done / spent:,.0f} articles/s, peak RSS {rss_mb():.0f} MB",
                  file=sys.stderr)
    return spent, cpu, rss


def index_bare(dev: Path, n: int, batch: int) -> tuple[float, float]:
    """Wall and CPU seconds to store n articles without records (`archive build --no-extract`),
    into a fresh archive of their own."""
    with tempfile.TemporaryDirectory() as d, Archive(Path(d) / "bare.db") as archive:
        gen = synthetic_records(dev, n, seed=3)
        spent = cpu = 0.0
        while True:
            chunk = [(article_from_record(r), None) for r in islice(gen, batch)]
            if not chunk:
                return spent, cpu
            t, c = time.perf_counter(), time.process_time()
            archive.add_many(chunk)
            spent += time.perf_counter() - t
            cpu += time.process_time() - c


def index_with_extraction(archive: Archive, dev: Path, n: int, workers: int) -> float:
    """Seconds to extract and store n synthetic articles (the articles, not their gold records)."""
    from vnnews.corpus.archive import article_from_record
    from vnnews.corpus.build import _Extractor
    from vnnews.models import Record

    articles = [article_from_record(r) for r in synthetic_records(dev, n, seed=100 + workers, syndicated=0)]
    extractor = _Extractor(workers)
    try:
        extractor(articles[:workers])  # warm up: build the pipeline in every process
        t = time.perf_counter()
        for i in range(0, n, 100):
            part = articles[i:i + 100]
            outs = extractor(part)
            with archive.transaction():
                for a, out in zip(part, outs):
                    archive.add_pair(a, None if isinstance(out, str) else Record.from_dict(out))
        return time.perf_counter() - t
    finally:
        extractor.close()


def queries(dev: Path, rng: random.Random, n: int) -> list[tuple[str, dict]]:
    """A mixed query load: words and pairs from the dev texts (with and without diacritics),
    names, document numbers, prefixes, and filtered searches."""
    from vnnews.corpus.keys import fold_lower

    golds = [gold_record(p) for p in sorted(dev.glob("*.txt"))]
    words = [w for g in golds for w in g.text.split() if w.isalpha() and len(w) > 2]
    names = [o.name for g in golds for o in g.officials]
    numbers = [d.number for g in golds for d in g.directives if d.kind == "document" and d.number]
    out: list[tuple[str, dict]] = []
    for i in range(n):
        k = i % 8
        if k == 0:
            q = rng.choice(words)
        elif k == 1:
            q = fold_lower(" ".join(rng.sample(words, 2)))
        elif k == 2:
            q = rng.choice(names)
        elif k == 3:
            q = rng.choice(numbers)
        elif k == 4:
            q = rng.choice(words)[:3] + "*"
        elif k == 5:
            out.append((rng.choice(words), {"kind": "instruction"}))
            continue
        elif k == 6:
            out.append((rng.choice(words), {"kind": "document", "since": "2020-01-01"}))
            continue
        else:
            q = fold_lower(rng.choice(names))
        out.append((q, {}))
    return out


def search_latency(archive: Archive, load: list[tuple[str, dict]]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each search (first page of 20 results)."""
    times, cpu = [], []
    for q, kw in load:
        t, c = time.perf_counter(), time.process_time()
        archive.search(q, limit=20, **kw)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return times, cpu


def time_searches(archive: Archive, dev: Path, n: int) -> None:
    """Time a mixed query load and print p50/p95 overall and per category."""
    rng = random.Random(7)
    load = queries(dev, rng, n)
    search_latency(archive, load[:20])  # warm the page cache
    times, cpu = search_latency(archive, load)
    p50, p95 = pct(times, 50), pct(times, 95)
    print(f"search: {len(times)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms, "
          f"mean {statistics.mean(times):.1f} ms (target p95 < {TARGET_P95_MS:.0f} ms: "
          f"{TARGET_P95_MS / p95:.2f}x headroom)" if p95 else "search: no queries")
    print(f"  CPU time per search: p50 {pct(cpu, 50):.1f} ms, p95 {pct(cpu, 95):.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    by_kind: dict[str, list[float]] = {}
    for (q, kw), ms in zip(load, times):
        label = "filtered" if kw else ("prefix" if q.endswith("*") else "plain")
        by_kind.setdefault(label, []).append(ms)
    for label, ms in sorted(by_kind.items()):
        print(f"  {label:<9} n={len(ms):<4} p50 {pct(ms, 50):6.1f} ms  p95 {pct(ms, 95):6.1f} ms")
    slow = sorted(zip(times, load), key=lambda x: -x[0])[:3]
    print("  slowest: " + "; ".join(f"{q!r} {kw or ''} {ms:.0f} ms" for ms, (q, kw) in slow))


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="synthetic articles to index (default 100000)")
    ap.add_argument("--extract", type=int, default=1000, help="articles to index with extraction (default 1000)")
    ap.add_argument("--workers", type=int, default=2, help="extraction processes for the second run (default 2)")
    ap.add_argument("--queries", type=int, default=400, help="search queries to time (default 400)")
    ap.add_argument("--batch", type=int, default=1000, help="articles per transaction (default 1000)")
    ap.add_argument("--db", help="archive file (default: a temporary file, removed afterwards)")
    ap.add_argument("--search-only", action="store_true",
                    help="reuse the archive at --db as it is and only time searches")
    ap.add_argument("--dev", default=str(REPO.parent / "shared" / "eval" / "dev"), help="annotated article folder")
    args = ap.parse_args()
    dev = Path(args.dev)
    if not dev.is_dir():
        print(f"needs the annotated dev set at {dev} (--dev)", file=sys.stderr)
        return 2
    tmp = None
    if args.db:
        db = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.db"
    n = args.articles
    print(f"archive: {db}; {n:,} synthetic articles from {dev}")
    with Archive(db) as archive:
        if args.search_only:
            print(f"reusing {db}: {archive.stats().articles:,} articles; load average {os.getloadavg()[0]:.1f}")
            time_searches(archive, dev, args.queries)
            return 0
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start "
              "(shared machines make wall-clock rates lower than CPU rates)")
        spent, cpu, rss = index_without_extraction(archive, dev, n, args.batch)
        rate = n / spent
        size = db.stat().st_size + (Path(f"{db}-wal").stat().st_size if Path(f"{db}-wal").exists() else 0)
        st = archive.stats()
        print(f"\nindexing without extraction: {n:,} articles in {spent:.1f} s = {rate:,.0f} articles/s "
              f"(target {TARGET_INDEX_RATE:,.0f}: {rate / TARGET_INDEX_RATE:.2f}x); "
              f"per CPU second {n / cpu:,.0f} articles/s ({n / cpu / TARGET_INDEX_RATE:.2f}x); "
              f"load average now {os.getloadavg()[0]:.1f}")
        print(f"  records stored: {st.officials:,} officials, {st.locations:,} locations, {st.figures:,} figures, "
              f"{st.documents:,} documents, {st.instructions:,} instructions; file {size / 1e6:,.0f} MB")
        print("  peak RSS at 10% / 50% / 100% of the build: " + " / ".join(f"{r:.0f} MB" for r in rss))

        bare = min(n, 20_000)
        wall, cpu = index_bare(dev, bare, args.batch)
        print(f"indexing articles without records (build --no-extract), fresh archive: {bare:,} articles, "
              f"{bare / wall:,.0f} articles/s ({bare / cpu:,.0f} per CPU second)")

        t = time.perf_counter()
        links = archive.link_duplicates()
        dt = time.perf_counter() - t
        print(f"duplicate linking (TF-IDF + cosine NN): {n:,} articles in {dt:.1f} s = {n / dt:,.0f} articles/s; "
              f"{links:,} links, {archive.stats().duplicates:,} articles collapsed "
              f"(~{int(0.05 * n):,} syndicated copies generated); peak RSS {rss_mb():.0f} MB")

        m = min(args.extract, n)
        if m:
            for workers in sorted({1, max(1, args.workers)}):
                dt = index_with_extraction(archive, dev, m, workers)
                print(f"indexing with extraction, {workers} process{'es' if workers > 1 else ''}: {m} articles in "
                      f"{dt:.1f} s = {m / dt:,.1f} articles/s")

        time_searches(archive, dev, args.queries)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
