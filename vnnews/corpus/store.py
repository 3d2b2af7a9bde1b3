"""One small interface over the two corpus stores (JSONL file, SQLite archive), so
articles can be imported and exported between them.

A store has `add(article_or_record) -> truthy when added` and `articles()` (stream of
Article); `open_store(path)` picks the store by the file suffix.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Protocol

from ..models import Article, Record


class ArticleStore(Protocol):
    def add(self, item: Article | Record) -> object: ...

    def articles(self) -> Iterable[Article]: ...


JSONL_SUFFIXES = (".jsonl", ".ndjson")


def open_store(path: str | os.PathLike[str], *, readonly: bool = False) -> ArticleStore:
    """A `JsonlStore` for `.jsonl`/`.ndjson` paths, else an `Archive` (an SQLite file, or
    PostgreSQL for a `postgresql://` URL)."""
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        from .jsonl import JsonlStore

        return JsonlStore(path)
    from .archive import Archive

    return Archive(path, readonly=readonly)


def copy_articles(src: ArticleStore, dst: ArticleStore, *, records: bool = False) -> tuple[int, int]:
    """Copy every article of `src` into `dst`; return (added, skipped as already present).
    With `records`, copy the extracted records (from an Archive) instead of bare articles."""
    added = skipped = 0
    items: Iterable[Article | Record] = src.records() if records and hasattr(src, "records") else src.articles()  # type: ignore[attr-defined]
    for item in items:
        if isinstance(item, Article) and hasattr(dst, "add_pair"):
            ok = dst.add_pair(item, None)  # type: ignore[attr-defined]
        else:
            ok = dst.add(item)
        if ok is None or ok is False:
            skipped += 1
        else:
            added += 1
    return added, skipped
