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
from .keys import fold_lower


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


# -- realistic synthetic archives (no dev set needed) ------------------------------------

_FILLER_SOURCES = ("officials/stopwords.txt", "figures/stopwords.txt", "figures/quantity_heads.txt",
                   "figures/measure_nouns.txt", "officials/positions.tsv", "officials/org_heads.txt",
                   "documents/type_words.tsv", "figures/classifiers.txt")
_VERBS = ("đề nghị", "yêu cầu", "chỉ đạo", "nhấn mạnh", "lưu ý", "đề xuất", "giao")
_POSITIONS = (("Bí thư", "Tỉnh ủy"), ("Phó Bí thư", "Tỉnh ủy"), ("Chủ tịch", "UBND tỉnh"),
              ("Phó Chủ tịch", "UBND tỉnh"), ("Chủ tịch", "HĐND tỉnh"), ("Giám đốc", "Sở Y tế"),
              ("Giám đốc", "Sở Tài chính"), ("Giám đốc", "Sở Xây dựng"), ("Trưởng ban", "Ban Tuyên giáo Tỉnh ủy"),
              ("Bí thư", "Huyện ủy {d}"), ("Chủ tịch", "UBND huyện {d}"), ("Phó Chủ tịch", "UBND huyện {d}"),
              ("Bí thư", "Đảng ủy xã {c}"), ("Chủ tịch", "UBND xã {c}"))
_NATIONAL_DOCS = (("Nghị định", "{n}/{y}/NĐ-CP", "Chính phủ"), ("Nghị quyết", "{n}-NQ/TW", "Bộ Chính trị"),
                  ("Chỉ thị", "{n}-CT/TW", "Ban Bí thư"), ("Quyết định", "{n}/QĐ-TTg", "Thủ tướng Chính phủ"),
                  ("Kết luận", "{n}-KL/TW", "Bộ Chính trị"), ("Thông tư", "{n}/{y}/TT-BTC", "Bộ Tài chính"))
_LOCAL_DOCS = (("Chỉ thị", "{n}-CT/TU", "Ban Thường vụ Tỉnh ủy"), ("Nghị quyết", "{n}-NQ/TU", "Tỉnh ủy"),
               ("Kế hoạch", "{n}/KH-UBND", "UBND tỉnh"), ("Quyết định", "{n}/QĐ-UBND", "UBND tỉnh"),
               ("Chỉ thị", "{n}-CT/HU", "Huyện ủy {d}"), ("Kế hoạch", "{n}-KH/HU", "Huyện ủy {d}"))
_UNITS = (("hộ", 1, 5000), ("ha", 1, 20000), ("km", 1, 300), ("học sinh", 10, 9000), ("người", 5, 20000),
          ("tỷ đồng", 1, 3000), ("triệu đồng", 1, 900), ("căn nhà", 1, 500), ("công trình", 1, 120), ("%", 1, 100))


