"""The archive: storing records with offsets, reading them back, profiles, citations,
statistics, transactions and clear errors (real SQLite and real PostgreSQL, real dev
articles; the tests taking `archive` or `new_archive` run on both backends)."""
from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime, timedelta

import pytest

from vnnews import Archive, Article, Record
from vnnews.corpus import ArchiveError
from vnnews.corpus import migrate
from vnnews.corpus.synthetic import gold_record

from conftest import BACKENDS, archive_location, sql_rows


@pytest.fixture(scope="module")
def gold_records(dev_dir):
    return [gold_record(p) for p in sorted(dev_dir.glob("*.txt"))]


@pytest.fixture(params=BACKENDS)
def archive(request, gold_records):
    with Archive(archive_location(request.param, request, request.node.name)) as ar:
        for rec in gold_records:
            assert ar.add(rec) is not None
        yield ar


def test_records_round_trip_with_offsets(archive, gold_records):
    assert archive.stats().articles == len(gold_records)
    for aid, rec in enumerate(gold_records, 1):
        stored = archive.article(aid)
        assert stored.record.text == rec.text
        assert [o.name for o in stored.record.officials] == [o.name for o in rec.officials]
        assert [d.to_dict() for d in stored.record.directives] == [d.to_dict() for d in rec.directives]
        for o in stored.record.officials:
            assert o.mentions and all(stored.record.text[s:e] == o.name for s, e in o.mentions)
        for f in stored.record.figures:
            assert stored.record.text[f.span[0]:f.span[1]] == f.text
        assert len(stored.ids["directives"]) == len(stored.record.directives)
        assert stored.ref.title == rec.article["title"]


def test_duplicates_by_url_and_by_body_are_skipped(new_archive, gold_records):
    rec = gold_records[0]
    with Archive(new_archive) as ar:
        first = Article(text=rec.text, title="x", url="https://www.baodongkhoi.vn/a-a1.html?utm_source=fb")
        assert ar.add(first, extract=False) == 1
        same_url = Article(text=gold_records[1].text, url="http://baodongkhoi.vn/a-a1.html#top")
        assert ar.add(same_url, extract=False) is None
        same_body = Article(text="  " + rec.text.upper() + "\n", url="https://other.vn/b.html")
        assert ar.add(same_body, extract=False) is None
        assert ar.add(gold_records[2]) == 2
        assert ar.stats().articles == 2


def test_directive_lookup_and_iteration(archive, gold_records):
    expected = sum(len(r.directives) for r in gold_records)
    directives = list(archive)
    assert len(directives) == expected == archive.stats().documents + archive.stats().instructions
    doc = next(d for d in directives if d.kind == "document" and d.directive.number == "01-CT/TU")
    again = archive.directive(doc.id)
    assert again.directive.number == "01-CT/TU"
    assert again.article.title == gold_records[0].article["title"]
    s, e = again.context.marks[0]
    assert again.context.text[s:e] == again.directive.name
    instructions = list(archive.directives("instruction"))
    assert instructions and all(d.kind == "instruction" for d in instructions)
    for d in instructions:
        s, e = d.context.marks[0]
        assert d.context.text[s:e].startswith(d.directive.text[:20])
    assert archive.directive(10**9) is None


def test_citing_matches_numbers_as_written(archive):
    for query in ("178/2024/NĐ-CP", "178/2024/ND-CP", "178 / 2024 / NĐ – CP"):
        cites = archive.citing(query)
        assert [c.number for c in cites] == ["178/2024/NĐ-CP"], query
    assert archive.citing("999/XYZ") == []


def test_official_profile_collects_titles_over_time(new_archive, gold_records):
    rec = gold_records[0]
    official = rec.officials[0]
    later = dataclasses.replace(rec, text=rec.text + "\n\nThêm một đoạn.", article=dict(rec.article))
    later.article["published"] = (datetime.fromisoformat(rec.article["published"]) + timedelta(days=400)).isoformat()
    later.officials = [dataclasses.replace(o, title="Bí thư Tỉnh ủy") if o.name == official.name else o
                       for o in rec.officials]
    with Archive(new_archive) as ar:
        ar.add(later)
        ar.add(rec)
        oid = ar.article(2).ids["officials"][0]
        profile = ar.official(oid)
    assert profile.name == official.name
    assert [a.article.id for a in profile.appearances] == [2, 1]  # oldest first
    assert [t.title for t in profile.titles] == [official.title, "Bí thư Tỉnh ủy"]
    assert profile.titles[0].last_seen < profile.titles[1].first_seen


