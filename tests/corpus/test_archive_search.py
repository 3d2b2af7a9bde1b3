"""Vietnamese-aware full-text search over a real archive of the dev articles, on both
backends (SQLite and PostgreSQL): diacritics, đ, document numbers, prefixes, filters,
pagination, syndicated copies, and queries that must never reach FTS5 as syntax."""
from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnnews import Archive
from vnnews.corpus.keys import fold_lower
from vnnews.corpus.synthetic import gold_record

from conftest import BACKENDS, archive_location


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request, dev_dir):
    ar = Archive(archive_location(request.param, request, "search"))
    for p in sorted(dev_dir.glob("*.txt")):
        ar.add(gold_record(p))
    yield ar
    ar.close()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def test_folded_query_finds_diacritics_and_d(archive):
    res = archive.search("dong khoi", kind="article", limit=50)
    assert res.total >= 1
    for r in res:
        assert r.matched
        marked = [r.snippet.text[s:e] for s, e in r.snippet.marks]
        assert marked and all(fold_lower(m).startswith(("dong", "khoi")) for m in marked)
    titles = {r.article.title for r in res}
    assert "Hướng đến xây dựng đơn vị điển hình" in titles  # "Đồng khởi mới" in its text


def test_exact_diacritics_rank_first(archive):
    res = archive.search("Đông", kind="article", limit=100)
    exact = [r.exact for r in res]
    assert any(exact) and not all(exact), "the dev set has both Đông and đồng/động"
    assert exact == sorted(exact, reverse=True)
    for r in res:
        stored = archive.article(r.id)
        words = _words(stored.record.text + " " + (stored.article.title or ""))
        assert ("đông" in words) == r.exact


def test_document_numbers_as_written(archive):
    hits = archive.search("01-CT/TU", kind="document")
    assert [h.fields["number"] for h in hits] == ["01-CT/TU"]
    assert "number" in hits[0].matched
    nd = archive.search("NĐ-CP")
    assert nd.total >= 1
    for r in nd:
        assert any(fold_lower(r.snippet.text[s:e]).replace(" ", "") == "nd-cp" for s, e in r.snippet.marks)
    full = archive.search("178/2024/NĐ-CP", kind="document")
    assert [h.fields["number"] for h in full] == ["178/2024/NĐ-CP"]
    assert archive.search("178/2024/ND-CP", kind="document").total == 1
    assert archive.search("179/2024/NĐ-CP", kind="document").total == 0


def test_document_numbers_without_counting_first_give_the_same_results(archive):
    """A document number that few directives carry (found by index) is ranked at once,
    without counting its full-text hits first, and one that many carry has its newest hits
    read at once: the same pages as the counting plan, for every number in the archive,
    with filters, offsets and the date order."""
    if type(archive) is not Archive:
        pytest.skip("skipping the count is the SQLite plan")
    numbers = sorted({d.directive.number for d in archive.directives(kind="document") if d.directive.number})
    assert len(numbers) >= 5

    def pages(number: str) -> list:
        out = []
        for kw in ({}, {"kind": "document"}, {"kind": "article", "limit": 2, "offset": 1}, {"order": "date"},
                   {"province": "Bến Tre"}):
            res = archive.search(number, **kw)
            out.append((res.total, res.total_exact, res.next_cursor, [r.to_dict() for r in res]))
        return out

    assert archive.FEW_CITATIONS > 0
    # RANK_LIMIT 1: more hits than BM25 ranks, the fast plan falls back; SCAN_LIMIT 3: past the window
    for rank_limit, scan_limit in ((archive.RANK_LIMIT, archive.SCAN_LIMIT), (1, archive.SCAN_LIMIT), (1, 3)):
        archive.RANK_LIMIT, archive.SCAN_LIMIT = rank_limit, scan_limit
        try:
            fast = {n: pages(n) for n in numbers}
            archive.FEW_CITATIONS, archive.MANY_CITATIONS = 0, 0
            newest = {n: pages(n) for n in numbers}
            archive.MANY_CITATIONS = 10 ** 9
            counted = {n: pages(n) for n in numbers}
        finally:
            for name in ("FEW_CITATIONS", "MANY_CITATIONS", "RANK_LIMIT", "SCAN_LIMIT"):
                vars(archive).pop(name, None)
        assert fast == counted
        assert newest == counted
        assert any(p[0][0] > 0 for p in fast.values())


