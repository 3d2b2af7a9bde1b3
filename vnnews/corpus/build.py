"""Build an archive from article files: read (streaming), skip what is already stored,
extract records (optionally in worker processes), store in batches, link duplicates.

Inputs: corpus JSONL (one Article per line, as `vnnews crawl` writes, or one Record per
line, as `vnnews extract --format jsonl` writes: stored without re-extraction), `.txt`,
`.html`, `.json` article files, or folders of them. Memory stays flat: at most one
batch of articles is held at a time.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..inputs import InputError, read_input
from ..models import Article, Record
from .archive import Archive, article_from_record
from .jsonl import parse_item, read_items
from .store import JSONL_SUFFIXES

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")


@dataclass
class BuildReport:
    """What a build did."""

    read: int = 0                 # articles read from the inputs
    added: int = 0                # new articles stored
    duplicates: int = 0           # skipped: already stored (same canonical URL or body)
    extracted: int = 0            # articles run through the extractor
    failed_extraction: int = 0    # stored without records because extraction raised
    links: int = 0                # syndicated/duplicate pairs linked
    errors: list[str] = field(default_factory=list)   # bad inputs and lines (skipped)
    notices: list[str] = field(default_factory=list)  # things skipped on purpose (non-article files in folders)
    seconds: float = 0.0
    new_ids: list[int] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read} articles: {self.added} added, {self.duplicates} already in the archive, "
                f"{len(self.errors)} bad inputs skipped; {self.extracted} extracted"
                + (f" ({self.failed_extraction} failed)" if self.failed_extraction else "")
                + f"; {self.links} duplicate links; {self.seconds:.1f}s ({rate:.0f} articles/s)")


def iter_inputs(paths: Iterable[str], on_error: Callable[[str], None],
                on_notice: Callable[[str], None] | None = None,
                errors: str = "strict") -> Iterator[tuple[str, Article | Record]]:
    """Stream (name, Article or Record) from files, folders and JSONL corpora. In a folder,
    `.json` files that are not articles (annotations, settings) are skipped with one
    summary message rather than one error each. `errors="replace"` keeps article files
    with undecodable bytes (`inputs.read_input`)."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and
                           f.suffix.lower() in ARTICLE_SUFFIXES + JSONL_SUFFIXES and not f.name.startswith("."))
            if not files:
                on_error(f"{p}: folder holds no article files (.txt .html .json .jsonl)")
            not_articles: list[str] = []

            def folder_error(msg: str, _acc: list[str] = not_articles) -> None:
                if msg.endswith("JSON is not an article (an object with a 'text' string)"):
                    _acc.append(msg)
                else:
                    on_error(msg)

            yield from iter_inputs([str(f) for f in files], folder_error, on_notice, errors)
            if not_articles:
                (on_notice or on_error)(f"{p}: {len(not_articles)} .json files in the folder are not articles")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            if not path.exists():
                on_error(f"{p}: no such file")
                continue
            try:
                for lineno, item in read_items(path, lambda e: on_error(str(e))):
                    yield f"{p}:{lineno}", item
            except OSError as e:
                on_error(f"{p}: cannot read ({e.strerror})")
        else:
            record = _record_file(path) if path.suffix.lower() == ".json" else None
            if record is not None:
                yield p, record
                continue
            try:
                yield p, read_input(p, errors=errors, on_notice=on_notice)
            except InputError as e:
                on_error(str(e))


def _record_file(path: Path) -> Record | None:
    """The Record in a `.json` file written by `vnnews extract --format json`, else None."""
    try:
        with open(path, "rb") as fh:
            if b"vnnews.record/" not in fh.read(200):
                return None
        item = parse_item(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError, UnicodeDecodeError):
        return None  # read_input reports what is wrong with it
    return item if isinstance(item, Record) else None


def _extract_one(data: dict[str, Any]) -> dict[str, Any] | str:
    """Worker: article dict -> record dict, or an error message."""
    from ..nlp.pipeline import extract

    try:
        return extract(Article.from_dict(data)).to_dict()
    except Exception as e:  # noqa: BLE001 - a failing article must not stop the build
        return f"{type(e).__name__}: {e}"


def _warm() -> None:
    """Worker initializer: build the extraction pipeline (lexicons, gazetteer) before any work."""
    from ..nlp.pipeline import extract

    extract("Ông Nguyễn Văn A, Chủ tịch UBND tỉnh Bến Tre, đề nghị các sở thực hiện Chỉ thị số 01-CT/TU.")


