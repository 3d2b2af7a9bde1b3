"""Build an archive from article files: read (streaming), skip what is already stored,
extract records (optionally in worker processes), store in batches, link duplicates.

Inputs: corpus JSONL (one Article per line, as `vnnews crawl` writes, or one Record per
line, as `vnnews extract --format jsonl` writes: stored without re-extraction), `.txt`,
`.html`, `.json` article files, or folders of them. Memory stays flat: at most one
batch of articles is held at a time.
"""
from __future__ import annotations

import contextlib
import gc
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..inputs import InputError, read_input
from ..models import Article, Record
from .archive import Archive, article_from_record
from .archive.batch import PreparedBatch, prepare_batch
from .jsonl import JsonLine, holds_records, parse_item, parse_line, read_items, read_lines
from .keys import article_keys
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
                errors: str = "strict", lines: bool = False) -> Iterator[tuple[str, Article | Record | JsonLine]]:
    """Stream (name, Article or Record) from files, folders and JSONL corpora. In a folder,
    `.json` files that are not articles (annotations, settings) are skipped with one
    summary message rather than one error each. `errors="replace"` keeps article files
    with undecodable bytes (`inputs.read_input`). With `lines`, a JSONL corpus gives its
    lines unparsed (`JsonLine`: a build's workers parse them)."""
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

            yield from iter_inputs([str(f) for f in files], folder_error, on_notice, errors, lines)
            if not_articles:
                (on_notice or on_error)(f"{p}: {len(not_articles)} .json files in the folder are not articles")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            if not path.exists():
                on_error(f"{p}: no such file")
                continue
            try:
                read = read_lines if lines else read_items
                for lineno, item in read(path, lambda e: on_error(str(e))):
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
    """Article dict -> record dict, or an error message (the Dask build's task)."""
    record = _extract_article(Article.from_dict(data))
    return record if isinstance(record, str) else record.to_dict()


def _extract_article(article: Article) -> Record | str:
    """The article's record, or the text of the error that stopped its extraction."""
    from ..nlp.pipeline import extract

    try:
        return extract(article)
    except Exception as e:  # noqa: BLE001 - a failing article must not stop the build
        return f"{type(e).__name__}: {e}"


def _warm() -> None:
    """Worker initializer: build the extraction pipeline (lexicons, gazetteer) before any work."""
    from ..nlp.pipeline import extract

    extract("Ông Nguyễn Văn A, Chủ tịch UBND tỉnh Bến Tre, đề nghị các sở thực hiện Chỉ thị số 01-CT/TU.")


def _warm_bulk() -> None:
    """Initializer of a build's workers that extract: warm, then `_bulk_gc`."""
    _warm()
    _bulk_gc()


def _bulk_gc() -> None:
    """Garbage collection for bulk loading: what is loaded so far (lexicons) out of its
    reach, and no automatic passes, which would walk every row of the batches in memory
    again and again (a fifth of the time); `prepare` and the writer collect the young
    objects once per batch instead."""
    gc.freeze()
    gc.disable()


def prepare(items: list[Article | Record | JsonLine], extract: bool, base: dict[str, int] | None = None,
            archive: str | None = None) -> tuple[PreparedBatch, list[tuple[str, str | None]]]:
    """Build the rows of a batch of input items: parse JSONL lines, extract the articles
    without a record (when `extract`; those of the lines that the archive at `archive`
    holds already are left out: the main process asked for the others), number the rows
    after `base` when known. Runs in the build's workers. With, for
    each item, its outcome: ("stored", None) as given, ("extracted", None), ("failed", why):
    stored without records because extraction failed, ("held", None): already in the
    archive, ("bad", why): a line that is not an article."""
    gc.collect(0)  # the young objects left by the batch before (freed by now: a short walk)
    outcomes: list[tuple[str, str | None]] = []
    pairs: list[tuple[Article, Record | None]] = []
    at: list[int] = []  # the outcome of each pair
    unchecked: set[int] = set()  # pairs read from lines here: the main process has not asked the archive
    for item in items:
        if isinstance(item, JsonLine):
            try:
                item = parse_line(item)
            except ValueError as e:
                outcomes.append(("bad", str(e)))
                continue
            unchecked.add(len(pairs))
        at.append(len(outcomes))
        outcomes.append(("stored", None))
        pairs.append((article_from_record(item), item) if isinstance(item, Record) else (item, None))
    todo = [i for i, (_a, r) in enumerate(pairs) if r is None] if extract else []
    ask = [i for i in todo if i in unchecked]
    if ask and archive is not None:
        held = {i for i, h in zip(ask, _held_by(archive, [pairs[i][0] for i in ask])) if h}
        for i in held:
            outcomes[at[i]] = ("held", None)
        todo = [i for i in todo if i not in held]
    for i in todo:
        out = _extract_article(pairs[i][0])
        if isinstance(out, str):
            outcomes[at[i]] = ("failed", out)
        else:
            outcomes[at[i]] = ("extracted", None)
            pairs[i] = (pairs[i][0], out)
    return prepare_batch([p for i, p in enumerate(pairs) if outcomes[at[i]][0] != "held"], base), outcomes