def test_prefix_search(archive):
    whole = archive.search("nghiệp", kind="article").total
    prefix = archive.search("nghiệ*", kind="article")
    assert prefix.total >= whole >= 1
    assert any("nghiệp" in r.snippet.marked() for r in prefix)
    assert archive.search("nghiệ", kind="article").total == 0  # without * a word must be whole
    short = archive.search("Đồn*", kind="article", limit=100)  # a short prefix: many completions
    assert short.total >= 1 and any(r.exact for r in short)
    assert [r.exact for r in short] == sorted((r.exact for r in short), reverse=True)
    assert all(fold_lower(r.snippet.text[s:e]).startswith("don") for r in short for s, e in r.snippet.marks)


def test_kind_and_record_filters(archive):
    assert {r.kind for r in archive.search("Tỉnh ủy", kind="official", limit=100)} == {"official"}
    docs = archive.search("", issuer="tinh uy", limit=100)
    assert docs.total >= 1
    assert all(r.kind == "document" and "tinh uy" in fold_lower(r.fields["issuer"]) for r in docs)
    ins = archive.search(None, speaker="phan song toan")
    assert ins.total >= 1 and all(r.kind == "instruction" and r.fields["speaker"] == "Phan Song Toàn" for r in ins)
    both = archive.search(None, issuer="tinh uy", speaker="phan song toan", limit=100)
    assert both.total == docs.total + ins.total
    with pytest.raises(ValueError):
        archive.search("x", kind="people")


def test_article_filters(archive):
    all_hits = archive.search(None, kind="article", limit=100)
    assert all_hits.total == 23
    dated = [r.article.date for r in all_hits if r.article.date]
    assert dated == sorted(dated, reverse=True)  # browsing lists newest first
    ranged = archive.search(None, kind="article", since="2025-01-01", until="2025-12-31", limit=100)
    assert ranged.total >= 1 and all("2025-01-01" <= r.article.date <= "2025-12-31" for r in ranged)
    bt = archive.search(None, kind="article", province="ben tre")
    assert [r.article.province for r in bt] == ["Bến Tre"]
    assert archive.search(None, kind="article", province="Tỉnh Bến Tre").total == 1
    src = archive.search(None, kind="article", source="dong khoi")
    assert src.total == 1 and src[0].article.source == "Báo Đồng Khởi"


def test_pagination_is_consistent(archive):
    top = archive.search("tỉnh", limit=10)
    page1 = archive.search("tỉnh", limit=5)
    page2 = archive.search("tỉnh", limit=5, offset=5)
    assert [(r.kind, r.id) for r in page1] + [(r.kind, r.id) for r in page2] == [(r.kind, r.id) for r in top]
    assert page1.total == page2.total == top.total
    beyond = archive.search("tỉnh", limit=5, offset=top.total + 10)
    assert len(beyond) == 0 and beyond.total == top.total


def test_result_objects_serialise(archive):
    r = archive.search("Phan Song Toàn", kind="official")[0]
    d = r.to_dict()
    assert d["kind"] == "official" and d["fields"]["name"] == "Phan Song Toàn"
    assert set(d["article"]) >= {"title", "date", "source", "url"}
    assert d["snippet"]["marked"].startswith("[Phan Song Toàn]")
    assert "<mark>Phan Song Toàn</mark>" in r.snippet.html()
    profile = archive.official(r.official_id)
    assert profile.appearances[0].title == r.fields["title"]


def test_syndicated_copies_are_linked_and_collapsed(new_archive, dev_dir):
    rec = gold_record(dev_dir / "001.txt")
    paragraphs = rec.text.split("\n\n")
    copy = dataclasses.replace(rec, text=rec.text + "\n\nTheo Báo Đồng Khởi", article=dict(rec.article))
    copy.article.update(url="https://baovinhlong.vn/copy.html", source="Báo Vĩnh Long")
    other = gold_record(dev_dir / "004.txt")
    with Archive(new_archive) as ar:
        a, b, c = ar.add(rec), ar.add(copy), ar.add(other)
        assert len(paragraphs) > 3 and a and b and c
        assert ar.link_duplicates() == 1
        assert ar.article(b).duplicates[0].id == a and ar.article(c).duplicates == []
        collapsed = ar.search("Phan Song Toàn")
        assert sorted(r.kind for r in collapsed) == ["article", "instruction", "official"]
        assert all(r.duplicates == 1 for r in collapsed)
        assert all(r.article.id == a for r in collapsed)
        everything = ar.search("Phan Song Toàn", collapse=False)
        assert everything.total == 2 * collapsed.total
        assert ar.stats().duplicates == 1
        assert ar.link_duplicates() == 0  # idempotent
        third = dataclasses.replace(copy, text=copy.text + " (bản thứ ba)", article=dict(copy.article))
        third.article.update(url="https://baotravinh.vn/copy.html")
        d = ar.add(third)
        assert ar.link_duplicates([d]) >= 1  # a later copy joins the existing cluster
        assert ar.article(d).cluster_id == a
        assert all(r.duplicates == 2 for r in ar.search("Phan Song Toàn"))


