"""The searchable archive: articles and their extracted records in SQLite, with FTS5.

    >>> from vnnews import Archive
    >>> with Archive("archive.db") as archive:
    ...     archive.add(record)                       # a Record, or an Article (extracted on add)
    ...     for hit in archive.search("dong khoi", kind="document"):
    ...         print(hit.kind, hit.fields["number"], hit.article.title, hit.snippet.marked())

Reading:

- `search(query, kind=..., issuer=..., speaker=..., province=..., source=..., since=...,
  until=..., limit=20, offset=0)` returns `SearchResults` (typed `SearchResult` items and a
  `total`). Matching ignores diacritics (`dong khoi` finds `Đồng Khởi`, `đ` folds to `d`),
  exact-diacritic matches come first, document numbers are searched as written
  (`01-CT/TU`, `24/2022/NĐ-CP`), `word*` is a prefix search, and the text is never passed to
  FTS5 as syntax, so no query raises. Syndicated copies of an article are collapsed into
  one result by default (`collapse=False` to see them all).
- `article(id)`, `directive(id)`, `official(id)`, `citing(number)`, `stats()`.
- `directives(kind=None)` (also `iter(archive)`) streams every stored directive;
  `articles()` and `records()` stream articles and records (for export).

The package, one module per concern (`Archive` combines them):

- `connection`: opening and migrating the SQLite file, the lock, transactions, one-line
  errors, running statements (`ArchiveConnection`);
- `batch`: the rows of a batch of articles, built without the database (`prepare_batch`: in
  a build's worker processes);
- `write`: storing articles and records, entities, re-extraction, duplicate links (`ArchiveWriter`);
- `search`: the search plan, query and filters to SQL (`ArchiveSearch`, `Selection`);
- `read`: stored articles, directives, persons, documents, stats (`ArchiveReader`);
- `rows`: row conversion and the small values the others share.

The schema (tables, views, offsets) is described in `vnnews/resources/corpus/schema/001_initial.sql`.
An `Archive` may be shared between threads (calls are serialised by a lock); for parallel
reads open one `Archive(path, readonly=True)` per thread. Every write is a transaction:
nothing is half-written. Failures to open or write raise `ArchiveError` with a one-line
message (locked, read-only, not an archive, schema too new).
"""
from __future__ import annotations

import importlib
import os
from typing import Any

from .connection import ArchiveConnection, ArchiveError, QueryTimeout
from .read import ArchiveReader
from .rows import article_from_record, make_snippet
from .search import ArchiveSearch, Selection, parse_cursor, tier_start
from .write import ArchiveWriter

__all__ = ["Archive", "ArchiveError", "QueryTimeout", "Selection", "article_from_record", "make_snippet",
           "parse_cursor", "tier_start"]


class Archive(ArchiveReader, ArchiveSearch, ArchiveWriter, ArchiveConnection):
    """A vnnews archive in an SQLite file (WAL mode).

    `Archive(path)` opens or creates it (and migrates an older schema);
    `Archive(path, readonly=True)` opens an existing one for reading only (SQLite
    `mode=ro`), which is safe while another process writes to it. `timeout` is how many
    seconds to wait for another writer before `ArchiveError("... locked ...")`.
    `Archive("postgresql://...")` opens an archive in PostgreSQL instead (`PgArchive`).
    """

    # other backends, by URL prefix: (module, class), imported when such a URL is opened
    BACKENDS = {"postgresql://": ("vnnews.corpus.postgres", "PgArchive"),
                "postgres://": ("vnnews.corpus.postgres", "PgArchive")}

    def __new__(cls, path: str | os.PathLike[str] = "", *args: Any, **kwargs: Any) -> "Archive":
        # a postgresql:// URL opens the PostgreSQL backend (`vnnews[scale]`), a subclass
        if cls is Archive and isinstance(path, str):
            for prefix, (module, name) in cls.BACKENDS.items():
                if path.startswith(prefix):
                    return super().__new__(getattr(importlib.import_module(module), name))
        return super().__new__(cls)

