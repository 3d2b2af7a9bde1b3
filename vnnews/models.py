"""The data model: an `Article` from a news site and the `Record` extracted from it.

Field names and JSON shapes follow the output contract (shared spec, section 2).
Every dataclass has `to_dict()` and `from_dict()` that round-trip through JSON.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .dates import VN_TZ

SCHEMA = "vnnews.record/1"

Offsets = list[int]  # [start, end)


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    dt = datetime.fromisoformat(str(value))
    return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class _Dict:
    """to_dict/from_dict for flat dataclasses; unknown keys land in `extra`."""

    _lists: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.name in self._lists:
                value = [list(v) for v in value]
            out[f.name] = value
        out.update(getattr(self, "extra", {}) or {})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = _field_names(cls)
        known = {k: data[k] for k in names if k in data and k != "extra"}
        for k in cls._lists:
            if k in known and known[k] is not None:
                known[k] = [list(v) for v in known[k]]
        obj = cls(**known)
        if "extra" in names:
            obj.extra = {k: v for k, v in data.items() if k not in names} if len(known) < len(data) else {}  # type: ignore[attr-defined]
        return obj


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    """The field names of a dataclass (read once per class: `from_dict` is on the bulk-loading path)."""
    return frozenset(f.name for f in dataclasses.fields(cls))


@dataclass
class Image(_Dict):
    url: str | None  # None: a caption whose photo has no usable address (a script-loaded image)
    caption: str | None = None


@dataclass
class Article:
    """One news article. `text` is the body: paragraphs separated by blank lines."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    lead: str | None = None
    published: datetime | None = None
    author: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    fetched_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["published"] = _iso(self.published)
        d["fetched_at"] = _iso(self.fetched_at)
        d["images"] = [i.to_dict() for i in self.images]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        names = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in data.items() if k in names}
        if "text" not in kw:
            raise ValueError("an article needs a 'text' field")
        kw["published"] = _as_datetime(kw.get("published"))
        kw["fetched_at"] = _as_datetime(kw.get("fetched_at"))
        kw["images"] = [i if isinstance(i, Image) else Image.from_dict(i) for i in kw.get("images") or []]
        kw["tags"] = list(kw.get("tags") or [])
        return cls(**kw)

    def meta(self) -> dict[str, Any]:
        """The `article` object of a record."""
        return {"url": self.url, "source": self.source, "title": self.title,
                "published": _iso(self.published), "author": self.author}


@dataclass
class Official(_Dict):
    name: str
    title: str | None = None
    role: str | None = None
    organization: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _lists: ClassVar[tuple[str, ...]] = ("mentions",)


@dataclass
class Location(_Dict):
    name: str
    level: str | None = None
    parent: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _lists: ClassVar[tuple[str, ...]] = ("mentions",)


@dataclass
class Figure(_Dict):
    text: str
    value: float | None
    value_max: float | None = None
    total: float | None = None
    unit: str | None = None
    quantity: str | None = None
    span: Offsets = field(default_factory=lambda: [0, 0])
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["span"] = list(self.span)
        return d


@dataclass
class Directive(_Dict):
    """A document reference (kind `document`) or an instruction (kind `instruction`)."""

    kind: str
    # kind == "document"
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    name: str | None = None
    mentions: list[Offsets] = field(default_factory=list)
    # kind == "instruction"
    speaker: str | None = None
    speaker_title: str | None = None
    verb: str | None = None
    text: str | None = None
    span: Offsets | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    DOCUMENT_FIELDS: ClassVar[tuple[str, ...]] = ("kind", "doc_type", "number", "issuer", "name", "mentions")
    INSTRUCTION_FIELDS: ClassVar[tuple[str, ...]] = ("kind", "speaker", "speaker_title", "verb", "text", "span")

    def to_dict(self) -> dict[str, Any]:
        keys = self.DOCUMENT_FIELDS if self.kind == "document" else self.INSTRUCTION_FIELDS
        d: dict[str, Any] = {k: getattr(self, k) for k in keys}
        if "mentions" in d:
            d["mentions"] = [list(m) for m in self.mentions]
        if d.get("span") is not None:
            d["span"] = list(self.span or [])
        d.update(self.extra)
        return d


@dataclass
class Record:
    """Everything extracted from one article; offsets index `text`."""

    text: str
    article: dict[str, Any] = field(default_factory=dict)
    input: str | None = None
    officials: list[Official] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    schema: str = SCHEMA
    explain: list[Any] | None = None   # rule decisions (`vnnews.nlp.rules.Decision`) when asked for

    @property
    def documents(self) -> list[Directive]:
        return [d for d in self.directives if d.kind == "document"]

    @property
    def instructions(self) -> list[Directive]:
        return [d for d in self.directives if d.kind == "instruction"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "input": self.input,
            "article": dict(self.article),
            "text": self.text,
            "officials": [o.to_dict() for o in self.officials],
            "locations": [x.to_dict() for x in self.locations],
            "figures": [x.to_dict() for x in self.figures],
            "directives": [x.to_dict() for x in self.directives],
            **({"explain": [d.to_dict() for d in self.explain]} if self.explain is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return cls(
            schema=data.get("schema", SCHEMA),
            input=data.get("input"),
            article=dict(data.get("article") or {}),
            text=data["text"],
            officials=[Official.from_dict(x) for x in data.get("officials") or []],
            locations=[Location.from_dict(x) for x in data.get("locations") or []],
            figures=[Figure.from_dict(x) for x in data.get("figures") or []],
            directives=[Directive.from_dict(x) for x in data.get("directives") or []],
        )


__all__ = ["Article", "Image", "Record", "Official", "Location", "Figure", "Directive", "SCHEMA", "VN_TZ"]
