"""Generic article extraction for any news page (used when no site adapter matches)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from ..models import Article
from .errors import ParseError

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe")


def parse(html: str | bytes, url: str | None = None) -> Article:
    """Title and body paragraphs of a page; `ParseError` when it holds no article text."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_DROP):
        tag.decompose()
    title_tag = soup.find("h1") or soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    best, best_len = None, 0
    for container in soup.find_all(["article", "div", "section", "main", "body"]):
        paras = [p.get_text(" ", strip=True) for p in container.find_all("p", recursive=False)]
        size = sum(len(p) for p in paras if len(p) > 40)
        if size > best_len:
            best, best_len = paras, size
    if not best or best_len < 200:
        raise ParseError("no article body found (not an article page?)")
    text = "\n\n".join(p for p in best if p)
    return Article(text=re.sub(r"[ \t]+", " ", text), title=title, url=url)
