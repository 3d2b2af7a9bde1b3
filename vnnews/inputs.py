"""Read an article from a path given on the command line: .txt, .json, .html or `-`.

Every failure raises `InputError` whose message names the input and says what is wrong
in one line.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Callable

from .dates import parse_date
from .models import Article

HEADER_KEYS = {"URL": "url", "TITLE": "title", "DATE": "published", "SOURCE": "source"}
_HEADER_LINE = re.compile(r"^(URL|TITLE|DATE|SOURCE):\s?(.*)$")


class InputError(Exception):
    """A bad input: the message names it."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def parse_txt(content: str) -> Article:
    """A plain-text article, with the optional `KEY: value` header ended by `---`."""
    lines = content.splitlines(keepends=True)
    meta: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped == "---" and meta:
            body_start = i + 1
            break
        m = _HEADER_LINE.match(stripped)
        if not m:
            meta = {}
            break
        meta[HEADER_KEYS[m.group(1)]] = m.group(2).strip()
    else:
        meta, body_start = {}, 0
    text = "".join(lines[body_start:]) if meta else content
    url = meta.get("url")
    if url and not re.match(r"https?://", url):
        url = None
    return Article(
        text=text.strip("\n"),
        title=meta.get("title") or None,
        url=url.split()[0] if url else None,
        source=meta.get("source") or None,
        published=parse_date(meta.get("published")),
    )


ERRORS = ("strict", "replace")  # what to do with bytes that are not UTF-8 (`--errors`)


def _decode(name: str, data: bytes, errors: str = "strict",
            on_notice: Callable[[str], None] | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError as e:
        if errors != "replace":
            raise InputError(name, f"not UTF-8 text (undecodable byte at position {e.start}; "
                                   "--errors replace keeps the rest)") from None
    text = data.decode("utf-8", errors="replace")
    if on_notice is not None:
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        on_notice(f"{name}: {bad} undecodable byte sequence{'s' if bad != 1 else ''} replaced with U+FFFD")
    return unicodedata.normalize("NFC", text)


def article_from_bytes(name: str, data: bytes, kind: str, *, errors: str = "strict",
                       max_bytes: int | None = None, on_notice: Callable[[str], None] | None = None) -> Article:
    """Parse the bytes of an input of kind `txt`, `json` or `html`.

    `errors="replace"` keeps a text with undecodable bytes (each becomes U+FFFD, and
    `on_notice` is told how many); `max_bytes` limits an HTML page (default: the scrapers' 10 MB).
    """
    if kind == "html":
        from .scrapers import MAX_PAGE_BYTES, parse_html
        from .scrapers.errors import ParseError

        try:
            article = parse_html(data, url=None, max_bytes=max_bytes or MAX_PAGE_BYTES)
        except ParseError as e:
            raise InputError(name, str(e)) from None
    elif kind == "json":
        text = _decode(name, data, errors, on_notice)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(name, f"invalid JSON ({e.msg} at line {e.lineno})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(name, "JSON is not an article (an object with a 'text' string)")
        try:
            article = Article.from_dict(obj)
        except (TypeError, ValueError) as e:
            raise InputError(name, f"JSON is not an article ({e})") from None
    else:
        text = _decode(name, data, errors, on_notice)
        if "\x00" in text:
            raise InputError(name, "binary file, not text")
        article = parse_txt(text)
    if not article.text or not article.text.strip():
        raise InputError(name, "empty text: no article body")
    return article


def read_input(name: str, *, errors: str = "strict", max_bytes: int | None = None,
               on_notice: Callable[[str], None] | None = None) -> Article:
    """Read one article from a path (or `-` for stdin); see `article_from_bytes` for the options."""
    options = dict(errors=errors, max_bytes=max_bytes, on_notice=on_notice)
    if name == "-":
        data = sys.stdin.buffer.read()
        head = data.lstrip()[:1]
        kind = "json" if head == b"{" else "html" if head == b"<" else "txt"
        return article_from_bytes("-", data, kind, **options)
    path = Path(name)
    if not path.exists():
        raise InputError(name, "no such file")
    if path.is_dir():
        raise InputError(name, "is a directory, not an article file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read ({e.strerror})") from None
    suffix = path.suffix.lower()
    kind = {".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "txt")
    return article_from_bytes(name, data, kind, **options)
