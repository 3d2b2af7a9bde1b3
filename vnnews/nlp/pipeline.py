"""The extraction pipeline: a `Doc` passed through one component per record type.

A component is a callable `component(doc) -> None` that adds records to the doc
(`doc.officials`, `doc.locations`, `doc.figures`, `doc.directives`). Components run in
order, so later ones may read what earlier ones found (instructions resolve their
speaker among the officials). The default pipeline is built once per process.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..models import Article, Record
from .doc import Doc

Component = Callable[[Doc], None]


class Pipeline:
    def __init__(self, components: Iterable[tuple[str, Component]]) -> None:
        self.components: list[tuple[str, Component]] = list(components)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def make_doc(self, text: str, article: dict | None = None, explain: bool = False) -> Doc:
        return Doc(text, article, explain=explain)

    def __call__(self, text: str, article: dict | None = None, explain: bool = False) -> Doc:
        doc = self.make_doc(text, article, explain=explain)
        for _, component in self.components:
            component(doc)
        return doc

    def extract(self, source: str | Article, input: str | None = None, explain: bool = False) -> Record:
        if isinstance(source, Article):
            article = source
        elif isinstance(source, str):
            article = Article(text=source)
        else:
            raise TypeError(f"extract() takes a str or an Article, not {type(source).__name__}")
        doc = self(article.text, article.meta(), explain=explain)
        return Record(
            text=doc.text,
            article=doc.article,
            input=input,
            officials=doc.officials,
            locations=doc.locations,
            figures=doc.figures,
            directives=doc.directives,
            explain=doc.explanations,
        )


def default_components() -> list[tuple[str, Component]]:
    from . import documents, figures, instructions, locations, officials

    return [
        ("officials", officials.annotate),
        ("locations", locations.annotate),
        ("figures", figures.annotate),
        ("documents", documents.annotate),
        ("instructions", instructions.annotate),
    ]


_DEFAULT: Pipeline | None = None


def get_pipeline() -> Pipeline:
    """The process-wide default pipeline (built on first use, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline(default_components())
    return _DEFAULT


def extract(source: str | Article, input: str | None = None, explain: bool = False) -> Record:
    """Extract officials, locations, figures and directives from an article or its text.

    With `explain=True` the record's `explain` lists which named rule kept, dropped or
    changed each candidate, in the order the rules ran.
    """
    return get_pipeline().extract(source, input=input, explain=explain)
