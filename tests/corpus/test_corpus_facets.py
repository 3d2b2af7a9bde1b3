"""The archive's whole-result readers: `Archive.select`/`query`, `search(order="date")`, and
the corpus modules built on them (facets, export, permalinks); read-only hardening."""
from __future__ import annotations


import pytest

from websupport import build_archive, handmade_records
from vnnews import Archive
from vnnews.corpus import permalinks
from vnnews.corpus.archive import ArchiveError
from vnnews.corpus.export import COLUMNS, export_rows
from vnnews.corpus.facets import by_month, facets, latest_instructions

SEARCHES = [("dong khoi", None, {}), ("tỉnh", None, {}), ("01-CT/TU", "document", {}), (None, "figure", {}),
            (None, None, {"province": "Bến Tre"}), ("tỉnh", None, {"since": "2022-01-01", "until": "2022-12-31"}),
            (None, None, {"issuer": "tỉnh ủy"}), (None, "instruction", {"speaker": "thử"}), ("khởi*", None, {})]


@pytest.fixture(scope="module")
def dev_archive(dev_dir):
    with Archive(build_archive(dev_dir), readonly=True) as a:
        yield a


@pytest.fixture
def small(tmp_path):
    db = tmp_path / "small.db"
    with Archive(db) as a:
        for r in handmade_records():
            a.add(r)
    with Archive(db, readonly=True) as a:
        yield a


@pytest.mark.parametrize("q,kind,filters", SEARCHES)
def test_facets_and_export_count_what_search_finds(dev_archive, q, kind, filters):
    res = dev_archive.search(q, kind, limit=1000, **filters)
    f = facets(dev_archive, q, kind, **filters)
    assert f.exact and f.total == res.total
    if kind is None:
        assert sum(f.kinds.values()) == res.total
    found = {(r.kind, r.id) for r in res}
    rows = list(export_rows(dev_archive, q, kind, **filters))
    assert {(r["kind"], r["id"]) for r in rows} == found
    assert sum(n for _, n in f.months) + f.undated == f.total
    assert sum(n for _, n in f.counts["year"]) == f.total - f.undated or len(f.counts["year"]) == 10


def test_facet_counts_are_what_their_filter_finds(dev_archive):
    f = facets(dev_archive, "dong khoi")
    for province, n in f.counts["province"]:
        assert dev_archive.search("dong khoi", province=province).total == n
    for speaker, n in f.counts["speaker"]:
        assert dev_archive.search("dong khoi", speaker=speaker).total >= n  # the filter is a substring match
    g = facets(dev_archive, None, "document")
    assert g.counts["issuer"] and g.kinds == {"document": g.total} | {k: v for k, v in g.kinds.items()
                                                                      if k != "document"}


def test_a_capped_facet_pass_says_so(dev_archive):
    f = facets(dev_archive, None, "figure", cap=10)
    assert not f.exact and f.total == 10
    assert facets(dev_archive, None, "figure").exact


def test_order_by_date(dev_archive):
    for q in ("tỉnh", "dong khoi", "khởi*", None):
        res = dev_archive.search(q, order="date", limit=1000)
        dates = [r.article.date for r in res]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated, q
        assert res.total == dev_archive.search(q, limit=1).total
        rows = [r["date"] for r in export_rows(dev_archive, q, order="date")]
        assert [d for d in rows if d] == sorted((d for d in rows if d), reverse=True)
    # a query past the ranking limit takes the other path: still newest first, same total
    old = Archive.RANK_LIMIT
    try:
        Archive.RANK_LIMIT = 5
        res = dev_archive.search("tỉnh", order="date", limit=50, offset=3)
        dated = [r.article.date for r in res if r.article.date]
        assert dated == sorted(dated, reverse=True) and len(res) == 50
    finally:
        Archive.RANK_LIMIT = old
    with pytest.raises(ValueError):
        dev_archive.search("x", order="newest")


def test_export_rows_have_every_column_and_a_permalink(small):
    rows = list(export_rows(small, "01-CT/TU"))
    assert {r["kind"] for r in rows} == {"document", "article", "instruction"}
    for r in rows:
        assert list(r) == list(COLUMNS)
        assert permalinks.find_article(small, r["article_key"]) == r["article_id"]
        if r["kind"] != "article":
            kind, row_id, article_id = permalinks.find_record(small, r["article_key"], r["ref"])
            assert row_id == r["id"] and article_id == r["article_id"]
    doc = next(r for r in rows if r["kind"] == "document")
    assert (doc["number"], doc["issuer"], doc["label"]) == ("01-CT/TU", "Ban Thường vụ Tỉnh ủy", "Chỉ thị 01-CT/TU")
    assert list(export_rows(small, "01-CT/TU", limit=1)) == rows[:1]
    assert list(export_rows(small, "!!!")) == []  # no words: nothing, as search


def test_permalinks_are_the_content_hash(small):
    keys = permalinks.article_keys(small, [1, 2, 99])
    assert set(keys) == {1, 2} and all(permalinks.KEY_RE.match(k) for k in keys.values())
    hashes = {r["id"]: r["content_hash"] for r in small.query("SELECT id, content_hash FROM articles")}
    assert keys == {i: h[:16] for i, h in hashes.items()}
    assert permalinks.find_article(small, keys[2]) == 2
    for bad in ("", "0" * 16, keys[2][:15], keys[2] + "0", keys[2].upper(), "g" * 16):
        assert permalinks.find_article(small, bad) is None
    refs = permalinks.record_refs(small, "figure", [1, 2, 3])
    assert refs[1] == (1, keys[1], "f0") and refs[3] == (2, keys[2], "f0")
    assert permalinks.find_record(small, keys[1], "f1") == ("figure", 2, 1)
    assert permalinks.find_record(small, keys[1], "f9") is None
    assert permalinks.find_record(small, keys[1], "f01") is None


def test_home_lists(small):
    latest = latest_instructions(small, 5)
    assert [i.speaker for i in latest] == ["Lê Văn Mẫu", "Nguyễn Văn Thử"]
    assert by_month(["2022-10-01", "2022-10-30", None, "2023-01-02"]) == [("2022-10", 2), ("2023-01", 1)]


def test_a_read_only_archive_refuses_writes_and_other_files(small, tmp_path):
    for sql in ("DELETE FROM articles", "CREATE TABLE t (x)", "PRAGMA query_only=OFF", "PRAGMA writable_schema=ON",
                f"ATTACH DATABASE '{tmp_path / 'x.db'}' AS x"):
        with pytest.raises(ArchiveError):
            list(small.query(sql))
    assert not (tmp_path / "x.db").exists()
    assert [r[0] for r in small.query("PRAGMA query_only")] == [1]
    assert list(small.query("SELECT COUNT(*) AS n FROM articles"))[0]["n"] == 2
    # a writable archive is not restricted
    with Archive(tmp_path / "w.db") as w:
        list(w.query("ATTACH DATABASE ':memory:' AS m"))
