"""Extraction on a Dask cluster: `vnnews.extract_many` and `vnnews archive build --dask`,
on a real `LocalCluster` (2 single-threaded worker processes)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vnnews
from vnnews.corpus import Archive
from vnnews.corpus.build import build

from conftest import kill_when_stored, sql_rows

distributed = pytest.importorskip("distributed", reason="needs dask.distributed (pip install 'vnnews[scale]')")

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "vnnews" / "data" / "example.txt"


@pytest.fixture(scope="module")
def client():
    from vnnews.corpus.distributed import connect

    c, cluster = connect(None, workers=2)
    yield c
    c.close()
    cluster.close()


def test_extract_many_bag_matches_extract(client):
    import dask.bag as db

    text = EXAMPLE.read_text(encoding="utf-8").split("---", 1)[1]
    texts = [text, "Bí thư Huyện ủy Phan Song Toàn đề nghị: Đảng bộ xã tập trung xây dựng nông thôn mới."]
    records = vnnews.extract_many(db.from_sequence(texts, npartitions=2)).compute()
    assert [r.to_dict() for r in records] == [vnnews.extract(t).to_dict() for t in texts]
    assert [o.name for o in records[1].officials] == ["Phan Song Toàn"]


def test_extract_many_dataframe(client):
    pd = pytest.importorskip("pandas")
    import dask.dataframe as dd

    frame = pd.DataFrame({"body": ["Phó Chủ tịch UBND tỉnh Nguyễn Văn A yêu cầu các sở khẩn trương triển khai.",
                                   "Chỉ thị số 01-CT/TU của Ban Thường vụ Tỉnh ủy được quán triệt."],
                          "title": ["Một", None]})
    records = vnnews.extract_many(dd.from_pandas(frame, npartitions=2), column="body").compute()
    assert len(records) == 2
    assert records[0].article["title"] == "Một" and records[1].article.get("title") is None
    assert [d.number for d in records[1].documents] == ["01-CT/TU"]
    with pytest.raises(ValueError, match="no 'text' column"):
        vnnews.extract_many(dd.from_pandas(frame, npartitions=1))


def _snapshot(db: Path) -> list[tuple]:
    """Every article with its records, by content (ids aside)."""
    with Archive(db, readonly=True) as a:
        out = []
        ids = [r[0] for r in a._rows("SELECT id FROM articles ORDER BY content_hash")]
        for aid in ids:
            s = a.article(aid)
            out.append((s.article.url, s.record.text, json.dumps(s.record.to_dict(), sort_keys=True)))
        return out


def test_build_with_dask_equals_local_build(client, dev_dir, tmp_path):
    from vnnews.corpus.distributed import build as dask_build

    local, remote = tmp_path / "local.db", tmp_path / "dask.db"
    with Archive(local) as a:
        r1 = build(a, [str(dev_dir), str(EXAMPLE)])
    with Archive(remote) as a:
        r2 = dask_build(a, [str(dev_dir), str(EXAMPLE)], client=client, batch_size=5)
    assert (r2.read, r2.added, r2.extracted, r2.errors) == (r1.read, r1.added, r1.extracted, r1.errors)
    assert r2.added >= 20
    assert _snapshot(remote) == _snapshot(local)
    with Archive(remote) as a:  # a rerun adds nothing
        r3 = dask_build(a, [str(dev_dir)], client=client)
    assert (r3.added, r3.duplicates) == (0, r3.read)


def _articles_jsonl(dev_dir: Path, path: Path, n: int) -> None:
    from vnnews.corpus.synthetic import synthetic_records

    with open(path, "w", encoding="utf-8") as fh:
        for rec in synthetic_records(dev_dir, n, seed=7, syndicated=0.0):
            fh.write(json.dumps({**rec.article, "text": rec.text}, ensure_ascii=False) + "\n")


def test_killed_dask_build_resumes_without_loss_or_duplicates(dev_dir, tmp_path, new_archive):
    """Kill the client (and its local cluster) after its first batches; rerun: every
    article stored once, each with its records (SQLite and PostgreSQL)."""
    corpus, db = tmp_path / "corpus.jsonl", new_archive
    n = 150
    _articles_jsonl(dev_dir, corpus, n)
    cmd = [sys.executable, "-m", "vnnews", "archive", "build", str(corpus), "--db", str(db), "--dask",
           "--workers", "2", "--batch-size", "5", "--quiet", "--no-link"]
    first = kill_when_stored(cmd, db, 20, REPO)
    assert 0 < first < n, f"the build was not caught mid-way ({first} of {n} stored)"
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    total, hashes, extracted = sql_rows(db, "SELECT COUNT(*), COUNT(DISTINCT content_hash), SUM(extracted) "
                                            "FROM articles")[0]
    with_records = sql_rows(db, "SELECT COUNT(DISTINCT article_id) FROM officials")[0][0]
    assert (total, hashes, extracted) == (n, n, n)
    assert with_records > n // 2


def test_unreachable_scheduler_is_one_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "vnnews", "archive", "build", str(EXAMPLE), "--db",
                          str(tmp_path / "a.db"), "--dask", "tcp://127.0.0.1:9", "--quiet"],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1].startswith(
        "vnnews archive build: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
