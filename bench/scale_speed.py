"""Beyond one machine, measured on this one: `archive build --dask` with 1 and 2 Dask
workers, and search on SQLite and PostgreSQL archives of the same articles.

    python bench/scale_speed.py --phases dask --extract 2000         # 1 vs 2 workers (LocalCluster)
    python bench/scale_speed.py --phases search --articles 100000 --queries 50
    python bench/scale_speed.py --phases search --pg postgresql:///bench --db /tmp/b.db   # existing archives

dask: builds the same articles (sentences of the dev set, so extraction does real work)
into fresh SQLite archives with a LocalCluster of 1 and of 2 single-threaded workers,
alternating (1, 2, 1, 2), and reports the best rate of each and their ratio.

search: builds (or reuses) a synthetic archive (`realistic_records`, records stored
without extraction) in SQLite and in PostgreSQL (a throwaway cluster from
tests/pgcluster.py unless --pg is given), then runs the query classes of
bench/archive_speed.py on both, interleaved, and prints p50/p95/p99 per class side by side.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))

from archive_speed import pct, query_classes  # noqa: E402

from vnnews.corpus.archive import Archive, QueryTimeout, article_from_record  # noqa: E402
from vnnews.corpus.synthetic import realistic_records  # noqa: E402


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


def phase_dask(n: int) -> None:
    from vnnews.corpus import distributed
    from vnnews.corpus.jsonl import JsonlStore
    from vnnews.corpus.synthetic import synthetic_records

    dev = REPO.parent / "shared" / "eval" / "dev"
    with tempfile.TemporaryDirectory() as d:
        corpus = Path(d) / "corpus.jsonl"
        store = JsonlStore(corpus)
        records = synthetic_records(dev, n, seed=5, syndicated=0) if dev.is_dir() else \
            realistic_records(n, seed=5, syndicated=0)
        for r in records:
            store.add(article_from_record(r))
        rates: dict[int, list[float]] = {}
        for workers in (1, 2, 1, 2):
            client, cluster = distributed.connect(None, workers)
            try:
                distributed.warm_up(client)  # a warm cluster: start-up is not extraction
                db = Path(d) / f"w{workers}-{time.monotonic_ns()}.db"
                cpu = time.process_time()
                with Archive(db) as archive:
                    rep = distributed.build(archive, [str(corpus)], client=client, batch_size=50, link=False)
                cpu = time.process_time() - cpu  # the client's own CPU: reading, scheduling, writing
            finally:
                client.close()
                cluster.close()
            rate = rep.added / rep.seconds
            rates.setdefault(workers, []).append(rate)
            print(f"  archive build --dask, {workers} worker{'s' if workers > 1 else ''}: {rep.added} articles in "
                  f"{rep.seconds:.1f} s = {rate:.1f} articles/s (client CPU {cpu:.1f} s); {load()}", flush=True)
        r1, r2 = max(rates[1]), max(rates[2])
        print(f"dask: 2 workers vs 1 (best of two runs each): {r2:.1f} / {r1:.1f} articles/s = {r2 / r1:.2f}x")


def build(location: str, n: int, batch: int = 500) -> None:
    with Archive(location) as archive:
        have = archive.stats().articles
        if have >= n:
            print(f"  {location}: already {have:,} articles")
            return
        gen = realistic_records(n, seed=1)
        for _ in islice(gen, have):
            pass
        started, done = time.perf_counter(), have
        while done < n:
            chunk = list(islice(gen, min(batch, n - done)))
            archive.add_many([(article_from_record(r), r) for r in chunk])
            done += len(chunk)
            if done % (batch * 20) == 0 or done >= n:
                spent = time.perf_counter() - started
                print(f"  {location}: {done:,} articles, {(done - have) / spent:,.0f} articles/s; {load()}", flush=True)


def phase_search(lite: str, url: str, n: int, queries: int) -> None:
    print(f"building {n:,} synthetic articles (records stored without extraction) into both; {load()}", flush=True)
    for loc in (lite, url):
        t = time.perf_counter()
        build(loc, n)
        print(f"  built {loc} in {time.perf_counter() - t:,.0f} s", flush=True)
    with Archive(lite, readonly=True) as a, Archive(url, readonly=True) as b:
        sa, sb = a.stats(), b.stats()
        print(f"search: {sa.articles:,} articles; SQLite {sa.size_bytes / 1e6:,.0f} MB, PostgreSQL "
              f"{sb.size_bytes / 1e6:,.0f} MB; {queries} queries per class, first page of 20; {load()}", flush=True)
        classes = query_classes(a, random.Random(7), queries)
        for q, kw in classes["common word"][:20]:  # warm both caches
            a.search(q, limit=20, **kw), b.search(q, limit=20, **kw)
        print(f"  {'class':<34} {'SQLite p50':>10} {'p95':>8} {'p99':>8}   {'PostgreSQL p50':>14} {'p95':>8} {'p99':>8}"
              "   same results")
        ratios = []
        for cls, items in classes.items():
            times: dict[str, list[float]] = {"a": [], "b": []}
            same = 0
            for q, kw in items:
                got = {}
                for key, archive in (("a", a), ("b", b)):
                    t = time.perf_counter()
                    try:
                        res = archive.search(q, limit=20, **kw)
                        got[key] = [(r.kind, r.id) for r in res]
                    except QueryTimeout:
                        got[key] = None
                    times[key].append((time.perf_counter() - t) * 1000)
                same += got["a"] == got["b"]
            pa, pb = pct(times["a"], 95), pct(times["b"], 95)
            ratios.append(pb / pa if pa else 0.0)
            print(f"  {cls:<34} {pct(times['a'], 50):8.1f} ms {pa:6.1f} ms {pct(times['a'], 99):6.1f} ms   "
                  f"{pct(times['b'], 50):12.1f} ms {pb:6.1f} ms {pct(times['b'], 99):6.1f} ms   {same}/{len(items)}",
                  flush=True)
        ratios.sort()
        print(f"PostgreSQL p95 / SQLite p95 per class: median {ratios[len(ratios) // 2]:.1f}x, "
              f"range {ratios[0]:.1f}x .. {ratios[-1]:.1f}x; {load()}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phases", default="dask,search")
    p.add_argument("--extract", type=int, default=600, help="articles extracted per Dask run")
    p.add_argument("--articles", type=int, default=20000, help="synthetic articles in the search archives")
    p.add_argument("--queries", type=int, default=30, help="queries per class")
    p.add_argument("--db", help="SQLite archive to build or reuse (default: a temporary file)")
    p.add_argument("--pg", help="PostgreSQL URL to build or reuse (default: a throwaway cluster)")
    args = p.parse_args()
    phases = args.phases.split(",")
    print(f"machine: {os.cpu_count()} CPUs, {load()}", flush=True)
    if "dask" in phases:
        phase_dask(args.extract)
    if "search" in phases:
        cluster = None
        tmp = tempfile.TemporaryDirectory()
        try:
            url = args.pg
            if url is None:
                from pgcluster import PgCluster

                cluster = PgCluster().start()
                url = cluster.create_db("bench")
            phase_search(args.db or str(Path(tmp.name) / "bench.db"), url, args.articles, args.queries)
        finally:
            if cluster is not None:
                cluster.stop()
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
