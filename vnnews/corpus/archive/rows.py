"""Row conversion: archive rows to typed objects (articles, records, directives,
citations, snippets) and the small values the writer and the search plan share.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date, datetime
from typing import Any, Iterable, Sequence

from ...models import VN_TZ, Article, Directive, Figure, Image, Record
from ..keys import fkey
from ..results import KINDS, ArticleRef, DocumentEntity, Snippet, StoredDirective, TitleSpan


# provinces-level units that are written "thành phố": the centrally-run cities
CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
DIRECTIVE_KINDS = ("document", "instruction")
# kinds of record items with a full-text index of their own (`search_fts_<kind>`, schema 7)
RECORD_KINDS = ("official", "location", "figure", "document", "instruction")

ARTICLE_SELECT = "SELECT * FROM articles"
INDEX_WORD = re.compile(r"[a-z0-9]+")  # the words of a folded body, as the unicode61 tokenizer splits them
# every ASCII character that is not an index word's (a folded body is ASCII) -> a space
_NON_WORD = str.maketrans({chr(c): " " for c in range(128) if not ("a" <= chr(c) <= "z" or "0" <= chr(c) <= "9")})
ARTICLE_COLS = ("id", "title", "published", "published_date", "source", "url", "province")
ARTICLE_COLS_AS = ", ".join(f"a.{c} AS a_{c}" for c in ARTICLE_COLS) + ", a.text AS a_text"



def bounded(n: int) -> int:
    """A limit or offset as SQLite takes it: 0 .. 2**62."""
    return max(0, min(int(n), 2 ** 62))


def title_spans(items: Iterable[tuple[str | None, str | None, int]]) -> list[TitleSpan]:
    """(title, date, article id) triples -> each title with its first and last date and article count."""
    spans: dict[str, list[Any]] = {}
    for title, d, aid in items:
        if not title:
            continue
        s = spans.setdefault(title, [d, d, set()])
        if d and (s[0] is None or d < s[0]):
            s[0] = d
        if d and (s[1] is None or d > s[1]):
            s[1] = d
        s[2].add(aid)
    return sorted((TitleSpan(t, v[0], v[1], len(v[2])) for t, v in spans.items()),
                  key=lambda t: (t.first_seen or "9999", t.title))


def document_entity(r: sqlite3.Row) -> DocumentEntity:
    """A `documents` row as a DocumentEntity."""
    return DocumentEntity(id=r["id"], doc_type=r["doc_type"], number=r["number"], issuer=r["issuer"],
                          issuer_code=r["issuer_code"], scope=r["scope"], province=r["province"], unit=r["unit"],
                          citations=r["citations"], first_cited=r["first_cited"], last_cited=r["last_cited"])


def article_from_record(record: Record) -> Article:
    """The Article described by a record's `article` object and its text."""
    meta = dict(record.article or {})
    meta["text"] = record.text
    try:
        return Article.from_dict(meta)
    except (TypeError, ValueError):
        return Article(text=record.text, title=meta.get("title"), url=meta.get("url"), source=meta.get("source"))


def article_ref(r: sqlite3.Row, prefix: str = "") -> ArticleRef:
    """An article row (columns named `prefix` + name) as an ArticleRef."""
    return ArticleRef(id=r[prefix + "id"], title=r[prefix + "title"], published=r[prefix + "published"],
                      date=r[prefix + "published_date"], source=r[prefix + "source"], url=r[prefix + "url"],
                      province=r[prefix + "province"])


def article_of_row(a: sqlite3.Row) -> Article:
    """An `articles` row as the Article it stores."""
    return Article(
        text=a["text"], title=a["title"], url=a["url"], source=a["source"], lead=a["lead"],
        published=datetime.fromisoformat(a["published"]) if a["published"] else None,
        author=a["author"], category=a["category"], tags=json.loads(a["tags"] or "[]"),
        images=[Image.from_dict(i) for i in json.loads(a["images"] or "[]")],
        fetched_at=datetime.fromisoformat(a["fetched_at"]) if a["fetched_at"] else None)


def fields_of(kind: str, r: sqlite3.Row) -> dict[str, Any]:
    """The public fields of a record row of `kind` (`{'name': ..., 'title': ...}` for an official)."""
    if kind == "official":
        return {"name": r["name"], "title": r["title"], "role": r["role"], "organization": r["organization"]}
    if kind == "location":
        return {"name": r["name"], "level": r["level"], "parent": r["parent"]}
    if kind == "figure":
        return {"text": r["text"], "value": r["value"], "value_max": r["value_max"], "total": r["total"],
                "unit": r["unit"], "quantity": r["quantity"]}
    if r["kind"] == "instruction":
        return {"speaker": r["speaker"], "speaker_title": r["speaker_title"], "verb": r["verb"], "text": r["text"]}
    return {"doc_type": r["doc_type"], "number": r["number"], "issuer": r["issuer"], "name": r["name"]}


