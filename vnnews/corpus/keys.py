"""Normalised keys for the archive: folded search text, canonical URLs, content hashes,
document-number and person keys.

`fold_lower(text)` is diacritic-free, lower-case and exactly as long as `text` (for NFC
text), so a match found in it indexes the original string too.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from ..nlp.textnorm import fold, key_lower, nfc


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            out = fold(ch).lower()
            if len(out) == 1 and out != ch:
                table[cp] = out
    table[0xD0] = "d"  # Ð (look-alike of Đ)
    table[0xF0] = "d"
    return table


_FOLD_TABLE = _build_fold_table()


def fold_lower(text: str) -> str:
    """Lower-case, diacritic-free, đ->d; same length as `text` (`Đồng Khởi` -> `dong khoi`)."""
    return text.translate(_FOLD_TABLE)


def nfc_fast(text: str) -> str:
    """NFC form of `text` (skips the work when it already is NFC)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold_index(text: str) -> str:
    """The folded text that is indexed and searched: no diacritics, đ->d, lower-case, and
    other non-ASCII characters dropped (`Đồng Khởi – 2m²` -> `dong khoi  2m2`). Fast; not
    length-preserving (use `fold_lower` for offsets)."""
    if len(text) < 160:
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    if "đ" in text:
        text = text.replace("đ", "d")
    if "Đ" in text:
        text = text.replace("Đ", "D")
    if "\u00d0" in text or "\u00f0" in text:
        text = text.replace("\u00d0", "D").replace("\u00f0", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


_fold_short = lru_cache(maxsize=65536)(_fold)


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _fkey(text: str) -> str:
    return " ".join(fold_lower(nfc(text)).split())


def fkey(text: str | None) -> str | None:
    """Folded lookup key: NFC, folded, lower-case, single spaces (`Bến  Tre` -> `ben tre`)."""
    if text is None:
        return None
    return _fkey(text) if len(text) < 200 else " ".join(fold_lower(nfc(text)).split())


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The key that identifies one person across articles: lower-case NFC name with the
    tone marks in one placement (diacritics kept: `Hải` and `Hài` are different people)."""
    return " ".join(key_lower(name).split())


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


@lru_cache(maxsize=16384)
def number_key(number: str | None) -> str | None:
    """Document number key: folded, upper-case, no spaces, dashes unified
    (`24/2022/NĐ-CP`, `24/2022/ND – CP` -> `24/2022/ND-CP`)."""
    if not number:
        return None
    key = fold_lower(nfc(number)).translate(_DASHES).upper()
    key = _SPACE.sub("", key)
    key = re.sub(r"^SO:?", "", key) if re.match(r"^SO:?\d", key) else key
    return key or None


def canonical_url(url: str | None) -> str | None:
    """A URL key for duplicate detection: the crawler's canonical form (tracking parameters
    dropped, query sorted; `vnnews.scrapers.urls.canonical`) without scheme, `www.`/`amp.`
    or trailing slash (`https://www.x.vn/a.html/?utm_source=f#c` -> `x.vn/a.html`)."""
    if not url or not url.strip():
        return None
    from ..scrapers.urls import canonical

    url = url.strip()
    try:
        parts = urlsplit(canonical(url if "://" in url else "http://" + url))
    except ValueError:
        return url
    host = parts.netloc
    for prefix in ("www.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    path = parts.path.rstrip("/")
    return host + path + ("?" + parts.query if parts.query else "")


def article_keys(text: str, url: str | None) -> tuple[str, str | None]:
    """What tells an article's copies apart: (`content_hash(text)`, `canonical_url(url)`)."""
    return content_hash(text), canonical_url(url)


def content_hash(text: str) -> str:
    """sha1 of the body text after NFC and lower-casing, ignoring white space (so the same
    text re-wrapped or re-spaced has the same hash)."""
    data = nfc_fast(text).lower().replace("\u00a0", " ").encode("utf-8")
    return hashlib.sha1(data.translate(None, b" \t\n\r\x0b\x0c")).hexdigest()
