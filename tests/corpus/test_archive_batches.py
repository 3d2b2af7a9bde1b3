"""Batches prepared apart from the archive (as build workers prepare them) store exactly
what `add_many` stores: real SQLite archives compared table by table."""
from __future__ import annotations

import pickle

import pytest

from vnnews.corpus.archive import Archive, article_from_record
from vnnews.corpus.archive.batch import prepare_batch
from vnnews.corpus.synthetic import realistic_records

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
