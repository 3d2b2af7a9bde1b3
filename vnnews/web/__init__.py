"""`vnnews serve`: a web page over the directive archive.

    from vnnews.web import create_app
    app = create_app("archive.db")      # a FastAPI app; the archive is opened read-only

See docs/web.md for the pages, the JSON API and the security notes.
"""
from __future__ import annotations

from .app import create_app
from .views import ArchiveUnavailable, ArchiveViews

__all__ = ["create_app", "ArchiveViews", "ArchiveUnavailable"]
