"""Every bad input to the command line gets one line naming it: real `vnnews` subprocesses,
a real SQLite archive and a real server on 127.0.0.1 (issue 14)."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "vnnews" / "data" / "example.txt"


def vnnews(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m vnnews ARGS` from the repository root; stdout/stderr as text."""
    r = subprocess.run([sys.executable, "-m", "vnnews", *args], input=stdin, capture_output=True, cwd=REPO,
                       timeout=timeout)
    r.stdout, r.stderr = r.stdout.decode("utf-8"), r.stderr.decode("utf-8")
    return r


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    r = vnnews("archive", "build", str(EXAMPLE), "--db", str(db), "--quiet")
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize("option,value", [("--offset", str(10**21)), ("--offset", "-1"), ("--limit", str(10**21)),
                                          ("--limit", "-5")])
def test_search_out_of_range_counts_are_one_line(archive, option, value):
    """The archive bounds a page (offset 0 to 1,000,000; limit clamped to 1000): no OverflowError."""
    r = vnnews("search", "xã", "--db", str(archive), option, value)
    if option == "--offset":
        assert r.returncode == 1 and r.stdout == ""
        assert one_line(r.stderr) == f"vnnews search: offset must be between 0 and 1,000,000, not {value}"
    else:
        assert r.returncode == 0 and "Traceback" not in r.stderr
        assert re.search(r"^\d+ results? \(showing (1-\d+|none)\)$", r.stdout, re.M)


@pytest.mark.parametrize("command", [["search", "xã"], ["archive", "stats"], ["archive", "export", "-"],
                                     ["archive", "build", str(EXAMPLE)], ["serve"]])
def test_db_that_is_a_directory_is_named(tmp_path, command):
    r = vnnews(*command, "--db", str(tmp_path))
    assert r.returncode == 1
    assert one_line(r.stderr).endswith(f"{tmp_path}: is a directory, not an archive file")


def test_build_from_missing_inputs_leaves_no_database(tmp_path):
    db = tmp_path / "x.db"
    r = vnnews("archive", "build", str(tmp_path / "missing.jsonl"), "--db", str(db))
    assert r.returncode == 1 and one_line(r.stderr) == f"vnnews archive build: {tmp_path / 'missing.jsonl'}: no such file"
    assert list(tmp_path.iterdir()) == []
    # an input that exists but holds no article: the build fails, and still no empty archive
    (tmp_path / "notes.txt").write_bytes(b"")
    r = vnnews("archive", "build", str(tmp_path / "notes.txt"), "--db", str(db))
    assert r.returncode == 1 and "notes.txt: empty text" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    # with one good input the archive is built and the bad one named
    r = vnnews("archive", "build", str(tmp_path / "missing.jsonl"), str(EXAMPLE), "--db", str(db))
    assert r.returncode == 1 and "missing.jsonl: no such file" in r.stderr and db.exists()
    assert "1 added" in r.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    r = vnnews("archive", "build", str(EXAMPLE), "--db", str(tmp_path / "a.db"))
    assert r.returncode == 0
    assert "\r" not in r.stderr and "articles/s]" not in r.stderr
    assert one_line(r.stderr).startswith("read 1 articles: 1 added")


def test_progress_bar_on_a_terminal(tmp_path):
    """With stderr on a pseudo-terminal the bar is drawn (so the check above is not vacuous)."""
    import os
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "vnnews", "archive", "build", str(EXAMPLE),
                             "--db", str(tmp_path / "a.db")], cwd=REPO, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal is closed once the process exits
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(300) == 0
    assert b"\r" in out and b"articles" in out


def test_serve_on_a_busy_port_says_so_first(archive):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = vnnews("serve", "--db", str(archive), "--port", str(port), timeout=60)
    assert r.returncode == 1
    line = one_line(r.stderr)
    assert line.startswith(f"vnnews serve: cannot listen on 127.0.0.1:{port}: ") and "in use" in line


def test_serve_port_0_announces_the_port_and_api_ids_are_bounded(archive):
    proc = subprocess.Popen([sys.executable, "-m", "vnnews", "serve", "--db", str(archive), "--port", "0",
                             "--log-level", "warning"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        m = re.fullmatch(rf"vnnews serve: {re.escape(str(archive))} at http://127\.0\.0\.1:(\d+)/ \(Ctrl\+C stops\)\n",
                         first)
        assert m, first
        base = f"http://127.0.0.1:{m.group(1)}"
        deadline = time.monotonic() + 60  # start-up guard, not a timing assertion
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/stats", timeout=30) as resp:
                    assert json.load(resp)["articles"] == 1
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        for path in (f"/api/articles/{10**30}", f"/api/directives/{2**63}", "/api/officials/0"):
            with pytest.raises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(base + path, timeout=30)
            assert e.value.code == 404, path   # not a row id: no such page (never a 500)
    finally:
        proc.terminate()
        proc.wait(30)


def test_extract_takes_a_folder_as_archive_build_does(tmp_path, fixtures_html):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "example.txt")
    shutil.copy(fixtures_html / "vtcnews-article.html", folder / "sub" / "vtc.html")
    (folder / "settings.json").write_text('{"not": "an article"}')
    art = vnnews("parse", str(fixtures_html / "baocantho-article.html"))
    (folder / "corpus.jsonl").write_text(json.dumps(json.loads(art.stdout), ensure_ascii=False) + "\n")
    r = vnnews("extract", str(folder))
    assert r.returncode == 0, r.stderr
    inputs = [json.loads(line)["input"] for line in r.stdout.splitlines()]
    assert sorted(inputs) == sorted([f"{folder}/corpus.jsonl:1", f"{folder}/example.txt", f"{folder}/sub/vtc.html"])
    assert one_line(r.stderr) == f"vnnews extract: {folder}: 1 .json files in the folder are not articles"
    built = vnnews("archive", "build", str(folder), "--db", str(tmp_path / "a.db"))
    assert "read 3 articles: 3 added" in built.stderr


def test_undecodable_bytes_rejected_or_replaced(tmp_path):
    path = tmp_path / "bai.txt"
    text = EXAMPLE.read_bytes()
    cut = text.index("Phú Túc".encode(), text.index(b"\n---\n")) + 2  # in the body, not the header
    path.write_bytes(text[:cut] + b"\xff" + text[cut:])
    r = vnnews("extract", str(path), "--format", "json")
    assert r.returncode == 1 and r.stdout == ""
    assert one_line(r.stderr) == (f"vnnews extract: {path}: not UTF-8 text (undecodable byte at position {cut}; "
                                  "--errors replace keeps the rest)")
    r = vnnews("extract", str(path), "--format", "json", "--errors", "replace")
    assert r.returncode == 0
    assert one_line(r.stderr) == f"vnnews extract: {path}: 1 undecodable byte sequence replaced with U+FFFD"
    record = json.loads(r.stdout)
    assert "\ufffd" in record["text"] and record["officials"]
    db = tmp_path / "a.db"
    assert vnnews("archive", "build", str(path), "--db", str(db)).returncode == 1 and not db.exists()
    r = vnnews("archive", "build", str(path), "--db", str(db), "--errors", "replace")
    assert r.returncode == 0 and "1 added" in r.stderr and "replaced with U+FFFD" in r.stderr
