"""Archive speed at scale: indexing rate (extraction excluded), database bytes per article,
peak memory, duplicate linking, `archive build --workers 1` vs `--workers 2`, and the
latency (p50/p95/p99) of every query class.

The archive is synthetic (`vnnews.corpus.synthetic.realistic_records`): a vocabulary of
~13,000 syllables drawn by Zipf's law, officials of every province with careers, places
of the gazetteer, figures, local and national documents; 5% syndicated copies.

    python bench/archive_speed.py --articles 20000                      # a quick run, temporary archive
    python bench/archive_speed.py --articles 1000000 --db /work/bench-data/a1m.db --phases build
    python bench/archive_speed.py --db /work/bench-data/a1m.db --phases link,search

Phases: build (index records without extraction, `Archive.add_many` in one process;
resumes a partly built --db), index (`archive build` of records JSONL with --workers 1 and
2, alternating, adding to --db), link (MinHash duplicate linking), workers (extraction
with 1 and 2 processes, side by side), search (every query class; `--rounds N`: per class the median
of N rounds). Targets: indexing >= 2,000 articles/s; p95 < 50 ms per query
class (goal 20 ms); --workers 2 >= 1.7x one worker.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vnnews.corpus.archive import Archive, ArchiveError, article_from_record  # noqa: E402
from vnnews.corpus.synthetic import realistic_records  # noqa: E402

TARGET_INDEX_RATE = 2000.0
TARGET_P95_MS = 50.0
GOAL_P95_MS = 20.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def _rows(archive: Archive, sql: str, params: tuple = ()) -> list:
    """All rows of a read-only statement, through the archive's public `query`."""
    return list(archive.query(sql, params))


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


# -- build ------------------------------------------------------------------------------

def phase_build(db: Path, n: int, batch: int) -> None:
    # written as `archive build` writes: the WAL checkpointed aside, a large page cache,
    # batches committed together (`Commits`)
    from vnnews.corpus.build import COMMIT_EVERY, Commits

    with Archive(db) as archive, archive.bulk_writes():
        commits = Commits(archive, COMMIT_EVERY)
        have = archive.stats().articles
        if have >= n:
            print(f"build: {db} already holds {have:,} articles")
            return
        print(f"build: {have:,} -> {n:,} articles into {db}; {os.cpu_count()} CPUs, {load()}", flush=True)
        gen = realistic_records(n, seed=1)
        if have:
            for _ in islice(gen, have):  # the generator is deterministic: skip what is stored
                pass
        done, spent, cpu = have, 0.0, 0.0
        last_t, last_done, last_rate = 0.0, done, 0.0
        started = time.perf_counter()
        while done < n:
            chunk = list(islice(gen, min(batch, n - done)))
            if not chunk:
                break
            pairs = [(article_from_record(r), r) for r in chunk]
            t, c = time.perf_counter(), time.process_time()
            commits.begin()
            archive.add_many(pairs)
            commits.stored(len(pairs))
            spent += time.perf_counter() - t
            cpu += time.process_time() - c
            done += len(chunk)
            if done % (batch * 50) == 0 or done >= n:
                last_rate = (done - last_done) / (spent - last_t) if spent > last_t else 0.0
                print(f"  {done:>9,} articles: {(done - have) / spent:,.0f} articles/s overall, "
                      f"{last_rate:,.0f}/s over the last {done - last_done:,}; CPU {(done - have) / cpu:,.0f}/s; "
                      f"peak RSS {rss_mb():.0f} MB; {load()}",
                      flush=True)
                last_t, last_done = spent, done
        t = time.perf_counter()
        commits.end()
        spent += time.perf_counter() - t
        st = archive.stats()
        print(f"indexing without extraction: {done - have:,} articles in {spent:,.0f} s of writing "
              f"({time.perf_counter() - started:,.0f} s with generation) = {(done - have) / spent:,.0f} articles/s "
              f"(target {TARGET_INDEX_RATE:,.0f}: {(done - have) / spent / TARGET_INDEX_RATE:.2f}x), "
              f"{(done - have) / cpu:,.0f} per CPU second; at the end {last_rate:,.0f} articles/s")
        print(f"  archive: {st.articles:,} articles, {st.officials:,} officials, {st.locations:,} locations, "
              f"{st.figures:,} figures, {st.documents:,} documents, {st.instructions:,} instructions; "
              f"{db_bytes(db) / 1e9:.2f} GB = {db_bytes(db) / st.articles:,.0f} bytes/article; peak RSS {rss_mb():.0f} MB")


