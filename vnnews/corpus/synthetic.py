"""Synthetic archives made from an annotated article set (NNN.txt + NNN.gold.json, the
layout of the shared dev set), for benchmarks and tests.

`gold_record(txt)` turns one annotated article into a Record, locating every annotated
item in the text to give it offsets (items not found verbatim are left out).
`synthetic_records(folder, n)` streams `n` new articles composed of the set's real
sentences, each with the records of the sentences it contains; a share of them are
syndicated copies (the same sentences under another source, a day later, one sentence
dropped), so duplicate detection has something to find.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from ..inputs import read_input
from ..models import VN_TZ, Directive, Figure, Location, Official, Record


def _find_all(text: str, needle: str | None) -> list[list[int]]:
    if not needle:
        return []
    out, start = [], 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            return out
        out.append([i, i + len(needle)])
        start = i + len(needle)


def gold_record(txt: str | Path) -> Record:
    """The annotated article `txt` (with `<stem>.gold.json` beside it) as a Record with offsets."""
    txt = Path(txt)
    article = read_input(str(txt))
    gold = json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))
    text = article.text
    rec = Record(text=text, article=article.meta(), input=str(txt))
    for o in gold.get("officials", []):
        m = _find_all(text, o["name"])
        if m:
            rec.officials.append(Official(name=o["name"], title=o.get("title"), mentions=m))
    for loc in gold.get("locations", []):
        m = _find_all(text, loc["name"])
        if m:
            rec.locations.append(Location(name=loc["name"], level=loc.get("level"), mentions=m))
    for f in gold.get("figures", []):
        m = _find_all(text, f.get("text"))
        if m:
            rec.figures.append(Figure(text=f["text"], value=f.get("value"), value_max=f.get("value_max"),
                                      total=f.get("total"), unit=f.get("unit"), span=m[0]))
    for d in gold.get("documents", []):
        m = _find_all(text, d.get("name")) or _find_all(text, d.get("number"))
        if m:
            rec.directives.append(Directive(kind="document", doc_type=d.get("doc_type"), number=d.get("number"),
                                            issuer=d.get("issuer"), name=d.get("name"), mentions=m))
    for d in gold.get("instructions", []):
        m = _find_all(text, d.get("text"))
        if m:
            rec.directives.append(Directive(kind="instruction", speaker=d.get("speaker"),
                                            speaker_title=d.get("speaker_title"), verb=d.get("verb"),
                                            text=d["text"], span=m[0]))
    return rec


@dataclass
class _Sentence:
    text: str
    items: list[tuple[str, Any, int, int]] = field(default_factory=list)  # (kind, record item, start, end)


_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])|\n+")


def _sentences(rec: Record) -> list[_Sentence]:
    text = rec.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    items: list[tuple[str, Any, int, int]] = []
    for o in rec.officials:
        items += [("official", o, s, e) for s, e in o.mentions]
    for loc in rec.locations:
        items += [("location", loc, s, e) for s, e in loc.mentions]
    for f in rec.figures:
        items.append(("figure", f, f.span[0], f.span[1]))
    for d in rec.directives:
        if d.kind == "document":
            items += [("document", d, s, e) for s, e in d.mentions]
        elif d.span:
            items.append(("instruction", d, d.span[0], d.span[1]))
    out = []
    for s, e in spans:
        if not text[s:e].strip():
            continue
        sent = _Sentence(text[s:e])
        for kind, item, a, b in items:
            if s <= a and b <= e:
                sent.items.append((kind, item, a - s, b - s))
        out.append(sent)
    return out


def _compose(sents: list[_Sentence], meta: dict[str, Any]) -> Record:
    parts: list[str] = []
    pos = 0
    officials: dict[str, Official] = {}
    locations: dict[tuple[str, str | None], Location] = {}
    documents: dict[str, Directive] = {}
    figures: list[Figure] = []
    instructions: list[Directive] = []
    for sent in sents:
        for kind, item, a, b in sent.items:
            span = [pos + a, pos + b]
            if kind == "official":
                officials.setdefault(item.name, Official(name=item.name, title=item.title)).mentions.append(span)
            elif kind == "location":
                locations.setdefault((item.name, item.level), Location(name=item.name, level=item.level)
                                     ).mentions.append(span)
            elif kind == "figure":
                figures.append(Figure(text=item.text, value=item.value, value_max=item.value_max, total=item.total,
                                      unit=item.unit, span=span))
            elif kind == "document":
                documents.setdefault(item.number or item.name or "", Directive(
                    kind="document", doc_type=item.doc_type, number=item.number, issuer=item.issuer,
                    name=item.name)).mentions.append(span)
            else:
                instructions.append(Directive(kind="instruction", speaker=item.speaker,
                                              speaker_title=item.speaker_title, verb=item.verb, text=item.text,
                                              span=span))
        parts.append(sent.text)
        pos += len(sent.text) + 2
    text = "\n\n".join(parts)
    return Record(text=text, article=meta, officials=list(officials.values()), locations=list(locations.values()),
                  figures=figures, directives=list(documents.values()) + instructions)


def synthetic_records(folder: str | Path, n: int, *, seed: int = 0, sentences: tuple[int, int] = (8, 20),
                      syndicated: float = 0.05, start: str = "2017-01-01", days: int = 3650) -> Iterator[Record]:
    """Stream `n` synthetic Records built from the annotated articles in `folder`."""
    rng = random.Random(seed)
    golds = [gold_record(p) for p in sorted(Path(folder).glob("*.txt"))
             if p.with_name(p.stem + ".gold.json").exists()]
    if not golds:
        raise ValueError(f"{folder}: no annotated articles (NNN.txt with NNN.gold.json)")
    pool = [s for g in golds for s in _sentences(g)]
    titles = [g.article.get("title") or g.text[:80] for g in golds]
    sources = ["Báo Đồng Khởi", "Báo Cần Thơ", "Báo Bình Định", "Cổng TTĐT tỉnh Bình Định", "Báo Lào Cai",
               "Báo Long An", "Báo Đồng Tháp", "Báo An Giang", "Báo Nghệ An", "Báo Tiền Giang"]
    hosts = ["baodongkhoi.vn", "baocantho.com.vn", "baobinhdinh.vn", "binhdinh.gov.vn", "baolaocai.vn",
             "baolongan.vn", "baodongthap.vn", "baoangiang.com.vn", "baonghean.vn", "baoapbac.vn"]
    t0 = datetime.fromisoformat(start).replace(tzinfo=VN_TZ)
    previous: tuple[list[_Sentence], datetime, str] | None = None
    for i in range(n):
        if previous is not None and rng.random() < syndicated:
            sents, when, title = previous
            sents = list(sents)
            if len(sents) > 3:
                del sents[rng.randrange(1, len(sents))]
            when = when + timedelta(hours=rng.randint(1, 30))
            previous = None
        else:
            k = rng.randint(*sentences)
            sents = rng.sample(pool, min(k, len(pool)))
            when = t0 + timedelta(days=rng.randrange(days), minutes=rng.randrange(1440))
            title = f"{rng.choice(titles)} ({i})"
            previous = (sents, when, title)
        s = rng.randrange(len(sources))
        meta = {"url": f"https://{hosts[s]}/synthetic-{seed}-{i}.html", "source": sources[s], "title": title,
                "published": when.isoformat(), "author": None}
        yield _compose(sents, meta)
