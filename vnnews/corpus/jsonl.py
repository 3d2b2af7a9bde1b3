"""The JSONL corpus: one article per line, append-only.

Each `add` writes one complete line with a single `write` call, and a line already cut
short by a killed writer is closed off with a newline before anything is appended, so
every complete line stays readable. Reading streams the file; a line that isn't a JSON
article is reported as a `LineError` (with its line number) and skipped.
A line may also be a record (`"schema": "vnnews.record/1"`, as `vnnews extract --format
jsonl` writes): `items()` yields it as a `Record`, `__iter__` as its `Article`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..models import Article, Record
from .keys import canonical_url, content_hash


@dataclass(frozen=True)
class LineError:
    """A corpus line that could not be read."""

    path: str
    lineno: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.lineno}: {self.reason}"


def is_record(obj: Any) -> bool:
    """True when a decoded JSON line is a record (`"schema": "vnnews.record/…"`, or an
    `article` object beside the text), not a bare article."""
    return isinstance(obj, dict) and (str(obj.get("schema", "")).startswith("vnnews.record/")
                                      or isinstance(obj.get("article"), dict))


def parse_item(obj: Any) -> Article | Record:
    """An Article (crawler line) or a Record (extract line) from a decoded JSON value."""
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    if not isinstance(obj.get("text"), str):
        raise ValueError("no 'text' string")
    if not obj["text"].strip():
        raise ValueError("empty 'text'")
    if is_record(obj):
        try:
            return Record.from_dict(obj)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as e:
            raise ValueError(f"not a valid record ({type(e).__name__}: {e})") from None
    try:
        return Article.from_dict(obj)
    except (TypeError, ValueError, AttributeError) as e:
        raise ValueError(f"not a valid article ({type(e).__name__}: {e})") from None


@dataclass(frozen=True)
class JsonLine:
    """One line of a JSONL corpus, read but not parsed yet (a build parses it in a worker)."""

    text: str
    complete: bool = True  # False: the file's last line has no newline (a writer was interrupted?)


def parse_line(line: JsonLine) -> Article | Record:
    """The Article or Record on a JSONL line; ValueError says why it is neither."""
    try:
        obj = json.loads(line.text)
    except json.JSONDecodeError as e:
        raise ValueError("truncated line (a writer was interrupted?)" if not line.complete
                         else f"invalid JSON ({e.msg} at column {e.colno})") from None
    try:
        return parse_item(obj)
    except ValueError as e:
        raise ValueError(f"not an article: {e}") from None


def read_lines(path: str | os.PathLike[str], on_error: Callable[[LineError], None] | None = None
               ) -> Iterator[tuple[int, JsonLine]]:
    """Stream (line number, JsonLine) from a JSONL file, blank lines skipped; lines that
    are not UTF-8 go to `on_error`."""
    name = str(path)
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                _report(on_error, LineError(name, lineno, f"not UTF-8 (undecodable byte at column {e.start + 1})"))
                continue
            yield lineno, JsonLine(line, raw.endswith(b"\n"))


def holds_records(path: str | os.PathLike[str]) -> bool:
    """True when the first line of the JSONL file at `path` is a record (as `vnnews extract
    --format jsonl` writes), not an article to extract; False for anything unreadable."""
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                if raw.strip():
                    return is_record(json.loads(raw.decode("utf-8-sig")))
    except (OSError, ValueError):
        pass
    return False


def read_items(path: str | os.PathLike[str], on_error: Callable[[LineError], None] | None = None
               ) -> Iterator[tuple[int, Article | Record]]:
    """Stream (line number, Article or Record) from a JSONL file; bad lines go to `on_error`."""
    for lineno, line in read_lines(path, on_error):
        try:
            yield lineno, parse_line(line)
        except ValueError as e:
            _report(on_error, LineError(str(path), lineno, str(e)))


def _report(on_error: Callable[[LineError], None] | None, err: LineError) -> None:
    if on_error is not None:
        on_error(err)


class JsonlStore:
    """An append-only JSONL file of articles. `add` skips an article whose canonical URL
    or body is already in the file. Bad lines met while reading are kept in `errors`."""

    def __init__(self, path: str | os.PathLike[str], *, fsync: bool = False) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self.errors: list[LineError] = []
        self._urls: set[str] | None = None
        self._hashes: set[str] = set()

    def items(self) -> Iterator[Article | Record]:
        """Stream every readable line as an Article or a Record."""
        if not self.path.exists():
            return
        self.errors = []
        for _lineno, item in read_items(self.path, self.errors.append):
            yield item

    def articles(self) -> Iterator[Article]:
        """Stream every readable line as an Article (records give their article)."""
        from .archive import article_from_record

        for item in self.items():
            yield article_from_record(item) if isinstance(item, Record) else item

    __iter__ = articles

    def _load_keys(self) -> None:
        self._urls = set()
        self._hashes = set()
        for a in self.articles():
            self._remember(a)

    def _remember(self, article: Article) -> None:
        assert self._urls is not None
        url = canonical_url(article.url)
        if url:
            self._urls.add(url)
        self._hashes.add(content_hash(article.text))

    def contains(self, article: Article) -> bool:
        """True when the file holds an article with the same canonical URL or body."""
        if self._urls is None:
            self._load_keys()
        assert self._urls is not None
        url = canonical_url(article.url)
        return (url is not None and url in self._urls) or content_hash(article.text) in self._hashes

    def add(self, item: Article | Record) -> bool:
        """Append one article (a Record is written as a record line); False if already present."""
        from .archive import article_from_record

        article = article_from_record(item) if isinstance(item, Record) else item
        if self.contains(article):
            return False
        line = json.dumps(item.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
        self._append(line.encode("utf-8"))
        self._remember(article)
        return True

    def _append(self, data: bytes) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size:
                with open(self.path, "rb") as fh:
                    fh.seek(size - 1)
                    if fh.read(1) != b"\n":  # a previous writer was cut off: close its line
                        data = b"\n" + data
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            if self.fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
