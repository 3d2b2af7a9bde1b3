"""vnnews: mine Vietnamese provincial news.

    >>> import vnnews
    >>> record = vnnews.extract("Bí thư Huyện ủy Phan Song Toàn đề nghị: ...")
    >>> [o.name for o in record.officials]
    ['Phan Song Toàn']
"""
from .models import Article, Directive, Figure, Image, Location, Official, Record
from .nlp.pipeline import extract
from .version import __version__


def __getattr__(name: str):
    if name == "Archive":  # imported on demand: `import vnnews` stays light
        from .corpus.archive import Archive

        return Archive
    raise AttributeError(f"module 'vnnews' has no attribute {name!r}")


__all__ = ["extract", "Article", "Record", "Official", "Location", "Figure", "Directive", "Image", "Archive"]