@pytest.fixture()
def tiered(archive):
    """The archive searched as if every query matched too many items to rank by BM25."""
    archive.RANK_LIMIT = 0
    yield archive
    del archive.RANK_LIMIT


@pytest.mark.parametrize("query, kw", [("tỉnh", {}), ("Đông", {}), ("dong khoi", {}), ("ủy ban", {"kind": "official"}),
                                       ("tỉnh", {"since": "2025-01-01"}), ("nghiệ*", {})])
def test_common_word_mode_returns_the_same_results(archive, query, kw):
    ranked = archive.search(query, limit=1000, **kw)
    archive.RANK_LIMIT = 0
    try:
        tiered = archive.search(query, limit=1000, **kw)
        pages = archive.search(query, limit=4, **kw).items + archive.search(query, limit=4, offset=4, **kw).items
    finally:
        del archive.RANK_LIMIT
    assert ranked.total >= 1
    assert sorted((r.kind, r.id) for r in tiered) == sorted((r.kind, r.id) for r in ranked)
    assert tiered.total == ranked.total and tiered.total_exact
    assert [r.exact for r in tiered] == sorted((r.exact for r in tiered), reverse=True)
    assert [(r.kind, r.id) for r in pages] == [(r.kind, r.id) for r in tiered][:8]
    assert sum(r.exact for r in tiered) == sum(r.exact for r in ranked)


def test_total_is_a_lower_bound_beyond_the_count_limit(archive):
    full = archive.search("tỉnh", limit=1)
    archive.RANK_LIMIT, archive.COUNT_LIMIT = 0, 3
    try:
        capped = archive.search("tỉnh", limit=1)
    finally:
        del archive.RANK_LIMIT, archive.COUNT_LIMIT
    assert full.total > 3 and full.total_exact
    assert capped.total == 3 and not capped.total_exact


@pytest.mark.parametrize("query", ["tỉnh", "dong khoi", "Phan Song Toàn"])
def test_beyond_the_window_older_hits_follow_newest_first(archive, query):
    """With more than SCAN_LIMIT hits the tiers rank the newest SCAN_LIMIT; the older hits
    follow newest first. The same results, every one reached by the cursor once."""
    if type(archive) is not Archive:
        pytest.skip("the window is the SQLite plan (FTS5 reads phrases backwards slowly)")
    ranked = archive.search(query, limit=1000)
    archive.RANK_LIMIT, archive.SCAN_LIMIT = 0, 5
    try:
        windowed = archive.search(query, limit=1000)
        pages, cursor = [], None
        while True:
            page = archive.search(query, limit=7, after=cursor)
            pages += page.items
            cursor = page.next_cursor
            if cursor is None:
                break
    finally:
        del archive.RANK_LIMIT, archive.SCAN_LIMIT
    assert ranked.total > 5
    assert sorted((r.kind, r.id) for r in windowed) == sorted((r.kind, r.id) for r in ranked)
    assert [(r.kind, r.id) for r in pages] == [(r.kind, r.id) for r in windowed]
    # the older hits say whether they hold the words as typed, as the ranked ones do
    assert any(r.exact for r in windowed) == any(r.exact for r in ranked)



@pytest.mark.parametrize("query, kind", [("tỉnh", "official"), ("Đông", "article"), ("dong khoi", "article"), ("chỉ đạo", "instruction"),
                                         ("ủy ban", ["document", "instruction"])])