class _Extractor:
    """Runs extraction in-process (workers=1) or in a pool of warmed-up processes. `submit`
    starts a batch and returns a handle whose `get()` waits for its results, so the
    caller can write one batch while the workers extract the next ones."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool = None
        if self.workers > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            self.pool = ctx.Pool(self.workers, initializer=_warm)

    def submit(self, articles: list[Article]) -> Any:
        data = [a.to_dict() for a in articles]
        if self.pool is None:
            return _Done([_extract_one(d) for d in data])
        return self.pool.map_async(_extract_one, data, chunksize=max(1, len(data) // (self.workers * 8)))

    def __call__(self, articles: list[Article]) -> list[dict[str, Any] | str]:
        return self.submit(articles).get()

    def close(self, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()


class _Done:
    """The results of a batch extracted in-process (the same `get()` as a pool's)."""

    def __init__(self, results: list[Any]) -> None:
        self.results = results

    def get(self) -> list[Any]:
        return self.results


def new_article_batches(archive: Archive, paths: Iterable[str], batch_size: int, report: "BuildReport",
                        bar: Any, on_error: Callable[[str], None],
                        on_notice: Callable[[str], None] | None = None,
                        errors: str = "strict") -> Iterator[list[tuple[str, Article, Record | None]]]:
    """Batches of `(input name, article, record or None)` read from `paths`, leaving out the
    articles `archive` already holds (counted in `report.read`/`report.duplicates` and on
    the progress `bar`). Shared by the local and the Dask build."""
    batch: list[tuple[str, Article, Record | None]] = []
    for name, item in iter_inputs(paths, on_error, on_notice, errors):
        report.read += 1
        if isinstance(item, Record):
            article, record = article_from_record(item), item
        else:
            article, record = item, None
        if archive.contains(article):
            report.duplicates += 1
            if bar is not None:
                bar.update(1)
            continue
        batch.append((name, article, record))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(archive: Archive, paths: Iterable[str], *, workers: int = 1, extract: bool = True,
          batch_size: int = 200, progress: bool = False, link: bool = True,
          on_error: Callable[[str], None] | None = None,
          on_notice: Callable[[str], None] | None = None, errors: str = "strict") -> BuildReport:
    """Add the articles in `paths` to `archive` (see module doc); a rerun adds only new
    ones. Each batch is one transaction. Bad inputs are reported through `on_error` and
    in `report.errors`, and skipped."""
    report = BuildReport()
    started = time.perf_counter()

    def tell(callback: Callable[[str], None] | None, msg: str) -> None:
        if callback is None:
            return
        if bar is not None:  # print above the progress bar, not through it
            with bar.external_write_mode(file=sys.stderr):
                callback(msg)
        else:
            callback(msg)

    def error(msg: str) -> None:
        report.errors.append(msg)
        tell(on_error, msg)

    def notice(msg: str) -> None:
        report.notices.append(msg)
        tell(on_notice, msg)

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
    extractor = _Extractor(workers) if extract else None
    # batches in flight: extraction of the newest overlaps the writing of the oldest;
    # bounded, so memory stays flat (at most `ahead` + 1 batches held)
    ahead = 2 * extractor.workers if extractor is not None and extractor.pool is not None else 0
    pending: list[tuple[list[tuple[str, Article, Record | None]], Any]] = []
    try:
        for batch in new_article_batches(archive, paths, batch_size, report, bar, error, notice, errors):
            pending.append((batch, _start(batch, extractor)))
            while len(pending) > ahead:
                _flush(archive, *pending.pop(0), extractor, report, error, bar)
        while pending:
            _flush(archive, *pending.pop(0), extractor, report, error, bar)
    except BaseException:
        if extractor is not None:
            extractor.close(abort=True)
            extractor = None
        raise
    finally:
        if extractor is not None:
            extractor.close()
        if bar is not None:
            bar.close()
    return finish_build(archive, report, link, started)


def finish_build(archive: Archive, report: BuildReport, link: bool, started: float) -> BuildReport:
    """The end of a build: link the new articles' syndicated copies (if `link`), time it."""
    if link and report.new_ids:
        report.links = archive.link_duplicates(report.new_ids)
    report.seconds = time.perf_counter() - started
    return report


def _start(batch: list[tuple[str, Article, Record | None]], extractor: _Extractor | None) -> Any:
    """Start extracting the articles of `batch` that have no record yet."""
    todo = [a for _n, a, r in batch if r is None] if extractor is not None else []
    return extractor.submit(todo) if todo else _Done([])


def _flush(archive: Archive, batch: list[tuple[str, Article, Record | None]], handle: Any,
           extractor: _Extractor | None, report: BuildReport, error: Callable[[str], None], bar: Any) -> None:
    store_batch(archive, batch, iter(handle.get()) if extractor is not None else None, report, error, bar)


def store_batch(archive: Archive, batch: list[tuple[str, Article, Record | None]],
                extracted: Iterator[Any] | None, report: BuildReport, error: Callable[[str], None],
                bar: Any) -> None:
    """Store one batch in one transaction. Each article without a record takes the next
    item of `extracted` (a record dict, or the text of the error that stopped its
    extraction: it is then stored without records); `None` stores them without records.
    Shared by the local and the Dask build."""
    pairs: list[tuple[Article, Record | None]] = []
    for name, article, record in batch:
        if record is None and extracted is not None:
            out = next(extracted)
            report.extracted += 1
            if isinstance(out, str):
                report.failed_extraction += 1
                error(f"{name}: extraction failed ({out}); stored without records")
            else:
                record = Record.from_dict(out)
                record.input = name
        pairs.append((article, record))
    for aid in archive.add_many(pairs):
        if aid is None:
            report.duplicates += 1
        else:
            report.added += 1
            report.new_ids.append(aid)
    if bar is not None:
        bar.update(len(batch))
        bar.set_postfix(added=report.added, skipped=report.duplicates, refresh=False)


def reextract(archive: Archive, *, workers: int = 1, batch_size: int = 200, progress: bool = False) -> int:
    """Run the current extractor again over every stored article and replace its records
    (the extractor improves over time); return the number of articles re-extracted."""
    ids = [r[0] for r in archive.query("SELECT id FROM articles ORDER BY id")]
    extractor = _Extractor(workers)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(ids), unit=" articles", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
    done = 0
    try:
        for i in range(0, len(ids), batch_size):
            stored = [archive.article(aid) for aid in ids[i:i + batch_size]]
            stored = [s for s in stored if s is not None]
            arts = [Article.from_dict({**s.article.to_dict(), "text": s.record.text}) for s in stored]
            outs = extractor(arts)
            with archive.transaction():
                for s, out in zip(stored, outs):
                    if isinstance(out, str):
                        continue
                    archive.set_record(s.id, Record.from_dict(out))
                    done += 1
            if bar is not None:
                bar.update(len(stored))
    finally:
        extractor.close()
        if bar is not None:
            bar.close()
    return done
