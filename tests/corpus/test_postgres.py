"""The PostgreSQL archive against the SQLite one, through the command line, on the dev
articles: the same search results (JSON), documents, officials, stats and export; the
schema translated from the same migration files; a read-only session the server
enforces; one-line errors. Runs on a throwaway cluster (tests/pgcluster.py)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vnnews.corpus import Archive, ArchiveError, migrate
from vnnews.corpus.postgres import to_postgres, translate

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "vnnews" / "data" / "example.txt"


def vnnews(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "vnnews", *args], cwd=REPO, capture_output=True, text=True,
                         timeout=600)
    if ok:
        assert out.returncode in (0, 1), out.stderr
    return out


@pytest.fixture(scope="module")
def both(pg_cluster, dev_dir, tmp_path_factory):
    """(SQLite file, PostgreSQL URL) built from the same inputs: the first locally, the
    second with `--dask` (a LocalCluster of 2 workers)."""
    pytest.importorskip("distributed", reason="needs dask.distributed (pip install 'vnnews[scale]')")
    lite = str(tmp_path_factory.mktemp("both") / "dev.db")
    url = pg_cluster.create_db("dev_compare")
    inputs = [str(dev_dir), str(EXAMPLE)]
    a = vnnews("archive", "build", *inputs, "--db", lite, "-q")
    b = vnnews("archive", "build", *inputs, "--db", url, "--dask", "--workers", "2", "-q")
    assert a.returncode == b.returncode
    return lite, url


QUERIES = [
    ["dong khoi"],
    ["Đồng Khởi", "--limit", "100"],
    ["01-CT/TU", "--kind", "document"],
    ["01 - CT/TU", "--kind", "document"],
    ["số 01-CT/TU", "--kind", "document"],
    ["NĐ-CP"],
    ["tập trung", "--kind", "instruction", "--speaker", "Phan Song Toàn"],
    ["nghi*"],
    ["dong kh*", "--kind", "article"],
    ["xã", "--province", "Bến Tre"],
    ["tỉnh", "--since", "2025-01-01", "--until", "2025-12-31", "--limit", "50"],
    ["chi", "--issuer", "tinh uy"],
    ["--kind", "document", "--limit", "100"],
    ["--speaker", "phan song toan"],
    ["tỉnh", "--limit", "5", "--offset", "5"],
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_search_json_is_the_same_on_both_backends(both, query):
    lite, url = both
    a = vnnews("search", *query, "--db", lite, "--format", "json")
    b = vnnews("search", *query, "--db", url, "--format", "json")
    assert a.returncode == b.returncode == 0, (a.stderr, b.stderr)
    assert json.loads(b.stdout) == json.loads(a.stdout)


def test_document_numbers_match_as_written_and_only_those(both):
    lite, url = both
    for db in (lite, url):
        found = {q: json.loads(vnnews("search", q, "--db", db, "--kind", "document", "--format", "json").stdout)
                 for q in ("01-CT/TU", "01 - CT/TU", "số 01-CT/TU", "10-CT/TU")}
        for q in ("01-CT/TU", "01 - CT/TU", "số 01-CT/TU"):
            assert [r["fields"]["number"] for r in found[q]] == ["01-CT/TU"], (db, q)
        assert found["10-CT/TU"] == [], db


@pytest.mark.parametrize("command", [["archive", "documents", "--format", "json"],
                                     ["archive", "officials", "--format", "json"],
                                     ["archive", "documents", "--number", "01-CT/TU", "--format", "json"]],
                         ids=lambda c: " ".join(c[1:]))
def test_entities_are_the_same_on_both_backends(both, command):
    lite, url = both
    a, b = vnnews(*command, "--db", lite), vnnews(*command, "--db", url)
    assert a.returncode == b.returncode == 0, (a.stderr, b.stderr)
    assert json.loads(b.stdout) == json.loads(a.stdout) != []


def test_stats_and_export_are_the_same(both, tmp_path):
    lite, url = both
    a = json.loads(vnnews("archive", "stats", "--db", lite, "--format", "json").stdout)
    b = json.loads(vnnews("archive", "stats", "--db", url, "--format", "json").stdout)
    for k in ("path", "size_bytes"):
        a.pop(k), b.pop(k)
    assert a == b and a["articles"] == 24
    for records in ([], ["--records"]):
        ea, eb = tmp_path / f"a{len(records)}.jsonl", tmp_path / f"b{len(records)}.jsonl"
        vnnews("archive", "export", str(ea), "--db", lite, *records)
        vnnews("archive", "export", str(eb), "--db", url, *records)
        lines = eb.read_text(encoding="utf-8").splitlines()
        assert lines == ea.read_text(encoding="utf-8").splitlines() and len(lines) == 24


def test_rebuild_adds_nothing(both, dev_dir):
    _lite, url = both
    out = vnnews("archive", "build", str(dev_dir), "--db", url)
    assert " 0 added, 23 already in the archive" in out.stderr


def test_readonly_session_is_enforced_by_the_server(both):
    from vnnews.web.views import ArchiveViews

    _lite, url = both
    assert ArchiveViews(url).archive.readonly
    with Archive(url, readonly=True) as ro:
        with pytest.raises(ArchiveError, match="read-only"):  # refused by the server, not by vnnews
            list(ro.query("DELETE FROM articles"))
        with pytest.raises(ArchiveError, match="read-only"):
            ro.add_pair(ro.article(1).article, None)
        assert ro.stats().articles == 24


@pytest.mark.parametrize("query, kind", [("tỉnh", None), ("dong khoi", "article"), (None, "document"),
                                         ("nghi*", None)])
def test_facets_and_export_rows_are_the_same(both, query, kind):
    from vnnews.corpus.export import export_rows
    from vnnews.corpus.facets import facets

    lite, url = both
    with Archive(lite, readonly=True) as a, Archive(url, readonly=True) as b:
        fa, fb = facets(a, query, kind), facets(b, query, kind)
        assert fb == fa and fa.total > 0
        assert list(export_rows(b, query, kind, order="date")) == list(export_rows(a, query, kind, order="date"))
        # in relevance order PostgreSQL exports newest first (no SQL bm25): the same rows
        key = lambda r: json.dumps(r, sort_keys=True, default=str)  # noqa: E731
        assert sorted(map(key, export_rows(b, query, kind))) == sorted(map(key, export_rows(a, query, kind)))


def test_schema_is_translated_from_the_same_migrations(pg_url):
    statements = [st for _n, _name, sql in migrate.migrations() for st in migrate.statements(sql)]
    translated = [pg for st in statements for pg in to_postgres(st)]
    code = [re.sub(r"--[^\n]*", "", s) for s in translated]  # without the comments
    assert not any("USING fts5" in s or "WITHOUT ROWID" in s or "BLOB" in s for s in code)
    assert any("USING gin (tsv_f)" in s for s in code) and any("gin_trgm_ops" in s for s in code)
    with Archive(pg_url) as ar:
        assert ar.schema_version == migrate.latest_version()
    with Archive(pg_url) as ar:  # reopening migrates nothing
        assert ar.schema_version == migrate.latest_version()


def test_translate_placeholders_and_dialect():
    assert translate("SELECT a FROM t WHERE x = ? AND y LIKE :y AND z = '?:w'") == \
        "SELECT a FROM t WHERE x = %s AND y LIKE %(y)s AND z = '?:w'"
    assert translate("INSERT INTO issuers(issuer_fkey, n) VALUES (?, ?) ON CONFLICT(issuer_fkey) DO UPDATE SET "
                     "n = n + excluded.n").endswith("DO UPDATE SET n = issuers.n + excluded.n")
    assert translate("INSERT OR IGNORE INTO l(a, b) VALUES (?, ?)") == \
        "INSERT INTO l(a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING"
    assert translate("SELECT COUNT(*) FROM (SELECT 1 FROM t LIMIT :n)").endswith(") AS sub1")


def test_errors_are_one_line(pg_cluster, pg_url):
    missing = pg_cluster.url("no_such_db")
    out = vnnews("search", "x", "--db", missing, ok=False)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [f"vnnews search: {missing}: no such database (create it with createdb)"]
    out = vnnews("search", "x", "--db", pg_url, ok=False)  # an empty database, opened read-only
    assert out.returncode == 1 and "empty database, not a vnnews archive" in out.stderr
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE other (x int)")
    with pytest.raises(ArchiveError, match="not a vnnews archive"):
        Archive(pg_url)
