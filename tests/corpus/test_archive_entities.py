"""Documents and officials as entities, bounded search, and the realistic synthetic archive:
real archives (SQLite and PostgreSQL: the tests taking `new_archive` run on both), built
from hand-made records, the synthetic generator and the dev set."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from vnnews.corpus.archive import Archive, QueryTimeout
from vnnews.corpus.synthetic import realistic_records
from vnnews.models import Directive, Location, Official, Record


def _span(text: str, needle: str, start: int = 0) -> list[int]:
    i = text.index(needle, start)
    return [i, i + len(needle)]


def _article(n: int, province: str, district: str, body: str, *, officials=(), documents=(), instructions=(),
             date: str = "2024-03-01") -> Record:
    """A record about `province` (and `district`) whose text is `body` after a place line."""
    text = f"Ngày {n}, tại huyện {district}, tỉnh {province}. {body}"
    rec = Record(text=text, article={"url": f"https://example.org/{n}", "title": f"Bài {n}", "source": "Báo thử",
                                     "published": f"{date}T08:00:00+07:00"})
    rec.locations = [Location(name=province, level="tỉnh", mentions=[_span(text, province)]),
                     Location(name=district, level="huyện", parent=province, mentions=[_span(text, district)])]
    for name, title in officials:
        rec.officials.append(Official(name=name, title=title, mentions=[_span(text, name)]))
    for doc_type, number, issuer in documents:
        rec.directives.append(Directive(kind="document", doc_type=doc_type, number=number, issuer=issuer,
                                        name=f"{doc_type} số {number}", mentions=[_span(text, number)]))
    for speaker, title, verb, said in instructions:
        rec.directives.append(Directive(kind="instruction", speaker=speaker, speaker_title=title, verb=verb,
                                        text=said, span=_span(text, said)))
    return rec


@pytest.fixture()
def provinces(new_archive):
    """Long An and Nghệ An each cite their own Chỉ thị 01-CT/TU, both cite Nghị định 24/2022/NĐ-CP,
    two districts of Long An cite their own Huyện ủy's 02-CT/HU; two Nguyễn Văn An, one per
    province; the Long An one changes title; a minister appears in both provinces."""
    recs = [
        _article(1, "Long An", "Cần Giuộc",
                 "Thực hiện Chỉ thị số 01-CT/TU và Nghị định số 24/2022/NĐ-CP, Chủ tịch UBND tỉnh Nguyễn Văn An "
                 "yêu cầu các sở tập trung giải ngân. Bộ trưởng Bộ Y tế Đào Hồng Lan dự họp. Huyện ủy ban hành "
                 "Chỉ thị số 02-CT/HU.",
                 officials=[("Nguyễn Văn An", "Chủ tịch UBND tỉnh"), ("Đào Hồng Lan", "Bộ trưởng Bộ Y tế")],
                 documents=[("Chỉ thị", "01-CT/TU", "Ban Thường vụ Tỉnh ủy"), ("Nghị định", "24/2022/NĐ-CP", "Chính phủ"),
                            ("Chỉ thị", "02-CT/HU", "Huyện ủy")],
                 instructions=[("Nguyễn Văn An", "Chủ tịch UBND tỉnh", "yêu cầu", "các sở tập trung giải ngân")],
                 date="2023-01-10"),
        _article(2, "Long An", "Bến Lức",
                 "Bí thư Tỉnh ủy Nguyễn Văn An đề nghị rà soát Chỉ thị số 01-CT/TU. Huyện ủy có Chỉ thị số 02-CT/HU.",
                 officials=[("Nguyễn Văn An", "Bí thư Tỉnh ủy")],
                 documents=[("Chỉ thị", "01-CT/TU", "Ban Thường vụ Tỉnh ủy"), ("Chỉ thị", "02-CT/HU", "Huyện ủy")],
                 instructions=[("Nguyễn Văn An", "Bí thư Tỉnh ủy", "đề nghị", "rà soát Chỉ thị số 01-CT/TU")],
                 date="2024-05-02"),
        _article(3, "Nghệ An", "Nghi Lộc",
                 "Giám đốc Sở Y tế Nguyễn Văn An báo cáo việc thực hiện Chỉ thị số 01-CT/TU và Nghị định số "
                 "24/2022/NĐ-CP. Bộ trưởng Bộ Y tế Đào Hồng Lan phát biểu.",
                 officials=[("Nguyễn Văn An", "Giám đốc Sở Y tế"), ("Đào Hồng Lan", "Bộ trưởng Bộ Y tế")],
                 documents=[("Chỉ thị", "01-CT/TU", "Ban Thường vụ Tỉnh ủy"), ("Nghị định", "24/2022/NĐ-CP", "Chính phủ")],
                 date="2024-05-03"),
    ]
    db = new_archive
    with Archive(db) as ar:
        for r in recs:
            ar.add(r)
    return db


def _docs(ar: Archive, number: str):
    return sorted(ar.documents(number=number), key=lambda d: d.province or "")


def test_local_documents_are_scoped_by_province_and_national_ones_are_not(provinces):
    with Archive(provinces, readonly=True) as ar:
        tu = _docs(ar, "01-CT/TU")
        assert [(d.province, d.scope, d.citations) for d in tu] == [("Long An", "province", 2),
                                                                     ("Nghệ An", "province", 1)]
        nd, = _docs(ar, "24/2022/NĐ-CP")
        assert (nd.scope, nd.province, nd.citations, nd.first_cited, nd.last_cited) == (
            "national", None, 2, "2023-01-10", "2024-05-03")
        hu = _docs(ar, "02-CT/HU")  # one Huyện ủy per district
        assert sorted((d.scope, d.unit) for d in hu) == [("district", "Bến Lức"), ("district", "Cần Giuộc")]
        long_an = [d for d in tu if d.province == "Long An"][0]
        profile = ar.document(long_an.id)
        assert [c.article.title for c in profile.citing] == ["Bài 1", "Bài 2"]  # not Nghệ An's article
        assert profile.by_month == [("2023-01", 1), ("2024-05", 1)]
        assert {d.number for d in ar.documents(province="Nghệ An")} == {"01-CT/TU"}
        assert {d.number for d in ar.documents(province="national")} == {"24/2022/NĐ-CP"}


def test_persons_are_a_name_in_a_province_with_positions_over_time(provinces):
    with Archive(provinces, readonly=True) as ar:
        ans = sorted(ar.persons(name="nguyen van an"), key=lambda p: p.province or "")
        assert [(p.province, p.articles) for p in ans] == [("Long An", 2), ("Nghệ An", 1)]
        long_an = ans[0]
        assert [(t.title, t.first_seen) for t in long_an.positions] == [("Chủ tịch UBND tỉnh", "2023-01-10"),
                                                                       ("Bí thư Tỉnh ủy", "2024-05-02")]
        minister, = ar.persons(name="Đào Hồng Lan")  # a national office: one person across provinces
        assert (minister.scope, minister.articles) == ("national", 2)
        profile = ar.person(long_an.id)
        assert [d.directive.verb for d in profile.instructions] == ["yêu cầu", "đề nghị"]
        assert ar.person(ans[1].id).instructions == []  # Nghệ An's namesake said nothing here


def test_reextraction_recounts_entities(provinces):
    with Archive(provinces) as ar:
        stored = ar.article(3)
        rec = stored.record
        rec.directives = [d for d in rec.directives if d.number != "01-CT/TU"]
        ar.set_record(3, rec)
        assert [d.province for d in _docs(ar, "01-CT/TU")] == ["Long An"]
        nd, = _docs(ar, "24/2022/NĐ-CP")
        assert nd.citations == 2


def test_entity_commands(provinces):
    run = [sys.executable, "-m", "vnnews", "archive"]
    out = subprocess.run(run + ["documents", "--db", str(provinces), "--format", "json"], capture_output=True,
                         text=True, check=True).stdout
    docs = json.loads(out)
    assert {"id", "doc_type", "number", "issuer", "province", "citations", "first_cited", "last_cited"} <= set(docs[0])
    assert sorted((d["number"], d["province"]) for d in docs if d["number"] == "01-CT/TU") == [
        ("01-CT/TU", "Long An"), ("01-CT/TU", "Nghệ An")]
    out = subprocess.run(run + ["documents", "--db", str(provinces), "--province", "Nghệ An", "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0].startswith("id,doc_type,number,issuer") and len(out.splitlines()) == 2
    table = subprocess.run(run + ["officials", "--db", str(provinces), "--name", "Nguyễn Văn An"],
                           capture_output=True, text=True, check=True).stdout
    assert "Long An" in table and "Nghệ An" in table and "Bí thư Tỉnh ủy" in table
    for cmd in ("documents", "officials"):
        bad = subprocess.run(run + [cmd, "--db", str(provinces), "--id", str(10 ** 21)], capture_output=True, text=True)
        assert bad.returncode == 1 and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and str(10 ** 21) in bad.stderr


def test_search_is_bounded(provinces):
    with Archive(provinces, readonly=True) as ar:
        assert ar.article(10 ** 21) is None and ar.directive(2 ** 63) is None and ar.official(10 ** 30) is None
        assert ar.document(10 ** 21) is None and ar.person(-(10 ** 21)) is None
        # a prefix is expanded by the archive (bounded), and finds what FTS5 would
        assert ar.search("giải ng*").total == ar.search("giải ngân").total > 0
        assert len(ar.completions("ng")) <= Archive.MAX_COMPLETIONS
        assert ar.search("zzq*").total == 0
        ar.search("a* b* c* d* e* g* h* k* l* m* n*")  # never unbounded, never raises
        with pytest.raises(ValueError):
            ar.search("an", offset=Archive.MAX_OFFSET + 1)
        # filters resolved through the distinct issuers and speakers
        assert {r.fields["number"] for r in ar.search(None, issuer="chinh phu")} == {"24/2022/NĐ-CP"}
        assert {r.fields["verb"] for r in ar.search(None, speaker="Nguyễn Văn An")} == {"yêu cầu", "đề nghị"}
        assert ar.search("tập trung", speaker="bi thu tinh uy").total == 0
        assert ar.search("rà soát", speaker="bi thu tinh uy").total == 1


def test_browse_pages_are_newest_first_without_gaps(new_archive):
    db = new_archive
    with Archive(db) as ar:
        from vnnews.corpus.archive import article_from_record

        ar.add_many([(article_from_record(r), r) for r in realistic_records(300, seed=3)])
        whole = ar.search(None, kind="document", limit=1000)
        paged = [r.id for off in range(0, whole.total, 37) for r in ar.search(None, kind="document", limit=37,
                                                                           offset=off)]
        assert paged == [r.id for r in whole] and len(set(paged)) == whole.total
        dates = [r.article.date for r in whole]
        assert dates == sorted(dates, reverse=True)
        for query, kw in ((None, {"kind": "document"}), (None, {"province": whole[0].article.province}),
                          ("xã", {}), ("tỉnh", {"kind": "location"})):
            everything = [r.id for r in ar.search(query, limit=1000, **kw)]
            keyset, after = [], None
            while True:  # keyset paging: each page starts where the last ended
                page = ar.search(query, limit=23, after=after, **kw)
                keyset += [r.id for r in page]
                after = page.next_cursor
                if after is None:
                    break
            assert keyset[:len(everything)] == everything and len(everything) > 23, (query, kw)
            assert len(keyset) == len(everything) or len(everything) == 1000  # a page holds at most 1000
        ar.RANK_LIMIT = 0  # as if every query matched too many items to rank: newest-added first
        everything = [r.id for r in ar.search("xã", limit=1000)]
        keyset, after = [], None
        while True:
            page = ar.search("xã", limit=50, after=after)
            keyset += [r.id for r in page]
            if (after := page.next_cursor) is None:
                break
        assert keyset[:len(everything)] == everything
        del ar.RANK_LIMIT
        with pytest.raises(ValueError, match="cursor"):
            ar.search(None, after="t1.x")
        # a query past its time budget is stopped with a clear message; the archive stays usable
        ar.time_budget = 1e-9
        with pytest.raises(QueryTimeout, match="time budget"):
            ar.search("xã")
        ar.time_budget = 2.0
        assert ar.search("xã").total > 0


def test_realistic_records_are_consistent_and_varied():
    recs = list(realistic_records(400, seed=11))
    assert [r.text for r in realistic_records(5, seed=11)] == [r.text for r in recs[:5]]  # deterministic
    for r in recs:
        for o in r.officials:
            assert all(r.text[s:e] == o.name for s, e in o.mentions)
        for d in r.directives:
            if d.kind == "document":
                assert all(r.text[s:e] == d.name for s, e in d.mentions)
            else:
                assert r.text[d.span[0]:d.span[1]] == d.text
    words = [w for r in recs for w in r.text.lower().split()]
    from collections import Counter

    counts = Counter(words)
    assert len(counts) > 3000                      # a real vocabulary, not 23 articles' sentences
    top = counts.most_common(1)[0][1]
    assert top > 20 * counts.most_common(100)[-1][1]  # Zipf-like: the head is far above the 100th word
    names = Counter(o.name for r in recs for o in r.officials)
    assert names.most_common(1)[0][1] > 1          # officials recur across articles


def test_dev_archive_entities(new_archive, dev_dir):
    db = new_archive
    proc = subprocess.run([sys.executable, "-m", "vnnews", "archive", "build", str(dev_dir), "--db", str(db), "-q"],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    with Archive(db, readonly=True) as ar:
        tu, = ar.documents(number="01-CT/TU")
        assert (tu.province, tu.scope) == ("Bến Tre", "province")
        national = {d.number for d in ar.documents(province="national")}
        assert {"67/2025/NĐ-CP", "57-NQ/TW"} <= national
        person, = ar.persons(name="Phan Song Toàn")
        assert person.province == "Bến Tre"
        assert [t.title for t in person.positions] == ["Bí thư Huyện ủy"]
        assert len(ar.person(person.id).instructions) == 1


def test_document_and_official_pages(provinces):
    import urllib.error
    import urllib.request

    from websupport import LiveServer
    from vnnews.web import create_app

    def get(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")

    with Archive(provinces, readonly=True) as ar:
        long_an = [d for d in ar.documents(number="01-CT/TU") if d.province == "Long An"][0]
        directive_id = ar.document(long_an.id).citing[0].directive_id
        person = [p for p in ar.persons(name="Nguyễn Văn An") if p.province == "Long An"][0]
        official_id = ar.person(person.id).id
    with LiveServer(create_app(provinces)) as srv:
        status, html = get(f"{srv.url}/document/{long_an.id}")
        assert status == 200
        assert "Bài 1" in html and "Bài 2" in html and "Bài 3" not in html  # only the articles citing *that* document
        # the chart: every month from the first citation to the last, empty ones included
        assert "<svg" in html and "01/2023: 1" in html and "05/2024: 1" in html and "06/2023: 0" in html
        status, html = get(f"{srv.url}/directive/{directive_id}")
        assert status == 200 and f'href="/document/{long_an.id}"' in html
        status, html = get(f"{srv.url}/official/{official_id}")
        assert status == 200 and "Long An" in html and "Chủ tịch UBND tỉnh" in html and "Bí thư Tỉnh ủy" in html
        assert "rà soát Chỉ thị" in html and "Giám đốc Sở Y tế" not in html  # not the Nghệ An namesake
        for path in (f"/document/{10 ** 21}", f"/official/{10 ** 21}", f"/api/documents/{10 ** 21}", "/document/x"):
            status, body = get(srv.url + path)
            assert status == 404 and "Traceback" not in body
        status, body = get(f"{srv.url}/api/documents/{long_an.id}")
        data = json.loads(body)
        assert status == 200 and [c["article"]["title"] for c in data["citing"]] == ["Bài 1", "Bài 2"]


def test_archives_from_before_entities_get_them_on_opening(provinces):
    """An archive whose rows predate schema 3 (no documents, persons or vocabulary) is
    filled in once when opened writable."""
    import sqlite3

    if str(provinces).startswith(("postgresql://", "postgres://")):
        pytest.skip("archives from before schema 3 are SQLite files; a PostgreSQL archive starts at the current schema")
    with sqlite3.connect(provinces) as conn:
        conn.execute("UPDATE directives SET document_id = NULL, person_id = NULL")
        conn.execute("UPDATE officials SET person_id = NULL")
        for table in ("documents", "persons", "issuers", "speakers", "search_terms"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("INSERT INTO archive_meta(key, value) VALUES ('entities_pending', '1'), ('terms_pending', '1')")
    with Archive(provinces) as ar:
        assert [(d.province, d.citations) for d in _docs(ar, "01-CT/TU")] == [("Long An", 2), ("Nghệ An", 1)]
        assert sorted(p.province for p in ar.persons(name="Nguyễn Văn An")) == ["Long An", "Nghệ An"]
        assert ar.search("giải ng*").total == ar.search("giải ngân").total > 0  # the vocabulary is back
        assert {r.fields["number"] for r in ar.search(None, issuer="chinh phu")} == {"24/2022/NĐ-CP"}
    with Archive(provinces, readonly=True) as ar:
        assert ar.documents(number="24/2022/NĐ-CP")[0].citations == 2
