"""Argument types the `vnnews` commands share.

    >>> positive(int)("3"), positive(float)("0.5")
    (3, 0.5)
    >>> positive(int)("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: 0: must be above 0
"""
from __future__ import annotations

import argparse
from typing import Callable


def positive(kind: type) -> Callable[[str], int | float]:
    """An argparse type: a number of `kind` above zero (else a one-line usage error)."""
    def convert(value: str):
        number = kind(value)
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value}: must be above 0")
        return number

    convert.__name__ = kind.__name__  # argparse names the type in "invalid int value"
    return convert