# -- duplicate linking ----------------------------------------------------------------

def phase_link(db: Path, limit: int | None = None) -> None:
    """Link the archive's articles (the first `limit`) in ten steps, as ten incremental
    builds would: the cost per new article should not grow from step to step."""
    with Archive(db) as archive:
        ids = [r[0] for r in _rows(archive, "SELECT id FROM articles ORDER BY id LIMIT ?", (limit or -1,))]
        print(f"link: {len(ids):,} articles, {load()}", flush=True)
        step = max(1000, len(ids) // 10)
        total_links = 0
        t0 = time.perf_counter()
        for i in range(0, len(ids), step):
            t = time.perf_counter()
            links = archive.link_duplicates(ids[i:i + step])
            dt = time.perf_counter() - t
            total_links += links
            print(f"  articles {i + 1:>9,}-{min(len(ids), i + step):>9,}: {step / dt:,.0f} articles/s "
                  f"({dt * 1e6 / step:,.0f} µs per new article), {links:,} links; peak RSS {rss_mb():.0f} MB",
                  flush=True)
        dt = time.perf_counter() - t0
        print(f"duplicate linking (MinHash/LSH, incremental): {len(ids):,} articles in {dt:,.0f} s = "
              f"{len(ids) / dt:,.0f} articles/s; {total_links:,} links, {archive.stats().duplicates:,} articles "
              f"collapsed (~{int(0.05 * len(ids)):,} syndicated copies generated)")


# -- workers ----------------------------------------------------------------------------

def alternate(runs: list[tuple[int, Any]], run: Callable[[int, Any], float]) -> tuple[float, float]:
    """`run(workers, arg)` for each of `runs` in turn (1 and 2 workers alternating, so load
    changes hit both); the best rate with one worker and with two."""
    rates: dict[int, list[float]] = {}
    for workers, arg in runs:
        rates.setdefault(workers, []).append(run(workers, arg))
    return max(rates[1]), max(rates[2])


def phase_workers(n: int) -> None:
    """`build(..., workers=1)` and `workers=2` on the same articles, each into a fresh archive."""
    from vnnews.corpus.build import build
    from vnnews.corpus.jsonl import JsonlStore

    with tempfile.TemporaryDirectory() as d:
        corpus = Path(d) / "corpus.jsonl"
        store = JsonlStore(corpus)
        dev = REPO.parent / "shared" / "eval" / "dev"
        if dev.is_dir():  # real sentences (the dev set's), so extraction does real work
            from vnnews.corpus.synthetic import synthetic_records

            records = synthetic_records(dev, n, seed=5, syndicated=0)
        else:
            records = realistic_records(n, seed=5, syndicated=0)
        for r in records:
            store.add(article_from_record(r))
        def run(workers: int, _arg: None) -> float:
            db = Path(d) / f"w{workers}-{time.monotonic_ns()}.db"
            with Archive(db) as archive:
                rep = build(archive, [str(corpus)], workers=workers, link=False)
            print(f"  build with extraction, --workers {workers}: {rep.added} articles in {rep.seconds:.1f} s = "
                  f"{rep.added / rep.seconds:.1f} articles/s; {load()}", flush=True)
            return rep.added / rep.seconds

        r1, r2 = alternate([(w, None) for w in (1, 2, 1, 2)], run)
        print(f"archive build --workers 2 vs 1 (best of two runs each): {r2:.1f} / {r1:.1f} articles/s = "
              f"{r2 / r1:.2f}x (target 1.7x)")


# -- indexing as `archive build` does it ----------------------------------------------------

def phase_index(db: Path, n: int, batch: int) -> None:
    """`archive build RECORDS.jsonl --workers 1` and `--workers 2` (no extraction: the lines
    are records), alternating, each adding `n` new articles to the archive `db` (so the
    rate is measured at the archive's size): wall-clock articles/s, and the CPU seconds of
    the writing process."""
    from vnnews.corpus.build import build

    runs = (1, 2, 1, 2)
    with Archive(db) as archive:
        have = archive.stats().articles
    print(f"index: archive build from records JSONL, {n:,} new articles per run into {db} "
          f"({have:,} articles), batches of {batch}; {os.cpu_count()} CPUs, {load()}", flush=True)
    with tempfile.TemporaryDirectory() as d:
        records = realistic_records(n * len(runs), seed=11 + have)
        files = []
        for k in range(len(runs)):
            path = Path(d) / f"records-{k}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for r in islice(records, n):
                    fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            files.append(path)
        def run(workers: int, path: Path) -> float:
            # timed until the archive is closed: the pages still in the WAL are copied into
            # the file then (in a long build the background checkpoints do it as it goes)
            started, cpu = time.perf_counter(), time.process_time()
            with Archive(db) as archive:
                rep = build(archive, [str(path)], workers=workers, extract=False, batch_size=batch, link=False)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            with Archive(db, readonly=True) as archive:
                size = archive.stats().articles
            print(f"  --workers {workers}: {rep.added:,} articles in {seconds:.1f} s = "
                  f"{rep.added / seconds:,.0f} articles/s (writer CPU {rep.added / cpu:,.0f} articles/s; "
                  f"{rep.seconds:.1f} s until the last commit); archive now {size:,}; {load()}", flush=True)
            return rep.added / seconds

        r1, r2 = alternate(list(zip(runs, files)), run)
    print(f"indexing without extraction (archive build, best of two runs): --workers 1 {r1:,.0f} articles/s "
          f"({r1 / TARGET_INDEX_RATE:.2f}x the target {TARGET_INDEX_RATE:,.0f}), --workers 2 {r2:,.0f} articles/s "
          f"({r2 / TARGET_INDEX_RATE:.2f}x), {r2 / r1:.2f}x one worker")


# -- search -----------------------------------------------------------------------------

def query_classes(archive: Archive, rng: random.Random, n: int) -> dict[str, list[tuple[str | None, dict]]]:
    """Queries of every class, drawn from what the archive holds."""
    from vnnews.corpus.keys import fold_lower

    sample = list(realistic_records(300, seed=99))
    words = [w.strip(".,") for r in sample for w in r.text.split() if w.strip(".,").isalpha()]
    rare = [w for w in set(words) if words.count(w) <= 2] or words
    names = [o.name for r in sample for o in r.officials]
    numbers = [d.number for r in sample for d in r.directives if d.kind == "document" and d.number]
    provinces = [r.locations[0].name for r in sample if r.locations]
    speakers = [d.speaker for r in sample for d in r.directives if d.kind == "instruction" and d.speaker]
    issuers = ["Tỉnh ủy", "Chính phủ", "Huyện ủy", "UBND tỉnh", "Bộ Chính trị"]
    out: dict[str, list[tuple[str | None, dict]]] = {}

    def add(cls: str, make) -> None:
        out[cls] = [make() for _ in range(n)]

    add("common word", lambda: (rng.choice(words[:2000]), {}))
    add("rare word", lambda: (rng.choice(rare), {}))
    add("two words, no diacritics", lambda: (fold_lower(" ".join(rng.sample(words, 2))), {}))
    add("person name", lambda: (rng.choice(names), {}))
    add("person name, no diacritics", lambda: (fold_lower(rng.choice(names)), {}))
    add("document number", lambda: (rng.choice(numbers), {}))
    add("prefix (3+ letters)", lambda: (rng.choice([w for w in words if len(w) >= 4])[:3] + "*", {}))
    add("prefix (5 letters)", lambda: (rng.choice([w for w in words if len(w) >= 6])[:5] + "*", {}))
    add("many prefixes", lambda: (" ".join(c + "*" for c in rng.sample("abcdeghiklmnopqrstuvxy", 8)), {}))
    add("word + kind", lambda: (rng.choice(words), {"kind": "instruction"}))
    add("word + date range", lambda: (rng.choice(words), {"kind": "document", "since": "2020-01-01",
                                                         "until": "2021-06-30"}))
    add("word + province", lambda: (rng.choice(words), {"province": rng.choice(provinces)}))
    add("browse: kind", lambda: (None, {"kind": rng.choice(["document", "instruction", "official"])}))
    add("browse: province", lambda: (None, {"province": rng.choice(provinces)}))
    add("browse: date range", lambda: (None, {"since": "2019-03-01", "until": "2019-03-31"}))
    add("browse: speaker", lambda: (None, {"speaker": rng.choice(speakers)}))
    add("browse: issuer", lambda: (None, {"issuer": rng.choice(issuers)}))
    add("word + speaker", lambda: (rng.choice(words[:500]), {"speaker": rng.choice(speakers)}))
    add("deep page, query (offset 10,000)", lambda: (rng.choice(words[:200]), {"offset": 10_000}))
    add("deep page, browse (offset 10,000)", lambda: (None, {"kind": "document", "offset": 10_000}))
    # keyset paging: a cursor from somewhere deep in the archive (what `next_cursor` holds there)
    top_article = _rows(archive, "SELECT MAX(id) FROM articles")[0][0]
    top_item = _rows(archive, "SELECT MAX(id) FROM search_items")[0][0]

    def deep_browse():
        aid = rng.randrange(1, top_article)
        day = _rows(archive, "SELECT published_date FROM articles WHERE id = ?", (aid,))[0][0] or ""
        return None, {"kind": "document", "after": f"b{day}.{aid}.{2 ** 62}"}

    add("deep page, browse (keyset)", deep_browse)
    add("deep page, query (keyset)", lambda: (rng.choice(words[:200]), {"after": f"t1.{rng.randrange(1, top_item)}"}))
    return out


def phase_search(db: Path, n: int, rounds: int = 1) -> None:
    """Every query class, `rounds` times over (the same queries, classes in turn): per class
    the median over the rounds of its p50/p95/p99, since on a shared machine one round's p95
    moves by a fifth from run to run."""
    from statistics import median

    from vnnews.corpus.archive import QueryTimeout

    rng = random.Random(7)
    with Archive(db, readonly=True) as archive:
        st = archive.stats()
        print(f"search: {st.articles:,} articles, {n} queries per class, first page of 20, {rounds} round(s); "
              f"{load()}", flush=True)
        classes = query_classes(archive, rng, n)
        for q, kw in list(classes["common word"])[:20]:  # warm the page cache
            archive.search(q, limit=20, **kw)
        seen: dict[str, list[tuple[float, ...]]] = {cls: [] for cls in classes}
        timeouts = dict.fromkeys(classes, 0)
        for _ in range(rounds):
            for cls, load_ in classes.items():
                times, cpu = [], []
                for q, kw in load_:
                    t, c = time.perf_counter(), time.process_time()
                    try:
                        archive.search(q, limit=20, **kw)
                    except QueryTimeout:
                        timeouts[cls] += 1
                    times.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                seen[cls].append((pct(times, 50), pct(times, 95), pct(times, 99), max(times), pct(cpu, 50),
                                  pct(cpu, 95)))
        worst = worst_cpu = 0.0
        for cls, runs in seen.items():
            p50, p95, p99, top, c50, c95 = (median(r[k] for r in runs) for k in range(6))
            worst, worst_cpu = max(worst, p95), max(worst_cpu, c95)
            spread = f"  (p95 CPU {min(r[5] for r in runs):.1f}-{max(r[5] for r in runs):.1f})" if rounds > 1 else ""
            print(f"  {cls:<34} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:7.1f} ms  max {top:7.1f} ms"
                  f"   CPU p50 {c50:6.1f}  p95 {c95:6.1f}{spread}"
                  + (f"  ({timeouts[cls]} over the time budget)" if timeouts[cls] else ""), flush=True)
        print(f"worst p95 {worst:.1f} ms wall, {worst_cpu:.1f} ms CPU (target {TARGET_P95_MS:.0f} ms; goal "
              f"{GOAL_P95_MS:.0f} ms); {load()} on {os.cpu_count()} CPUs; peak RSS {rss_mb():.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="synthetic articles in the archive (default 100000)")
    ap.add_argument("--db", help="archive file (default: a temporary file, removed afterwards)")
    ap.add_argument("--phases", default="build,index,link,workers,search", help="comma-separated phases to run")
    ap.add_argument("--batch", type=int, default=1000,
                    help="articles per batch: one add_many of the build phase, --batch-size of the index phase "
                         "(default 1000)")
    ap.add_argument("--queries", type=int, default=60, help="queries per class (default 60)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="times the search phase runs its queries; per class the median (default 1)")
    ap.add_argument("--extract", type=int, default=600, help="articles for the workers phase (default 600)")
    ap.add_argument("--index", type=int, default=10_000,
                    help="new articles per run of the index phase (default 10000)")
    ap.add_argument("--link-limit", type=int, help="link only the first N articles (default all)")
    args = ap.parse_args()
    tmp = None
    if args.db:
        db = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.db"
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    try:
        if "build" in phases:
            phase_build(db, args.articles, args.batch)
        if "index" in phases:
            phase_index(db, args.index, args.batch)
        if "link" in phases:
            phase_link(db, args.link_limit)
        if "workers" in phases:
            phase_workers(args.extract)
        if "search" in phases:
            phase_search(db, args.queries, args.rounds)
    except ArchiveError as e:
        print(f"archive_speed: {e}", file=sys.stderr)
        return 1
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
