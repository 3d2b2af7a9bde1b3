"""Batches prepared apart from the archive (as build workers prepare them) store exactly
what `add_many` stores: real SQLite archives compared table by table."""
from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnnews.corpus.archive import Archive, article_from_record
from vnnews.corpus.archive.batch import prepare_batch
from vnnews.corpus.build import build
from vnnews.corpus.synthetic import realistic_records

from conftest import kill_when_stored

TABLES = {
    "articles": "id, url, canonical_url, content_hash, title, published_date, text, province, cluster_id",
    "officials": "*", "locations": "*", "figures": "*", "directives": "*", "search_items": "*",
    "documents": "*", "persons": "*", "issuers": "*", "speakers": "*", "search_terms": "*",
}


def dump(archive: Archive) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in archive.query(f"SELECT {cols} FROM {t} ORDER BY 1, 2")]
            for t, cols in TABLES.items()}


@pytest.fixture(scope="module")
def pairs():
    records = list(realistic_records(160, seed=5))
    return [(article_from_record(r), r) for r in records]


def test_a_batch_prepared_before_the_ids_were_known_stores_what_add_many_stores(tmp_path, pairs):
    with Archive(tmp_path / "a.db") as a, Archive(tmp_path / "b.db") as b:
        a.add_many(pairs[:60])
        b.add_many(pairs[:60])
        ids_a = a.add_many(pairs[60:] + pairs[70:72])  # two repeated within the batch
        prepared = pickle.loads(pickle.dumps(prepare_batch(pairs[60:] + pairs[70:72])))  # numbered from 0
        assert prepared.ids[0] == 1
        ids_b = b.add_prepared(prepared)
        assert ids_a == ids_b and ids_b[0] == 61 and ids_b[-2:] == [None, None]
        assert dump(a) == dump(b)
        for q, kind in (("nghi quyet", None), ("chu tich", "official"), ("ubnd", "document")):
            assert [h.id for h in a.search(q, kind=kind)] == [h.id for h in b.search(q, kind=kind)]


def test_articles_stored_after_the_batch_was_prepared_are_left_out_and_counted_once(tmp_path, pairs):
    # the one stored meanwhile cites a document and names a person that others of the batch cite too
    shared = prepare_batch(pairs[60:])
    cited = {i for e in shared.docs.values() if len(e[1]) > 1 for i in e[1]}
    named = {i for e in shared.persons.values() if len(e[2]) > 1 for i in e[2]}
    k = min(cited & named) - 1
    late = pairs[60 + k]
    with Archive(tmp_path / "a.db") as a, Archive(tmp_path / "b.db") as b:
        a.add_many(pairs[:60])
        a.add_many([late])
        ids_a = a.add_many(pairs[60:60 + k] + pairs[61 + k:])
        ids_a.insert(k, None)
        b.add_many(pairs[:60])
        prepared = prepare_batch(pairs[60:])
        b.add_many([late])  # another writer stores one of the batch's articles meanwhile
        ids_b = b.add_prepared(prepared)
        assert ids_a == ids_b and ids_b[k] is None and sum(i is None for i in ids_b) == 1
        assert dump(a) == dump(b)


def test_a_batch_whose_articles_are_all_stored_writes_nothing(tmp_path, pairs):
    with Archive(tmp_path / "a.db") as a:
        a.add_many(pairs[:20])
        before = dump(a)
        assert a.add_prepared(prepare_batch(pairs[:20])) == [None] * 20
        assert dump(a) == before


def _jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_build_with_workers_stores_what_one_process_stores(tmp_path):
    records = list(realistic_records(90, seed=7))
    # the same article again, in a later batch that is built while the first is written
    inputs = [_jsonl(tmp_path / "a.jsonl", records[:50]), _jsonl(tmp_path / "b.jsonl", records[45:] + records[:2])]
    reports = {}
    for workers in (1, 2):
        with Archive(tmp_path / f"w{workers}.db") as archive:
            reports[workers] = build(archive, inputs, workers=workers, extract=False, batch_size=20, link=False)
    one, two = reports[1], reports[2]
    assert (one.read, one.added, one.duplicates) == (two.read, two.added, two.duplicates) == (97, 90, 7)
    assert one.new_ids == two.new_ids == list(range(1, 91))
    with Archive(tmp_path / "w1.db") as a, Archive(tmp_path / "w2.db") as b:
        assert dump(a) == dump(b)


