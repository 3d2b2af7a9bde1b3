"""The documents component (first version; see the issue tracker for the full design)."""
from __future__ import annotations

from .doc import Doc


def annotate(doc: Doc) -> None:
    """Add documents to `doc`."""