def test_set_record_replaces_records_and_index(archive, gold_records):
    rec = gold_records[0]
    assert archive.search("Phan Song Toàn", kind="official").total == 1
    replacement = Record(text=rec.text, article=rec.article, officials=[])
    archive.set_record(1, replacement)
    assert archive.search("Phan Song Toàn", kind="official").total == 0
    assert archive.article(1).record.officials == []
    with pytest.raises(ValueError):
        archive.set_record(1, Record(text="another text", article={}))


def test_failed_transaction_writes_nothing(archive, gold_records):
    before = archive.stats()
    extra = dataclasses.replace(gold_records[0], text=gold_records[0].text + " (bản mới)")
    with pytest.raises(RuntimeError):
        with archive.transaction():
            assert archive.add(extra) is not None
            raise RuntimeError("stop")
    # (PostgreSQL keeps the rolled-back rows' space until VACUUM: compare everything but the size)
    assert dataclasses.replace(archive.stats(), size_bytes=0) == dataclasses.replace(before, size_bytes=0)


def test_readonly_archive_refuses_writes_and_reads(tmp_path, archive):
    with Archive(archive.path, readonly=True) as ro:
        assert ro.stats().articles == archive.stats().articles
        assert ro.search("Đồng Khởi").total >= 1
        with pytest.raises(ArchiveError, match="read-only"):
            ro.add(Record(text="Một bài mới hoàn toàn.", article={}))
    with pytest.raises(ArchiveError, match="no such archive"):
        Archive(tmp_path / "missing.db", readonly=True)


def test_readonly_archive_keeps_a_page_cache_as_large_as_the_writers(tmp_path, gold_records):
    """A reader (a search worker) caches 64 MB of pages, as the writer does, not SQLite's 2 MB."""
    path = tmp_path / "c.db"
    with Archive(path) as ar:
        ar.add(gold_records[0])
        assert [tuple(r) for r in ar.query("PRAGMA cache_size")] == [(-65536,)]
    with Archive(path, readonly=True) as ro:
        assert [tuple(r) for r in ro.query("PRAGMA cache_size")] == [(-65536,)]
        assert ro.search("tỉnh").total >= 0


def test_locked_archive_gives_clear_error(tmp_path, gold_records):
    path = tmp_path / "l.db"
    Archive(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Archive(path, timeout=0.05) as ar:
            with pytest.raises(ArchiveError, match="locked") as err:
                ar.add(gold_records[0])
            assert "\n" not in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Archive(path) as ar:
        assert ar.add(gold_records[0]) == 1


def test_not_an_archive(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match="not a vnnews archive"):
        Archive(junk)
    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE t(x)")
    c.commit()
    c.close()
    with pytest.raises(ArchiveError, match="not a vnnews archive"):
        Archive(other)


def test_read_only_file_gives_clear_error(tmp_path, gold_records):
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write read-only files")
    path = tmp_path / "ro.db"
    Archive(path).close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ArchiveError, match="read-only|cannot open"):
            with Archive(path) as ar:
                ar.add(gold_records[0])
    finally:
        tmp_path.chmod(0o755)


def _as_left_by_the_schema_before(path, version: int, *statements: str) -> None:
    """Make the archive at `path` what the schema before `version` left (run `statements`,
    forget migration `version`): a read-only open then refuses it."""
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.execute("DELETE FROM schema_version WHERE version = ?", (version,))
    conn.close()
    with pytest.raises(ArchiveError, match="older than this vnnews"):
        Archive(path, readonly=True)