def test_workers_extract_and_report_as_one_process_does(tmp_path, dev_dir):
    texts = [str(dev_dir / name) for name in ("001.txt", "002.txt", "003.txt")]
    seen = []
    for workers in (1, 2):
        with Archive(tmp_path / f"x{workers}.db") as archive:
            report = build(archive, texts + texts[:1], workers=workers, batch_size=2, link=False)
            seen.append((report.added, report.extracted, report.duplicates, report.errors))
    assert seen[0] == seen[1] and seen[0][0] == 3 and seen[0][2] == 1 and seen[0][3] == []
    with Archive(tmp_path / "x1.db") as a, Archive(tmp_path / "x2.db") as b:
        assert dump(a) == dump(b) and a.stats().officials > 0


def test_workers_parse_the_lines_and_report_bad_ones_as_one_process_does(tmp_path):
    records = list(realistic_records(30, seed=9))
    lines = [json.dumps(r.to_dict(), ensure_ascii=False) for r in records]
    lines[4] = lines[4][: len(lines[4]) // 2]
    lines[9] = '{"text": "   "}'
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n" + lines[12][:40], encoding="utf-8")  # the last line cut short
    seen = {}
    for workers in (1, 2):
        errors: list[str] = []
        with Archive(tmp_path / f"l{workers}.db") as archive:
            report = build(archive, [str(path)], workers=workers, extract=False, batch_size=7, link=False,
                           on_error=errors.append)
        seen[workers] = (report.read, report.added, report.duplicates, sorted(errors))
    assert seen[1] == seen[2]
    assert seen[2][:3] == (28, 28, 0)
    empty, cut, broken = seen[2][3]
    assert empty == f"{path}:10: not an article: empty 'text'"
    assert cut == f"{path}:31: truncated line (a writer was interrupted?)"
    assert broken.startswith(f"{path}:5: invalid JSON (")
    with Archive(tmp_path / "l1.db") as a, Archive(tmp_path / "l2.db") as b:
        assert dump(a) == dump(b)


def test_workers_do_not_extract_articles_the_archive_holds(tmp_path, dev_dir, new_archive):
    """The workers ask the archive (read-only, by its location: a file or a PostgreSQL URL)
    before extracting; what it holds is counted as already there."""
    from vnnews.corpus.jsonl import JsonlStore
    from vnnews.inputs import read_input

    corpus = JsonlStore(tmp_path / "corpus.jsonl")
    articles = [read_input(str(dev_dir / f"00{i}.txt")) for i in range(1, 5)]
    for article in articles:
        corpus.add(article)
    with Archive(new_archive) as archive:
        first = build(archive, [str(dev_dir / "001.txt"), str(dev_dir / "003.txt")], link=False)
        assert first.added == 2
        again = build(archive, [str(corpus.path)], workers=2, batch_size=2, link=False)
        assert (again.read, again.added, again.duplicates, again.extracted) == (4, 2, 2, 2)
        assert archive.stats().articles == 4


def test_a_killed_build_with_workers_resumes_to_the_archive_an_unbroken_build_makes(tmp_path):
    """Kill `archive build --workers 2` between commits; rerun: the archive equals the one
    a build that was never killed makes, table by table."""
    n = 3000
    corpus = _jsonl(tmp_path / "records.jsonl", realistic_records(n, seed=13))
    db = tmp_path / "killed.db"
    code = ("import sys; from vnnews.corpus.archive import Archive; from vnnews.corpus.build import build\n"
            "with Archive(sys.argv[2]) as a:\n"
            "    build(a, [sys.argv[1]], workers=2, extract=False, batch_size=100, commit_every=300, link=False)\n")
    cmd = [sys.executable, "-c", code, corpus, str(db)]
    repo = Path(__file__).resolve().parents[2]
    first = kill_when_stored(cmd, db, 600, repo)
    assert 0 < first < n and first % 300 == 0, f"the build was not caught between commits ({first} of {n})"
    done = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Archive(tmp_path / "clean.db") as clean:
        build(clean, [corpus], workers=1, extract=False, link=False)
    with Archive(db) as killed, Archive(tmp_path / "clean.db") as clean:
        assert killed.stats().articles == n
        assert dump(killed) == dump(clean)


def test_a_bulk_writers_wal_is_truncated_past_its_bound(tmp_path, pairs, monkeypatch):
    """A build's writer begins each transaction right after the last one, so the WAL would
    never start again from its beginning; past `BULK_WAL_BYTES` a transaction begins by
    copying it into the file and truncating it (and not below it)."""
    from vnnews.corpus.archive import connection

    def wal_at_begin(db: Path) -> int:
        with Archive(db) as archive, archive.bulk_writes():
            archive.add_many(pairs[:80])
            with archive.transaction():
                size = Path(f"{db}-wal").stat().st_size
                archive.add_many(pairs[80:])
            assert archive.stats().articles == 160
        return size

    assert wal_at_begin(tmp_path / "below.db") > 0
    monkeypatch.setattr(connection, "BULK_WAL_BYTES", 1)
    assert wal_at_begin(tmp_path / "past.db") == 0

    # a reader in the middle of a read keeps its pages: the writer waits for it (up to the
    # busy timeout), then goes on with the WAL as it is
    db = tmp_path / "read.db"
    with Archive(db) as archive:
        archive.add_many(pairs[:40])
    reader = sqlite3.connect(db, isolation_level=None)
    with Archive(db, timeout=0.2) as archive, archive.bulk_writes():
        archive.add_many(pairs[40:80])
        reader.execute("BEGIN")
        assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (80,)
        archive.add_many(pairs[80:])
        assert Path(f"{db}-wal").stat().st_size > 0
        reader.execute("COMMIT")
        assert archive.stats().articles == 160
    reader.close()


def test_during_bulk_writes_a_background_thread_checkpoints_the_wal(tmp_path, pairs):
    """... the writer's page cache may grow to a gigabyte (the indexes of random keys at a
    million articles), back to 64 MB afterwards; and foreign keys are checked again after,
    not on each insert (the writer numbers the rows it links itself): the rows it wrote
    pass the check."""
    db = tmp_path / "bulk.db"
    with Archive(db) as archive:
        with archive.bulk_writes():
            assert next(iter(archive.query("PRAGMA wal_autocheckpoint")))[0] == 0  # the writer does not
            assert next(iter(archive.query("PRAGMA cache_size")))[0] == -1048576
            assert next(iter(archive.query("PRAGMA foreign_keys")))[0] == 0
            before = db.stat().st_size
            for i in range(0, 160, 40):
                archive.add_many(pairs[i:i + 40])
            deadline = time.monotonic() + 10
            while db.stat().st_size <= before and time.monotonic() < deadline:
                time.sleep(0.1)
            assert db.stat().st_size > before  # pages copied into the file by the thread
        assert next(iter(archive.query("PRAGMA wal_autocheckpoint")))[0] == 10000
        assert next(iter(archive.query("PRAGMA cache_size")))[0] == -65536
        assert next(iter(archive.query("PRAGMA foreign_keys")))[0] == 1
        assert archive.stats().articles == 160
        assert list(archive.query("PRAGMA foreign_key_check")) == []
        assert archive.stats().officials and archive.stats().instructions


def test_a_build_commits_every_ten_seconds_while_it_extracts(tmp_path, dev_dir, monkeypatch):
    """Records are stored in transactions of up to 2 minutes (fewer page writes at scale);
    articles being extracted, every 10 s, so a killed build loses little extraction work.
    A commit made after `seconds` is seen by another reader while the build goes on."""
    import vnnews.corpus.build as build_module

    class Recorded(build_module.Commits):
        bounds: list[float] = []

        def __init__(self, archive, every, seconds=build_module.COMMIT_SECONDS):
            super().__init__(archive, every, seconds)
            Recorded.bounds.append(seconds)

    monkeypatch.setattr(build_module, "Commits", Recorded)
    records = _jsonl(tmp_path / "records.jsonl", realistic_records(30, seed=3))
    with Archive(tmp_path / "a.db") as archive:
        build(archive, [records], link=False)
        build(archive, [str(dev_dir / "001.txt")], link=False)
        build(archive, [str(dev_dir / "002.txt")], extract=False, link=False)
    assert Recorded.bounds == [120.0, 10.0, 120.0]

    db = tmp_path / "b.db"
    seen = []
    with Archive(db) as archive:
        commits = build_module.Commits(archive, 1000, seconds=0.0)
        reader = sqlite3.connect(db)
        for i in range(0, 30, 10):
            commits.begin()
            archive.add_many([(article_from_record(r), r) for r in realistic_records(30, seed=4)][i:i + 10])
            commits.stored(10)
            seen.append(reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        commits.end()
        reader.close()
    assert seen == [10, 20, 30]
