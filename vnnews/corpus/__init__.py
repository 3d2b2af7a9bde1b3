"""Where articles and their records live: the JSONL corpus store and the SQLite archive.

- `Archive` (`vnnews.corpus.archive`): the searchable SQLite archive.
- `JsonlStore` (`vnnews.corpus.jsonl`): the append-only JSONL corpus.
- `open_store`, `copy_articles` (`vnnews.corpus.store`): one interface over both, for
  import and export.
"""
from __future__ import annotations

from .archive import Archive, ArchiveError
from .jsonl import JsonlStore, LineError
from .store import copy_articles, open_store

__all__ = ["Archive", "ArchiveError", "JsonlStore", "LineError", "copy_articles", "open_store"]
