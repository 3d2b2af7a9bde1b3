"""The extraction pipeline: a `Doc` passed through one component per record type.

A component is a callable `component(doc) -> None` that adds records to the doc
(`doc.officials`, `doc.locations`, `doc.figures`, `doc.directives`), and says with
`component.declares` what it requires from the components before it and what it assigns.
Components run in order, so later ones may read what earlier ones found (instructions
resolve their speaker among the officials); the order is checked when a `Pipeline` is
built. The default pipeline is built once per process.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..models import Article, Record
from .component import assigns, requires
from .doc import Doc

Component = Callable[[Doc], None]


class PipelineOrderError(ValueError):
    """A component comes before the component that assigns what it requires."""


def check_order(components: Iterable[tuple[str, Component]]) -> None:
    """Raise `PipelineOrderError` when a component requires a record no component before it
    assigns: `instructions requires 'officials', which no component before it assigns
    (add 'officials' before 'instructions'; order: instructions, officials)`."""
    components = list(components)
    order = ", ".join(name for name, _ in components)
    have: dict[str, str] = {}
    for name, component in components:
        for record in requires(component):
            if record not in have:
                later = [n for n, c in components if record in assigns(c)]
                hint = f"put '{later[0]}' before '{name}'" if later else f"add a component that assigns '{record}'"
                raise PipelineOrderError(f"component '{name}' requires '{record}', which no component before it "
                                         f"assigns ({hint}; order: {order})")
        for record in assigns(component):
            have.setdefault(record, name)


class Pipeline:
    def __init__(self, components: Iterable[tuple[str, Component]]) -> None:
        self.components: list[tuple[str, Component]] = list(components)
        check_order(self.components)

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
