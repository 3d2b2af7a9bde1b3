"""The append-only JSONL corpus and import/export between it and the archive."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from vnnews import Archive, Article, Record
from vnnews.corpus import JsonlStore, copy_articles, open_store
from vnnews.corpus.jsonl import read_items
from vnnews.inputs import read_input


@pytest.fixture(scope="module")
def dev_articles(dev_dir):
    return [read_input(str(p)) for p in sorted(dev_dir.glob("*.txt"))]


def test_append_and_read_back(tmp_path, dev_articles):
    store = JsonlStore(tmp_path / "c.jsonl")
    assert all(store.add(a) for a in dev_articles)
    again = JsonlStore(tmp_path / "c.jsonl")
    read = list(again)
    assert [a.text for a in read] == [a.text for a in dev_articles]
    assert [a.published for a in read] == [a.published for a in dev_articles]
    assert again.errors == []
    # duplicates by body and by canonical URL are skipped, also after reopening
    assert not again.add(Article(text=dev_articles[0].text, url="https://x.vn/new.html"))
    with_url = Article(text="Bài có địa chỉ.", url="https://www.baocantho.com.vn/a-a1.html")
    assert again.add(with_url)
    assert not JsonlStore(tmp_path / "c.jsonl").add(Article(text="Khác hẳn.", url="http://baocantho.com.vn/a-a1.html/"))
    assert len((tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()) == len(dev_articles) + 1


def test_corrupt_lines_reported_with_line_numbers(tmp_path, dev_articles):
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps(a.to_dict(), ensure_ascii=False) for a in dev_articles[:4]]
    lines.insert(1, '{"text": "cut off in the mid')
    lines.insert(3, "[1, 2, 3]")
    lines.insert(4, '{"title": "no text"}')
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "\xff\xfe"}\n')
    errors = []
    items = list(read_items(path, errors.append))
    assert [i for i, _ in items] == [1, 3, 6, 7]
    assert [e.lineno for e in errors] == [2, 4, 5, 8]
    assert "invalid JSON" in errors[0].reason and "not UTF-8" in errors[3].reason
    assert str(errors[1]).startswith(f"{path}:4: not an article")


def test_partial_last_line_is_isolated_on_append(tmp_path, dev_articles):
    path = tmp_path / "c.jsonl"
    store = JsonlStore(path)
    store.add(dev_articles[0])
    with open(path, "ab") as fh:  # a writer killed in the middle of a line
        fh.write(json.dumps(dev_articles[1].to_dict(), ensure_ascii=False).encode()[:100])
    assert JsonlStore(path).add(dev_articles[2])
    errors = []
    items = list(read_items(path, errors.append))
    assert [i.text for _, i in items] == [dev_articles[0].text, dev_articles[2].text]
    assert [e.lineno for e in errors] == [2]


def test_killed_writer_leaves_complete_lines_readable(tmp_path, dev_dir):
    path = tmp_path / "k.jsonl"
    script = textwrap.dedent(f"""
        import sys
        from vnnews.corpus import JsonlStore
        from vnnews.inputs import read_input
        base = read_input({str(dev_dir / '001.txt')!r})
        store = JsonlStore({str(path)!r})
        i = 0
        while True:
            base.text = base.text + " " + str(i)
            base.url = "https://x.vn/%d.html" % i
            store.add(base)
            i += 1
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        while not path.exists() or path.stat().st_size < 400_000:
            if proc.poll() is not None:
                pytest.fail("writer exited early")
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    errors = []
    items = list(read_items(path, errors.append))
    n_lines = path.read_bytes().count(b"\n")
    assert len(items) >= n_lines - 1 and len(items) > 10
    assert all(e.lineno == n_lines + 1 for e in errors)  # only an unterminated last line may be bad
    assert [i.url for _, i in items] == [f"https://x.vn/{k}.html" for k in range(len(items))]


def test_export_import_round_trip(tmp_path, dev_dir):
    from vnnews.corpus.synthetic import gold_record

    records = [gold_record(p) for p in sorted(dev_dir.glob("00*.txt"))]
    with Archive(tmp_path / "a.db") as ar:
        for r in records:
            ar.add(r)
        added, skipped = copy_articles(ar, open_store(tmp_path / "out.jsonl"))
        assert (added, skipped) == (len(records), 0)
        assert copy_articles(ar, open_store(tmp_path / "out.jsonl")) == (0, len(records))
        rec_added, _ = copy_articles(ar, open_store(tmp_path / "rec.jsonl"), records=True)
        assert rec_added == len(records)
    with Archive(tmp_path / "b.db") as back:
        assert copy_articles(open_store(tmp_path / "out.jsonl"), back) == (len(records), 0)
        assert [a.text for a in back.articles()] == [r.text for r in records]
        assert back.stats().extracted == 0
    items = [i for _, i in read_items(tmp_path / "rec.jsonl")]
    assert all(isinstance(i, Record) for i in items)
    assert [len(i.officials) for i in items] == [len(r.officials) for r in records]


def test_build_streams_its_input(tmp_path, dev_dir):
    """Peak Python memory while building does not grow with the corpus size."""
    import tracemalloc

    from vnnews.corpus.build import build
    from vnnews.corpus.synthetic import synthetic_records

    def corpus(n: int):
        path = tmp_path / f"c{n}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for r in synthetic_records(dev_dir, n, seed=n):
                fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        return path

    small, large = corpus(200), corpus(1600)
    with Archive(tmp_path / "warm.db") as ar:  # load once-per-process lexicons (issuer codes) before measuring
        build(ar, [str(small)], batch_size=50, link=False)
    peaks = []
    for path in (small, large):
        with Archive(tmp_path / f"{path.stem}.db") as ar:
            tracemalloc.start()
            report = build(ar, [str(path)], batch_size=50, link=False)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        assert report.added > 0 and not report.errors
    assert large.stat().st_size > 3.5 * small.stat().st_size
    assert peaks[1] < 1.5 * peaks[0], peaks
    assert peaks[1] < large.stat().st_size, peaks  # less than the corpus: it is never all in memory


def test_holds_records_reads_the_first_line(tmp_path, dev_articles, dev_dir):
    """A build sizes its workers by it: a JSONL of records (as `vnnews extract --format
    jsonl` writes) needs no extraction; articles, empty, broken or missing files do."""
    from vnnews.corpus.jsonl import holds_records
    from vnnews.corpus.synthetic import synthetic_records

    records = tmp_path / "records.jsonl"
    records.write_text("\n" + "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                                      for r in synthetic_records(dev_dir, 3, seed=1)), encoding="utf-8")
    articles = JsonlStore(tmp_path / "articles.jsonl")
    for a in dev_articles[:2]:
        articles.add(a)
    (tmp_path / "broken.jsonl").write_text('{"schema": "vnnews.record/1", "te\n', encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    assert holds_records(records)
    assert not holds_records(articles.path)
    assert not holds_records(tmp_path / "broken.jsonl")
    assert not holds_records(tmp_path / "empty.jsonl")
    assert not holds_records(tmp_path / "missing.jsonl")
    assert not holds_records(tmp_path)  # a folder
