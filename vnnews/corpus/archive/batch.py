"""The rows of one batch of articles, built without the database: what the writer inserts.

`prepare_batch(pairs)` turns (article, record or None) pairs into the rows of every table,
numbered after `base` (the highest id of each table), the full-text rows, the documents
and persons cited, and the batch's index words. It is a pure function of its input, so a
build runs it in worker processes while the main process writes the previous batch; the
writer renumbers a batch built before it knew the ids (`PreparedBatch.numbered_from`) and
drops articles found stored meanwhile (`PreparedBatch.without`).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from ...models import VN_TZ, Article, Official, Record
from .. import entities
from ..keys import article_keys, fkey, fold_index, nfc_fast, number_key, person_key
from .rows import (article_body, extra_json, index_words, join_lines, mentions_row, note_entity,
                   record_province)

TABLES = ("articles", "officials", "locations", "figures", "directives", "search_items")
# the table a search item's `ref_id` points into, by the item's kind
REF_TABLE = {"article": "articles", "official": "officials", "location": "locations", "figure": "figures",
             "document": "directives", "instruction": "directives"}


@dataclass
class PreparedBatch:
    """The rows of a batch, ids numbered after `base`.

    `keys[i]` is the (content hash, canonical URL) of input pair i and `ids[i]` its article
    id, None when it repeats an earlier pair of the batch. Rows of `officials` end with
    their person's key and rows of `directives` with their document's and person's keys,
    which the writer replaces by the entities' ids. `docs` and `persons` map an entity key
    to its description, the set of citing article ids and the first and last dates;
    `dates` holds each article's publication date; `terms` counts the index words of the
    full-text rows (`search_terms`)."""

    base: dict[str, int]
    keys: list[tuple[str, str | None]] = field(default_factory=list)
    ids: list[int | None] = field(default_factory=list)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    fts: list[tuple[Any, ...]] = field(default_factory=list)
    docs: dict[str, list[Any]] = field(default_factory=dict)
    persons: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    dates: dict[int, str | None] = field(default_factory=dict)
    terms: Counter[str] = field(default_factory=Counter)

    def numbered_from(self, base: dict[str, int]) -> "PreparedBatch":
        """The same rows with their ids numbered after `base` instead of `self.base`."""
        d = {t: base[t] - self.base[t] for t in TABLES}
        if not any(d.values()):
            return self
        a, o, lo, fi, di, s = (d[t] for t in TABLES)
        ref = {kind: d[t] for kind, t in REF_TABLE.items()}
        r = self.rows
        rows = {
            "articles": [(x[0] + a,) + x[1:-1] + (x[-1] + a,) for x in r["articles"]],
            "officials": [(x[0] + o, x[1] + a) + x[2:] for x in r["officials"]],
            "locations": [(x[0] + lo, x[1] + a) + x[2:] for x in r["locations"]],
            "figures": [(x[0] + fi, x[1] + a) + x[2:] for x in r["figures"]],
            "directives": [(x[0] + di, x[1] + a) + x[2:] for x in r["directives"]],
            "search_items": [(x[0] + s, x[1], x[2] + ref[x[1]], x[3] + a, x[4], x[5]) for x in r["search_items"]],
        }
        return PreparedBatch(
            base=dict(base), keys=self.keys, ids=[None if i is None else i + a for i in self.ids], rows=rows,
            fts=[(x[0] + s,) + x[1:] for x in self.fts],
            docs={k: [v[0], {i + a for i in v[1]}, v[2], v[3]] for k, v in self.docs.items()},
            persons={k: v[:2] + [{i + a for i in v[2]}] + v[3:] for k, v in self.persons.items()},
            dates={i + a: day for i, day in self.dates.items()}, terms=self.terms)

    def without(self, article_ids: Iterable[int]) -> "PreparedBatch":
        """The batch without the rows of these articles (found stored after it was built),
        the rest numbered densely after `base` again, as if they had never been in it."""
        drop = set(article_ids)
        if not drop:
            return self
        r = {"articles": [x for x in self.rows["articles"] if x[0] not in drop],
             **{t: [x for x in self.rows[t] if x[1] not in drop] for t in TABLES[1:5]},
             "search_items": [x for x in self.rows["search_items"] if x[3] not in drop]}
        new = {t: {x[0]: self.base[t] + n for n, x in enumerate(r[t], 1)} for t in TABLES}
        art, item = new["articles"], new["search_items"]

        def recount(entry: list[Any], at: int) -> list[Any] | None:
            aids = entry[at] - drop
            if not aids:
                return None
            days = [self.dates[i] for i in aids if self.dates.get(i)]
            return entry[:at] + [{art[i] for i in aids}, min(days) if days else None, max(days) if days else None]

        fts = [(item[x[0]],) + x[1:] for x in self.fts if x[0] in item]
        return PreparedBatch(
            base=self.base, keys=self.keys, ids=[None if i is None or i in drop else art[i] for i in self.ids],
            rows={"articles": [(art[x[0]],) + x[1:-1] + (art[x[-1]],) for x in r["articles"]],
                  **{t: [(new[t][x[0]], art[x[1]]) + x[2:] for x in r[t]] for t in TABLES[1:5]},
                  "search_items": [(item[x[0]], x[1], new[REF_TABLE[x[1]]][x[2]], art[x[3]]) + x[4:]
                                   for x in r["search_items"]]},
            fts=fts, docs={k: e for k, v in self.docs.items() if (e := recount(v, 1)) is not None},
            persons={k: e for k, v in self.persons.items() if (e := recount(v, 2)) is not None},
            dates={art[i]: day for i, day in self.dates.items() if i not in drop},
            terms=index_words(x[2] for x in fts))


def prepare_batch(pairs: Iterable[tuple[Article, Record | None]], base: dict[str, int] | None = None) -> PreparedBatch:
    """The rows of (article, record or None) `pairs`, numbered after `base` (default: an
    empty archive). A pair whose content hash or canonical URL repeats an earlier pair's
    gets no rows (its id is None)."""
    batch = PreparedBatch(base=dict(base) if base else {t: 0 for t in TABLES})
    ids = dict(batch.base)
    rows, fts = batch.rows, batch.fts
    seen: set[str] = set()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for article, record in pairs:
        # a record's offsets index its text exactly as it is; a bare article is stored NFC
        text = record.text if record is not None else nfc_fast(article.text)
        chash, curl = article_keys(text, article.url)
        batch.keys.append((chash, curl))
        if chash in seen or (curl and curl in seen):
            batch.ids.append(None)
            continue
        seen.add(chash)
        if curl:
            seen.add(curl)
        published = article.published
        if published is None and record is not None and record.article.get("published"):
            try:
                published = Article.from_dict({"text": "", "published": record.article["published"]}).published
            except (TypeError, ValueError):
                published = None
        province = record_province(record) if record is not None else None
        pdate = published.astimezone(VN_TZ).date().isoformat() if published else None
        ids["articles"] += 1
        aid = ids["articles"]
        batch.dates[aid] = pdate
        rows["articles"].append((
            aid, article.url, curl, chash, article.source, fkey(article.source), article.title, article.lead,
            published.isoformat() if published else None, pdate,
            article.author, article.category, json.dumps(article.tags, ensure_ascii=False),
            json.dumps([i.to_dict() for i in article.images], ensure_ascii=False),
            article.fetched_at.isoformat() if article.fetched_at else None, text,
            province, fkey(province), 1 if record is not None else 0,
            record.schema if record is not None else None, now, aid))
        # the article's search item: its body is the article's own text, not stored twice
        ids["search_items"] += 1
        body = article_body(article.title, article.lead, text)
        rows["search_items"].append((ids["search_items"], "article", aid, aid, "a", None))
        fts.append((ids["search_items"], body, fold_index(body), "article"))
        if record is not None:
            record_rows(batch, aid, record, ids, (pdate, province))
        batch.ids.append(aid)
    batch.terms = index_words(f[2] for f in fts)
    return batch


def record_rows(batch: PreparedBatch, aid: int, record: Record, ids: dict[str, int],
                where: tuple[str | None, str | None]) -> None:
    """Append the rows of `record` (article `aid`, published on `where[0]`, about province
    `where[1]`) to `batch`, numbering them from `ids` (updated), and note its documents
    and persons. The hot path of bulk loading: plain loops, few calls."""
    rows, fts = batch.rows, batch.fts
    items, officials, locations, figures, directives = (rows["search_items"], rows["officials"],
                                                        rows["locations"], rows["figures"], rows["directives"])
    pdate, province = where
    docs, persons = batch.docs, batch.persons
    place = entities.article_place(record, province)
    spoken: list[tuple[str, tuple[str, str]]] = []
    sid = ids["search_items"]
    oid = ids["officials"]
    for seq, o in enumerate(record.officials):
        mjson, mstart, mend = mentions_row(o.mentions)
        oid += 1
        sid += 1
        pk = person_key(o.name)
        scope, prov = entities.person_scope(o, place)
        pkey = (pk, scope)
        note_entity(persons, pkey, aid, pdate, lambda: [o.name, prov, set(), None, None])
        spoken.append((pk, pkey))
        officials.append((oid, aid, seq, o.name, o.title, o.role, o.organization, pk, mjson,
                          mstart, mend, extra_json(o.extra) if o.extra else "{}", pkey))
        body = o.name + "\n" + o.title if o.title else o.name
        if o.organization and o.organization not in (o.title or ""):
            body += "\n" + o.organization
        items.append((sid, "official", oid, aid, pk, body))
        fts.append((sid, body, fold_index(body), "official"))
    ids["officials"] = oid
    lid = ids["locations"]
    for seq, loc in enumerate(record.locations):
        mjson, mstart, mend = mentions_row(loc.mentions)
        lid += 1
        sid += 1
        key = fkey(loc.name)
        locations.append((lid, aid, seq, loc.name, loc.level, loc.parent, key, mjson, mstart, mend,
                          extra_json(loc.extra) if loc.extra else "{}"))
        body = loc.level + " " + loc.name if loc.level else loc.name
        if loc.parent:
            body += "\n" + loc.parent
        items.append((sid, "location", lid, aid, key + "|" + (loc.level or ""), body))
        fts.append((sid, body, fold_index(body), "location"))
    ids["locations"] = lid
    fid = ids["figures"]
    for seq, f in enumerate(record.figures):
        span = f.span if f.span and len(f.span) >= 2 else (None, None)
        fid += 1
        sid += 1
        figures.append((fid, aid, seq, f.text, f.value, f.value_max, f.total, f.unit, f.quantity,
                        span[0], span[1], extra_json(f.extra) if f.extra else "{}"))
        body = f.text + "\n" + f.quantity if f.quantity else f.text
        items.append((sid, "figure", fid, aid, f"{fkey(f.text)}|{f.value}", body))
        fts.append((sid, body, fold_index(body), "figure"))
    ids["figures"] = fid
    did = ids["directives"]
    for seq, d in enumerate(record.directives):
        kind = "instruction" if d.kind == "instruction" else "document"
        if kind == "instruction":
            mjson, mstart, mend = mentions_row([d.span] if d.span and len(d.span) >= 2 else [])
        else:
            mjson, mstart, mend = mentions_row(d.mentions)
        speaker = " | ".join(x for x in (d.speaker, d.speaker_title) if x) or None
        did += 1
        sid += 1
        nkey = number_key(d.number)
        dkey = pkey = None
        if kind == "document":
            ident = entities.document_identity(d, record, province, place)
            dkey = ident.key
            note_entity(docs, dkey, aid, pdate, lambda: [ident, set(), None, None], at=1)
        elif d.speaker:
            pk = person_key(d.speaker)
            pkey = next((k for p, k in spoken if p == pk), None)
            if pkey is None:
                scope, prov = entities.person_scope(Official(name=d.speaker, title=d.speaker_title), place)
                pkey = (pk, scope)
                note_entity(persons, pkey, aid, pdate, lambda: [d.speaker, prov, set(), None, None])
                spoken.append((pk, pkey))
        directives.append((did, aid, seq, kind, d.doc_type, d.number, nkey, d.issuer, d.name, d.speaker,
                           d.speaker_title, d.verb, d.text, fkey(d.issuer), fkey(speaker), mjson,
                           mstart, mend, extra_json(d.extra) if d.extra else "{}", dkey, pkey))
        if kind == "instruction":
            body = join_lines(d.speaker, d.speaker_title, d.verb, d.text)
            dedup = (fkey(d.text) or "")[:100]
        else:
            body = join_lines(d.name, d.doc_type if d.doc_type and d.doc_type not in (d.name or "") else None,
                              d.number if d.number and d.number not in (d.name or "") else None, d.issuer)
            dedup = nkey or fkey(d.name) or fkey(body) or ""
        items.append((sid, kind, did, aid, dedup, body))
        fts.append((sid, body, fold_index(body), kind))
    ids["directives"] = did
    ids["search_items"] = sid