def test_kind_filter_keeps_the_bm25_scores_of_the_unfiltered_search(archive, query, kind):
    """BM25 ranks a kind-filtered query over the words' hits (the kind's phrase has no part
    in the score): every result has the score, and the place, it has without the filter."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    everything = archive.search(query, limit=1000)
    assert everything.total <= archive.RANK_LIMIT
    kinds = {kind} if isinstance(kind, str) else set(kind)
    unfiltered = [(r.kind, r.id, r.score, r.exact) for r in everything if r.kind in kinds]
    filtered = archive.search(query, kind=kind, limit=1000)
    assert filtered.total == len(unfiltered) > 0
    assert [(r.kind, r.id, r.score, r.exact) for r in filtered] == unfiltered


def test_kind_filtered_query_over_common_words_is_ordered_by_tier_then_newest(archive):
    """Whether BM25 ranks is decided by the words' hits, the kind apart: past RANK_LIMIT
    of them the kind's few hits come exact first, then newest first (FTS5 would read every
    row of the word and of the kind to weigh them)."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    words = archive.search("tỉnh", limit=1)
    few = archive.search("tỉnh", kind="figure", limit=1000)
    assert 0 < few.total < words.total
    archive.RANK_LIMIT = few.total  # the kind's hits fit; the word's do not
    try:
        tiered = archive.search("tỉnh", kind="figure", limit=1000)
    finally:
        del archive.RANK_LIMIT
    assert sorted(r.id for r in tiered) == sorted(r.id for r in few) and tiered.total == few.total
    assert all(r.score == 0.0 for r in tiered)
    order = [(r.exact, r.id) for r in tiered]
    assert order == sorted(order, key=lambda e: (not e[0], -e[1]))  # exact first, then newest first



@pytest.mark.parametrize("query", ["dong khoi", "Phan Song Toàn", "01-CT/TU", "huy* tinh"])
def test_words_the_index_holds_too_often_for_bm25_are_ordered_by_tier_then_newest(archive, query):
    """BM25's IDF reads every row of each word; when the query's words are held more than
    IDF_READ_LIMIT times in all, the hits (few as they may be) come by tier, newest first."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    ranked = archive.search(query, limit=1000)
    assert 0 < ranked.total <= archive.RANK_LIMIT and any(r.score for r in ranked)
    archive.IDF_READ_LIMIT = 0
    try:
        tiered = archive.search(query, limit=1000)
    finally:
        del archive.IDF_READ_LIMIT
    assert sorted((r.kind, r.id) for r in tiered) == sorted((r.kind, r.id) for r in ranked)
    assert tiered.total == ranked.total and all(r.score == 0.0 for r in tiered)
    assert [r.exact for r in tiered] == sorted((r.exact for r in tiered), reverse=True)  # the words as typed first


@pytest.mark.parametrize("query, kw", [("tỉnh", {"kind": "official"}), ("dong khoi", {"kind": "article"}),
                                       ("Đông", {"kind": ["article", "location"]}),
                                       ("ủy ban", {"kind": "document", "since": "2025-01-01"})])
def test_tiers_read_by_asking_each_hit_are_the_tiers_read_by_walking(archive, query, kw):
    """A kind's tiers are read either by walking the match or, when its hits are few and
    sparse, by asking each hit by rowid: the same pages either way."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    archive.RANK_LIMIT = 0
    try:
        archive.PROBE_LIMIT = 0  # never ask
        walked = [(r.kind, r.id, r.exact) for r in archive.search(query, limit=1000, **kw)]
        archive.PROBE_LIMIT, archive.PROBE_SPREAD = 10 ** 6, 0  # always ask
        asked = [(r.kind, r.id, r.exact) for r in archive.search(query, limit=1000, **kw)]
        paged = [(r.kind, r.id, r.exact) for r in archive.search(query, limit=3, **kw).items
                 + archive.search(query, limit=3, offset=3, **kw).items]
    finally:
        del archive.RANK_LIMIT, archive.PROBE_LIMIT, archive.PROBE_SPREAD
    assert walked and asked == walked and paged == walked[:6]



@pytest.mark.parametrize("query, kw", [("tỉnh", {}), ("huyện", {}), ("tỉnh", {"collapse": False}),
                                       ("huyện", {"kind": ["location", "official"]}),
                                       ("tỉnh", {"since": "2000-01-01"})])
def test_offset_pages_beyond_the_window_are_slices_of_the_whole_list(archive, query, kw):
    """A page by offset among the older hits (past the window) skips the rows before it in
    SQL (over the items alone when no filter needs their articles): each page is the slice
    of the whole list, and one past the end is empty."""
    if type(archive) is not Archive:
        pytest.skip("the window is the SQLite plan")
    archive.RANK_LIMIT, archive.SCAN_LIMIT = 0, 5
    try:
        whole = [(r.kind, r.id, r.exact) for r in archive.search(query, limit=1000, **kw)]
        pages = {off: [(r.kind, r.id, r.exact) for r in archive.search(query, limit=4, offset=off, **kw)]
                 for off in (0, 3, 9, len(whole) - 2, len(whole), len(whole) + 7)}
    finally:
        del archive.RANK_LIMIT, archive.SCAN_LIMIT
    assert len(whole) > 9
    for off, page in pages.items():
        assert page == whole[off:off + 4], off


