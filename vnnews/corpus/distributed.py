"""Extraction on a Dask cluster: `extract_many` for Dask collections, and the archive
build's `--dask` mode.

    >>> import dask.bag as db, vnnews
    >>> records = vnnews.extract_many(db.from_sequence(texts, npartitions=8))   # a Bag of Records
    >>> records.map(lambda r: len(r.officials)).sum().compute()

Workers stay warm: the extraction pipeline is built once per worker process (the first
task on a worker loads it; `warm_up(client)` loads it on every worker at once) and reused
by every later task. Tasks hold whole batches, so the per-task overhead is paid once per
batch, not once per article. Extraction holds a per-process lock: a worker started with
several threads extracts one batch at a time (start workers with `--nthreads 1` and as
many worker processes as cores).

`build(archive, paths, address=...)` is `vnnews archive build --dask [ADDRESS]`: the
client reads the inputs as a stream, skips what the archive already holds, sends batches
to the cluster (at most a few per worker in flight, so memory stays bounded) and writes
every finished batch itself, in input order, one transaction per batch. Only the client
writes, so the guarantees are those of the local build: a killed client leaves whole
batches; a rerun skips what was stored and extracts the rest (nothing lost, nothing twice).
"""
from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..models import Article, Record

if TYPE_CHECKING:
    from .archive import Archive
    from .build import BuildReport

_LOCK = threading.Lock()


def _as_article(item: Any) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    if isinstance(item, dict):
        return Article.from_dict(item)
    raise TypeError(f"extract_many takes texts, Articles or article dicts, not {type(item).__name__}")


def extract_batch(items: list[Any]) -> list[dict[str, Any] | str]:
    """Worker side: extract each item (text, article dict or Article) with this process's
    pipeline; a record dict for each, or an error message string for one that failed."""
    from ..nlp.pipeline import extract

    out: list[dict[str, Any] | str] = []
    with _LOCK:
        for item in items:
            try:
                out.append(extract(_as_article(item)).to_dict())
            except Exception as e:  # noqa: BLE001 - one bad article must not fail the batch
                out.append(f"{type(e).__name__}: {e}")
    return out


def _extract_partition(items: Iterable[Any]) -> list[Record]:
    return [Record.from_dict(r) for r in extract_batch(list(items)) if not isinstance(r, str)]


def warm_up(client: Any) -> None:
    """Build the extraction pipeline on every worker of `client` now (in parallel)."""
    client.run(_warm)


def _warm() -> bool:
    from ..nlp.pipeline import get_pipeline

    get_pipeline()
    return True


def extract_many(collection: Any, *, column: str = "text") -> Any:
    """Extract records from a Dask collection, lazily, on its cluster.

    - a `dask.bag.Bag` of texts, article dicts or `Article`s -> a Bag of `Record`s
      (items whose extraction raises are left out);
    - a `dask.dataframe.DataFrame` with a `column` of texts (and optional `title`, `url`,
      `source`, `published` columns) -> a Bag of `Record`s, one per row;
    - any other iterable -> a list of `Record`s, extracted here (no cluster).
    """
    try:
        import dask.bag as dbag
        import dask.dataframe as dd
    except ImportError:  # plain iterables need no Dask
        dbag = dd = None
    if dbag is not None and isinstance(collection, dbag.Bag):
        return collection.map_partitions(_extract_partition)
    if dd is not None and isinstance(collection, dd.DataFrame):
        if column not in collection.columns:
            raise ValueError(f"extract_many: the dataframe has no {column!r} column (columns: "
                             f"{', '.join(map(str, collection.columns))})")
        keep = [c for c in ("title", "url", "source", "published", "lead", "author") if c in collection.columns]
        rows = collection[[column, *keep]].to_bag(format="dict")
        return rows.map(lambda r: {**{k: v for k, v in r.items() if k != column and v == v and v is not None},
                                   "text": r[column]}).map_partitions(_extract_partition)
    return _extract_partition(collection)


def connect(address: str | None, workers: int | None = None) -> tuple[Any, Any]:
    """A Dask client for `address` (`tcp://host:8786`), or for a new `LocalCluster` of
    `workers` single-threaded worker processes when `address` is None; returns
    (client, cluster or None). Raises RuntimeError with one line when it can't connect."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--dask needs dask.distributed (pip install 'vnnews[scale]')") from None
    if address:
        try:
            return Client(address, timeout="5s"), None
        except (OSError, TimeoutError) as e:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address} ({e})") from None
    cluster = LocalCluster(n_workers=max(1, workers or 2), threads_per_worker=1, processes=True,
                           dashboard_address=":0")  # any free port: never "port 8787 is already in use"
    return Client(cluster), cluster


def build(archive: "Archive", paths: Iterable[str], *, address: str | None = None, workers: int | None = None,
          client: Any = None, batch_size: int = 100, in_flight: int | None = None, progress: bool = False,
          link: bool = True, on_error: Callable[[str], None] | None = None,
          on_notice: Callable[[str], None] | None = None, errors: str = "strict") -> "BuildReport":
    """Add the articles in `paths` to `archive`, extracting them on a Dask cluster (see
    the module doc). `client` (a `distributed.Client`) is used as is; else one is made by
    `connect(address, workers)` and closed at the end. `in_flight` batches at most are
    sent ahead of the writer (default 2 per worker). `errors` is as for the local build
    (`"replace"` keeps article files with bytes that are not UTF-8)."""
    from .build import BuildReport, finish_build, new_article_batches, store_batch

    report = BuildReport()
    started = time.perf_counter()

    def error(msg: str) -> None:
        report.errors.append(msg)
        if on_error is not None:
            on_error(msg)

    def notice(msg: str) -> None:
        report.notices.append(msg)
        if on_notice is not None:
            on_notice(msg)

    own = client is None
    cluster = None
    if own:
        client, cluster = connect(address, workers)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", file=__import__("sys").stderr, dynamic_ncols=True, mininterval=0.5)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = in_flight or 2 * nworkers
        warm_up(client)
        pending: deque[tuple[list[tuple[str, Article, Record | None]], Any]] = deque()

        def send(items: list[tuple[str, Article, Record | None]]) -> None:
            todo = [a.to_dict() for _n, a, r in items if r is None]
            future = client.submit(extract_batch, todo, pure=False) if todo else None
            pending.append((items, future))
            while len(pending) > limit or (pending and pending[0][1] is not None and pending[0][1].done()):
                write(*pending.popleft())

        def write(items: list[tuple[str, Article, Record | None]], future: Any) -> None:
            store_batch(archive, items, iter(future.result()) if future is not None else None, report, error, bar)

        for batch in new_article_batches(archive, paths, batch_size, report, bar, error, notice, errors):
            send(batch)
        while pending:
            write(*pending.popleft())
    finally:
        if bar is not None:
            bar.close()
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return finish_build(archive, report, link, started)