def test_archive_of_schema_4_gets_the_narrow_indexes(tmp_path, gold_records):
    """An archive from before schema 5 (no `articles_filter`, `search_items_article_kind`)
    can't be searched read-only until it is opened writable, which adds the indexes;
    filtered searches then read them and find what they found before."""
    path = tmp_path / "v4.db"
    with Archive(path) as ar:
        for rec in gold_records:
            ar.add(rec)
        before = [(r.kind, r.id) for r in ar.search("tỉnh", kind="official", since="2025-01-01", limit=1000)]
        browse = [(r.kind, r.id) for r in ar.search(None, speaker="bí thư", province="Bến Tre", limit=50)]
    _as_left_by_the_schema_before(path, 5, "DROP INDEX articles_filter", "DROP INDEX search_items_article_kind",
                                  "CREATE INDEX search_items_article ON search_items(article_id)")
    with Archive(path) as ar:
        assert ar.schema_version == migrate.latest_version()
        assert [(r.kind, r.id) for r in ar.search("tỉnh", kind="official", since="2025-01-01", limit=1000)] == before
        plan = " ".join(str(tuple(r)) for r in ar.query(
            "EXPLAIN QUERY PLAN SELECT a.published_date FROM search_items si JOIN articles a INDEXED BY "
            "articles_filter ON a.id = si.article_id WHERE a.province_fkey = 'ben tre'"))
        assert "COVERING INDEX articles_filter" in plan
        indexes = {r[0] for r in ar.query("SELECT name FROM sqlite_master WHERE tbl_name = 'search_items'")}
        assert "search_items_article_kind" in indexes and "search_items_article" not in indexes
    with Archive(path, readonly=True) as ar:
        assert before and [(r.kind, r.id) for r in ar.search("tỉnh", kind="official", since="2025-01-01",
                                                               limit=1000)] == before
        assert [(r.kind, r.id) for r in ar.search(None, speaker="bí thư", province="Bến Tre", limit=50)] == browse




def _fts_config(path, table: str) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute(f"SELECT k, v FROM {table}_config"))