_READERS: dict[str, Archive] = {}  # a worker's read-only connection to the archive it builds


def _held_by(archive: str, articles: list[Article]) -> list[bool]:
    """Which of these articles the archive at `archive` holds (read by a worker)."""
    if archive not in _READERS:
        _READERS[archive] = Archive(archive, readonly=True)
    return _READERS[archive].contains_many(articles)


class _Preparer:
    """Builds batches in a pool of processes (warmed up first, with `warm`, when they will
    extract). `submit` starts a batch and returns a handle whose `get()` waits for it, so
    the main process writes one batch while the workers extract and build the next ones."""

    def __init__(self, workers: int, extract: bool, archive: str, *, warm: bool) -> None:
        import multiprocessing

        self.workers, self.extract, self.archive = workers, extract, archive
        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        self.pool = ctx.Pool(workers, initializer=_warm_bulk if warm else _bulk_gc)

    def submit(self, items: list[Article | Record | JsonLine]) -> Any:
        return self.pool.apply_async(prepare, (items, self.extract, None, self.archive))

    def close(self, abort: bool = False) -> None:
        if abort:
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


class _Extractor:
    """Runs extraction in-process (workers=1) or in a pool of warmed-up processes (re-extraction)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool = None
        if self.workers > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            self.pool = ctx.Pool(self.workers, initializer=_warm)

    def __call__(self, articles: list[Article]) -> list[dict[str, Any] | str]:
        data = [a.to_dict() for a in articles]
        if self.pool is None:
            return [_extract_one(d) for d in data]
        return self.pool.map(_extract_one, data, chunksize=max(1, len(data) // (self.workers * 8)))

    def close(self, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()


REMEMBER = 10_000  # articles whose keys a build remembers, to skip a repeat before it is stored


def new_article_batches(archive: Archive, paths: Iterable[str], batch_size: int, report: "BuildReport",
                        bar: Any, on_error: Callable[[str], None],
                        on_notice: Callable[[str], None] | None = None, errors: str = "strict",
                        lines: bool = False) -> Iterator[list[tuple[str, Any, Record | None]]]:
    """Batches of `(input name, article, record or None)` read from `paths`, leaving out the
    articles `archive` already holds and those repeating one of the last `REMEMBER` read
    (perhaps still being extracted: not stored yet), counted in `report.read` and
    `report.duplicates` and on the progress `bar`. Shared by the local and the Dask build.
    With `lines`, JSONL lines come unparsed, as `(name, JsonLine, None)`, neither checked
    nor counted here: the workers parse them, and the writer leaves out what is stored."""
    batch: list[tuple[str, Article, Record | None]] = []
    read: list[tuple[str, Article, Record | None]] = []
    recent: dict[str, None] = {}  # keys of the articles read last, oldest first

    def new_ones() -> list[tuple[str, Article, Record | None]]:
        """The articles just read that are neither stored nor read a moment ago."""
        fresh = []
        pairs = [article_keys(a.text, a.url) for _n, a, _r in read]
        for (name, article, record), pair, stored in zip(read, pairs, archive.holds(pairs)):
            keys = [k for k in pair if k]
            if stored or any(k in recent for k in keys):
                report.duplicates += 1
                if bar is not None:
                    bar.update(1)
            else:
                fresh.append((name, article, record))
            recent.update(dict.fromkeys(keys))
        while len(recent) > 2 * REMEMBER:
            del recent[next(iter(recent))]
        read.clear()
        return fresh

    for name, item in iter_inputs(paths, on_error, on_notice, errors, lines):
        if isinstance(item, JsonLine):
            batch.append((name, item, None))
            if len(batch) >= batch_size:
                yield batch
                batch = []
            continue
        report.read += 1
        if isinstance(item, Record):
            read.append((name, article_from_record(item), item))
        else:
            read.append((name, item, None))
        if len(read) >= batch_size:
            batch += new_ones()
            if len(batch) >= batch_size:
                yield batch
                batch = []
    batch += new_ones()
    if batch:
        yield batch


COMMIT_EVERY = 100000  # a build commits once its transaction holds this many articles (or is `Commits.seconds` old)
COMMIT_SECONDS = 120.0  # ... or this old, when it stores records (no extraction)
EXTRACT_COMMIT_SECONDS = 10.0  # ... when it extracts: a killed build loses little extraction work


class Commits:
    """One transaction for the writes of several consecutive batches, committed once it
    holds `every` articles or is `seconds` old: a commit writes each page its inserts
    touched once, and in a large archive the inserts of one batch touch a page each (at
    1.1 million articles, committing took 540 µs per article with 1,000 per commit, 120 µs
    with 5,000; at 1.4M with the writer's gigabyte of cache, `archive build --workers 2`
    ran 883 articles/s committing every 20,000 or 10 s, 1,236 every 100,000 or 120 s).
    A killed build loses the open transaction only; a rerun adds those articles. While it
    extracts (a few hundred articles/s), a commit every 10 s costs little and a kill loses
    10 s of extraction, not two minutes."""

    def __init__(self, archive: Archive, every: int, seconds: float = COMMIT_SECONDS) -> None:
        self.archive, self.every, self.seconds = archive, every, seconds
        self.open: Any = None
        self.count, self.since = 0, 0.0

    def begin(self) -> None:
        """Open a transaction unless one is open."""
        if self.open is None:
            self.open = self.archive.transaction()
            self.open.__enter__()
            self.count, self.since = 0, time.monotonic()

    def stored(self, n: int) -> None:
        """Count `n` articles written; commit when the transaction is full or old."""
        self.count += n
        if self.count >= self.every or time.monotonic() - self.since >= self.seconds:
            self.end()

    def end(self, error: BaseException | None = None) -> None:
        """Commit the open transaction, or roll it back when the build stops on `error`."""
        tx, self.open = self.open, None
        if tx is not None:
            if error is None:
                tx.__exit__(None, None, None)
            else:
                tx.__exit__(type(error), error, error.__traceback__)


def build(archive: Archive, paths: Iterable[str], *, workers: int = 1, extract: bool = True,
          batch_size: int = 200, progress: bool = False, link: bool = True,
          on_error: Callable[[str], None] | None = None,
          on_notice: Callable[[str], None] | None = None, errors: str = "strict",
          commit_every: int = COMMIT_EVERY) -> BuildReport:
    """Add the articles in `paths` to `archive` (see module doc); a rerun adds only new
    ones. Consecutive batches share a transaction, committed once it holds `commit_every`
    articles or is 2 minutes old (10 s while extracting); a killed build loses the open one
    only. Bad inputs are reported through `on_error` and in `report.errors`, and skipped."""
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
    gc_was_enabled = gc.isenabled()
    _bulk_gc()
    # the workers open the archive read-only by its location (a PostgreSQL archive by its URL).
    # Without extraction this process, the writer, is the slower side: it keeps a core to
    # itself and the other workers build the rows (at 1.3M articles on 2 cores, one worker
    # beside the writer: 1,066-1,239 articles/s; two: 940-1,006). Records need no
    # extraction: so it is when every input is a JSONL file of records (by its first line)
    paths = list(paths)
    extracting = extract and not all(Path(p).suffix.lower() in JSONL_SUFFIXES and holds_records(p) for p in paths)
    location = getattr(archive, "url", str(archive.path))
    preparer = (_Preparer(workers if extracting else workers - 1, extract, location, warm=extracting)
                if workers > 1 else None)
    # batches in flight: the workers build the newest while this process writes the oldest;
    # bounded, so memory stays flat (at most `ahead` + 1 batches held)
    ahead = 2 * preparer.workers if preparer is not None else 0
    pending: list[tuple[list[tuple[str, Article, Record | None]], Any]] = []
    commits = Commits(archive, max(batch_size, commit_every),
                      EXTRACT_COMMIT_SECONDS if extracting else COMMIT_SECONDS)
    bulk = contextlib.ExitStack()

    def store(batch: list[tuple[str, Any, Record | None]], handles: list[Any]) -> None:
        commits.begin()
        _store_prepared(archive, batch, handles, report, error, bar)
        commits.stored(len(batch))

    try:
        bulk.enter_context(archive.bulk_writes())  # after the workers are forked
        for batch in new_article_batches(archive, paths, batch_size, report, bar, error, notice, errors,
                                         lines=preparer is not None):
            items = [a if r is None else r for _n, a, r in batch]
            if preparer is None:
                pending.append((batch, [_Done(prepare(items, extract, archive.last_ids()))]))
            else:  # in parts, one per worker: a batch's extraction is spread over them all
                part = -(-len(items) // preparer.workers)
                pending.append((batch, [preparer.submit(items[i:i + part]) for i in range(0, len(items), part)]))
            while len(pending) > ahead:
                store(*pending.pop(0))
        while pending:
            store(*pending.pop(0))
        commits.end()
    except BaseException as e:
        commits.end(e)
        if preparer is not None:
            preparer.close(abort=True)
            preparer = None
        raise
    finally:
        bulk.close()
        if preparer is not None:
            preparer.close()
        if bar is not None:
            bar.close()
        gc.unfreeze()
        if gc_was_enabled:
            gc.enable()
    return finish_build(archive, report, link, started)


def finish_build(archive: Archive, report: BuildReport, link: bool, started: float) -> BuildReport:
    """The end of a build: link the new articles' syndicated copies (if `link`), time it."""
    if link and report.new_ids:
        report.links = archive.link_duplicates(report.new_ids)
    report.seconds = time.perf_counter() - started
    return report