def _resource_lines(rel: str) -> list[str]:
    from importlib import resources

    text = (resources.files("vnnews.resources") / rel).read_text(encoding="utf-8")
    return [ln.split("\t")[0].strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


class _Zipf:
    """Draw from `items` with probability proportional to 1 / rank**s (rank 1 = first)."""

    def __init__(self, items: list[Any], s: float, rng: random.Random) -> None:
        self.items = items
        acc, total = [], 0.0
        for r in range(1, len(items) + 1):
            total += 1.0 / r ** s
            acc.append(total)
        self.cum = acc
        self.rng = rng

    def one(self) -> Any:
        return self.rng.choices(self.items, cum_weights=self.cum, k=1)[0]

    def many(self, k: int) -> list[Any]:
        return self.rng.choices(self.items, cum_weights=self.cum, k=k)


@dataclass
class _Province:
    name: str
    districts: list[tuple[str, list[str]]]          # (district name, commune names)
    people: list[tuple[str, list[tuple[str, str, int]]]] = field(default_factory=list)  # name, [(role, org, since)]
    docs: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # doc_type, number, issuer, district


def _world(rng: random.Random, people_per_province: int, docs_per_province: int, days: int
           ) -> tuple[list[_Province], list[tuple[str, str, str]], list[str]]:
    """Provinces with their districts, communes, officials and local documents; national
    documents; the vocabulary (syllables of resources and place names, in a random rank order)."""
    import gzip
    from importlib import resources

    raw = json.loads(gzip.decompress((resources.files("vnnews.resources") / "gazetteer" / "units.json.gz")
                                     .read_bytes()))["units"]
    provinces = {u[0]: u[1] for u in raw if u[2] == "tỉnh" and u[0].startswith("p") and "~" not in u[0]
                 and "^" not in u[0]}
    districts: dict[str, list[tuple[str, str]]] = {}
    communes: dict[str, list[str]] = {}
    for u in raw:
        if u[0].startswith("d") and u[2] in ("huyện", "quận", "thị xã") and u[3] in provinces and "~" not in u[0]:
            districts.setdefault(u[3], []).append((u[0], u[1]))
        elif u[0].startswith("w") and u[2] in ("xã", "phường", "thị trấn") and "~" not in u[0]:
            communes.setdefault(u[3], []).append(u[1])
    surnames = _Zipf(_resource_lines("officials/surnames.txt"), 1.3, rng)
    names = _resource_lines("corpus/given_names.txt")
    middles = _Zipf([n[2:] for n in names if n.startswith("m ")], 1.0, rng)
    givens = _Zipf([n for n in names if not n.startswith("m ")], 0.7, rng)
    out = []
    for pid, pname in sorted(provinces.items()):
        ds = [(dn, communes.get(did, []) or [dn]) for did, dn in districts.get(pid, [])] or [(pname, [pname])]
        prov = _Province(pname, ds)
        for _ in range(people_per_province):
            name = f"{surnames.one()} {middles.one()} {givens.one()}"
            career = []
            since = 0
            for _step in range(rng.randint(1, 3)):
                role, org = rng.choice(_POSITIONS)
                d, cs = rng.choice(ds)
                career.append((role, org.format(d=d, c=rng.choice(cs)), since))
                since += rng.randint(days // 6, days // 2)
            prov.people.append((name, career))
        for i in range(docs_per_province):
            doc_type, pattern, issuer = rng.choice(_LOCAL_DOCS)
            d = rng.choice(ds)[0]
            prov.docs.append((doc_type, pattern.format(n=rng.randint(1, 400), y=0), issuer.format(d=d),
                              d if "{d}" in issuer else None))
        out.append(prov)
    national = []
    for i in range(docs_per_province * 3):
        doc_type, pattern, issuer = rng.choice(_NATIONAL_DOCS)
        national.append((doc_type, pattern.format(n=rng.randint(1, 300), y=rng.randint(2015, 2026)), issuer))
    # rank: function words and lexicon words first (most frequent first), then the
    # syllables of place names by how many names use them (common Sino-Vietnamese first)
    from collections import Counter

    lexicon: Counter[str] = Counter()
    for rel in _FILLER_SOURCES:
        for ln in _resource_lines(rel):
            lexicon.update(w for w in ln.lower().split() if w.isalpha())
    places: Counter[str] = Counter()
    for u in raw:
        places.update(w for w in u[1].lower().split() if w.isalpha())
    head = [w for w, _ in lexicon.most_common()]
    seen = set(head)
    tail = [w for w, _ in places.most_common() if w not in seen]
    # interleave so that common place syllables (an, phú, tân) sit among the function words
    vocab = []
    for i in range(max(len(head), len(tail))):
        if i < len(head):
            vocab.append(head[i])
        if i < len(tail):
            vocab.append(tail[i])
    return out, national, vocab


def realistic_records(n: int, *, seed: int = 0, syndicated: float = 0.05, start: str = "2015-01-01",
                      days: int = 4000, sentences: tuple[int, int] = (10, 22), people_per_province: int = 300,
                      docs_per_province: int = 150) -> Iterator[Record]:
    """Stream `n` synthetic Records with a realistic vocabulary, made from the package's
    resources alone: filler words drawn by Zipf's law from ~10,000 syllables (resource
    lexicons and place names), officials of every province (surname, middle and given
    names drawn Zipf-like, so names recur and some are shared) with positions that change
    over time, places of the gazetteer, figures, and documents (local ones per province,
    national ones) cited with Zipf-like popularity. A share `syndicated` are copies of the
    previous article under another source a few hours later. Each Record's offsets index its text."""
    rng = random.Random(seed)
    provs, national, vocab = _world(random.Random(12345), people_per_province, docs_per_province, days)
    words = _Zipf(vocab, 1.05, rng)
    prov_pick = _Zipf(provs, 0.6, rng)
    nat_pick = _Zipf(national, 1.1, rng)
    sources = [(f"Báo {p.name}", "bao" + "".join(fold_lower(p.name).split()) + ".vn") for p in provs]
    t0 = datetime.fromisoformat(start).replace(tzinfo=VN_TZ)
    previous: Record | None = None
    for i in range(n):
        if previous is not None and rng.random() < syndicated:
            rec = previous
            previous = None
            when = datetime.fromisoformat(rec.article["published"]) + timedelta(hours=rng.randint(1, 30))
            src, host = rng.choice(sources)
            rec = Record(text=rec.text + f"\n\n(Theo {rec.article['source']})", article={**rec.article, "url": f"https://{host}/tin-{seed}-{i}.html",
                                                 "source": src, "published": when.isoformat()},
                         officials=rec.officials, locations=rec.locations, figures=rec.figures,
                         directives=rec.directives)
            yield rec
            continue
        p: _Province = prov_pick.one()
        day = rng.randrange(days)
        when = t0 + timedelta(days=day, minutes=rng.randrange(1440))
        rec = _realistic_article(rng, words, p, nat_pick, day, sentences)
        src, host = sources[provs.index(p)] if rng.random() < 0.8 else rng.choice(sources)
        title = " ".join(words.many(rng.randint(6, 12))).capitalize()
        rec.article = {"url": f"https://{host}/tin-{seed}-{i}.html", "source": src, "title": title,
                       "published": when.isoformat(), "author": None}
        previous = rec
        yield rec


def _realistic_article(rng: random.Random, words: _Zipf, p: _Province, nat_pick: _Zipf, day: int,
                       sentences: tuple[int, int]) -> Record:
    parts: list[str] = []
    pos = 0
    officials: dict[str, Official] = {}
    locations: dict[tuple[str, str], Location] = {}
    figures: list[Figure] = []
    documents: dict[str, Directive] = {}
    instructions: list[Directive] = []
    district, communes = rng.choice(p.districts)
    people = rng.sample(p.people, min(len(p.people), rng.randint(1, 4)))

    def put(piece: str, kind: str | None = None, item: Any = None) -> None:
        nonlocal pos
        start = pos
        parts.append(piece)
        pos += len(piece)
        if kind == "official":
            name, title = item
            officials.setdefault(name, Official(name=name, title=title)).mentions.append([start, pos])
        elif kind == "location":
            name, level, parent = item
            locations.setdefault((name, level), Location(name=name, level=level, parent=parent)
                                 ).mentions.append([start, pos])
        elif kind == "figure":
            figures.append(Figure(text=piece, value=item[0], unit=item[1], span=[start, pos]))
        elif kind == "document":
            doc_type, number, issuer = item
            documents.setdefault(number, Directive(kind="document", doc_type=doc_type, number=number, issuer=issuer,
                                                   name=piece)).mentions.append([start, pos])

    def filler(k: int) -> str:
        return " ".join(words.many(k))

    def title_of(person: tuple[str, list[tuple[str, str, int]]]) -> str:
        name, career = person
        held = [c for c in career if c[2] <= day] or career[:1]
        role, org, _ = held[-1]
        return f"{role} {org}"

    put("Ngày " + str(rng.randint(1, 28)) + "-" + str(rng.randint(1, 12)) + ", ")
    put("tỉnh " + p.name, "location", (p.name, "tỉnh", None))
    put(" " + filler(rng.randint(8, 20)) + ". ")
    for s in range(rng.randint(*sentences)):
        r = rng.random()
        if r < 0.22:
            person = rng.choice(people)
            title = title_of(person)
            put(filler(rng.randint(2, 8)).capitalize() + " " + title + " ")
            put(person[0], "official", (person[0], title))
            put(" " + filler(rng.randint(6, 18)) + ". ")
        elif r < 0.32:
            person = rng.choice(people)
            title = title_of(person)
            verb = rng.choice(_VERBS)
            put(title + " ")
            put(person[0], "official", (person[0], title))
            put(" " + verb + " ")
            text = filler(rng.randint(10, 30)).capitalize() + "."
            start = pos
            put(text)
            instructions.append(Directive(kind="instruction", speaker=person[0], speaker_title=title, verb=verb,
                                          text=text, span=[start, pos]))
            put(" ")
        elif r < 0.42:
            if rng.random() < 0.5:
                doc_type, number, issuer = nat_pick.one()
            else:
                doc_type, number, issuer, _d = rng.choice(p.docs[:20] if rng.random() < 0.7 else p.docs)
            put(filler(rng.randint(3, 10)).capitalize() + " theo ")
            put(f"{doc_type} số {number}", "document", (doc_type, number, issuer))
            put(" của " + issuer + " " + filler(rng.randint(4, 12)) + ". ")
        elif r < 0.60:
            commune = rng.choice(communes)
            put(filler(rng.randint(3, 10)).capitalize() + " tại xã ")
            put(commune, "location", (commune, "xã", district))
            put(", huyện ")
            put(district, "location", (district, "huyện", p.name))
            put(" " + filler(rng.randint(4, 12)) + ". ")
        elif r < 0.80:
            unit, lo, hi = rng.choice(_UNITS)
            value = rng.randint(lo, hi)
            if unit == "%":
                text = f"{value}%"
            elif rng.random() < 0.3:
                frac = rng.randint(1, 9)
                text = f"{value},{frac} {unit}"
                value = value + frac / 10
            else:
                text = f"{value:,}".replace(",", ".") + f" {unit}"
            put(filler(rng.randint(4, 12)).capitalize() + " ")
            put(text, "figure", (value, unit.split()[-1] if unit != "%" else "%"))
            put(" " + filler(rng.randint(3, 10)) + ". ")
        else:
            put(filler(rng.randint(10, 28)).capitalize() + ". ")
        if s % 4 == 3:
            parts[-1] = parts[-1].rstrip(" ") + "\n\n"
            pos = sum(len(x) for x in parts)
    text = "".join(parts).rstrip()
    return Record(text=text, article={}, officials=list(officials.values()), locations=list(locations.values()),
                  figures=figures, directives=list(documents.values()) + instructions)
