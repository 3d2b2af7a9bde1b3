"""Typed objects returned by `Archive` reads: search results, stored articles and
directives, official profiles, archive statistics. All have `to_dict()` (JSON-ready)."""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator, Sequence

from ..models import Article, Directive, Record

KINDS = ("article", "document", "instruction", "official", "location", "figure")


@dataclass(frozen=True)
class ArticleRef:
    """The article a result comes from: enough to show and link it."""

    id: int
    title: str | None
    published: str | None      # ISO 8601 with offset, or None
    date: str | None           # YYYY-MM-DD (Vietnam time), or None
    source: str | None
    url: str | None
    province: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Snippet:
    """A short piece of text around the match. `marks` are [start, end) spans of `text`
    that matched the query (the text itself is plain, unescaped)."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def marked(self, open: str = "[", close: str = "]") -> str:
        """The text with every match wrapped in `open`...`close`."""
        out, last = [], 0
        for s, e in self.marks:
            out += [self.text[last:s], open, self.text[s:e], close]
            last = e
        out.append(self.text[last:])
        return "".join(out)

    def html(self, tag: str = "mark") -> str:
        """HTML-escaped text with matches in `<mark>` (or `tag`) elements."""
        out, last = [], 0
        for s, e in self.marks:
            out += [html.escape(self.text[last:s]), f"<{tag}>", html.escape(self.text[s:e]), f"</{tag}>"]
            last = e
        out.append(html.escape(self.text[last:]))
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "marks": [list(m) for m in self.marks], "marked": self.marked()}


@dataclass(frozen=True)
class SearchResult:
    """One hit. `kind` is article, document, instruction, official, location or figure;
    `id` is the row id in its table (articles, directives, officials, locations, figures),
    so `Archive.article(id)` / `.directive(id)` / `.official(id)` open it. `fields` are
    the record's fields (for an article: title, lead, source...); `matched` names the
    fields in which the query matched; `snippet` shows the match. `exact` is True when
    the query matched with its diacritics as typed. `duplicates` counts hits collapsed
    into this one (the same thing in syndicated copies of the article)."""

    kind: str
    id: int
    article: ArticleRef
    fields: dict[str, Any]
    matched: tuple[str, ...]
    snippet: Snippet
    exact: bool = False
    score: float = 0.0
    duplicates: int = 0
    official_id: int | None = None   # for kind 'official': the id to pass to Archive.official()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.id, "fields": self.fields, "matched": list(self.matched),
            "snippet": self.snippet.to_dict(), "exact": self.exact, "score": round(self.score, 4),
            "duplicates": self.duplicates, "article": self.article.to_dict(),
        }


@dataclass
class SearchResults(Sequence[SearchResult]):
    """A page of results (`items`) and `total`, the number of results of the whole query
    after collapsing duplicates (a lower bound when `total_exact` is False: very common
    words). Iterate it or index it like a list."""

    query: str
    items: list[SearchResult]
    total: int
    limit: int
    offset: int
    total_exact: bool = True

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):  # type: ignore[override]
        return self.items[i]

    def __iter__(self) -> Iterator[SearchResult]:
        return iter(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "total_exact": self.total_exact,
                "limit": self.limit, "offset": self.offset,
                "results": [r.to_dict() for r in self.items]}


@dataclass(frozen=True)
class StoredDirective:
    """A directive in the archive: its record (`directive`, offsets index the article
    text), where it is (`article`), and `context`, the sentence-ish text around it."""

    id: int
    directive: Directive
    article: ArticleRef
    context: Snippet

    @property
    def kind(self) -> str:
        return self.directive.kind

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.directive.to_dict(), "article": self.article.to_dict(),
                "context": self.context.to_dict()}


@dataclass
class StoredArticle:
    """An article with its extracted record. `record.text` is the body every offset
    indexes. `ids` gives the archive row id of each record item, aligned with the record's
    lists: `ids["officials"][i]` is the id of `record.officials[i]` (for `.official()`),
    `ids["directives"][i]` of `record.directives[i]` (for `.directive()`).
    `duplicates` are the other articles of its syndication cluster."""

    id: int
    article: Article
    record: Record
    ref: ArticleRef
    extracted: bool
    ids: dict[str, list[int]]
    cluster_id: int | None = None
    duplicates: list[ArticleRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article.to_dict(), "record": self.record.to_dict(),
                "extracted": self.extracted, "ids": self.ids, "cluster_id": self.cluster_id,
                "duplicates": [d.to_dict() for d in self.duplicates], "province": self.ref.province}


@dataclass(frozen=True)
class OfficialMention:
    """One article in which the official appears, with the title used there."""

    id: int                      # officials row id
    article: ArticleRef
    name: str
    title: str | None
    role: str | None
    organization: str | None
    mentions: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["article"] = self.article.to_dict()
        d["mentions"] = [list(m) for m in self.mentions]
        return d


@dataclass(frozen=True)
class TitleSpan:
    """A title an official held, with the first and last article dates it was seen."""

    title: str
    first_seen: str | None
    last_seen: str | None
    articles: int


@dataclass
class OfficialProfile:
    """Everything the archive knows about one person (a name in one province, see
    `vnnews.corpus.entities`): every appearance, oldest first (at most `Archive.MAX_APPEARANCES`),
    `titles` over time, and the person's `instructions`. `id` is the officials row asked
    for; `person_id` the person's row in `persons`."""

    id: int
    name: str
    person_key: str
    appearances: list[OfficialMention]
    titles: list[TitleSpan]
    person_id: int | None = None
    province: str | None = None
    scope: str | None = None
    articles: int = 0                       # articles mentioning the person (all, not only those listed)
    first_seen: str | None = None
    last_seen: str | None = None
    instructions: list[StoredDirective] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person_id": self.person_id, "name": self.name, "person_key": self.person_key,
                "province": self.province, "scope": self.scope, "articles": self.articles,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "appearances": [a.to_dict() for a in self.appearances],
                "titles": [asdict(t) for t in self.titles],
                "instructions": [d.to_dict() for d in self.instructions]}