def figure_of(r: sqlite3.Row) -> Figure:
    """A `figures` row as a Figure."""
    f = Figure(text=r["text"], value=r["value"], value_max=r["value_max"], total=r["total"], unit=r["unit"],
               quantity=r["quantity"], span=[r["start"], r["end"]] if r["start"] is not None else [0, 0])
    f.extra = json.loads(r["extra"])
    return f


def directive_of(r: sqlite3.Row) -> Directive:
    """A `directives` row as a Directive (a document or an instruction)."""
    d = Directive(kind=r["kind"], extra=json.loads(r["extra"]))
    if r["kind"] == "instruction":
        d.speaker, d.speaker_title, d.verb, d.text = r["speaker"], r["speaker_title"], r["verb"], r["text"]
        d.span = [r["start"], r["end"]] if r["start"] is not None else None
    else:
        d.doc_type, d.number, d.issuer, d.name = r["doc_type"], r["number"], r["issuer"], r["name"]
        d.mentions = json.loads(r["mentions"])
    return d


def stored_directive_of(r: sqlite3.Row) -> StoredDirective:
    """A directive row joined to its article (`a_` columns) as a StoredDirective with its context."""
    text = r["a_text"] or ""
    start, end = r["start"], r["end"]
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        context = Snippet((r["text"] or r["name"] or r["number"] or "")[:300])
    else:
        context = make_snippet(text, [(start, end)], width=max(240, min(600, end - start + 160)))
    return StoredDirective(id=r["id"], directive=directive_of(r), article=article_ref(r, prefix="a_"), context=context)


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = 200, anchor: int = 0) -> Snippet:
    """About `width` characters of `text` around `spans[anchor]` (default the first span),
    cut at spaces, with the spans inside it marked; `…` shows where text was cut."""
    if not text:
        return Snippet("")
    if not spans:
        cut = text[:width]
        if len(text) > width:
            cut = cut.rsplit(" ", 1)[0] + "…"
        return Snippet(" ".join(cut.split()) if "\n" in cut else cut)
    s0, e0 = spans[anchor]
    start = max(0, s0 - width // 3)
    if start > 0:
        sp = text.rfind(" ", max(0, start - 20), start + 1)
        start = sp + 1 if sp >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", max(e0, end - 30), end)
        end = sp if sp > e0 else end
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    marks = tuple((s - start + len(prefix), min(e, end) - start + len(prefix)) for s, e in spans
                  if s >= start and s < end)
    # newlines become spaces (same length, so marks stay valid)
    piece = piece.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return Snippet(prefix + piece + suffix, marks)


def snippet_field(kind: str, fields: dict[str, str], matched: tuple[str, ...]) -> str:
    """The field a result's snippet shows: the first matched of the kind's preferred fields."""
    preferred = {"article": ["text", "lead", "title"], "instruction": ["text", "speaker", "speaker_title"],
                 "document": ["name", "number", "doc_type", "issuer"], "official": ["name", "title", "organization"],
                 "location": ["name", "parent", "level"], "figure": ["text", "quantity"]}[kind]
    for k in preferred:
        if k in matched:
            return k
    return preferred[0]


def note_entity(table: dict[Any, list[Any]], key: Any, aid: int, day: str | None, make: Any, at: int = 2) -> None:
    """Count article `aid` (published `day`) for entity `key` of a batch: its entry holds
    the set of citing articles at `at`, then the first and last dates."""
    entry = table.get(key)
    if entry is None:
        entry = table[key] = make()
    entry[at].add(aid)
    if day:
        if entry[at + 1] is None or day < entry[at + 1]:
            entry[at + 1] = day
        if entry[at + 2] is None or day > entry[at + 2]:
            entry[at + 2] = day


def issuer_name(code: str | None) -> str | None:
    """The body an issuer code stands for (`TU` -> `Tỉnh ủy`), from the document-number grammar."""
    if not code:
        return None
    from ...nlp.documents import parse_number

    try:
        parsed = parse_number(f"1-CT/{code}") or parse_number(f"1/QĐ-{code}")
    except Exception:  # noqa: BLE001
        return None
    return parsed.issuer if parsed is not None else None


def index_words(folded: Iterable[str]) -> Counter[str]:
    """How often each index word occurs in these folded bodies (as `INDEX_WORD` splits
    them): `index_words(["dong khoi 2m2", "dong"])` -> `Counter({'dong': 2, 'khoi': 1, '2m2': 1})`.
    One translate and split over the lot: no call per body."""
    return Counter("\n".join(folded).translate(_NON_WORD).split())


def mention_list(mentions: Iterable[Any]) -> list[list[int]]:
    """Mentions as `[[start, end], ...]` of ints (`[(3, 7)]` -> `[[3, 7]]`)."""
    if not mentions:
        return []
    try:  # the usual shape: pairs
        return [[int(a), int(b)] for a, b in mentions]
    except (TypeError, ValueError):
        return [[int(m[0]), int(m[1])] for m in mentions if m is not None and len(m) >= 2]


_PAIRS_JSON = re.compile(r"\[\[\d+,\d+\](?:,\[\d+,\d+\])*\]")


def mentions_row(mentions: Any) -> tuple[str, int | None, int | None]:
    """Mentions as stored: compact JSON and the first mention's start and end
    (`[[3, 7], [9, 12]]` -> `('[[3,7],[9,12]]', 3, 7)`; `[]` -> `('[]', None, None)`).
    The same as `dump_mentions(mention_list(...))`; when the mentions already are a list
    of `[int, int]` pairs (records read from JSON) their repr is the JSON, so no pair is
    rebuilt."""
    if not mentions:
        return "[]", None, None
    if type(mentions) is list:
        s = str(mentions).replace(" ", "")
        if _PAIRS_JSON.fullmatch(s):
            first = mentions[0]
            return s, int(first[0]), int(first[1])
    m = mention_list(mentions)
    return dump_mentions(m), (m[0][0] if m else None), (m[0][1] if m else None)


def extra_json(extra: dict[str, Any] | None) -> str:
    """A record's `extra` dict as JSON (`{}` when empty)."""
    return json.dumps(extra, ensure_ascii=False, default=str) if extra else "{}"


def dump_mentions(mentions: list[list[int]]) -> str:
    """Mentions as compact JSON: `[[3, 7]]` -> `'[[3,7]]'`."""
    return str(mentions).replace(" ", "")  # a list of [int, int] lists: its repr is JSON


def join_lines(*parts: str | None) -> str:
    """The non-empty parts, one a line: `join_lines('a', None, 'b')` -> `'a\\nb'`."""
    return "\n".join(p for p in parts if p)


def article_body(title: str | None, lead: str | None, text: str) -> str:
    """An article's indexed body: title, the lead unless the text repeats it, the text."""
    return join_lines(title, lead if lead and lead not in text else None, text)


def like_pattern(value: str) -> str:
    """A diacritic-free substring pattern for LIKE (`Bến Tre` -> `'%ben tre%'`, `%`/`_` escaped)."""
    v = fkey(value) or ""
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def province_key(value: str) -> str | None:
    """A province as its folded key, without `tỉnh`/`thành phố`: `Tỉnh Bến Tre` -> `'ben tre'`."""
    k = fkey(value) or ""
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if k.startswith(prefix):
            k = k[len(prefix):]
    return k


def iso_day(value: str | date) -> str:
    """A date, datetime or date string as `YYYY-MM-DD`; ValueError naming a value that is no date."""
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).date().isoformat() if value.tzinfo else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    from ...inputs import parse_date

    parsed = parse_date(str(value))
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed.date().isoformat()


def kinds_of(kind: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """The search kinds asked for (`directive` = document and instruction); ValueError for an unknown one."""
    if kind is None:
        return None
    wanted = [kind] if isinstance(kind, str) else list(kind)
    out: list[str] = []
    for k in wanted:
        k = k.strip().lower()
        if k in ("directive", "directives"):
            out += list(DIRECTIVE_KINDS)
        elif k.rstrip("s") in KINDS:
            out.append(k.rstrip("s"))
        else:
            raise ValueError(f"unknown kind {k!r}; use one of {', '.join(KINDS)} or directive")
    return tuple(dict.fromkeys(out))


def record_province(record: Record) -> str | None:
    """The province an article is mostly about: the most-mentioned province-level unit."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for loc in record.locations:
        key = fkey(loc.name) or ""
        if loc.level == "tỉnh" or (loc.level == "thành phố" and key in CENTRAL_CITIES and not loc.parent):
            counts[key] += max(1, len(loc.mentions))
            names.setdefault(key, loc.name)
    if not counts:
        return None
    return names[counts.most_common(1)[0][0]]
