"""Decode page bytes: charset from the HTTP header, then `<meta>`, then detection.

A declaration is only trusted when the bytes agree with it: a page that says
`iso-8859-1` (or `windows-1258`) but is valid multi-byte UTF-8 is decoded as UTF-8, and a
page that says `utf-8` but is not valid UTF-8 falls through to the next clue.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_XML = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.I)


def header_charset(content_type: str | None) -> str | None:
    """The `charset=` of a Content-Type header, if any."""
    m = _HEADER.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset declared by `<meta charset>`/`http-equiv` or an XML declaration."""
    head = data[:4096]
    m = _XML.match(head) or _META.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _valid_utf8_with_multibyte(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """The encoding to decode `data` with, given the header's charset (`declared`)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for name in (_codec(declared), _codec(meta_charset(data))):
        if not name:
            continue
        if name != "utf-8" and _valid_utf8_with_multibyte(data):
            # Multi-byte UTF-8 is almost never valid by accident: the declaration is wrong.
            return "utf-8"
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue  # the bytes contradict the declaration: try the next clue
        return name
    if _valid_utf8_with_multibyte(data) or not any(b >= 0x80 for b in data):
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best else "utf-8"


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The text of a page (NFC), decoded by `detect_encoding`; undecodable bytes are replaced."""
    encoding = detect_encoding(data, declared)
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)