class _Done:
    """A batch built in-process (the same `get()` as a pool's result)."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def get(self) -> Any:
        return self.result


def _store_prepared(archive: Archive, batch: list[tuple[str, Any, Record | None]], handles: list[Any],
                    report: BuildReport, error: Callable[[str], None], bar: Any) -> None:
    """Store a batch built by `prepare` in parts (in the workers, or here in one part) in
    one transaction; report what it met."""
    results = [h.get() for h in handles]
    del handles
    outcomes = [o for _p, part in results for o in part]
    for (name, item, _r), (outcome, why) in zip(batch, outcomes):
        if outcome == "bad":
            error(f"{name}: {why}")
            continue
        if isinstance(item, JsonLine):
            report.read += 1
        if outcome == "held":
            report.duplicates += 1
        elif outcome != "stored":
            report.extracted += 1
            if outcome == "failed":
                report.failed_extraction += 1
                error(f"{name}: extraction failed ({why}); stored without records")
    with archive.transaction():
        ids = [i for prepared, _o in results for i in archive.add_prepared(prepared)]
    del results
    _count_stored(ids, len(batch), report, bar)
    gc.collect(0)


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
    _count_stored(archive.add_many(pairs), len(batch), report, bar)


def _count_stored(ids: list[int | None], n: int, report: BuildReport, bar: Any) -> None:
    """Count a stored batch's new ids (None: already stored) in `report` and on the `bar`."""
    for aid in ids:
        if aid is None:
            report.duplicates += 1
        else:
            report.added += 1
            report.new_ids.append(aid)
    if bar is not None:
        bar.update(n)
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