def test_archive_of_schema_7_writes_less(tmp_path, gold_records):
    """Schema 8 drops `articles_province` (the first column of `articles_province_date`)
    and lets the full-text indexes gather 16 MB (the kinds' 4 MB) of new words before
    writing a segment: a province's browsing still reads an index, and searches find what
    they found before."""
    path = tmp_path / "v7.db"
    with Archive(path) as ar:
        for rec in gold_records:
            ar.add(rec)
        before = [(r.kind, r.id) for r in ar.search("tỉnh", province="Bến Tre", limit=1000)]
        browse = [(r.kind, r.id) for r in ar.search(None, province="Bến Tre", limit=50)]
    assert _fts_config(path, "search_fts")["hashsize"] == 16 * 2**20
    assert _fts_config(path, "search_fts_official")["hashsize"] == 4 * 2**20
    _as_left_by_the_schema_before(path, 8, "CREATE INDEX articles_province ON articles(province_fkey)",
                                  "DELETE FROM search_fts_config WHERE k = 'hashsize'")
    assert "hashsize" not in _fts_config(path, "search_fts")
    with Archive(path) as ar:
        assert ar.schema_version == migrate.latest_version()
        assert "articles_province" not in {r[0] for r in ar.query("SELECT name FROM sqlite_master")}
        plan = " ".join(str(tuple(r)) for r in ar.query(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE province_fkey = 'ben tre'"))
        assert "INDEX articles_province_date" in plan
        assert [(r.kind, r.id) for r in ar.search("tỉnh", province="Bến Tre", limit=1000)] == before
        assert before and [(r.kind, r.id) for r in ar.search(None, province="Bến Tre", limit=50)] == browse
    assert _fts_config(path, "search_fts")["hashsize"] == 16 * 2**20
def test_schema_version_and_migration_path(tmp_path, gold_records):
    path = tmp_path / "m.db"
    with Archive(path) as ar:
        assert ar.schema_version == migrate.latest_version()
        ar.add(gold_records[0])
    conn = sqlite3.connect(path, isolation_level=None)
    future = migrate.migrations() + [(migrate.latest_version() + 1, "next.sql",
                                      "ALTER TABLE articles ADD COLUMN note TEXT;\nCREATE INDEX articles_note ON articles(note);")]
    assert migrate.migrate(conn, future) == migrate.latest_version() + 1
    assert conn.execute("SELECT COUNT(*), MAX(note) FROM articles").fetchone() == (1, None)
    conn.close()
    with pytest.raises(ArchiveError, match="newer than this vnnews"):
        Archive(path)
    with pytest.raises(ArchiveError, match="newer than this vnnews"):
        Archive(path, readonly=True)


def test_views_are_queryable(archive):
    rows = sql_rows(archive.path, "SELECT number, article_title, article_source FROM v_documents "
                                  "WHERE number = '01-CT/TU'")
    assert rows and rows[0][1] and rows[0][2] == "Báo Đồng Khởi"
    people = dict(sql_rows(archive.path, "SELECT name, n_articles FROM v_people"))
    assert people["Phan Song Toàn"] == 1
    cited = sql_rows(archive.path, "SELECT n_articles FROM v_cited_documents WHERE number_key = '178/2024/ND-CP'")
    assert [tuple(r) for r in cited] == [(1,)]
    for view in ("v_articles", "v_directives", "v_instructions", "v_officials", "v_locations", "v_figures"):
        assert sql_rows(archive.path, f"SELECT COUNT(*) FROM {view}")[0][0] > 0, view


def test_offsets_stay_valid_for_non_nfc_and_out_of_range_records(new_archive, dev_dir):
    import unicodedata

    from vnnews import Directive, Official

    text = unicodedata.normalize("NFD", (dev_dir / "013.txt").read_text(encoding="utf-8"))
    word = unicodedata.normalize("NFD", "Bình Định")
    start = text.index(word) if word in text else 0
    rec = Record(text=text, article={"title": "NFD"},
                 officials=[Official(name=text[start:start + 9], title="x", mentions=[[start, start + 9]])],
                 directives=[Directive(kind="document", doc_type="Quyết định", number="1/QĐ",
                                       mentions=[[len(text) + 5, len(text) + 9]])])
    with Archive(new_archive) as ar:
        aid = ar.add(rec)
        stored = ar.article(aid).record
        assert stored.text == text
        (s, e), = stored.officials[0].mentions
        assert stored.text[s:e] == rec.officials[0].name
        d = ar.directive(ar.article(aid).ids["directives"][0])
        assert d.directive.mentions == [[len(text) + 5, len(text) + 9]]  # kept as given
        assert d.context.text  # falls back to the directive's own text, no crash
        assert ar.search("1/QĐ", kind="document").total == 1
        assert ar.add(Record(text=unicodedata.normalize("NFC", text), article={})) is None  # same body



def test_vocabulary_counts_words_as_the_index_splits_them(tmp_path, gold_records):
    """The prefix vocabulary (`search_terms`, counted in one pass over a batch) holds the
    folded body column's words exactly as FTS5's tokenizer splits them."""
    db = tmp_path / "v.db"
    with Archive(db) as a:
        for r in gold_records[:5]:
            a.add(r)
    conn = sqlite3.connect(db)
    try:
        terms = dict(conn.execute("SELECT term, n FROM search_terms"))
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_fts, 'col')")
        vocab = {t: n for t, n in conn.execute("SELECT term, cnt FROM temp.v WHERE col = 'body_f'")}
    finally:
        conn.close()
    assert terms and terms == vocab


def test_mentions_row_equals_the_general_conversion() -> None:
    """The fast path for mentions already stored as `[int, int]` lists gives exactly what
    converting every pair gives (JSON, first start, first end), for every other shape too."""
    from vnnews.corpus.archive.rows import dump_mentions, mention_list, mentions_row

    shapes = [[], None, [[3, 7], [9, 12]], [(3, 7)], ((3, 7),), [[3, 7, 1]], [["3", "7"]], [[3.0, 7]],
              [[True, 7]], [[-1, 5]], [None, [1, 2]], [[1, 2], (3, 4)], [[10, 20]] * 30]
    for m in shapes:
        conv = mention_list(m) if m else []
        want = (dump_mentions(conv), conv[0][0] if conv else None, conv[0][1] if conv else None)
        got = mentions_row(m)
        assert got == want, m
        assert all(type(x) is int for x in got[1:] if x is not None)


def test_optimize_merges_the_search_index_and_keeps_every_result(archive):
    queries = [("dong khoi", None), ("01-CT/TU", "document"), ("chủ tịch", "official"), ("huy*", None)]
    before = [[(h.kind, h.id) for h in archive.search(q, kind=k, limit=50)] for q, k in queries]
    sqlite = not hasattr(archive, "url")  # a PostgreSQL archive has GIN indexes: nothing to merge
    if sqlite:
        assert sql_rows(archive.path, "SELECT COUNT(DISTINCT segid) FROM search_fts_idx")[0][0] > 1
    archive.optimize()
    assert [[(h.kind, h.id) for h in archive.search(q, kind=k, limit=50)] for q, k in queries] == before
    assert all(before)
    if sqlite:  # one segment: each word is looked up once
        assert sql_rows(archive.path, "SELECT COUNT(DISTINCT segid) FROM search_fts_idx")[0][0] == 1


def test_issuer_and_speaker_filters_read_covering_indexes(archive):
    if hasattr(archive, "url"):
        pytest.skip("SQLite's plan (PostgreSQL has trigram indexes for these filters)")
    by_speaker = archive.search(None, speaker="phan song toan", limit=50)
    by_issuer = archive.search(None, issuer="tỉnh ủy", limit=50)
    assert by_speaker.items and all(r.kind == "instruction" for r in by_speaker.items)
    assert by_issuer.items and all(r.kind == "document" for r in by_issuer.items)
    for col, name in (("speaker_fkey", "directives_speaker_article"), ("issuer_fkey", "directives_issuer_article")):
        plan = " ".join(str(tuple(r)) for r in archive.query(
            f"EXPLAIN QUERY PLAN SELECT d.article_id FROM directives d INDEXED BY {name} "
            f"WHERE d.{col} IN ('a', 'b') AND d.kind = 'document'"))
        assert f"COVERING INDEX {name}" in plan


def test_archive_of_schema_6_gets_each_kind_its_own_index(tmp_path, gold_records):
    """An archive from before schema 7 is given the kinds' own full-text indexes, filled
    from its search items, when first opened writable; one-kind searches then find what
    they found before (and can be read read-only again)."""
    path = tmp_path / "v6.db"
    queries = [("tỉnh", "official"), ("ủy ban", "document"), ("chỉ đạo", "instruction"), ("huyện", "location")]
    with Archive(path) as ar:
        for rec in gold_records:
            ar.add(rec)
        ar.RANK_LIMIT = 0  # the tiers: the path that reads the kind's index
        before = [[(r.kind, r.id, r.exact) for r in ar.search(q, kind=k, limit=100)] for q, k in queries]
    _as_left_by_the_schema_before(path, 7, *(f"DROP TABLE search_fts_{kind}"
                                             for kind in ("official", "location", "figure", "document", "instruction")))
    with Archive(path) as ar:
        assert ar.schema_version == migrate.latest_version()
        assert sql_rows(path, "SELECT COUNT(*) FROM archive_meta WHERE key = 'kinds_pending'") == [(0,)]
        assert sql_rows(path, "SELECT COUNT(*) FROM search_fts_official WHERE search_fts_official MATCH "
                              "'{body_f} : tinh'")[0][0] > 0
    with Archive(path, readonly=True) as ar:
        ar.RANK_LIMIT = 0
        assert all(before)
        assert [[(r.kind, r.id, r.exact) for r in ar.search(q, kind=k, limit=100)] for q, k in queries] == before


def test_a_stopped_fill_of_the_kinds_indexes_resumes_after_its_last_chunk(tmp_path, gold_records, monkeypatch):
    from vnnews.corpus.archive import write

    path = tmp_path / "v6.db"
    with Archive(path) as ar:
        for rec in gold_records:
            ar.add(rec)
        ar.RANK_LIMIT = 0
        before = [(r.kind, r.id, r.exact) for r in ar.search("tỉnh", kind="official", limit=100)]
    _as_left_by_the_schema_before(path, 7, *(f"DROP TABLE search_fts_{kind}"
                                             for kind in ("official", "location", "figure", "document", "instruction")))
    real, folded = write.fold_index, []

    def stop_in_the_second_chunk(text):  # the fill is killed while it indexes its second chunk
        folded.append(text)
        if len(folded) > 40:
            raise KeyboardInterrupt
        return real(text)

    monkeypatch.setattr(write, "fold_index", stop_in_the_second_chunk)
    monkeypatch.setattr(write.ArchiveWriter.rebuild_kind_index, "__defaults__", (40,))
    with pytest.raises(KeyboardInterrupt):
        Archive(path)
    monkeypatch.undo()
    done = int(sql_rows(path, "SELECT value FROM archive_meta WHERE key = 'kinds_pending'")[0][0])
    assert done > 0  # the first chunk was committed and noted
    rest = sql_rows(path, f"SELECT COUNT(*) FROM search_items WHERE kind != 'article' AND id > {done}")[0][0]
    folded.clear()
    monkeypatch.setattr(write, "fold_index", lambda text: folded.append(text) or real(text))
    with Archive(path) as ar:  # resumes after it: the items after `done` are indexed, once
        assert len(folded) == rest
        assert sql_rows(path, "SELECT COUNT(*) FROM archive_meta WHERE key = 'kinds_pending'") == [(0,)]
        ar.RANK_LIMIT = 0
        assert before and [(r.kind, r.id, r.exact) for r in ar.search("tỉnh", kind="official", limit=100)] == before
