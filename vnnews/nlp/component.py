"""What a pipeline component reads and writes on a `Doc`, declared where it is defined.

As in spaCy, a component says which records it needs from components before it
(`requires`) and which it adds (`assigns`); `Pipeline` checks the order when it is built.
The names are the `Doc`'s record lists: `officials`, `locations`, `figures`, and the two
kinds of `doc.directives`: `documents` and `instructions`.

    >>> @declares(requires=("officials",), assigns=("instructions",))
    ... def annotate(doc): ...
    >>> annotate.requires, annotate.assigns
    (('officials',), ('instructions',))
"""
from __future__ import annotations

from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

RECORDS = ("officials", "locations", "figures", "documents", "instructions")


def declares(requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Mark a component function with what it requires and assigns (names from `RECORDS`)."""
    unknown = [r for r in requires + assigns if r not in RECORDS]
    if unknown:
        raise ValueError(f"unknown record {unknown[0]!r}: a component requires or assigns one of {', '.join(RECORDS)}")

    def mark(func: F) -> F:
        func.requires = tuple(requires)   # type: ignore[attr-defined]
        func.assigns = tuple(assigns)     # type: ignore[attr-defined]
        return func
    return mark


def requires(component: Callable) -> tuple[str, ...]:
    """What a component requires (nothing when it does not say)."""
    return tuple(getattr(component, "requires", ()))


def assigns(component: Callable) -> tuple[str, ...]:
    """What a component assigns (nothing when it does not say)."""
    return tuple(getattr(component, "assigns", ()))
