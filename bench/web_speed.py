"""Web page speed: the tab counts of a search page done the old way (one `Archive.search`
per kind tab, seven in all) and by one facet pass (`vnnews.corpus.facets.facets`, which
also gives the facet panel and the chart), side by side in one run; then the first
request of each kind of page (caches emptied), in process (FastAPI's TestClient).

The archive is synthetic (`vnnews.corpus.synthetic`, from the dev set's sentences).

    python bench/web_speed.py                     # 20,000 articles
    python bench/web_speed.py --articles 2000     # a quick run
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vnnews.corpus.archive import Archive, article_from_record  # noqa: E402
from vnnews.corpus.facets import facets  # noqa: E402
from vnnews.corpus.synthetic import synthetic_records  # noqa: E402

KINDS = (None, "article", "document", "instruction", "official", "location", "figure")
SEARCHES = [("dong khoi", {}), ("tỉnh", {}), ("tỉnh", {"province": "Bến Tre", "since": "2022-01-01"}),
            (None, {"province": "Bến Tre"}), (None, {"since": "2022-01-01", "until": "2022-12-31"})]
PAGES = ["/", "/?q=dong+khoi", "/?q=t%E1%BB%89nh", "/?q=t%E1%BB%89nh&province=B%E1%BA%BFn+Tre&since=2022-01-01",
         "/?province=B%E1%BA%BFn+Tre", "/?kind=figure", "/?q=t%E1%BB%89nh&sort=date", "/?q=01-CT/TU&kind=document",
         "/article/1", "/directive/5", "/official/1", "/export.csv?q=dong+khoi"]


def median_ms(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def build(db: Path, dev: Path, n: int) -> None:
    with Archive(db) as archive:
        gen = synthetic_records(dev, n, seed=1)
        while True:
            chunk = list(islice(gen, 2000))
            if not chunk:
                break
            archive.add_many([(article_from_record(r), r) for r in chunk])
        archive.link_duplicates()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--dev", default=str(REPO.parent / "shared" / "eval" / "dev"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "archive.db"
        t = time.perf_counter()
        build(db, Path(args.dev), args.articles)
        print(f"built {args.articles:,} synthetic articles in {time.perf_counter() - t:.1f}s")
        archive = Archive(db, readonly=True)
        print(f"\n{'search':<48} {'7 searches':>11} {'1 facet pass':>13} {'ratio':>6}")
        for q, filters in SEARCHES:
            old = median_ms(lambda: [archive.search(q, kind=k, limit=1, **filters) for k in KINDS])
            new = median_ms(lambda: facets(archive, q, None, **filters))
            label = f"{q or '(filters only)'} {filters or ''}"
            print(f"{label:<48} {old:>9.0f}ms {new:>11.0f}ms {old / new:>6.1f}")

        from fastapi.testclient import TestClient

        from vnnews.web import create_app

        app = create_app(db)
        client = TestClient(app)
        print(f"\n{'page (first request, caches empty)':<60} {'time':>8}")
        for path in PAGES:
            app.state.views.clear_cache()
            t = time.perf_counter()
            r = client.get(path)
            ms = (time.perf_counter() - t) * 1000
            print(f"{path:<60} {ms:>6.0f}ms  {r.status_code}")


if __name__ == "__main__":
    main()
