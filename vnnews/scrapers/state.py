"""Resumable crawl state: the output JSONL and a journal beside it (`<out>.state`).

The output file is the truth about what is stored: on start, a half-written last line
(a crawl killed mid-write) is cut off and the canonical URL of every stored article is
read back. The journal records, for each fetched URL, what became of it (stored as which
article, skipped and why, failed and why); it is written *before* the article line, so a
kill between the two is detected on the next start (the journal says stored, the output
lacks it) and that URL is fetched again. Hence no stored article is fetched again, none
is lost, and each is written exactly once.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from .urls import canonical


def repair_jsonl(path: Path) -> int:
    """Cut a partial last line (no trailing newline) off `path`; returns bytes removed."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) == b"\n":
            return 0
        # walk back to the last newline
        pos = size - 1
        block = 64 * 1024
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                fh.truncate(keep)
                return size - keep
            pos = start
        fh.truncate(0)
        return size


class JsonlWriter:
    """Append-only JSONL: one object per line, each line flushed as soon as it is complete."""

    def __init__(self, path: str | Path, *, fsync: bool = False) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        repair_jsonl(self.path)
        self._fh: IO[str] = self.path.open("a", encoding="utf-8")
        self.fsync = fsync

    def write(self, obj: dict[str, Any]) -> None:
        self._fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._fh.flush()
        if self.fsync:
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Complete, valid lines of a JSONL file (a broken line is skipped)."""
    out: list[dict[str, Any]] = []
    if not path.exists():
        return out
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                out.append(obj)
    return out


@dataclass
class CrawlState:
    """What a crawl writing to `out` has already done, loaded from disk."""

    out: Path
    stored: set[str] = field(default_factory=set)      # canonical URLs of stored articles
    done: set[str] = field(default_factory=set)        # canonical fetched URLs not to fetch again
    dated: dict[str, datetime] = field(default_factory=dict)  # skipped as out of range: their date
    count: int = 0                                      # articles in the output file

    @property
    def journal_path(self) -> Path:
        return self.out.with_name(self.out.name + ".state")

    @classmethod
    def load(cls, out: str | Path) -> "CrawlState":
        state = cls(Path(out))  # read_jsonl ignores a partial last line; the writers cut it off
        for obj in read_jsonl(state.out):
            state.count += 1
            if obj.get("url"):
                state.stored.add(canonical(obj["url"]))
        for entry in read_jsonl(state.journal_path):
            url, status = entry.get("u"), entry.get("s")
            if not url:
                continue
            if status == "stored":
                if entry.get("a") in state.stored:
                    state.done.add(url)
            elif status == "skipped":
                if entry.get("why") == "out of date range" and entry.get("p"):
                    try:
                        state.dated[url] = datetime.fromisoformat(entry["p"])
                    except ValueError:
                        pass
                else:
                    state.done.add(url)
            elif status == "done":
                state.done.add(url)
        return state

    def open_journal(self) -> JsonlWriter:
        return JsonlWriter(self.journal_path)