@dataclass(frozen=True)
class PersonSummary:
    """One row of `Archive.persons()`: a person with the positions held over time."""

    id: int
    name: str
    province: str | None
    scope: str
    articles: int
    first_seen: str | None
    last_seen: str | None
    positions: tuple[TitleSpan, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["positions"] = [asdict(t) for t in self.positions]
        return d


@dataclass(frozen=True)
class DocumentEntity:
    """A document as an entity: type, number and issuer, scoped (`scope`: national,
    province, district, commune; `province`, `unit`), with how many articles cite it and when."""

    id: int
    doc_type: str | None
    number: str | None
    issuer: str | None
    issuer_code: str | None
    scope: str
    province: str | None
    unit: str | None
    citations: int
    first_cited: str | None
    last_cited: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentProfile:
    """A document with the articles citing it (oldest first, at most `Archive.MAX_APPEARANCES`:
    `citing`) and its citations per month (`by_month`: (YYYY-MM, articles), over all citations)."""

    document: DocumentEntity
    citing: list[Citation]
    by_month: list[tuple[str, int]]

    def to_dict(self) -> dict[str, Any]:
        return {**self.document.to_dict(), "citing": [c.to_dict() for c in self.citing],
                "by_month": [list(m) for m in self.by_month]}


@dataclass(frozen=True)
class Citation:
    """An article citing a document number, and the directive row that cites it."""

    directive_id: int
    doc_type: str | None
    number: str | None
    issuer: str | None
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["article"] = self.article.to_dict()
        return d


@dataclass
class ArchiveStats:
    """Counts over the archive."""

    path: str
    schema_version: int
    articles: int
    extracted: int
    duplicates: int              # articles collapsed into another one's cluster
    officials: int               # official mentions (one per article and person)
    people: int                  # distinct persons
    locations: int
    figures: int
    documents: int
    instructions: int
    first_date: str | None
    last_date: str | None
    sources: dict[str, int]
    provinces: dict[str, int]
    size_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