QUERY_ALPHABET = st.characters(blacklist_categories=("Cs",))
SYNTAX = st.sampled_from(['"', "'", "*", "(", ")", ":", "^", "-", "+", "{", "}", "NEAR", "AND", "OR", "NOT",
                          "body:", "body_f:", "\\", "%", "_", "NĐ-CP", "01-CT/TU", "khở*", "\x00", " "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(QUERY_ALPHABET, max_size=40),
                 st.lists(st.one_of(SYNTAX, st.text(QUERY_ALPHABET, max_size=6)), max_size=8).map("".join)))
def test_no_query_crashes(archive, query):
    res = archive.search(query, limit=5)
    assert res.total >= len(res.items)
    for r in res:
        assert all(0 <= s < e <= len(r.snippet.text) for s, e in r.snippet.marks)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(SYNTAX, st.text(QUERY_ALPHABET, max_size=6)), max_size=8).map("".join))
def test_no_query_crashes_in_common_word_mode(tiered, query):
    res = tiered.search(query, limit=5, offset=1)
    assert res.total >= len(res.items)
    for r in res:
        assert all(0 <= s < e <= len(r.snippet.text) for s, e in r.snippet.marks)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(QUERY_ALPHABET, max_size=20), st.text(QUERY_ALPHABET, max_size=10))
def test_no_filter_value_crashes(archive, issuer, province):
    res = archive.search("tỉnh", issuer=issuer, speaker=issuer, province=province, source=issuer, limit=3)
    assert res.total >= len(res.items)


def test_query_docstring_examples():
    import doctest

    from vnnews.corpus import query

    failures, tried = doctest.testmod(query)
    assert tried and not failures


@pytest.mark.parametrize("rank_limit", [None, 0])
@pytest.mark.parametrize("query, kw", [("tỉnh", {"kind": "official"}), ("ủy ban", {"kind": "document"}),
                                       ("chỉ đạo", {"kind": "instruction", "since": "2024-01-01"}),
                                       ("huyện", {"kind": "location"}), ("ha", {"kind": "figure"}),
                                       ("nghi*", {"kind": "document"}), ("thực hiện", {"kind": "instruction",
                                                                                       "offset": 3})])
def test_a_kind_matched_in_its_own_index_finds_what_the_kind_filter_finds(archive, query, kw, rank_limit):
    """A one-kind query is matched in the kind's own full-text index (schema 7) instead of
    intersecting the words with the kind in `search_fts`: the same pages, by BM25 or by tier."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    if rank_limit is not None:
        archive.RANK_LIMIT = rank_limit
    try:
        own = archive.search(query, limit=50, **kw)
        archive.KIND_INDEX = False
        shared = archive.search(query, limit=50, **kw)
    finally:
        vars(archive).pop("KIND_INDEX", None)
        vars(archive).pop("RANK_LIMIT", None)
    assert own.items, query
    assert [(r.kind, r.id, r.exact, r.score) for r in own] == [(r.kind, r.id, r.exact, r.score) for r in shared]
    assert (own.total, own.total_exact) == (shared.total, shared.total_exact)


@pytest.mark.parametrize("query", ["tỉnh", "tinh", "thực hiện", "thuc hien", "chỉ đạo", "phát*", "đ", "2025"])
def test_a_speakers_few_instructions_matched_here_find_what_the_index_finds(archive, query):
    """A speaker with few instructions: they are read by index and the query matched in
    their text here (`Query.matches`), not in the full-text index; both find the same items."""
    if type(archive) is not Archive:
        pytest.skip("the SQLite plan")
    speakers = {r.fields["speaker"] for r in archive.search(None, kind="instruction", limit=200)
                if r.fields.get("speaker")}
    assert len(speakers) >= 3
    found = 0
    for speaker in sorted(speakers):
        here = archive.search(query, speaker=speaker, limit=200)
        archive.FILTER_FIRST_QUERY = 0  # the full-text plan
        try:
            index = archive.search(query, speaker=speaker, limit=200)
        finally:
            vars(archive).pop("FILTER_FIRST_QUERY", None)
        assert sorted((r.kind, r.id, r.exact) for r in here) == sorted((r.kind, r.id, r.exact) for r in index), speaker
        assert here.total == index.total
        found += here.total
    assert found or query in ("đ", "2025")
