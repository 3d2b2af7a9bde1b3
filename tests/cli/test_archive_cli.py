"""`vnnews archive build|stats|export` and `vnnews search` on real dev articles."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from vnnews.cli import main
from vnnews.corpus.synthetic import gold_record


@pytest.fixture(scope="module")
def records_jsonl(tmp_path_factory, dev_dir):
    path = tmp_path_factory.mktemp("cli") / "records.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for p in sorted(dev_dir.glob("*.txt")):
            fh.write(json.dumps(gold_record(p).to_dict(), ensure_ascii=False) + "\n")
    return path


@pytest.fixture()
def db(tmp_path, records_jsonl, capsys):
    path = tmp_path / "a.db"
    assert main(["archive", "build", str(records_jsonl), "--db", str(path), "-q"]) == 0
    capsys.readouterr()
    return path


def test_build_is_incremental(tmp_path, records_jsonl, dev_dir, capsys):
    path = tmp_path / "a.db"
    assert main(["archive", "build", str(records_jsonl), "--db", str(path)]) == 0
    assert "23 added, 0 already in the archive" in capsys.readouterr().err
    assert main(["archive", "build", str(records_jsonl), str(dev_dir / "001.txt"), "--db", str(path)]) == 0
    assert "0 added, 24 already in the archive" in capsys.readouterr().err
    assert main(["archive", "stats", "--db", str(path), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == stats["extracted"] == 23
    assert stats["documents"] > 0 and stats["instructions"] > 0


def test_build_extracts_text_files_with_workers(tmp_path, dev_dir, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("001.txt", "002.txt", "003.txt"):
        shutil.copy(dev_dir / name, folder / name)
    (folder / "notes.json").write_text('{"not": "an article"}', encoding="utf-8")
    path = tmp_path / "x.db"
    assert main(["archive", "build", str(folder), "--db", str(path), "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "3 added" in err and "3 extracted" in err and "1 .json files in the folder are not articles" in err
    assert main(["archive", "stats", "--db", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["extracted"] == 3


def test_corrupt_lines_skipped_rest_imported(tmp_path, records_jsonl, capsys):
    lines = records_jsonl.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][: len(lines[2]) // 2]
    lines[5] = "not json at all"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "b.db"
    assert main(["archive", "build", str(bad), "--db", str(path), "--no-link"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: invalid JSON" in err and f"{bad}:6: invalid JSON" in err
    assert "21 added" in err


def test_search_formats(db, capsys):
    assert main(["search", "01-CT/TU", "--db", str(db), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert isinstance(results, list) and results
    doc = next(r for r in results if r["kind"] == "document")
    assert doc["fields"]["number"] == "01-CT/TU" and "number" in doc["matched"]
    assert {"title", "date", "source", "url"} <= set(doc["article"])
    assert doc["article"]["source"] == "Báo Đồng Khởi"

    assert main(["search", "phan", "song", "toan", "--db", str(db), "--format", "csv", "--kind", "official"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["summary"].split(",")[0] for r in rows] == ["Phan Song Toàn"]
    assert rows[0]["article_title"] == "Hướng đến xây dựng đơn vị điển hình"

    assert main(["search", "dong", "khoi", "--db", str(db), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "(showing 1-2)" in out and "[" in out


def test_search_filters_from_cli(db, capsys):
    assert main(["search", "--db", str(db), "--kind", "instruction", "--speaker", "phan song toan",
                 "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res and all(r["kind"] == "instruction" and r["fields"]["speaker"] == "Phan Song Toàn" for r in res)
    assert main(["search", "tỉnh", "--db", str(db), "--since", "2025-01-01", "--until", "2025-06-30",
                 "--format", "json", "--limit", "100"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res and all("2025-01-01" <= r["article"]["date"] <= "2025-06-30" for r in res)
    assert main(["search", "x", "--db", str(db), "--since", "yesterday"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_search_says_which_prefixes_it_read_as_words(db, capsys):
    assert main(["search", "ph*", "so*", "toa*", "n*", "--db", str(db), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == "vnnews search: `n*` is searched as the word `n` (a prefix needs 2 letters)"
    assert main(["search", "ph*", "so*", "toa*", "n", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(captured.out)   # the same query as the word n
    assert main(["search", "ph*", "so*", "toa*", "tr*", "--db", str(db), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "`tr*` is searched as the word `tr` (at most 3 prefixes in a query)" in captured.err
    assert main(["search", "ph*", "so*", "toa*", "--db", str(db), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and json.loads(captured.out)


def test_errors_are_one_line(tmp_path, capsys):
    assert main(["search", "x", "--db", str(tmp_path / "missing.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"vnnews search: {tmp_path / 'missing.db'}: no such archive"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 200)
    assert main(["archive", "stats", "--db", str(junk)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_export(db, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["archive", "export", str(out), "--db", str(db)]) == 0
    assert "exported 23" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 23


def test_console_entry_point(db):
    proc = subprocess.run([sys.executable, "-m", "vnnews", "search", "NĐ-CP", "--db", str(db), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)


def test_no_extract_then_reextract(tmp_path, dev_dir, capsys):
    import vnnews
    from vnnews import Archive
    from vnnews.inputs import read_input

    path = tmp_path / "r.db"
    files = [str(dev_dir / "001.txt"), str(dev_dir / "004.txt")]
    assert main(["archive", "build", *files, "--db", str(path), "--no-extract", "-q"]) == 0
    with Archive(path, readonly=True) as ar:
        assert ar.stats().extracted == 0 and ar.stats().officials == 0
    assert main(["archive", "reextract", "--db", str(path), "-q"]) == 0
    with Archive(path, readonly=True) as ar:
        assert ar.stats().extracted == 2
        for aid, name in enumerate(files, 1):
            expected = vnnews.extract(read_input(name))
            stored = ar.article(aid).record
            assert [o.to_dict() for o in stored.officials] == [o.to_dict() for o in expected.officials]
            assert [d.to_dict() for d in stored.directives] == [d.to_dict() for d in expected.directives]


def test_build_takes_extract_json_output(tmp_path, dev_dir, capsys):
    from vnnews import Archive

    rec = gold_record(dev_dir / "004.txt")
    out = tmp_path / "004.json"
    out.write_text(json.dumps(rec.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    path = tmp_path / "j.db"
    assert main(["archive", "build", str(out), "--db", str(path), "-q"]) == 0
    with Archive(path, readonly=True) as ar:
        stored = ar.article(1).record
    assert [o.to_dict() for o in stored.officials] == [o.to_dict() for o in rec.officials]
    assert stored.article["title"] == rec.article["title"]


def test_optimize_from_cli(tmp_path, records_jsonl, capsys):
    path = tmp_path / "o.db"
    assert main(["archive", "build", str(records_jsonl), "--db", str(path), "--no-link"]) == 0
    assert main(["search", "01-CT/TU", "--db", str(path), "--format", "json"]) == 0
    before = capsys.readouterr().out
    assert main(["archive", "optimize", "--db", str(path)]) == 0
    assert capsys.readouterr().err.startswith(f"optimized {path} in ")
    assert main(["search", "01-CT/TU", "--db", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().out == before
    assert main(["archive", "optimize", "--db", str(tmp_path / "missing.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.db" in err[0]
